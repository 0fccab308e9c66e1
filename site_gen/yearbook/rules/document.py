"""A verbatim document printed inside a category (a 特载 category's government work report).

The PDF's reading order puts the report's title block after its first column and the title of its
glossary in the middle of the glossary; both go back to the top of what they head.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from site_gen.yearbook.readers.block import Block
from site_gen.yearbook.rules.glossary import glossary_block, starts_glossary_item
from site_gen.yearbook.rules.paragraphs import Placed, reflow
from site_gen.yearbook.text import escape_markdown, join_wrapped

_SUBTITLE = re.compile(r"^—{1,2}\s*在.+上")  # `—在某县第十八届人民代表大会第一次会议上`
_SUBTITLE_START = re.compile(r"^—{1,2}\s*在")
_WHOLE_SUBTITLE = re.compile(r"^—{1,2}\s*在.+上$")
WRAPPED_LINES = 4  # lines a narrow column cuts a subtitle or a date into (`—在…第一次会` / `议上`)
_DATE = re.compile(r"^[（(]\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日[）)]$")
_NOTES_TITLE = re.compile(r"^(《.+》.*名词解释|注\s*释)$")
SPEAKER_MAX = 30
NOTES_GAP = 20  # lines: glossary items follow each other closely; the report's text is further away


@dataclass(slots=True)
class PrintedDocument:
    title: str
    blocks: list[str]
    first: int  # source line of the title


def lift_document(items: list[Block | Placed]) -> PrintedDocument | None:
    """The document these lines print, with its title block first and its notes as a glossary."""
    lines = [item for item in items if isinstance(item, Block)]
    found = next(((k, subtitle) for k in range(len(lines) - 2) if (subtitle := _subtitle(lines, k + 1))), None)
    if found is None:
        return None
    start, subtitle = found
    block = [subtitle]
    after = start + 1 + len(subtitle)
    date = _wrapped_run(lines, after, _DATE)
    if date:
        block.append(date)
        speaker = lines[after + len(date):after + len(date) + 1]
        if speaker and len(speaker[0].text) <= SPEAKER_MAX and not set("，。；") & set(speaker[0].text):
            block.append(speaker)  # `某县人民政府县长 张 明`
    title, taken = lines[start], {id(line) for line in [lines[start], *(line for part in block for line in part)]}
    body = [item for item in items if id(item) not in taken]
    notes_title, notes = _notes(body)
    blocks = [escape_markdown(join_wrapped([line.text for line in part])) for part in block]
    blocks += reflow(body[:len(body) - len(notes)] if notes else body)
    if notes:
        blocks.append(glossary_block([n for n in notes if isinstance(n, Block) and n is not notes_title],
                                     notes_title.text if notes_title else "注释"))
    return PrintedDocument(join_wrapped([title.text]), blocks, title.number)


def _subtitle(lines: list[Block], k: int) -> list[Block]:
    """The lines of the `—在…上` subtitle opening at line `k`: one, or the lines a narrow column cut it into."""
    if _SUBTITLE.match(lines[k].text):
        return [lines[k]]
    return _wrapped_run(lines, k, _WHOLE_SUBTITLE) if _SUBTITLE_START.match(lines[k].text) else []


def _wrapped_run(lines: list[Block], k: int, pattern: re.Pattern[str]) -> list[Block]:
    """The fewest lines from line `k` that, joined, match `pattern`; none if no run of a few lines does."""
    for end in range(k + 1, min(k + WRAPPED_LINES, len(lines)) + 1):
        if pattern.match(join_wrapped([line.text for line in lines[k:end]])):
            return lines[k:end]
    return []


def _notes(body: list[Block | Placed]) -> tuple[Block | None, list[Block | Placed]]:
    """The glossary closing the document: the run of `term：…` items around a `…名词解释` title."""
    at = next((k for k, item in enumerate(body) if isinstance(item, Block) and _NOTES_TITLE.match(item.text)), None)
    if at is None:
        return None, []
    title = body[at]
    assert isinstance(title, Block)
    if title.whole:  # a paragraph a line: the notes start at their title
        return title, body[at:]
    start = at
    for k in range(at - 1, -1, -1):  # in print the title may stand among the items (a column's layout)
        item, prev = body[k], body[k - 1] if k else None
        if start - k > NOTES_GAP:
            break
        if isinstance(item, Block) and isinstance(prev, Block) and starts_glossary_item(item.text, prev.text):
            start = k
    return title, body[start:]
