"""The book's own index (索引): `TERM PAGE[abc]` lines, the ground truth for pages and categories."""

from __future__ import annotations

import re

from site_gen.yearbook.model import SHADOW_TITLE, BookIndex, Dropped, Entry, IndexTerm, SourceSpan
from site_gen.yearbook.profiles import Profile
from site_gen.yearbook.readers.block import Block
from site_gen.yearbook.rules.paragraphs import reflow
from site_gen.yearbook.rules.titles import undoubled
from site_gen.yearbook.text import compact, escape_markdown, normalise_spaces

_TERM = re.compile(r"^(?P<term>.+?)\s+(?P<page>\d{1,3})(?P<col>[abc]?)$")
_PAGE_ONLY = re.compile(r"^(?P<page>\d{1,3})(?P<col>[abc]?)$")
_LETTER_HEADER = re.compile(r"^([A-Z]|0～9|0-9)$")
INDEX_PREAMBLE = 40  # lines of 说明 the index may print between its title and its list of entries


def split_back_matter(lines: list[Block], profile: Profile) -> tuple[list[Block], list[Block]]:
    """The book's own index closes the text: from its title (`索 引索 引`) or `条目索引` to the end."""
    for i, line in enumerate(lines):
        if compact(line.text) == profile.index_terms:
            start = next((j for j in range(i - 1, max(i - INDEX_PREAMBLE, 0) - 1, -1)
                          if _is_index_title(lines[j], profile)), i)
            return lines[:start], lines[start:]
    return lines, []


def _is_index_title(line: Block, profile: Profile) -> bool:
    return (undoubled(line.text) or compact(line.text)) == profile.index_title


def index_page(back: list[Block], index: BookIndex | None, file: str, profile: Profile) -> tuple[Entry, list[Dropped]]:
    """The index as a page of the book (its terms under their letters, each with its page), and its printed
    title, left out as a repeat of the page's."""
    titled = _is_index_title(back[0], profile)
    dropped = [Dropped(back[0].number, back[0].text, SHADOW_TITLE)] if titled else []
    blocks = index_blocks(back[titled:], index, profile) if index else reflow(back[titled:])
    return Entry(profile.index_title, SourceSpan(file, back[0].number, back[-1].number), kind="index",
                 blocks=blocks), dropped


def parse_index(lines: list[Block], profile: Profile) -> BookIndex | None:
    """Parse the index from the lines after its title; None when the text has no 条目索引."""
    starts = [i for i, line in enumerate(lines) if compact(line.text) == profile.index_terms]
    if not starts:
        return None
    start = starts[-1] + 1
    ends = [i for i, line in enumerate(lines) if i > start and compact(line.text) == profile.index_tables]
    end = ends[0] if ends else len(lines)
    return BookIndex(tuple(_terms(lines[start:end])), tuple(_terms(lines[end + 1:])))


def _terms(lines: list[Block]) -> list[IndexTerm]:
    terms: list[IndexTerm] = []
    pending: list[Block] = []
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


def index_blocks(lines: list[Block], index: BookIndex, profile: Profile) -> list[str]:
    """The index page: its preamble, then every term with its page under its letter, then the tables."""
    start = next(i for i, line in enumerate(lines) if compact(line.text) == profile.index_terms)
    blocks = reflow(lines[:start])
    headers = {line.number: line.text for line in lines[start:] if _LETTER_HEADER.match(line.text)}
    blocks.append(f"## {profile.index_terms}")
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
        blocks.append(f"## {profile.index_tables}")
        blocks.append("\n".join(f"- {escape_markdown(t.term)}　{t.locator}" for t in index.tables))
    return blocks
