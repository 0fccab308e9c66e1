"""A table rebuilt from a source text, and how a page writes it.

A page holds a table as a container block around a pipe table; a cell `^^` is merged with the cell above
it (a row span), as in markdown-it's multimd-table syntax:

    ::: table 表1 某县土地利用现状
    | 地类 | 二级地类 | 面积（亩） |
    | --- | --- | --- |
    | 农用地 | 耕地 | 35200 |
    | ^^ | 林地 | 12800 |
    :::
"""

from __future__ import annotations

from dataclasses import dataclass, field

from site_gen.contract.blocks import CONTAINER, MERGED
from site_gen.yearbook.model import Dropped
from site_gen.yearbook.text import escape_inline


@dataclass(slots=True)
class Table:
    number: str | None  # `4` for 表4; None for a table the book does not number
    title: str
    columns: list[str]
    rows: list[list[str | None]] = field(default_factory=list)  # None: merged with the cell above
    lines: list[int] = field(default_factory=list)  # source lines it was rebuilt from

    @property
    def label(self) -> str:
        return f"表{self.number} {self.title}" if self.number else self.title

    def markdown(self) -> str:
        rows = [[MERGED if cell is None else cell for cell in row] for row in self.rows]
        return "\n".join([f"::: {CONTAINER} {escape_inline(self.label)}", pipe_table(self.columns, rows), ":::"])


def pipe_table(columns: list[str], rows: list[list[str]]) -> str:
    """A Markdown pipe table; a `^^` cell stays as it is (merged with the cell above)."""
    lines = [_row(columns), "| " + " | ".join("---" for _ in columns) + " |"]
    return "\n".join(lines + [_row(row) for row in rows])


def _row(cells: list[str]) -> str:
    return "| " + " | ".join(_cell(cell) for cell in cells) + " |"


def _cell(text: str) -> str:
    if text == MERGED:
        return text
    return escape_inline(text).replace("|", "\\|") or " "


@dataclass(slots=True)
class FoundTables:
    """Tables recognised in a text's lines: each placed at one line index; every line they were
    rebuilt from is consumed; caption repeats and repeated headers are reported as dropped."""

    at: dict[int, Table] = field(default_factory=dict)  # line index → the table placed there
    consumed: set[int] = field(default_factory=set)  # line indexes the tables were rebuilt from
    dropped: list[tuple[int, str]] = field(default_factory=list)  # (line index, reason)
    repeated: list[Dropped] = field(default_factory=list)  # headers repeated inside a table's rows

    def merge(self, other: FoundTables) -> None:
        self.at.update(other.at)
        self.consumed |= other.consumed
        self.dropped += other.dropped
        self.repeated += other.repeated
