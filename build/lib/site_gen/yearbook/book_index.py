"""The book's own index (索引): `TERM PAGE[abc]` lines, the ground truth for pages and categories."""

from __future__ import annotations

import re
from dataclasses import dataclass

from site_gen.yearbook.reflow import reflow
from site_gen.yearbook.source import Line
from site_gen.yearbook.text import compact, escape_markdown, normalise_spaces

_TERM = re.compile(r"^(?P<term>.+?)\s+(?P<page>\d{1,3})(?P<col>[abc]?)$")
_PAGE_ONLY = re.compile(r"^(?P<page>\d{1,3})(?P<col>[abc]?)$")
_LETTER_HEADER = re.compile(r"^([A-Z]|0～9|0-9)$")


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


def parse_index(lines: list[Line]) -> BookIndex | None:
    """Parse the index from the lines after its title; None when the text has no 条目索引."""
    starts = [i for i, line in enumerate(lines) if compact(line.text) == "条目索引"]
    if not starts:
        return None
    start = starts[-1] + 1
    ends = [i for i, line in enumerate(lines) if i > start and compact(line.text) == "表格索引"]
    end = ends[0] if ends else len(lines)
    return BookIndex(tuple(_terms(lines[start:end])), tuple(_terms(lines[end + 1:])))


def _terms(lines: list[Line]) -> list[IndexTerm]:
    terms: list[IndexTerm] = []
    pending: list[Line] = []
    for line in lines:
        if _LETTER_HEADER.match(line.text):
            pending = []
            continue
        page_only = _PAGE_ONLY.match(line.text)
        match = _TERM.match(line.text)
        if page_only and pending:
            text, found = " ".join(p.text for p in pending), page_only
        elif match:
            text, found = " ".join([*(p.text for p in pending), match.group("term")]), match
        else:
            pending.append(line)  # a term wrapped over two lines: its page is on the next one
            continue
        first = pending[0].number if pending else line.number
        terms.append(IndexTerm(normalise_spaces(text), int(found.group("page")), found.group("col"), first))
        pending = []
    return terms


def index_blocks(lines: list[Line], index: BookIndex) -> list[str]:
    """The index page: its preamble, then every term with its page under its letter, then the tables."""
    start = next(i for i, line in enumerate(lines) if compact(line.text) == "条目索引")
    blocks = reflow(lines[:start])
    headers = {line.number: line.text for line in lines[start:] if _LETTER_HEADER.match(line.text)}
    blocks.append("## 条目索引")
    items: list[str] = []
    for term in index.terms:
        passed = [n for n in headers if n < term.line]
        if passed:
            if items:
                blocks.append("\n".join(items))
                items = []
            blocks.append(f"### {headers.pop(max(passed))}")
            for n in passed:
                headers.pop(n, None)
        items.append(f"- {escape_markdown(term.term)}　{term.locator}")
    if items:
        blocks.append("\n".join(items))
    if index.tables:
        blocks.append("## 表格索引")
        blocks.append("\n".join(f"- {escape_markdown(t.term)}　{t.locator}" for t in index.tables))
    return blocks
