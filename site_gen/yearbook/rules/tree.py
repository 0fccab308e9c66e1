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
from typing import NamedTuple

from site_gen.yearbook.model import BOOK_TITLE, RUNNING_HEAD, SHADOW_TITLE, Dropped
from site_gen.yearbook.profiles import Profile
from site_gen.yearbook.readers.block import TEXT, Block
from site_gen.yearbook.text import compact, normalise_spaces

NUMBER = r"[〇零一二三四五六七八九十百千\d]+"
TITLE_MAX = 30  # characters of a heading's title
_SENTENCE = set("，。；：！？")  # a title holds none of these
# A book's title: a place's 志 (`某县志`, `青石镇志（1986—2015）`), a 年鉴, or `《…》`; not a 分志 (`地理志`).
_NAMES_A_BOOK = re.compile(r"(?:[县市区镇乡州旗盟村]志|年鉴|志书|志稿)(?:[（(][^（）()]{1,12}[）)])?$|^《.+》$")
_HAN_ONLY = re.compile(r"^[\u4e00-\u9fff]+$")
CUT_TITLE = 3  # characters of a title's end a line break set on a line of its own
RUN_IN_MIN = 10  # characters of text after a title OCR ran into its paragraph


@dataclass(frozen=True, slots=True)
class Heading:
    index: int  # of its block (-1: a heading of the text before, still open)
    rank: int  # 1 the outermost level
    numbered: bool
    part: bool  # a part of the book (序, 凡例, 大事记, 附录…): never under a numbered heading
    leaf: bool = False  # an overview (概述): the headings after it are its siblings, not its children
    title: str = ""
    level: int = 0  # its marked level; 0 unmarked


class Tree(NamedTuple):
    blocks: list[Block]  # each heading's depth its level
    dropped: list[Dropped]  # headings printed twice, the book's title
    carried: tuple[Heading, ...]  # the headings open where the text begins (the book's text before it ended so)
    open: tuple[Heading, ...]  # the headings open where it ends


@functools.cache
def _numbered(profile: Profile) -> re.Pattern[str]:
    words = sorted((word for level in profile.levels for word in level), key=len, reverse=True)
    return re.compile(rf"^第\s*{NUMBER}\s*(?P<word>{'|'.join(map(re.escape, words))})"
                      rf"\s*(?P<title>.*)$") if words else re.compile(r"(?!)")


def level_word(text: str, profile: Profile) -> tuple[int, str] | None:
    """(rank, title as the site shows it) of a heading numbered with a level word: `第三章海  域` → (2,
    `第三章 海域`)."""
    match = _numbered(profile).match(text)
    if match is None:
        return None
    title = normalise_spaces(match["title"])
    if len(compact(title)) > TITLE_MAX or _SENTENCE & set(title):
        return None
    rank = next(depth for depth, words in enumerate(profile.levels, start=1) if match["word"] in words)
    number = compact(text[:match.start("title")])
    return rank, f"{number} {title}" if title else number


def numbered_headings(blocks: list[Block], profile: Profile) -> int:
    """How many blocks are headings numbered with the profile's level words (how 志-like the text is)."""
    return sum(1 for block in blocks if block.kind == TEXT and _stands_alone(block) and level_word(block.text, profile))


def _paragraph(text: str) -> bool:
    """A paragraph, not a title: longer than a title and holding a sentence's marks, or longer than any."""
    key = compact(text)
    return (len(key) > TITLE_MAX and bool(_SENTENCE & set(key))) or len(key) > 2 * TITLE_MAX


def _stands_alone(block: Block) -> bool:
    """A whole paragraph, a marked heading, or a short line (a title a wrapped text sets on its own line)."""
    return block.whole or bool(block.level) or len(compact(block.text)) <= TITLE_MAX


def tree_levels(blocks: list[Block], profile: Profile, carried: tuple[Heading, ...] = ()) -> Tree | None:
    """The blocks with each heading's depth as its level (every other block level 0), titles run into their
    text set apart, and the headings left out as repeats; None if the text has no heading and continues none.
    `carried`: the headings open where the book's text before this one ended (a book in several files)."""
    blocks = _titles_apart(blocks, profile)
    headings, repeats = _headings(blocks, profile)
    if not headings and not carried:
        return None
    title = _book_title(blocks, headings) if headings and not carried else None
    if title is not None:  # the book's title printed again (over each page) is a running head
        repeats |= {k for k, block in enumerate(blocks)
                    if k != title.index and block.kind == TEXT and compact(block.text) == compact(title.title)}
        headings = [h for h in headings if h.index not in repeats or h is title]
    text = [block.whole for block in blocks if block.kind == TEXT and not block.level]
    whole = sum(text) * 2 >= len(text)  # paragraphs a line, or a wrapped text's fragments
    result = [block._replace(level=0, whole=whole, starts=True) if block.level else block for block in blocks]
    stack = list(carried)
    for heading in headings:
        if heading is title:
            repeats.add(heading.index)
            continue
        while stack and _ends(stack[-1], heading):
            stack.pop()
        stack.append(heading)
        result[heading.index] = blocks[heading.index]._replace(level=len(stack), text=heading.title)
    dropped = [Dropped(blocks[k].number, blocks[k].text, _repeat_reason(title, k)) for k in sorted(repeats)]
    kept = [block for k, block in enumerate(result) if k not in repeats]
    return Tree(kept, dropped, carried, tuple(stack))


def _ends(above: Heading, heading: Heading) -> bool:
    """`heading` closes `above`: it is of its rank or higher; `above` is an overview; a part of the book never
    stands under a numbered heading, nor a numbered heading under a part unless the marks nest it there; an
    unmarked part under a marked heading with no number (a converter's `# 总述与大事记` over `总述`) is its child."""
    if heading.part and not heading.level and above.level and not (above.numbered or above.part or above.leaf):
        return False
    return above.rank >= heading.rank or above.leaf or (heading.part and above.numbered) \
        or (above.part and heading.numbered and not 0 < above.level < heading.level)


def _repeat_reason(title: Heading | None, k: int) -> str:
    if title is None:
        return SHADOW_TITLE
    return BOOK_TITLE if k == title.index else RUNNING_HEAD  # (the book's title printed again: over each page)


def _titles_apart(blocks: list[Block], profile: Profile) -> list[Block]:
    """Titles an OCR ran into the paragraph they head, on a block of their own again: an overview's right
    after a heading (`概述连云港市地处…`), a numbered one whose paragraph opens by repeating it
    (`第二章云台山云台山位于…`)."""
    result: list[Block] = []
    for block in blocks:
        split = _run_in(block, profile, bool(result) and bool(result[-1].level or _heading_line(result[-1], profile)))
        if split is None and result and _cut_title(result[-1], block, profile):
            result[-1] = result[-1]._replace(text=result[-1].text + block.text)  # `第一章建` / `置`
        elif split is None:
            result.append(block)
        else:
            result += [block._replace(text=split[0], whole=True), block._replace(text=split[1], starts=True)]
    return result


def _cut_title(heading: Block, block: Block, profile: Profile) -> bool:
    """A numbered title a line break cut: its last characters on a line of their own under it (`第一章建` /
    `置`), too short to be anything else (not a part's or an overview's name)."""
    return heading.kind == block.kind == TEXT and not (heading.level or block.level) \
        and len(block.text) <= CUT_TITLE and _HAN_ONLY.match(block.text) is not None \
        and block.text not in profile.book_parts and block.text not in profile.overviews \
        and level_word(heading.text, profile) is not None


def _heading_line(block: Block, profile: Profile) -> bool:
    """An unmarked line that is a heading by its numbering."""
    return block.kind == TEXT and _stands_alone(block) and level_word(block.text, profile) is not None


def _run_in(block: Block, profile: Profile, after_heading: bool) -> tuple[str, str] | None:
    """(title, text) of a paragraph a title was run into: an overview's name right `after_heading`, or a
    numbered title the paragraph repeats as its first words."""
    if block.kind != TEXT or block.level or len(block.text) < RUN_IN_MIN:
        return None
    word = next((w for w in profile.overviews if block.text.startswith(w)), None)
    if word and after_heading and len(block.text) - len(word) >= RUN_IN_MIN:
        return word, block.text[len(word):]
    match = _numbered(profile).match(block.text)
    if match is None:
        return None
    rest = match["title"]
    for size in range(2, TITLE_MAX // 2):
        if rest[size:].startswith(rest[:size]) and len(rest) - size >= RUN_IN_MIN and not _SENTENCE & set(rest[:size]):
            return block.text[:match.start("title")] + rest[:size], rest[size:]
    return None


def _headings(blocks: list[Block], profile: Profile) -> tuple[list[Heading], set[int]]:
    """Every heading with its rank; the indexes of headings that repeat the one before them."""
    # (index, rank from a level word or the heading above, numbered, part, overview, title)
    found: list[tuple[int, int | None, bool, bool, bool, str]] = []
    repeats: set[int] = set()
    previous = ""
    last_rank = 0  # of the last numbered heading: an overview stands under it
    first = next((k for k, block in enumerate(blocks) if block.kind == TEXT), -1)
    for k, block in enumerate(blocks):
        if block.kind != TEXT:
            continue
        numbered = level_word(block.text, profile) if _stands_alone(block) else None
        part = compact(block.text) in profile.book_parts
        overview = not block.level and _stands_alone(block) and compact(block.text) in profile.overviews
        marked = bool(block.level) and not _paragraph(block.text)  # (a tool marks a whole paragraph at times)
        book = k == first and _stands_alone(block) and bool(_NAMES_A_BOOK.search(compact(block.text)))
        if not (marked or numbered or overview or book or (part and _stands_alone(block))):
            if block.text:
                previous = ""
            continue
        if compact(block.text) == previous:
            repeats.add(k)
            continue
        previous = compact(block.text)
        if numbered:
            last_rank = numbered[0]
        rank = numbered[0] if numbered else last_rank + 1 if overview and last_rank else None
        found.append((k, rank, numbered is not None, part, overview, numbered[1] if numbered else block.text))
    by_level = _ranks_by_level(blocks, [(k, rank) for k, rank, *_ in found])
    headings = [Heading(k, rank if rank is not None else by_level.get(blocks[k].level, 1), numbered, part, leaf,
                        title, blocks[k].level) for k, rank, numbered, part, leaf, title in found]
    return headings, repeats


def _ranks_by_level(blocks: list[Block], found: list[tuple[int, int | None]]) -> dict[int, int]:
    """The rank each marked level stands for: the one its numbered headings have most often; a level with
    none, that of the nearest level above it plus the levels between (or its order among the levels)."""
    counts: dict[int, Counter[int]] = {}
    for k, rank in found:
        if blocks[k].level and rank is not None:
            counts.setdefault(blocks[k].level, Counter())[rank] += 1
    known = {level: counter.most_common(1)[0][0] for level, counter in counts.items()}
    levels = sorted({blocks[k].level for k, _ in found if blocks[k].level})
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


def _book_title(blocks: list[Block], headings: list[Heading]) -> Heading | None:
    """The first heading, if it names a book and opens the text (or, marked, stands alone above the others)."""
    first = headings[0]
    if first.numbered or not _NAMES_A_BOOK.search(compact(first.title)):
        return None
    opens = all(block.kind != TEXT for block in blocks[:first.index])
    alone = bool(first.level) and all(h.level > first.level for h in headings[1:] if h.level)
    return first if opens or alone else None
