"""Tables a shape writes as rows of delimited cells: tab-separated (a manuscript saved as text), pipe
rows (Markdown), box-drawn rows (`│ 乡 │ 户 │`, as gazetteer conversions print them) and HTML `<table>`
(what PDF-to-Markdown tools write for merged cells). A `表N title` (or a title line over `表N`) before
the rows labels the table; rows without one are still a table, unnumbered, if at least two lines of at
least two cells stand together.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

from site_gen.yearbook.source import Line
from site_gen.yearbook.table_model import FoundTables, Table
from site_gen.yearbook.text import compact, normalise_spaces

_TABLE_LABEL = re.compile(r"^续?表\s*(\d+)\s*(.*)$")
_PIPE_ROW = re.compile(r"^\|(.*)\|$")
_BOX_ROW = re.compile(r"^[│┃|](.*)[│┃|]$")
BOX_RULE = re.compile(r"^[┌┬┐├┼┤└┴┘─━┏┳┓┣╋┫┗┻┛═╔╦╗╠╬╣╚╩╝│┃+\-=| ]+$")  # a drawn border: no cell text
_DRAWN = re.compile(r"[\u2500-\u257f+]")  # not a Markdown thematic break (`---`)
_BOTTOM = "└╚┗"  # a box's bottom border ends its table
_HTML_OPEN = re.compile(r"^<table\b", re.IGNORECASE)
_HTML_CLOSE = re.compile(r"</table\s*>", re.IGNORECASE)
PARAGRAPH_ENDS = "。！？；）)”」』】…"  # how a whole paragraph (not a title) ends
SENTENCE_ENDS = "。！？；…"  # a title's line may end with `（单位）` or a quote, never with these
TITLE_MAX = 60  # characters: a table title printed on the line above its number is no longer
MIN_ROWS = 2  # lines of cells that make an unlabelled table (a header and a row)


def delimited_tables(lines: list[Line]) -> FoundTables:
    found = FoundTables()
    i = 0
    while i < len(lines):
        label = _label(lines, i)
        start, number, title = label if label else (i, None, "")
        first = i + 1 if label else i
        if label and title:
            title, first = _title_goes_on(lines, first, title)
        rows, end, drawn = _html_rows(lines, first) if first < len(lines) and _HTML_OPEN.match(lines[first].text) \
            else _rows(lines, first)
        if len(rows) < (1 if drawn else MIN_ROWS) or (label is None and max(len(row) for row in rows) < 2):
            i += 1
            continue
        width = max(len(row) for row in rows)
        padded: list[list[str | None]] = [[*row, *[""] * (width - len(row))] for row in rows]
        found.at[start] = Table(number, title, [cell or "" for cell in padded[0]], padded[1:],
                                [lines[start].number, lines[end - 1].number])
        found.consumed |= set(range(start, end))
        i = end
    return found


def _rows(lines: list[Line], j: int) -> tuple[list[list[str | None]], int, bool]:
    """Rows of delimited cells from line `j`, the index after the last, and whether borders were drawn
    around them (a drawn box of one row is a table too)."""
    rows: list[list[str | None]] = []
    drawn = False
    kind = ""  # the first row's delimiter: a table of tabs does not go on into pipes, nor a box
    while j < len(lines):
        text = lines[j].text
        if BOX_RULE.match(text) and _DRAWN.search(text):
            j, drawn = j + 1, True  # a border, drawn in box characters or `+---+`
            if rows and text.lstrip()[:1] in _BOTTOM:
                break
            continue
        cells = cells_of(text)
        if cells is None or kind not in ("", _kind(text)):
            break
        kind = _kind(text)
        rows.append(list(cells))
        j += 1
    return rows, j, drawn


def _kind(text: str) -> str:
    return "tab" if "\t" in text else text[:1]


def _html_rows(lines: list[Line], j: int) -> tuple[list[list[str | None]], int, bool]:
    """The rows of an HTML table opening on line `j`; a cell a row span covers is None (merged)."""
    end = j
    while end < len(lines) and not _HTML_CLOSE.search(lines[end].text):
        end += 1
    if end == len(lines):
        return [], j + 1, False
    parser = _HtmlTable()
    parser.feed("\n".join(line.text for line in lines[j:end + 1]))
    parser.close()
    return parser.grid(), end + 1, False


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


def _title_goes_on(lines: list[Line], j: int, title: str) -> tuple[str, int]:
    """A label's title wrapped over lines before the rows, up to TITLE_MAX characters: (the whole title, the
    rows' first line)."""
    for k in range(j, len(lines)):
        if cells_of(lines[k].text) is not None or _HTML_OPEN.match(lines[k].text):
            whole = normalise_spaces(" ".join([title, *(line.text for line in lines[j:k])]))
            return (whole, k) if k > j else (title, j)
        if lines[k].text[-1:] in SENTENCE_ENDS or \
                len(compact(title + "".join(line.text for line in lines[j:k + 1]))) > TITLE_MAX:
            break
    return title, j


def _label(lines: list[Line], i: int) -> tuple[int, str, str] | None:
    """(index of the label's first line, number, title) of a table label on line `i`."""
    match = _TABLE_LABEL.match(lines[i].text)
    if not match:
        return None
    if match.group(2):
        return i, match.group(1), normalise_spaces(match.group(2))
    above = lines[i - 1].text if i > 0 else ""
    if above and cells_of(above) is None and len(compact(above)) <= TITLE_MAX and above[-1:] not in PARAGRAPH_ENDS:
        return i - 1, match.group(1), normalise_spaces(above)  # the title printed above its number
    return i, match.group(1), ""


def cells_of(text: str) -> list[str] | None:
    """The cells of a tab-separated, pipe or box-drawn row; None if the line is no row."""
    if "\t" in text:
        return [normalise_spaces(cell) for cell in text.split("\t")]
    pipe = _PIPE_ROW.match(text)
    if pipe:
        return [normalise_spaces(cell.replace("\\|", "|")) for cell in re.split(r"(?<!\\)\|", pipe.group(1))]
    box = _BOX_ROW.match(text)
    if box:
        return [normalise_spaces(cell) for cell in re.split(r"[│┃]", box.group(1))]
    return None
