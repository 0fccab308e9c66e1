"""The typed model of a parsed yearbook: Yearbook → Category → Section → Entry."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from site_gen.yearbook.profiles import Profile
from site_gen.yearbook.text import compact


@dataclass(frozen=True, slots=True)
class IndexTerm:
    term: str
    page: int
    column: str  # "", "a", "b" or "c"
    line: int

    @property
    def key(self) -> str:
        return compact(self.term)

    @property
    def locator(self) -> str:
        return f"{self.page}{self.column}"

    @property
    def order(self) -> tuple[int, str]:
        return (self.page, self.column)


@dataclass(frozen=True, slots=True)
class BookIndex:
    terms: tuple[IndexTerm, ...]
    tables: tuple[IndexTerm, ...]


class Dropped(NamedTuple):
    """A source line left out of the pages, and why (an editor checks these in the import report)."""

    line: int
    text: str
    reason: str
    pdf_page: int | None = None  # the PDF page it was printed on (a PDF's source line is a Markdown line)

    @property
    def shown(self) -> str:
        """Its text as the report lists it: with its PDF page, where it has one."""
        return f"{self.text}（PDF第{self.pdf_page}页）" if self.pdf_page else self.text


CONTROL = "控制字符"  # a character no page can show (BEL, ESC), left out
FOLIO = "页码"
RUNNING_HEAD = "书眉"
SHADOW_TITLE = "重复印出的标题"
BOOK_TITLE = "书名"  # the book's title over its headings: the site shows it on the book's page
STRAY_DIGIT = "孤立的数字"
REPEATED_HEADER = "续表重复的表头"
CONTINUATION = "续表标记"
REPEATED_LABEL = "重复的图片栏目名"
CREDIT_LABEL = "署名标签"  # `撰稿：` before a credit's names: the names are the page's authors
CREDIT_UNIT = "署名单位"  # `区教育局` before a credit's names: the unit, not a person, so not an author
IMAGE = "图片（未导入）"  # a Markdown tool's `![](images/…)` line: a photo's place, no text of the book
# An HTML comment or `{{…}}` placeholder a converter or an OCR run left: no text of the book.
COMMENT_LEFT = "转换工具的注释"


@dataclass(slots=True)
class PdfPages:
    """How a PDF source's pages were read: by their text layer, by OCR (scans), or not at all (blank)."""

    file: str
    count: int
    ocr: list[int]  # the PDF pages read by OCR
    textless: list[int]  # the PDF pages with no text, even by OCR
    uncertain: list[tuple[int, str, float]]  # lines the OCR was unsure of: (PDF page, text, confidence)


@dataclass(slots=True)
class SourceSpan:
    """Where a piece came from: `sources/<file>:<first>-<last>`."""

    file: str
    first: int
    last: int

    def extend(self, line: int) -> None:
        self.first = min(self.first, line)
        self.last = max(self.last, line)

    def __str__(self) -> str:
        return f"sources/{self.file}:{self.first}-{self.last}"


@dataclass(slots=True)
class Entry:
    """A leaf page: an entry (条目), or a document, table or list from a Markdown-style text."""

    title: str
    span: SourceSpan
    kind: str = "entry"
    blocks: list[str] = field(default_factory=list)  # Markdown blocks (paragraphs, headings, tables)
    authors: list[str] = field(default_factory=list)
    credit_line: int | None = None  # the line of the credit that closes this entry's group
    chronicle: bool = False  # its blocks are a chronicle's: dated events
    page: str | None = None
    index_term: str | None = None  # the book's index words this entry's title differently
    person: dict[str, str | None] | None = None  # a person record (人物): name, gender, born
    continued: bool = False  # goes on with the entry the book's text before its source ended in
    group: str | None = None  # the 子目 it stands under: a title between its section's title and its entries


@dataclass(slots=True)
class Section:
    title: str
    span: SourceSpan
    blocks: list[str] = field(default_factory=list)  # text of the section outside its entries
    entries: list[Entry] = field(default_factory=list)
    page: str | None = None
    chronicle: bool = False  # its blocks are a chronicle's: dated events
    continued: bool = False  # goes on with the section the book's text before its source ended in


@dataclass(slots=True)
class Category:
    title: str
    span: SourceSpan
    blocks: list[str] = field(default_factory=list)  # text of the category outside its sections
    sections: list[Section] = field(default_factory=list)
    subtitle: str | None = None
    page: str | None = None
    chronicle: bool = False  # its blocks are a chronicle: month headings and dated events
    continued: bool = False  # goes on with the category the book's text before its source ended in


@dataclass(slots=True)
class Part:
    """What one source text yields: categories, plus pages outside them (front matter, the book's index)."""

    categories: list[Category] = field(default_factory=list)
    front: list[Entry] = field(default_factory=list)
    back: list[Entry] = field(default_factory=list)
    dropped: list[Dropped] = field(default_factory=list)
    credits: list[tuple[int, list[str]]] = field(default_factory=list)  # author credits: (line, names)
    index: BookIndex | None = None  # the book's own index, when the text prints one
    profile: Profile | None = None  # the genre profile the text was read with
    open: tuple[Any, ...] = ()  # the headings open where the text ends (rules/tree.py's), for the next text


@dataclass(slots=True)
class Yearbook:
    id: str
    title: str
    edition: int
    covers: int
    sources: list[str]
    categories: list[Category] = field(default_factory=list)
    front: list[Entry] = field(default_factory=list)
    back: list[Entry] = field(default_factory=list)
    dropped: list[tuple[str, Dropped]] = field(default_factory=list)  # (source file, dropped line)
    credits: list[tuple[str, int, list[str]]] = field(default_factory=list)  # (source file, line, names)
    index: BookIndex | None = None
    source_han: Counter[str] = field(default_factory=Counter)  # Han characters of its source texts
    profiles: list[Profile] = field(default_factory=list)  # the profile each source text was read with
    profile_named: str | None = None  # how site.yaml names the profile (`志`, `sources/x.yaml`); None: detected
    pdf_pages: list[PdfPages] = field(default_factory=list)  # each PDF source: how its pages were read

    def entries(self) -> list[Entry]:
        return [e for c in self.categories for s in c.sections for e in s.entries]
