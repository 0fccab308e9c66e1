"""Tables in pages: `::: table 表N 标题` blocks → `<table>` with caption, row spans and right-aligned
numbers, and the same table as data (CSV download, data export, the table index).

A markdown-it core rule does the work once per page, on the parsed tokens, and leaves each table's data
on its container token, so rendering and export read the same cells.
"""

from __future__ import annotations

import csv
import html
import io
import re
from dataclasses import dataclass, field

from markdown_it.rules_core import StateCore
from markdown_it.token import Token

from site_gen.contract.blocks import CONTAINER, MERGED

_NUMBERED = re.compile(r"^表\s*(?P<number>\d+(?:[-－—–]\d+)*)\s+(?P<title>.+)$")  # `表4 …`, a 志's `表2-1 …`
_NUMBER = re.compile(r"^[-+]?(\d[\d,]*(\.\d+)?|\.\d+)\s*[%‰]?$|^[—-]$")
CSV_LABEL = "下载 CSV"
CAPTION_WEIGHT = 7  # search: a table's title counts almost as much as a page title (10)


@dataclass(slots=True)
class TableData:
    number: str | None
    title: str
    anchor: str  # the id of the table on its page, and the stem of its CSV file
    columns: list[str]
    rows: list[list[str]] = field(default_factory=list)  # merged cells repeated, as a spreadsheet wants

    @property
    def label(self) -> str:
        return f"表{self.number} {self.title}" if self.number else self.title

    @property
    def csv_name(self) -> str:
        return f"{self.anchor}.csv"


def tables_rule(state: StateCore) -> None:
    """Turn each table container into a captioned, span-aware table and record its data."""
    tokens = state.tokens
    taken: set[str] = set()
    result: list[Token] = []
    i = 0
    while i < len(tokens):
        token = tokens[i]
        if token.type == f"container_{CONTAINER}_open":
            end = next(k for k in range(i + 1, len(tokens)) if tokens[k].type == f"container_{CONTAINER}_close"
                       and tokens[k].level == token.level)
            result.extend(_table(token, tokens[i + 1:end], taken))
            result.append(tokens[end])
            i = end + 1
            continue
        result.append(token)
        i += 1
    state.tokens = result


def _table(opening: Token, inner: list[Token], taken: set[str]) -> list[Token]:
    label = opening.info.strip()[len(CONTAINER):].strip()
    match = _NUMBERED.match(label)
    number, title = (match["number"], match["title"]) if match else (None, label)
    anchor = f"table-{number}" if number else f"table-{len(taken) + 1}"
    while anchor in taken:
        anchor += "-2"
    taken.add(anchor)
    data = TableData(number, title, anchor, [])
    opening.attrSet("id", anchor)
    opening.attrSet("class", "table-wrap")
    opening.meta["table"] = data
    out: list[Token] = []
    grid: list[list[_Cell | None]] = []  # the body's cells; None where a cell is merged
    row: list[_Cell | None] = []
    in_head = False
    k = 0
    while k < len(inner):
        token = inner[k]
        if token.type == "table_open":
            out.append(token)
            caption = Token("html_block", "", 0)
            caption.content = (f'<caption data-pagefind-weight="{CAPTION_WEIGHT}">{html.escape(data.label)} '
                               f'<a class="csv" href="{data.csv_name}" '
                               f'download>{CSV_LABEL}</a></caption>\n')
            out.append(caption)
        elif token.type == "thead_open":
            in_head = True
            out.append(token)
        elif token.type == "thead_close":
            in_head = False
            out.append(token)
        elif token.type in ("th_open", "td_open"):
            text = inner[k + 1].content.strip()
            if in_head:
                data.columns.append(text)
            elif text == MERGED and (origin := _above(grid, len(row))) is not None:
                origin.token.attrSet("rowspan", str(int(str(origin.token.attrGet("rowspan") or 1)) + 1))
                row.append(None)
                k += 3  # drop the merged cell: open, inline, close
                continue
            else:
                if _NUMBER.match(text):
                    token.attrSet("class", "num")
                row.append(_Cell(token, _plain(inner[k + 1])))
            out.extend(inner[k:k + 3])
            k += 3
            continue
        elif token.type == "tr_close" and not in_head:
            data.rows.append([cell.text if cell else _text_above(grid, column) for column, cell in enumerate(row)])
            grid.append(row)
            row = []
            out.append(token)
        else:
            out.append(token)
        k += 1
    return [opening, *out]


@dataclass(slots=True)
class _Cell:
    token: Token  # its td_open
    text: str


def _above(grid: list[list[_Cell | None]], column: int) -> _Cell | None:
    """The cell a merged cell joins: the nearest real cell above it in the same column."""
    for row in reversed(grid):
        if column < len(row) and row[column] is not None:
            return row[column]
    return None


def _text_above(grid: list[list[_Cell | None]], column: int) -> str:
    cell = _above(grid, column)
    return cell.text if cell else ""


def _plain(inline: Token) -> str:
    return "".join(child.content for child in inline.children or [] if child.type in ("text", "code_inline"))


def page_tables(tokens: list[Token]) -> list[TableData]:
    """The tables of a parsed page, in reading order."""
    return [token.meta["table"] for token in tokens
            if token.type == f"container_{CONTAINER}_open" and "table" in token.meta]


def table_csv(table: TableData) -> bytes:
    """UTF-8 with a byte-order mark, so spreadsheet programs open Chinese text correctly."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(table.columns)
    writer.writerows(table.rows)
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")
