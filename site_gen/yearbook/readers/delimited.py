"""Rows a shape writes with delimited cells, read as table blocks: tab-separated (a manuscript saved as text),
pipe rows (Markdown), box-drawn rows (`┃ 乡 │ 户 ┃`, as gazetteer conversions print them) and HTML `<table>`
(what PDF-to-Markdown tools write for merged cells). Which of them is a numbered table, and its title, is for
the table rule to say (rules/tables.py).

A box-drawn table whose rows are separated by ruled lines (`┠──┼──┨`) prints a wrapped cell over several
physical lines between two rules: those lines are one row, each cell's pieces joined.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

from site_gen.yearbook.readers.block import TABLE, Block
from site_gen.yearbook.text import join_wrapped, normalise_spaces

_PIPE_ROW = re.compile(r"^\|(.*)\|$")
_BOX_ROW = re.compile(r"^[│┃|┠├](.*)[│┃|┨┤]$")  # (a row of merged cells mixes text and rule pieces)
_OPENERS, _CLOSERS = "┃│┠├", "┃│┨┤"
_MAY_OPEN = frozenset("|┃│┠├<┌┏├┣╔╠└┗╚┬┳╦─━═+-=")  # the first character of a row, a border or `<table`
_BOX_CELL = re.compile(r"[│┃├┤┼┨┠]")
_RULE_PIECE = re.compile(r"^[─━┬┴┯┷┼┿╂\s]*$")  # a piece of rule inside a row: an empty cell
BOX_RULE = re.compile(r"^[┌┬┐├┼┤└┴┘─━┏┳┓┣╋┫┗┻┛═╔╦╗╠╬╣╚╩╝┠┨┯┷┿╂│┃+\-=| ]+$")  # a drawn border: no cell text
_DRAWN = re.compile(r"[\u2500-\u257f+]")  # not a Markdown thematic break (`---`)
_PIPE_RULE = re.compile(r"^\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?$")  # a Markdown table's header rule
_BOTTOM = "└╚┗"  # a box's bottom border ends its table
_HTML_OPEN = re.compile(r"^<table\b", re.IGNORECASE)
_HTML_CLOSE = re.compile(r"</table\s*>", re.IGNORECASE)


def with_tables(lines: list[Block]) -> list[Block]:
    """`lines` with each run of delimited rows (or an HTML table) as one table block."""
    result: list[Block] = []
    i = 0
    while i < len(lines):
        text = lines[i].text
        if text[:1] not in _MAY_OPEN and "\t" not in text:  # most lines: no row, border or table opens them
            result.append(lines[i])
            i += 1
            continue
        if _HTML_OPEN.match(text):
            rows, end = _html_rows(lines, i)
            drawn = False
        else:
            rows, end, drawn = _rows(lines, i)
        if not rows:
            result.append(lines[i])
            i += 1
            continue
        source = tuple(lines[i:end])
        result.append(Block(lines[i].number, "", lines[i].indented, kind=TABLE, whole=lines[i].whole,
                            rows=tuple(tuple(row) for row in rows), lines=source, drawn=drawn))
        i = end
    return result


def _rows(lines: list[Block], j: int) -> tuple[list[list[str | None]], int, bool]:
    """Rows of delimited cells from line `j`, the index after the last, and whether borders were drawn
    around them (a drawn box of one row is a table too). Where rules separate the rows (three groups of
    lines or more between borders), each group is one row; with a rule under the header alone, the lines
    above it are the header."""
    groups: list[list[list[str]]] = [[]]  # the lines between two borders
    drawn = False
    kind = ""  # the first row's delimiter: a table of tabs does not go on into pipes, nor a box
    while j < len(lines):
        text = lines[j].text
        if _is_border(text):
            drawn = drawn or bool(_DRAWN.search(text))
            j += 1
            if groups[-1]:
                groups.append([])
            if text.lstrip()[:1] in _BOTTOM and any(groups):
                break
            continue
        cells = cells_of(text)
        cut = cells is None and _cut_row(lines, j)
        if cut:  # a row a stray line break cut in two (`┃ 王` / `崖 │ 同治十年任 │ …┃`)
            text = text + lines[j + 1].text
            cells = cells_of(text)
        if cells is None or kind not in ("", _kind(text)):
            break
        kind = _kind(text)
        groups[-1].append(cells)
        j += 2 if cut else 1
    found = [group for group in groups if group]
    if len(found) >= 3:
        return [_joined(group) for group in found], j, drawn
    rows: list[list[str | None]] = [list(cells) for group in found[-1:] for cells in group]
    if len(found) == 2:
        return [_joined(found[0]), *rows], j, drawn
    return rows, j, drawn


def _cut_row(lines: list[Block], j: int) -> bool:
    """Line `j` opens a box's row and the next closes it: one row a line break cut."""
    return j + 1 < len(lines) and lines[j].text[:1] in _OPENERS and lines[j + 1].text[-1:] in _CLOSERS \
        and lines[j + 1].text[:1] not in _OPENERS and lines[j].text[-1:] not in _CLOSERS


def _is_border(text: str) -> bool:
    return bool(BOX_RULE.match(text)) and (bool(_DRAWN.search(text)) or bool(_PIPE_RULE.match(text)))


def _joined(lines: list[list[str]]) -> list[str | None]:
    """The physical lines of one row as one row: each column's pieces joined as wrapped text."""
    width = max(len(cells) for cells in lines)
    return [join_wrapped([cells[c] for cells in lines if c < len(cells)]) for c in range(width)]


def _kind(text: str) -> str:
    """The delimiter of a row: tabs, pipes, or box drawing (`┃`, `│`, a rule piece opening a row of merged cells)."""
    return "tab" if "\t" in text else "|" if text[:1] == "|" else "box"


def _html_rows(lines: list[Block], j: int) -> tuple[list[list[str | None]], int]:
    """The rows of an HTML table opening on line `j` and the index after it; a cell a row span covers is
    None (merged). No rows if the table is not closed."""
    end = j
    while end < len(lines) and not _HTML_CLOSE.search(lines[end].text):
        end += 1
    if end == len(lines):
        return [], j
    parser = _HtmlTable()
    parser.feed("\n".join(line.text for line in lines[j:end + 1]))
    parser.close()
    return parser.grid(), end + 1


class _HtmlTable(HTMLParser):
    """Cells of `<tr>`/`<td>`/`<th>` with their spans; text of any other tag is kept in its cell."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.rows: list[list[tuple[str, int, int]]] = []  # (text, rowspan, colspan)
        self._cell: list[str] | None = None
        self._spans = (1, 1)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "tr":
            self.rows.append([])
        elif tag in ("td", "th"):
            found = dict(attrs)
            self._cell, self._spans = [], (_span(found.get("rowspan")), _span(found.get("colspan")))
        elif tag == "br" and self._cell is not None:
            self._cell.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th") and self._cell is not None:
            if not self.rows:
                self.rows.append([])
            self.rows[-1].append((normalise_spaces("".join(self._cell)), *self._spans))
            self._cell = None

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)

    def grid(self) -> list[list[str | None]]:
        """The cells laid on a grid: a column span repeats nothing (the cells it covers are empty), a row
        span marks the cells below as merged with it."""
        grid: list[list[str | None]] = []
        below: dict[tuple[int, int], None] = {}  # (row, column) covered by a row span from above
        for r, row in enumerate(self.rows):
            out: list[str | None] = []
            for text, rowspan, colspan in row:
                while (r, len(out)) in below:
                    out.append(None)
                for extra in range(1, rowspan):
                    for c in range(colspan):
                        below[(r + extra, len(out) + c)] = None
                out += [text, *[""] * (colspan - 1)]
            while (r, len(out)) in below:
                out.append(None)
            grid.append(out)
        return [row for row in grid if row]


def _span(value: str | None) -> int:
    return int(value) if value and value.isdigit() and 0 < int(value) < 100 else 1


def cells_of(text: str) -> list[str] | None:
    """The cells of a tab-separated, pipe or box-drawn row; None if the line is no row."""
    if "\t" in text:
        return [normalise_spaces(cell) for cell in text.split("\t")]
    pipe = _PIPE_ROW.match(text)
    if pipe:
        return [normalise_spaces(cell.replace("\\|", "|")) for cell in re.split(r"(?<!\\)\|", pipe.group(1))]
    box = _BOX_ROW.match(text)
    if box:
        return ["" if _RULE_PIECE.match(cell) else normalise_spaces(cell) for cell in _BOX_CELL.split(box.group(1))]
    return None
