"""The entry (条目) as a 年鉴 prints it: `【title】` and its text, the title wrapped over up to four lines, or
set on a line of its own (a manuscript, a tool that made the bold title a paragraph or a heading). In a 志
the same brackets open a labelled paragraph, not an entry (the profile's `entries`)."""

from __future__ import annotations

import re

from site_gen.yearbook.model import STRAY_DIGIT, Entry, SourceSpan
from site_gen.yearbook.readers.block import TEXT, Block
from site_gen.yearbook.rules.furniture import is_folio
from site_gen.yearbook.rules.state import State
from site_gen.yearbook.rules.titles import is_title
from site_gen.yearbook.text import join_wrapped

OPEN, CLOSE = "【", "】"
MAX_TITLE_LINES = 4
TITLE_MAX = 60  # characters of an entry's title
_PROSE = r"[^*#|\s][^【】]*?[，。]"  # an entry's prose: no mark of a heading, bold or row opens it
# An entry as the genre prints it: `【title】` and its text on the same line.
_ENTRY_PARAGRAPH = re.compile(rf"^【[^】]{{1,{TITLE_MAX}}}】\s*{_PROSE}")
_PROSE_LINE = re.compile(_PROSE)
TITLE_LINE = re.compile(rf"^【[^】]{{1,{TITLE_MAX}}}】$")


def opens_entry(text: str) -> bool:
    return text.startswith(OPEN)


def entry_count(blocks: list[Block]) -> int:
    """Entries as the genre prints them, `【title】` and its prose, its title set apart or not (an award
    list's `【title】` over names is no entry)."""
    return sum(1 for k, block in enumerate(blocks) if (not block.level and _ENTRY_PARAGRAPH.match(block.text))
               or (title_over_text(blocks, k) and _PROSE_LINE.match(blocks[k + 1].text)))


def title_over_text(blocks: list[Block], k: int) -> bool:
    """`【title】` alone on its line (plain, bold or a heading) over its text."""
    if not TITLE_LINE.match(blocks[k].text) or k + 1 == len(blocks):
        return False
    following = blocks[k + 1]  # prose, or an award list's names: no heading, title or row
    return not (following.level or following.kind != TEXT or opens_entry(following.text) or is_title(following.text))


def titles_joined(blocks: list[Block]) -> list[Block]:
    """An entry's `【title】` set on a line of its own joined to its text, as the genre prints it."""
    result: list[Block] = []
    k = 0
    while k < len(blocks):
        if title_over_text(blocks, k):
            result.append(blocks[k]._replace(text=blocks[k].text + blocks[k + 1].text, level=0, bold=0))
            k += 2
        else:
            result.append(blocks[k])
            k += 1
    return result


def unlevelled_titles(blocks: list[Block]) -> list[Block]:
    """`### 【title】`: an entry's title set as a heading is no level of the book."""
    return [block._replace(level=0) if block.level and TITLE_LINE.match(block.text) else block for block in blocks]


def entry_titles(blocks: list[Block]) -> list[tuple[int, str]]:
    """Every 【title】 with the line it starts on; titles wrap over up to four lines."""
    return [(block.number, read_title(blocks, i)[0]) for i, block in enumerate(blocks) if block.text.startswith(OPEN)]


def read_title(blocks: list[Block], i: int) -> tuple[str, str, int]:
    """(title, body text after 】, index of the line holding 】)."""
    parts = []
    for j in range(i, min(i + MAX_TITLE_LINES, len(blocks))):
        text = blocks[j].text
        if CLOSE in text:
            head, _, rest = text.partition(CLOSE)
            parts.append(head)
            return join_wrapped(parts).lstrip(OPEN), rest.strip(), j
        parts.append(text)
    return join_wrapped([blocks[i].text]).lstrip(OPEN), "", i


def entry(state: State, i: int) -> int | None:
    """`【title】…`: an entry opens, its title wrapped over up to four lines, its text on the line after 】."""
    if not opens_entry(state.blocks[i].text) or state.profile.entries != "bracketed":
        return None
    lines = state.blocks
    title, rest, last = read_title(lines, i)
    state.open_entry(Entry(title, SourceSpan(state.file, lines[i].number, lines[last].number),
                           page=state.placement.entry_page.get(lines[i].number),
                           index_term=state.placement.reworded.get(lines[i].number)))
    if rest:  # a one-paragraph entry may end with its credit: `【title】…实事。（王小红）`
        state.text_or_credit(Block(lines[last].number, rest, whole=lines[last].whole))
    if not rest and last + 2 < len(lines) and is_folio(lines[last + 1].text) and not is_folio(lines[last + 2].text):
        # a lone glyph between a title and its body, not a number the text goes on with
        state.drop(lines[last + 1], STRAY_DIGIT)
        return last + 2
    return last + 1
