"""The pages printed before a book's first category: its editorial notes, the photo pages and the
table of organisation names (全称/简称对照), each as its own page.

What is not recognised stays on one `卷首` page, so nothing is lost when a book prints other front matter.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from site_gen.yearbook.model import REPEATED_HEADER, REPEATED_LABEL, Dropped, Entry, SourceSpan
from site_gen.yearbook.profiles import Profile
from site_gen.yearbook.readers.block import Block
from site_gen.yearbook.rules.caption import Caption
from site_gen.yearbook.rules.paragraphs import Placed, placed_block, reflow, source_lines
from site_gen.yearbook.table_model import pipe_table
from site_gen.yearbook.text import compact, escape_markdown, join_wrapped

FULL, SHORT = "全称", "简称"
MAX_LABEL = 8  # characters: a photo section label (`美丽某县`, `创新·发展`) is a short line
_SENTENCE_PUNCT = set("，。；：！？、（）()")


@dataclass(slots=True)
class BookFront:
    pages: list[Entry] = field(default_factory=list)
    dropped: list[Dropped] = field(default_factory=list)


def split_front(items: Sequence[Block | Placed], file: str, profile: Profile) -> BookFront:
    """Editorial notes, photo gallery and name table as pages; anything else as one 卷首 page."""
    result = BookFront()
    if not items:
        return result
    notes_at = next((k for k, item in enumerate(items)
                     if isinstance(item, Block) and compact(item.text) in profile.notes_titles), None)
    table_at = next((k for k, item in enumerate(items)
                     if isinstance(item, Block) and FULL in item.text and SHORT in item.text), len(items))
    rest_from = 0
    if notes_at is not None and notes_at < table_at:
        heading = items[notes_at]
        assert isinstance(heading, Block)
        if notes_at > 0:  # the heading printed after its text: that text is the page
            body, rest_from = items[:notes_at], notes_at + 1
        else:
            end = next((k for k in range(1, table_at) if isinstance(items[k], Caption)), table_at)
            body, rest_from = items[1:end], end
        result.pages.append(_page(compact(heading.text), file, [heading, *body], reflow(body)))
    photos = items[rest_from:table_at]
    if photos and all(isinstance(i, Caption) or (isinstance(i, Block) and _is_label(i.text)) for i in photos):
        blocks, dropped = _gallery(photos)
        result.pages.append(_page(profile.gallery_title, file, photos, blocks))
        result.dropped.extend(dropped)
    elif photos:
        result.pages.append(_page(profile.front_title, file, photos, reflow(photos)))
    if table_at < len(items):
        table = items[table_at:]
        title = table[0]
        assert isinstance(title, Block)
        lines = [i for i in table[1:] if isinstance(i, Block)]
        parsed = name_table(lines) if len(lines) == len(table) - 1 else None
        blocks = [pipe_table([FULL, SHORT], [list(row) for row in parsed[0]])] if parsed else reflow(table[1:])
        if parsed:
            result.dropped.extend(Dropped(line.number, line.text, REPEATED_HEADER) for line in parsed[1])
        result.pages.append(_page(join_wrapped([title.text]), file, table, blocks))
    return result


def _page(title: str, file: str, items: Sequence[Block | Placed], blocks: list[str]) -> Entry:
    numbers = [number for item in items for number in source_lines(item)]
    return Entry(title, SourceSpan(file, min(numbers), max(numbers)), kind="page", blocks=blocks)


def _is_label(text: str) -> bool:
    return len(compact(text)) <= MAX_LABEL and not _SENTENCE_PUNCT & set(text)


def _gallery(items: Sequence[Block | Placed]) -> tuple[list[str], list[Dropped]]:
    """Captions under their section label; a label repeated on each page of its section is dropped."""
    blocks: list[str] = []
    dropped: list[Dropped] = []
    current = None
    for item in items:
        if not isinstance(item, Block):
            blocks.append(placed_block(item))
        elif compact(item.text) == current:
            dropped.append(Dropped(item.number, item.text, REPEATED_LABEL))
        else:
            current = compact(item.text)
            blocks.append("## " + escape_markdown(current))
    return blocks, dropped


def name_table(lines: list[Block]) -> tuple[list[tuple[str, str]], list[Block]] | None:
    """(full name, short name) rows of a table printed column by column, page by page:
    `全 称` / names… / `简 称` / short names… (then again on the next page). A row wrapped onto a
    line in brackets (`（某县人民防空办公室）` ↔ `（县人防办）`) stays one row. Also returns the
    column heads each later page repeats. None when the columns do not pair up."""
    columns: list[tuple[str, list[str]]] = []
    repeated: list[Block] = []
    for line in lines:
        head = compact(line.text)
        if head in (FULL, SHORT):
            if len(columns) >= 2:
                repeated.append(line)
            columns.append((head, []))
        elif columns:
            columns[-1][1].append(join_wrapped([line.text]))
        else:
            return None
    rows: list[tuple[str, str]] = []
    for k in range(0, len(columns), 2):
        pair = columns[k:k + 2]
        if len(pair) != 2 or (pair[0][0], pair[1][0]) != (FULL, SHORT) or len(pair[0][1]) != len(pair[1][1]):
            return None
        for full, short in zip(pair[0][1], pair[1][1], strict=True):
            if rows and _continues(full) and _continues(short):
                rows[-1] = (rows[-1][0] + full, rows[-1][1] + short)
            else:
                rows.append((full, short))
    return rows, repeated


def _continues(cell: str) -> bool:
    return bool(re.match(r"^[（(]", cell))

