"""Page furniture: what print repeats on every page and is no text of the book — running heads (the book's
title, a category's name), folios (page numbers, bare or decorated) — and what a converter leaves
(image links, comments). Each is left out of the pages and reported with its reason."""

from __future__ import annotations

import re

from site_gen.yearbook.model import COMMENT_LEFT, FOLIO, IMAGE, RUNNING_HEAD, Dropped
from site_gen.yearbook.profiles import Profile
from site_gen.yearbook.profiles.profile import running_head_patterns
from site_gen.yearbook.readers.block import COMMENT, TEXT, Block
from site_gen.yearbook.readers.block import IMAGE as IMAGE_BLOCK
from site_gen.yearbook.text import BRACKET_PAIRS, PARAGRAPH_ENDS, compact

_FOLIO = re.compile(r"^\d{1,3}$")
# A book's title as a running head prints it: `某县年鉴（2024）`, `某县年鉴 2023`, `某县年鉴·2023`, `2023某县年鉴`
# (not text cut before `…部署《某县年鉴（2018）`).
_BOOK = r"[^\s【《“\d]{1,12}年鉴"
_RUNNING_HEAD = re.compile(rf"^(?:{_BOOK}(?:（\d{{4}}）|\(\d{{4}}\)|[·•・]?\d{{4}})|\d{{4}}[·•・]?{_BOOK})$")
# A page number its decoration sets apart from any number of the text: `· 12 ·`, `- 12 -`, `—12—`, `第12页`.
_DECORATED_FOLIO = re.compile(r"^(?:[·•・\-—–]\s*\d{1,4}\s*[·•・\-—–]|第\s*\d{1,4}\s*页)$")
_OPENING, _CLOSING = (tuple(pair) for pair in zip(*BRACKET_PAIRS, strict=True))
PROSE_MIN = 10  # characters: a line this long ending a sentence is a paragraph, not a cell or a name
LEFT_OUT = {IMAGE_BLOCK: IMAGE, COMMENT: COMMENT_LEFT}  # what a converter left, by kind of block


def drop_page_furniture(lines: list[Block], profile: Profile | None = None) -> tuple[list[Block], list[Dropped]]:
    """Remove the book-title running heads (and those the profile names), the folios (page numbers), and what a
    converter left: the image links a Markdown tool writes for a photo (its place, not text), its comments and
    placeholders."""
    heads = running_head_patterns(profile) if profile else ()
    kept: list[Block] = []
    dropped: list[Dropped] = []
    for i, line in enumerate(lines):
        if line.kind != TEXT:
            if line.kind in LEFT_OUT:
                dropped.append(Dropped(line.number, line.text, LEFT_OUT[line.kind]))
            else:
                kept.append(line)
            continue
        following = lines[i + 1].text if i + 1 < len(lines) else ""
        previous = lines[i - 1].text if i else ""
        if (is_running_head(line.text) or (heads and any(head.match(compact(line.text)) for head in heads))) \
                and not (previous.endswith(_OPENING) or following.startswith(_CLOSING)):
            # (a book's title the wrap set on a line of its own inside `《…》` is text: `完成《` / `…》和`)
            dropped.append(Dropped(line.number, line.text, RUNNING_HEAD))
        elif is_decorated_folio(line.text) or _is_bare_folio(line.text, previous, following, line.whole) \
                or (line.whole and is_folio(line.text) and _by_a_mark(lines, i)):
            dropped.append(Dropped(line.number, line.text, FOLIO))
        else:
            kept.append(line)
    return kept, dropped


def _is_bare_folio(text: str, previous: str, following: str, whole: bool) -> bool:
    """A bare number printed before a running head; in a shape of `whole` paragraphs, one between two lines
    of prose too (in a wrapped text it may be a table's cell)."""
    return is_folio(text) and (is_running_head(following) or (whole and _is_prose(previous) and _is_prose(following)))


def _by_a_mark(lines: list[Block], i: int) -> bool:
    """Line `i` stands next to a heading or a converter's comment (a page's anchor): nothing a number opens."""
    return any(0 <= k < len(lines) and (lines[k].level or lines[k].kind == COMMENT) for k in (i - 1, i + 1))


def _is_prose(text: str) -> bool:
    return text[-1:] in PARAGRAPH_ENDS and len(text) > PROSE_MIN


def is_folio(text: str) -> bool:
    return bool(_FOLIO.match(text))


def is_decorated_folio(text: str) -> bool:
    return bool(_DECORATED_FOLIO.match(text.strip()))


def is_running_head(text: str) -> bool:
    return bool(_RUNNING_HEAD.match(compact(text)))
