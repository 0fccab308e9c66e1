"""Parser for the Markdown-style texts (003, 004): one paragraph per line, noisy heading levels.

Heading levels carry no hierarchy here, so structure comes from what follows a line: a `——在…`
line makes a report, `表 N` makes a table, a date line closes a document, 【…】 opens an award list.
"""

from __future__ import annotations

import re

from site_gen.yearbook.model import CONTINUATION, REPEATED_HEADER, Category, Dropped, Entry, Part, Section, SourceSpan
from site_gen.yearbook.rules import name_grid
from site_gen.yearbook.source import Line
from site_gen.yearbook.table_model import Table, table_number
from site_gen.yearbook.text import fullwidth_punctuation, normalise_spaces

_HEADING = re.compile(r"^#{1,6}\s*(.*?)\s*#*$")
_BOLD = re.compile(r"^\*\*(.+?)\*\*$")
_LIST_TITLE = re.compile(r"^(?:\*\*)?【(.+?)】(?:\*\*)?(.*)$")
_SECTION_TITLE = re.compile(r"^[\u4e00-\u9fff]{2,8}$")
_DATE_LINE = re.compile(r"^\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日$")
_MARKED = re.compile(r"^(【|#|——)|^\*\*[^*]*\*\*$")  # bold labels, list titles, headings: never continuations
_SENTENCE_OPEN = re.compile(r"[^。！？；：.!?;:”」）)\]]$")
# `**注释 国家可持续发展实验区：**原名为…` opens a report's notes; `**省创新型城区：**…` continues them.
_NOTE_ITEM = re.compile(r"^\*\*(?:注释\s*)?(?P<term>[^*：:]{1,40})(?:[：:]\*\*|\*\*[：:])(?P<text>.+)$")
NOTES_TITLE = "注释"
DOCUMENTS_SECTION = "文件辑录"
JOIN_MIN_LENGTH = 16  # a paragraph cut by a page break is a long line; short lines are titles or names


_NUMBERING_LEVELS = (  # heading level from the numbering: `一、` > `（一）` > `1.`
    (re.compile(r"^[一二三四五六七八九十]+、"), 2),
    (re.compile(r"^（[一二三四五六七八九十]+）"), 3),
    (re.compile(r"^\d{1,2}[.．、]\D"), 4),
)
NUMBERED_HEADING_MAX = 40  # a numbered plain line this short is a heading; a longer one is a lead-in paragraph


def parse_markdown_text(lines: list[Line], file: str, category: str) -> Part:
    lines = [Line(line.number, fullwidth_punctuation(line.text), line.indented) for line in lines if line.text]
    lines = _rejoin_split_paragraphs(lines)
    builder = _Builder(file, Category(category, SourceSpan(file, lines[0].number, lines[-1].number)))
    i = 0
    while i < len(lines):
        i = builder.step(lines, i)
    return builder.part


def _plain(text: str) -> str:
    """A heading or bold line's text without its Markdown marks."""
    match = _HEADING.match(text)
    text = match.group(1) if match else text
    while (bold := _BOLD.match(text)) is not None:
        text = bold.group(1)
    return normalise_spaces(text)


def _rejoin_split_paragraphs(lines: list[Line]) -> list[Line]:
    """Paragraphs cut mid-sentence by a page break continue on the next plain line."""
    result: list[Line] = []
    for line in lines:
        prev = result[-1] if result else None
        if prev and len(prev.text) >= JOIN_MIN_LENGTH and _SENTENCE_OPEN.search(prev.text) \
                and not _MARKED.search(prev.text) and not _MARKED.search(line.text) \
                and not _HEADING.match(prev.text) and not _HEADING.match(line.text) \
                and "\t" not in prev.text + line.text and not table_number(line.text) \
                and name_grid(prev.text) is None and name_grid(line.text) is None \
                and (len(line.text) >= JOIN_MIN_LENGTH // 2 or line.text[-1:] in "。！？"):
            result[-1] = Line(prev.number, prev.text + line.text, prev.indented)
        else:
            result.append(line)
    return result


class _Builder:
    def __init__(self, file: str, category: Category) -> None:
        self.file = file
        self.category = category
        self.part = Part(categories=[category])
        self.section: Section | None = None
        self.page: Entry | None = None
        self.after_date = False
        self.grid_open = False  # the last block is a name grid the next grid line continues

    def step(self, lines: list[Line], i: int) -> int:
        line = lines[i]
        nxt = lines[i + 1].text if i + 1 < len(lines) else ""
        if table_number(nxt) and not table_number(line.text):
            return self._table(lines, i)
        if _NOTE_ITEM.match(line.text):
            return self._notes(lines, i)
        title = _plain(line.text)
        heading = bool(_HEADING.match(line.text))
        if _SECTION_TITLE.match(title) and (heading or i == 0) and not nxt.startswith("——"):
            self._open_section(title, line)
        elif nxt.startswith("——") or (heading and self._in_documents() and
                                       (self.after_date or self.page is None)):
            self._open_page(title, line, "document")
        elif (match := _LIST_TITLE.match(line.text)) is not None:
            self._open_page(normalise_spaces(match.group(1)), line, "list")
            rest = match.group(2).strip()
            if rest:
                self._add(Line(line.number, rest, False))
        else:
            self._add(line)
        self.after_date = bool(_DATE_LINE.match(title))
        return i + 1

    def _notes(self, lines: list[Line], i: int) -> int:
        """A report's 注释: `**注释 term：**definition`, then `**term：**definition` items → one glossary."""
        items: list[list[str]] = []
        j = i
        while j < len(lines):
            text = lines[j].text
            if (match := _NOTE_ITEM.match(text)) is not None:
                items.append([match["term"], match["text"]])
            elif items[-1][1][-1:] not in "。！？" and not _HEADING.match(text) and not _MARKED.search(text):
                items[-1][1] += text  # the definition goes on after a page break
            else:
                break
            self._extend(lines[j])
            j += 1
        entries = [f"{normalise_spaces(term)}\n: {normalise_spaces(text)}" for term, text in items]
        holder = self.page or self.section or self.category
        holder.blocks.append("::: glossary\n" + "\n\n".join([NOTES_TITLE, *entries]) + "\n:::")
        return j

    def _extend(self, line: Line) -> None:
        holder: Entry | Section | Category = self.page or self.section or self.category
        holder.span.extend(line.number)
        if self.section:
            self.section.span.extend(line.number)

    def _in_documents(self) -> bool:
        return self.section is not None and self.section.title == DOCUMENTS_SECTION

    def _open_section(self, title: str, line: Line) -> None:
        self.section = Section(title, SourceSpan(self.file, line.number, line.number))
        self.category.sections.append(self.section)
        self.page = None

    def _open_page(self, title: str, line: Line, kind: str) -> Entry:
        if self.section is None:
            self._open_section(self.category.title, line)
        assert self.section is not None
        self.page = Entry(title, SourceSpan(self.file, line.number, line.number), kind=kind)
        self.section.entries.append(self.page)
        return self.page

    def _add(self, line: Line) -> None:
        self._extend(line)
        holder: Entry | Section | Category = self.page or self.section or self.category
        text = line.text
        level = heading_level(text)
        names = name_grid(text)
        if level:
            holder.blocks.append("#" * level + " " + _plain(text))
        elif names and self.grid_open and holder.blocks:
            holder.blocks[-1] += "、" + "、".join(names)  # the grid goes on: one list of names
        elif names:
            holder.blocks.append("、".join(names))
        else:
            holder.blocks.append(normalise_spaces(text))
        self.grid_open = names is not None

    def _table(self, lines: list[Line], i: int) -> int:
        """`title` / `表 N` / tab-separated rows, continued after `续表 N` with the header repeated."""
        number = table_number(lines[i + 1].text)
        assert number is not None
        title = _plain(lines[i].text)
        page = self._open_page(f"表{number['number']} {title}", lines[i], "table")
        rows: list[list[str]] = []
        j = i + 2
        while j < len(lines) and ("\t" in lines[j].text or table_number(lines[j].text)):
            cells = [normalise_spaces(cell) for cell in lines[j].text.split("\t")]
            if "\t" in lines[j].text and (not rows or cells != rows[0]):
                rows.append(cells)
            else:  # `续表 N` and the header row a continuation repeats
                reason = CONTINUATION if table_number(lines[j].text) else REPEATED_HEADER
                self.part.dropped.append(Dropped(lines[j].number, lines[j].text, reason))
            page.span.extend(lines[j].number)
            j += 1
        if rows:
            width = max(len(row) for row in rows)
            table = Table(number["number"], title, _padded(rows[0], width),
                          [list(_padded(row, width)) for row in rows[1:]], [lines[i].number, page.span.last])
            page.blocks.append(table.markdown())
        self.page = None
        return j


def heading_level(text: str) -> int:
    """The level a line gets as a heading inside a page (0: not a heading).

    The texts' own `#` levels are noise, so the level comes from the numbering; a plain line is a
    heading only if it is numbered and short (`（一）构建…体系建设。`), not a numbered lead-in paragraph.
    """
    marked = _HEADING.match(text) is not None
    plain = _plain(text)
    for pattern, level in _NUMBERING_LEVELS:
        if pattern.match(plain):
            return level if marked or (len(plain) <= NUMBERED_HEADING_MAX and plain.count("。") <= 1
                                       and not plain.startswith("**")) else 0
    return 2 if marked else 0


def _padded(row: list[str], width: int) -> list[str]:
    return row + [""] * (width - len(row))
