"""The shapes a yearbook text comes in, and a reader for each that hands the structurer (wrapped.py)
lines it understands, whatever the shape:

- `wrapped`: hard-wrapped PDF text, any column width: a line is a fragment of a paragraph;
- `paragraphs`: one paragraph per line (Word/WPS "save as text", most OCR output): every line is whole,
  so a heading stands on a line of its own, and tables come as tab-separated rows;
- `markdown`: paragraphs with `#` heading levels, `**bold**` and pipe tables (PDF-to-Markdown tools);
  a Word manuscript reaches it as Markdown (word.py).

The shape is told by what the lines are, never by their width: a wrapped text's lines mostly stop
mid-sentence, a paragraph's end one. Where a shape marks heading levels, they are the hierarchy: the top
level present is the category (类目), the next the section (分目).
"""

from __future__ import annotations

import itertools
import re

from site_gen.yearbook import rules
from site_gen.yearbook.delimited_tables import PARAGRAPH_ENDS, cells_of, delimited_tables
from site_gen.yearbook.people import RECORD
from site_gen.yearbook.source import Line
from site_gen.yearbook.table_model import FoundTables
from site_gen.yearbook.text import compact, normalise_spaces
from site_gen.yearbook.unmerge import is_title, unmerged

CATEGORY, SECTION = 1, 2  # the levels the structurer reads (Line.level)
_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*$")
_BOLD_LINE = re.compile(r"^\*\*(.+?)\*\*(.*)$")
_BOLD_TITLE = re.compile(r"^\*\*[^*]+\*\*$")
_ENTRY_TEXT = r"[^*#|\s][^【】]*?[，。]"  # an entry's prose: no mark of a heading, bold or row opens it
# An entry as the genre prints it: `【title】` and its text on the same line.
_ENTRY_PARAGRAPH = re.compile(rf"^(?:\*\*)?【[^】]{{1,60}}】(?:\*\*)?\s*{_ENTRY_TEXT}")
_PROSE = re.compile(_ENTRY_TEXT)
_ENTRY_TITLE_LINE = re.compile(r"^(?:#{1,6}\s+)?(?:\*\*)?(【[^】]{1,60}】)(?:\*\*)?\s*$")
# The categories (类目) the genre's yearbooks name alike, wherever they stand.
GENRE_CATEGORIES = frozenset({"特载", "专文", "专记", "大事记", "人物", "附录"})
_OUTLINE_POINT = re.compile(r"^(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[）)]|\d{1,2}[.．、])")
_NAMES_A_BOOK = re.compile(r"(?:年鉴|志)(?:[（(]\d{4}[）)])?$")
_MONTH = re.compile(r"^\d{1,2}\s*月$")  # the chronicle's month headings
_PIPE_RULE = re.compile(r"^\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?$")
ENTRY_PARAGRAPHS = 1  # fewer 【title】prose lines: the text is no book of entries (a report, an award list)
WHOLE_LINES = 0.6  # share of lines ending a sentence above which lines are paragraphs, not wrapped


def entry_count(lines: list[Line]) -> int:
    """Entries as the genre prints them, `【title】` and its prose, its title set apart or not (an award
    list's `【title】` over names is no entry: 004)."""
    return sum(1 for k, line in enumerate(lines) if _ENTRY_PARAGRAPH.match(line.text)
               or (_title_over_text(lines, k) and _PROSE.match(lines[k + 1].text)))


def _title_over_text(lines: list[Line], k: int) -> bool:
    """`【title】` alone on its line (plain, bold or a heading) over its text: a manuscript, or a tool that
    made the bold title a paragraph or a heading of its own, set it apart."""
    if not _ENTRY_TITLE_LINE.match(lines[k].text) or k + 1 == len(lines):
        return False
    text = lines[k + 1].text  # prose, or an award list's names: no heading, title or row
    return not (text.startswith(("#", "|", "【")) or is_title(text) or cells_of(text) is not None)


def is_outline(lines: list[Line]) -> bool:
    """Markdown headings that form a tree (a 志's 编/章/节, `###` 卷 / `####` 类 / `#####` 辑): the top
    level used more than once, no level skipped on the way down, few of them numbered outline points.
    Noisy levels (a report whose `#` marks follow no hierarchy) are no tree."""
    headings = [m for line in lines if (m := _HEADING.match(line.text))]
    levels, titles = [len(m.group(1)) for m in headings], [_plain(m.group(2)) for m in headings]
    if titles and _book_title(levels, titles[0]):
        levels, titles = levels[1:], titles[1:]
    if len(levels) < 3 or levels.count(min(levels)) < 2 or levels[0] != min(levels):
        return False
    numbered = sum(bool(_OUTLINE_POINT.match(title)) for title in titles)
    return all(b <= a + 1 for a, b in itertools.pairwise(levels)) and numbered * 2 < len(titles)


def detect_shape(lines: list[Line]) -> str:
    """`markdown` if headings are marked with `#` (or set as lines wholly in bold, or tables as pipe rows
    over their rule), else `paragraphs` if most lines end a sentence, else `wrapped`."""
    if any(_HEADING.match(text) or _BOLD_TITLE.match(text) or ("|" in text and _PIPE_RULE.match(text))
           for text in (line.text for line in lines)):
        return "markdown"
    long = [line.text for line in lines if len(line.text) > 20 and cells_of(line.text) is None]  # rows end anyhow
    whole = sum(text.rstrip("*")[-1:] in PARAGRAPH_ENDS for text in long)
    return "paragraphs" if long and whole >= WHOLE_LINES * len(long) else "wrapped"


def read(lines: list[Line], shape: str) -> tuple[list[Line], FoundTables]:
    """The lines the structurer reads, and the tables the shape writes as delimited rows (tabs, pipes, box
    characters, HTML: delimited_tables.py); wrapped lines first have their run-together starts set apart."""
    if shape == "wrapped":
        lines = unmerged(lines)
        return lines, delimited_tables(lines)  # rows a tool wrote delimited are rows whatever the width
    lines = _titles_joined([line._replace(whole=True) for line in lines])
    lines = [_unmarked(line, shape == "markdown") for line in lines if not _PIPE_RULE.match(line.text)]
    headings = [k for k, line in enumerate(lines) if line.level]
    if headings and _book_title([lines[k].level for k in headings], lines[headings[0]].text):
        lines[headings[0]] = lines[headings[0]]._replace(level=0)  # a line of the text, not its one category
        headings = headings[1:]
    if not headings or (len({lines[k].level for k in headings}) == 1 and _stacked(lines, headings)):
        # No levels, or one level for all (bold lines, or every heading `#`): they are told as in paragraphs
        lines = _levelled(lines, set(headings))
    return lines, delimited_tables(lines)


def _titles_joined(lines: list[Line]) -> list[Line]:
    """An entry's `【title】` set on a line of its own joined to its text, as the genre prints it."""
    result: list[Line] = []
    k = 0
    while k < len(lines):
        if _title_over_text(lines, k):
            title = _ENTRY_TITLE_LINE.match(lines[k].text)
            assert title is not None
            result.append(lines[k]._replace(text=title[1] + lines[k + 1].text))
            k += 2
        else:
            result.append(lines[k])
            k += 1
    return result


def _stacked(lines: list[Line], headings: list[int]) -> bool:
    """Some heading stands right over another (or over its English subtitle over another): one level marks
    both categories and their sections."""
    marked = set(headings)
    return any(a + 1 in marked or (a + 2 in marked and rules.is_english_subtitle(lines[a + 1].text))
               for a in headings)


def _book_title(levels: list[int], first: str) -> bool:
    """The first heading is the only one of the top level, more follow it, and it names a book
    (`某县年鉴（2024）`, `某县志`): the book's title. Otherwise it is the text's one category (000)."""
    return len(levels) > 1 and levels[0] < min(levels[1:]) and bool(_NAMES_A_BOOK.search(compact(first)))


def _unmarked(line: Line, levels: bool) -> Line:
    """A Markdown line as text: a heading's level kept apart (where `levels`: `#` marks them; an entry's
    `【title】` is no level), bold around a whole title or line dropped."""
    heading = _HEADING.match(line.text) if levels else None
    if heading and _ENTRY_TITLE_LINE.match(heading.group(2)):  # `### 【title】`: an entry's title, no level
        return line._replace(text=_plain(heading.group(2)))
    if heading:
        return line._replace(text=_plain(heading.group(2)), level=len(heading.group(1)))
    bold = _BOLD_LINE.match(line.text)
    if bold:
        return line._replace(text=bold.group(1) + bold.group(2))
    return line


def _plain(text: str) -> str:
    while (bold := _BOLD_LINE.match(text)) is not None and not bold.group(2):
        text = bold.group(1)
    return normalise_spaces(text)


def _levelled(lines: list[Line], headings: set[int]) -> list[Line]:
    """Paragraph text marks no levels: a title standing right before an entry is a section, one or more
    titles before that section (or a title over an English subtitle) a category, and so is a title over
    another that opens the chronicle (大事记 over `1月`) or the people (人物 over a group title over a
    record), and a line that is one of the categories every yearbook of the genre names alike. The
    `headings` a text marked at one level for all are titles whatever their words."""
    lines = [line._replace(level=0) for line in lines]
    result = list(lines)
    for i, line in enumerate(lines):
        following = lines[i + 1].text if i + 1 < len(lines) else ""
        if not (i in headings or is_title(line.text)):
            continue
        if rules.is_english_subtitle(following) or _opens_category(lines, i):
            result[i] = line._replace(level=CATEGORY)
        elif following.startswith("【"):
            result[i] = line._replace(level=SECTION)
            k = i - 1
            while k >= 0 and (k in headings or is_title(lines[k].text)) and result[k].level == 0:
                result[k] = lines[k]._replace(level=CATEGORY)
                k -= 1
    return result


def _opens_category(lines: list[Line], i: int) -> bool:
    following, after = (lines[k].text if k < len(lines) else "" for k in (i + 1, i + 2))
    if compact(lines[i].text) in GENRE_CATEGORIES:
        return True
    return is_title(following) and bool(_MONTH.match(following) or RECORD.match(after))
