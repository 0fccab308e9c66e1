"""Photo captions in hard-wrapped text: found by their credit and cut out of the prose they interrupt.

A photo's caption is printed across the photo, so its lines are wider than the column the running
text is set in; the caption ends with a photo credit `（区商务局 供稿）` or `（吕上元 摄）`.
"""

from __future__ import annotations

import re
import statistics
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from site_gen.yearbook.readers.block import Block
from site_gen.yearbook.rules.credit import credit_line
from site_gen.yearbook.rules.titles import ends_block
from site_gen.yearbook.text import BRACKET_PAIRS, SENTENCE_END, display_width, escape_markdown, join_wrapped

if TYPE_CHECKING:  # the state holds the captions found; only the rule below uses it
    from site_gen.yearbook.rules.state import State

PHOTO_CREDIT = re.compile(r"[（(](?P<by>[^（）()]{2,30}?)\s*(?P<how>供稿|摄)\s*[）)]$")
_SENTENCE_END = re.compile(r"[。！？][”’）]*")
_DATE_START = re.compile(r"\d{4}\s*年\s*\d{1,2}\s*[月—]")
WINDOW = 40  # lines either side that set the local column measure
CAPTION_MAX = 80  # characters above its credit's line a caption as wide as the text may reach back over
FULL = 0.75  # a line of a wrapped paragraph fills at least this much of the column
WIDE = 1.25  # a caption line is at least this much wider than the running text


@dataclass(frozen=True, slots=True)
class Caption:
    lines: tuple[Block, ...]  # the caption's text lines, the credit's line last
    text: str  # caption text without the credit
    credit: str  # `区商务局 供稿`
    prose_before: str  # text of the first line that belongs to the interrupted sentence, if any


def find_captions(lines: list[Block], whole_lines: bool = False) -> dict[int, Caption]:
    """Captions by the index of their first line in `lines`. In a text of whole paragraphs (`whole_lines`)
    a caption is a line of its own that ends with a photo credit."""
    if whole_lines:
        return {k: Caption((line,), line.text[:credit.start()].strip(), f"{credit['by'].strip()} {credit['how']}", "")
                for k, line in enumerate(lines)
                if (credit := PHOTO_CREDIT.search(line.text)) is not None and not line.text.startswith("【")
                and credit.start() > 0}  # a credit alone (`（区委老干部局　供稿）`) credits the text above
    widths = [display_width(line.text) for line in lines]
    found: dict[int, Caption] = {}
    taken: set[int] = set()  # indexes of lines already in a caption
    for k, line in enumerate(lines):
        credit = PHOTO_CREDIT.search(line.text)
        if credit is None or line.text.startswith("【"):
            continue
        measure = statistics.median(widths[max(0, k - WINDOW):k + WINDOW])

        def belongs(i: int) -> bool:
            text = lines[i].text
            return not (text.startswith("【") or PHOTO_CREDIT.search(text) or credit_line(text) is not None
                        or i in taken)

        first = k
        above = lines[k - 1].text if k > 0 else ""
        tail = credit.start() == 0 or (display_width(line.text[:credit.start()]) < measure / 2
                                       and _DATE_START.match(above))  # `主题座谈会 （陈建荣 摄）` under its date
        if tail and k > 0 and belongs(k - 1) and widths[k - 1] <= measure * WIDE and above[-1:] not in SENTENCE_END:
            first = k - 1  # a caption no wider than the column: the line above its credit
        while first > 0 and widths[first - 1] > measure * WIDE and belongs(first - 1):
            first -= 1
        if first >= k - 1 and not _DATE_START.match(lines[first].text):
            first = _dated_start(lines, first, belongs)
        first = _opened_above(lines, first, k, credit.start(), belongs)
        if not _DATE_START.match(lines[first].text) and widths[first] <= measure * WIDE:
            first = _column_start(lines, first, widths, measure, belongs)
        head = lines[first].text
        prose_before = _prose_before(head, measure) if widths[first] > measure * WIDE else ""
        parts = [text.text for text in lines[first:k + 1]]
        parts[0] = parts[0][len(prose_before):]
        parts[-1] = parts[-1][:credit.start() - len(line.text)] if credit.start() else ""
        text = "".join(part.strip() for part in parts)
        taken.update(range(first, k + 1))
        found[first] = Caption(tuple(lines[first:k + 1]), text, f"{credit['by'].strip()} {credit['how']}",
                               prose_before)
    return found


def _column_start(lines: list[Block], first: int, widths: list[float], measure: float,
                  belongs: Callable[[int], bool]) -> int:
    """A caption a narrow column wrapped over more lines than its credit's and the one above: it opens
    after the end of a block, and the lines between are full lines of the column."""
    for start in range(first, -1, -1):
        if start == 0 or ends_block(lines[start - 1].text):
            return start
        if not (belongs(start - 1) and measure * FULL <= widths[start - 1] <= measure * WIDE) \
                or _length(lines[start - 1:first]) > CAPTION_MAX:
            break
    return first


def _dated_start(lines: list[Block], first: int, belongs: Callable[[int], bool]) -> int:
    """A caption set as wide as the text (a manuscript, a re-wrapped text) has no width to tell it by:
    it opens at a date (`2021 年 7 月 20 日，…`) on a line after the end of a block, a few lines up."""
    for start in range(first - 1, -1, -1):
        if not belongs(start) or _length(lines[start:first]) > CAPTION_MAX or ends_block(lines[start].text):
            break  # (a caption holds no end of a paragraph)
        if _DATE_START.match(lines[start].text) and start > 0 and ends_block(lines[start - 1].text):
            return start
    return first


def _opened_above(lines: list[Block], first: int, k: int, credit_at: int, belongs: Callable[[int], bool]) -> int:
    """A caption's text closes every bracket and quote it opens: a wrap cut inside `内景（2021年）` leaves
    the `（` on a line above, which the caption reaches back to."""
    text = "".join(line.text for line in lines[first:k]) + lines[k].text[:credit_at]
    if _SENTENCE_END.search(text):  # prose ends there, and the caption after it (`质奖）。海潮雅园…`)
        return first
    unclosed = _unclosed(text)
    start = first
    while unclosed > 0 and start > 0 and belongs(start - 1) and _length(lines[start - 1:first]) <= CAPTION_MAX:
        start -= 1
        unclosed += _unclosed(lines[start].text)
    return start if unclosed <= 0 else first


def _length(lines: list[Block]) -> int:
    return sum(len(line.text) for line in lines)


def _unclosed(text: str) -> int:
    """Closing brackets and quotes in `text` that it does not open (negative: more opened than closed)."""
    return sum(text.count(close) - text.count(opening) for opening, close in BRACKET_PAIRS)


def _prose_before(head: str, measure: float) -> str:
    """The column-wide start of a line the caption was glued to: `…助推全区` + `2018 年 5 月 23 日，…`."""
    if _DATE_START.match(head):
        return ""  # the caption's own date opens the line: no prose before it
    date = _DATE_START.search(head, 1)
    if date and display_width(head[:date.start()]) <= measure + 1:
        return head[:date.start()]
    end = _SENTENCE_END.search(head)
    if end and display_width(head[:end.end()]) <= measure + 1:
        return head[:end.end()]
    return ""


def caption_block(caption: Caption) -> str:
    text = escape_markdown(join_wrapped([caption.text]))
    credit = join_wrapped([caption.credit])
    return f"::: caption\n{text}（{credit}）\n:::"


def caption(state: State, i: int) -> int | None:
    """A photo's caption where it opens: the prose its first line was glued to stays text."""
    found = state.captions.get(i)
    if found is None:
        return None
    if found.prose_before:
        state.text_or_credit(state.blocks[i]._replace(text=found.prose_before))
    state.add(found, state.blocks[i].number, found.lines[-1].number)
    return i + len(found.lines)
