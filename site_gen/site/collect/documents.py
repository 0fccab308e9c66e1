"""Documents (文件): the rows of the books' document registers (文件题录) and the documents printed in
full, as one register across yearbooks, and the links from running text to them.

A register row and a full text are one document when the row's title is the full text's title or
quotes it (`…关于印发《上城区深入推进生活垃圾分类工作实施方案》的通知`). A document printed in full lives
at its own page; a document known only from a register gets a generated page under
`<yearbook>/documents/`. Text that cites a registered document by number (`上委〔2018〕23号`, any bracket
variant) or by 《title》 links to it; a title the register prints inside a longer one (`关于印发《X》的通知`)
links within the same yearbook when only one row holds it.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field

from markdown_it.token import Token

from site_gen.site.collect.inline_marks import Mark, link, mark_text
from site_gen.site.collect.tables import TableData
from site_gen.site.load.pages import Page, Site
from site_gen.slug import slugify

DOCUMENTS_PATH = "documents/"  # per yearbook, and at the site root across yearbooks
NUMBER_COLUMNS = {"文号", "发文字号"}
_NUMBER = re.compile(r"(?P<issuer>[\u4e00-\u9fff]{1,10}?)\s*[〔﹝［\[（(]\s*(?P<year>\d{4})\s*[〕﹞］\]）)]\s*"
                     r"(?:第\s*)?(?P<serial>\d{1,4})\s*号")
_QUOTED = re.compile(r"《(?P<title>[^《》]{4,80})》")
_YEAR_SUFFIX = re.compile(r"(\d{4})年")
MIN_QUOTED = 10  # characters: a shorter cited title is too likely to be part of an unrelated one


def number_key(text: str) -> str | None:
    """`上委﹝2021﹞ 1号`, `上委〔2021〕第1号` → `上委〔2021〕1号`: the same document however printed."""
    match = _NUMBER.fullmatch(text.strip())
    return f"{match['issuer']}〔{match['year']}〕{int(match['serial'])}号" if match else None


def number_word(text: str) -> str | None:
    """`上委办〔2018〕第34号` → `wh4e0a59d4529ey2018n34h`: one search word for a document's number, which
    the search page turns a typed number into (assets/search.js). Pagefind cuts a number into words and
    matches them by prefix (`1号` finds 10号, 107号); this word has no other word as its prefix: the issuer
    as its characters' code points, then the year and the serial, each closed by a letter."""
    match = _NUMBER.fullmatch(text.strip())
    if not match:
        return None
    issuer = "".join(f"{ord(char):x}" for char in match["issuer"])
    return f"wh{issuer}y{match['year']}n{int(match['serial'])}h"


@functools.cache  # called for every quoted title against every register row: memoised, it costs nothing
def title_key(text: str) -> str:
    """Titles compared without spacing, bracket width, quotes, or 年 after a year (`2018年—2020年`)."""
    text = "".join(text.split()).replace("(", "（").replace(")", "）").replace("《", "").replace("》", "")
    return _YEAR_SUFFIX.sub(r"\1", text)


@dataclass(eq=False, slots=True)
class Document:
    title: str
    book: Page  # the yearbook that prints it
    url: str
    number: str | None = None  # as printed
    issuer: str | None = None  # the number's prefix: 上委, 上政办函
    date: str | None = None
    register: tuple[Page, TableData] | None = None  # the register (table) that lists it
    text_page: Page | None = None  # the page with its full text
    mentions: list[Page] = field(default_factory=list)  # pages that link to it, in reading order

    @property
    def key(self) -> str:
        return (number_key(self.number) if self.number else None) or title_key(self.title)


@dataclass(slots=True)
class Documents:
    all: list[Document] = field(default_factory=list)
    by_number: dict[str, Document] = field(default_factory=dict)
    by_title: dict[str, Document] = field(default_factory=dict)
    by_page: dict[str, Document] = field(default_factory=dict)  # full-text page URL → its document

    def of_book(self, book: Page) -> list[Document]:
        return [d for d in self.all if d.book is book]

    def quoting(self, book: Page, title: str) -> Document | None:
        """The one register row of `book` whose title holds a cited title (`关于印发《X》的通知`,
        `…办公室关于X的通知` cited as 《X》 or 《关于X的通知》)."""
        key = title_key(title)
        if len(key) < MIN_QUOTED:
            return None
        found = [d for d in self.all if d.book is book and d.register is not None and key in title_key(d.title)]
        return found[0] if len(found) == 1 else None

    def generated(self) -> list[Document]:
        """Documents known only from a register: they need a page of their own."""
        return [d for d in self.all if d.text_page is None]


def gather(site: Site, tables: dict[str, list[tuple[Page, TableData]]]) -> Documents:
    """Every register row and every full-text page of the site, matched into documents."""
    docs = Documents()
    for book in site.yearbooks():
        taken: set[str] = set()
        for page, table in tables.get(book.url, []):
            if not table.columns or table.columns[0] not in NUMBER_COLUMNS or len(table.columns) < 3:
                continue
            for number, day, title, *_ in table.rows:
                match = _NUMBER.fullmatch(number.strip())
                slug = slugify(number_key(number) or title)
                while slug in taken:
                    slug += "-2"
                taken.add(slug)
                doc = Document(title, book, f"{book.url}{DOCUMENTS_PATH}{slug}/", number,
                               match["issuer"] if match else None, day, (page, table))
                docs.all.append(doc)
                docs.by_number.setdefault(doc.key, doc)
                docs.by_title.setdefault(title_key(title), doc)
    for page in site.pages:
        if page.kind == "document":
            doc = _row_of(docs, page) or Document(page.title, page.yearbook(), page.url)
            if doc.text_page is None:
                doc.text_page, doc.url = page, page.url
                docs.by_page[page.url] = doc
                if doc not in docs.all:
                    docs.all.append(doc)
                docs.by_title.setdefault(title_key(page.title), doc)
    return docs


def _row_of(docs: Documents, page: Page) -> Document | None:
    """The register row that names this full text: same title, else the row that quotes the title."""
    key = title_key(page.title)
    exact = docs.by_title.get(key)
    if exact is not None and exact.register is not None:
        return exact
    quoting = [d for d in docs.all if d.register is not None and d.text_page is None and key in title_key(d.title)]
    return quoting[0] if len(quoting) == 1 else None


def link_documents(tokens: list[Token], page: Page, docs: Documents) -> list[Document]:
    """Turn each cited number or 《title》 of a known document into a link; returns the documents linked
    (a page never links to itself)."""
    linked: list[Document] = []

    def find(text: str) -> list[Mark]:
        found: list[tuple[int, int, Document]] = []
        # The number pattern tries every run of Han characters as an issuer: skip texts without a 号.
        for match in _NUMBER.finditer(text) if "号" in text else ():
            issuer, rest = match["issuer"], text[match.end("issuer"):match.end()]
            for cut in range(len(issuer)):  # `根据杭政函〔2021〕25号`: the issuer is a suffix of the Han run
                doc = docs.by_number.get(number_key(issuer[cut:] + rest) or "")
                if doc is not None:
                    found.append((match.start("issuer") + cut, match.end(), doc))
                    break
        for match in _QUOTED.finditer(text):
            doc = docs.by_title.get(title_key(match["title"])) or docs.quoting(page.yearbook(), match["title"])
            if doc is not None and not any(s < match.end() and match.start() < e for s, e, _ in found):
                found.append((match.start("title"), match.end("title"), doc))
        found = [f for f in found if f[2].url != page.url]
        linked.extend(doc for _, _, doc in found if doc not in linked)
        return [link(start, end, doc.url, "doc-link") for start, end, doc in found]

    mark_text(tokens, find)
    return linked


def document_view(doc: Document) -> dict[str, object]:
    """What templates see of a document."""
    register = None
    if doc.register is not None:
        page, table = doc.register
        register = {"url": f"{page.url}#{table.anchor}", "label": table.label}
    return {"title": doc.title, "url": doc.url, "number": doc.number,
            "number_key": (number_key(doc.number) if doc.number else None) or "", "issuer": doc.issuer,
            "number_word": (number_word(doc.number) if doc.number else None) or "",
            "date": doc.date, "book": doc.book.title, "register": register,
            "full_text": doc.text_page.url if doc.text_page else None,
            "mentions": [{"url": p.url, "title": p.title, "book": p.yearbook().title} for p in doc.mentions]}
