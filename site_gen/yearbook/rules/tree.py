"""The heading tree of a book whose headings are its levels (a 志): which blocks are headings, and how deep.

A heading is marked (`#`, a Word heading style) or a line that is one by its form: numbered with one of the
profile's level words (`第三章 海域`, `第二卷建置区划`) or a part of the book (`大事记`, `凡例`). Its rank comes
from its level word (编 over 章 over 节 over 目); a heading without one takes the rank the book's numbered
headings give its marked level. Its depth is where it stands in the tree the ranks make: under the nearest
heading before it of a higher rank (a part of the book never under a numbered heading). Depth 1 is a category,
2 a section, 3 an entry, deeper a heading inside the entry's page — so a book of two levels (章/节) or of
five (编/章/节/目/子目), and a level skipped on the way down, come out as a tree all the same.

The first heading is the book's title, not its first category, when it alone stands above all others and
names a book (`某县志`). A heading printed twice in a row (a converter's heading over the OCR's line) is one.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from dataclasses import dataclass

from site_gen.yearbook.model import SHADOW_TITLE, Dropped
from site_gen.yearbook.profiles import Profile
from site_gen.yearbook.readers.block import TEXT, Block
from site_gen.yearbook.text import compact

NUMBER = r"[〇零一二三四五六七八九十百千\d]+"
TITLE_MAX = 30  # characters of a heading's title
_SENTENCE = set("，。；：！？")  # a title holds none of these
_NAMES_A_BOOK = re.compile(r"(?:年鉴|志|志书|志稿)(?:[（(][^（）()]{1,10}[）)])?$|^《.+》$")
MIN_HEADINGS = 3  # fewer make no tree


@dataclass(frozen=True, slots=True)
class _Heading:
    index: int  # of its block
    rank: int  # 1 the outermost level
    numbered: bool
    part: bool  # a part of the book (序, 凡例, 大事记, 附录…): never under a numbered heading


@functools.cache
def _numbered(profile: Profile) -> re.Pattern[str]:
    words = sorted((word for level in profile.levels for word in level), key=len, reverse=True)
    return re.compile(rf"^第\s*{NUMBER}\s*(?P<word>{'|'.join(map(re.escape, words))})"
                      rf"\s*(?P<title>.*)$") if words else re.compile(r"(?!)")


def level_word(text: str, profile: Profile) -> tuple[int, str] | None:
    """(rank, title) of a heading numbered with a level word: `第三章 海域` → (2, `海域`)."""
    match = _numbered(profile).match(text)
    if match is None:
        return None
    title = match["title"].strip()
    if len(compact(title)) > TITLE_MAX or _SENTENCE & set(title):
        return None
    rank = next(depth for depth, words in enumerate(profile.levels, start=1) if match["word"] in words)
    return rank, title


def numbered_headings(blocks: list[Block], profile: Profile) -> int:
    """How many blocks are headings numbered with the profile's level words (how 志-like the text is)."""
    return sum(1 for block in blocks if block.kind == TEXT and _stands_alone(block) and level_word(block.text, profile))


def _stands_alone(block: Block) -> bool:
    """A whole paragraph, a marked heading, or a short line (a title a wrapped text sets on its own line)."""
    return block.whole or bool(block.level) or len(compact(block.text)) <= TITLE_MAX


def tree_levels(blocks: list[Block], profile: Profile) -> tuple[list[Block], list[Dropped]] | None:
    """The blocks with each heading's depth as its level (every other block level 0), and the headings left
    out as repeats; None if the headings make no tree (fewer than three, or none of more than one level)."""
    headings, repeats = _headings(blocks, profile)
    if len(headings) < MIN_HEADINGS or len({h.rank for h in headings}) < 2:
        return None
    title = _book_title(blocks, headings)
    result = [block._replace(level=0) if block.level else block for block in blocks]
    stack: list[_Heading] = []
    for heading in headings:
        if heading is title:
            continue
        while stack and (stack[-1].rank >= heading.rank or (heading.part and stack[-1].numbered)):
            stack.pop()
        stack.append(heading)
        result[heading.index] = blocks[heading.index]._replace(level=len(stack))
    dropped = [Dropped(blocks[k].number, blocks[k].text, SHADOW_TITLE) for k in repeats]
    return [block for k, block in enumerate(result) if k not in repeats], dropped


def _headings(blocks: list[Block], profile: Profile) -> tuple[list[_Heading], set[int]]:
    """Every heading with its rank; the indexes of headings that repeat the one before them."""
    found: list[tuple[int, int | None, bool, bool]] = []  # (index, rank from a level word, numbered, part)
    repeats: set[int] = set()
    previous = ""
    for k, block in enumerate(blocks):
        if block.kind != TEXT:
            continue
        numbered = level_word(block.text, profile) if _stands_alone(block) else None
        part = compact(block.text) in profile.book_parts
        if not (block.level or numbered or (part and _stands_alone(block))):
            if block.text:
                previous = ""
            continue
        if compact(block.text) == previous:
            repeats.add(k)
            continue
        previous = compact(block.text)
        found.append((k, numbered[0] if numbered else None, numbered is not None, part))
    by_level = _ranks_by_level(blocks, found)
    headings = [_Heading(k, rank if rank is not None else by_level.get(blocks[k].level, 1), numbered, part)
                for k, rank, numbered, part in found]
    return headings, repeats


def _ranks_by_level(blocks: list[Block], found: list[tuple[int, int | None, bool, bool]]) -> dict[int, int]:
    """The rank each marked level stands for: the one its numbered headings have most often; a level with
    none, that of the nearest level above it plus the levels between (or its order among the levels)."""
    counts: dict[int, Counter[int]] = {}
    for k, rank, _, _ in found:
        if blocks[k].level and rank is not None:
            counts.setdefault(blocks[k].level, Counter())[rank] += 1
    known = {level: counter.most_common(1)[0][0] for level, counter in counts.items()}
    levels = sorted({blocks[k].level for k, *_ in found if blocks[k].level})
    result: dict[int, int] = {}
    for order, level in enumerate(levels, start=1):
        if level in known:
            result[level] = known[level]
            continue
        above = max((lv for lv in known if lv < level), default=None)
        below = min((lv for lv in known if lv > level), default=None)
        if above is not None:
            result[level] = known[above] + (level - above)
        elif below is not None:
            result[level] = max(1, known[below] - (below - level))
        else:
            result[level] = order
    return result


def _book_title(blocks: list[Block], headings: list[_Heading]) -> _Heading | None:
    """The first heading, if it is the only one of the outermost marked level and names a book."""
    first = headings[0]
    level = blocks[first.index].level
    others = [blocks[h.index].level for h in headings[1:]]
    if level and others and all(other > level for other in others if other) and not first.numbered \
            and _NAMES_A_BOOK.search(compact(blocks[first.index].text)):
        return first
    return None
