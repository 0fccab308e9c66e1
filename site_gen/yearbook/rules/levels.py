"""Heading levels: which block is a category's, a section's or an entry's title, at any depth.

Where a shape marks levels (`#`, Word heading styles, outline levels) they are the hierarchy: the top level
present is the category (类目), the next the section (分目), the next the entries of a book whose entries are
headings (a 志's 节, a gazetteer's 辑), deeper ones headings inside a page — unless the first heading is the
only one of its level and names the book, which is then its title. Where nothing marks them (paragraph text,
bold lines, one level for all), the genre's conventions tell: a title right before an entry is a section, the
titles before that section a category, and so is a title over an English subtitle, over a month (大事记) or a
person's record (人物), or one of the categories every book of the genre names alike.
"""

from __future__ import annotations

import itertools
import re

from site_gen.yearbook.model import SHADOW_TITLE, Entry, SourceSpan
from site_gen.yearbook.profiles import Profile
from site_gen.yearbook.readers.block import Block
from site_gen.yearbook.rules.entry import opens_entry
from site_gen.yearbook.rules.paragraphs import Heading
from site_gen.yearbook.rules.person import RECORD
from site_gen.yearbook.rules.state import HEADINGS, State
from site_gen.yearbook.rules.titles import is_english_subtitle, is_title, undoubled
from site_gen.yearbook.text import compact

CATEGORY, SECTION = 1, 2  # the levels of unmarked titles
MAX_HEADING = 6
_NAMES_A_BOOK = re.compile(r"(?:年鉴|志)(?:[（(]\d{4}[）)])?$")
_MONTH = re.compile(r"^\d{1,2}\s*月$")  # the chronicle's month headings
_OUTLINE_POINT = re.compile(r"^(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[）)]|\d{1,2}[.．、])")


def is_outline(blocks: list[Block]) -> bool:
    """Marked headings that form a tree (a 志's 编/章/节, `###` 卷 / `####` 类 / `#####` 辑): the top level
    used more than once, no level skipped on the way down, few of them numbered outline points. Noisy
    levels (a report whose `#` marks follow no hierarchy) are no tree."""
    headings = [block for block in blocks if block.level]
    levels, titles = [block.level for block in headings], [block.text for block in headings]
    if titles and book_title(levels, titles[0]):
        levels, titles = levels[1:], titles[1:]
    if len(levels) < 3 or levels.count(min(levels)) < 2 or levels[0] != min(levels):
        return False
    numbered = sum(bool(_OUTLINE_POINT.match(title)) for title in titles)
    return all(b <= a + 1 for a, b in itertools.pairwise(levels)) and numbered * 2 < len(titles)


def entry_levels(blocks: list[Block], profile: Profile) -> list[Block]:
    """The levels of a book of 【】 entries: the marked ones, under the book's title if it heads them, else
    (no levels, or one level for all of them) told from the genre's conventions."""
    headings = [k for k, block in enumerate(blocks) if block.level]
    if headings and book_title([blocks[k].level for k in headings], blocks[headings[0]].text):
        blocks = list(blocks)
        blocks[headings[0]] = blocks[headings[0]]._replace(level=0)  # a line of the text, not its one category
        headings = headings[1:]
    if not headings or (len({blocks[k].level for k in headings}) == 1 and _stacked(blocks, headings)):
        return levelled(blocks, set(headings), profile)
    return blocks


def book_title(levels: list[int], first: str) -> bool:
    """The first heading is the only one of the top level, more follow it, and it names a book
    (`某县年鉴（2024）`, `某县志`): the book's title. Otherwise it is the text's one category."""
    return len(levels) > 1 and levels[0] < min(levels[1:]) and bool(_NAMES_A_BOOK.search(compact(first)))


def _stacked(blocks: list[Block], headings: list[int]) -> bool:
    """Some heading stands right over another (or over its English subtitle over another): one level marks
    both categories and their sections."""
    marked = set(headings)
    return any(a + 1 in marked or (a + 2 in marked and is_english_subtitle(blocks[a + 1].text)) for a in headings)


def levelled(blocks: list[Block], headings: set[int], profile: Profile) -> list[Block]:
    """Paragraph text marks no levels: a title standing right before an entry is a section, one or more
    titles before that section (or a title over an English subtitle) a category, and so is a title over
    another that opens the chronicle (大事记 over `1月`) or the people (人物 over a group title over a
    record), and a line that is one of the categories every yearbook of the genre names alike. The
    `headings` a text marked at one level for all are titles whatever their words."""
    blocks = [block._replace(level=0) for block in blocks]
    result = list(blocks)
    for i, block in enumerate(blocks):
        following = blocks[i + 1].text if i + 1 < len(blocks) else ""
        if not (i in headings or is_title(block.text)):
            continue
        if is_english_subtitle(following) or _opens_category(blocks, i, profile):
            result[i] = block._replace(level=CATEGORY)
        elif opens_entry(following):
            result[i] = block._replace(level=SECTION)
            k = i - 1
            while k >= 0 and (k in headings or is_title(blocks[k].text)) and result[k].level == 0:
                result[k] = blocks[k]._replace(level=CATEGORY)
                k -= 1
    return result


def _opens_category(blocks: list[Block], i: int, profile: Profile) -> bool:
    following, after = (blocks[k].text if k < len(blocks) else "" for k in (i + 1, i + 2))
    if compact(blocks[i].text) in profile.categories:
        return True
    return is_title(following) and bool(_MONTH.match(following) or RECORD.match(after))


def heading(state: State, i: int) -> int | None:
    """A heading whose level the shape marks: the top level present opens a category, the next a section,
    the next an entry where headings title the entries, else a 子目 grouping the 【】 entries after it; a
    deeper one is a heading inside the page (where headings make the levels) or a line of the text."""
    line, top = state.blocks[i], state.top_level
    if not line.level:
        return None
    if line.level < top:  # above the categories (a part, a 编): the first line of the next category
        state.above.append(line)
        return i + 1
    if line.level > top and state.mode != HEADINGS and _MONTH.match(line.text):
        state.text(line._replace(level=0))  # a chronicle's month set as a heading: the month its events are of
        return i + 1
    if line.level == top:  # undoubled: a text taken from the PDF may still print `文 化文 化`
        if undoubled(line.text):
            state.drop(line, SHADOW_TITLE)
        following = state.text_at(i + 1)
        english = state.blocks[i + 1:i + 2] if is_english_subtitle(following) else []
        title = undoubled(line.text) or (line.text if state.mode == HEADINGS else None)  # (a 志's `第一编 总述`)
        state.open_category(line, title=title, english=english)
        return i + 1 + len(english)
    if line.level == top + 1 and state.category is not None:
        state.open_section(line.text, line)
        return i + 1
    if line.level == top + 2 and state.headed_entries and state.section is not None:
        state.open_entry(Entry(line.text, SourceSpan(state.file, line.number, line.number)))
        return i + 1
    if line.level == top + 2 and state.section is not None:  # a 子目 over 【】 entries: it groups those after it
        state.group, state.entry, state.uncredited = line.text, None, []
        return i + 1
    if state.mode == HEADINGS and line.level > top:  # deeper than the pages: a heading inside the page
        state.add(Heading(line.number, line.text, min(MAX_HEADING, max(2, line.level - top - 1))), line.number,
                  line.number)
        return i + 1
    state.text_or_credit(line)
    return i + 1
