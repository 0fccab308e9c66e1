"""The category (类目): a title line where no heading level marks it — printed twice as a PDF's shadow
(`大事记大事记`), letter-spaced, one of the genre's own categories, over its English subtitle, over a section
title over an entry, or named by the book's index as the category whose first entry follows — and the
running heads that repeat the category in force on each page. Categories the text prints no title for are
started where the index places their first entry."""

from __future__ import annotations

from site_gen.yearbook.model import FOLIO, RUNNING_HEAD, SHADOW_TITLE, Category, Section, SourceSpan
from site_gen.yearbook.readers.block import Block
from site_gen.yearbook.rules.credit import credit_line
from site_gen.yearbook.rules.entry import opens_entry
from site_gen.yearbook.rules.furniture import is_folio
from site_gen.yearbook.rules.placement import page_order
from site_gen.yearbook.rules.state import State
from site_gen.yearbook.rules.titles import heading_like, is_english_subtitle, undoubled
from site_gen.yearbook.text import compact, display_width, join_wrapped

ENGLISH_LINES = 12  # lines a narrow column cuts an English subtitle into
SHORT_TITLE = 0.75  # of the column: a plain title line this short was not cut by the wrap
FURNITURE = "furniture"


def category(state: State, i: int) -> int | None:
    """A category's title line (with its English subtitle), or a running head of the category in force."""
    lines, line = state.blocks, state.blocks[i]
    mark = category_mark(state, i)
    if mark == FURNITURE:
        state.drop(line, RUNNING_HEAD)
        return i + 1
    if not mark:
        return _wrapped_category(state, i)
    if undoubled(line.text):
        state.drop(line, SHADOW_TITLE)
        state.open_category(line, title=mark)
        return i + 1
    english = english_run(lines, i + 1)  # a plain title over its English subtitle: a manuscript's
    state.open_category(line, title=mark, english=english)
    return i + 1 + len(english)


def folio(state: State, i: int) -> int | None:
    """A page number printed before a category's running head."""
    if not (is_folio(state.blocks[i].text) and i + 1 < len(state.blocks) and category_mark(state, i + 1) == FURNITURE):
        return None
    state.drop(state.blocks[i], FOLIO)
    return i + 1


def titled_opening(state: State) -> int:
    """A text that opens with its category's title (a line, or two a narrow column cut it into) over its
    English subtitle (a line, or the lines it was wrapped into): the category opened, and the index of the
    line after them; else 0."""
    lines = state.blocks
    for size in (1, 2):
        if size == 2 and not all(heading_like(line.text) and not line.level for line in lines[:2]):
            break  # two lines are one cut title only if both are plain (unmarked) titles
        english = english_run(lines, size)
        if english:
            title = join_wrapped([line.text for line in lines[:size]])
            if undoubled(title):
                state.drop(lines[0], SHADOW_TITLE)
            state.open_category(lines[0], title=undoubled(title) or title, english=english)
            return size + len(english)
    return 0


def _wrapped_category(state: State, i: int) -> int | None:
    """A category title a narrow column cut in two, after the end of a block: the two lines together name
    a category of the index whose first indexed entry is the next one, or (as `_set_apart`) stand over a
    section title over an entry, the first filling the column and the index not knowing the second with the
    section title as one section title."""
    lines = state.blocks
    if i + 3 >= len(lines):
        return None
    first, second = lines[i], lines[i + 1]
    key = compact(first.text + second.text)
    if key in state.started or not (heading_like(first.text) and heading_like(second.text)) \
            or not state.after_block(i) or key.count("（") != key.count("）"):
        return None
    placement = state.placement
    if key in state.known:
        following = next((n for n in placement.paged_lines if n > second.number), None)
        if following != placement.first_entry_line.get(key, following):
            return None
    elif not (heading_like(lines[i + 2].text) and opens_entry(lines[i + 3].text)
              and display_width(first.text) >= SHORT_TITLE * state.measure
              and compact(second.text + lines[i + 2].text) not in placement.section_page):
        return None
    state.open_category(first, title=key)
    state.title_last = second.number
    return i + 2


def category_mark(state: State, i: int) -> str | None:
    """A category title, `furniture` for a running head of the category in force, else None."""
    lines, line = state.blocks, state.blocks[i]
    doubled = undoubled(line.text)
    key = doubled or compact(line.text)
    if i + 1 < len(lines) and opens_entry(lines[i + 1].text):
        return None
    if not (doubled or key in state.known):
        return key if _set_apart(state, i) else None
    if key == _in_force(state, line.number):
        return FURNITURE
    if key in state.started:
        return None
    first = state.placement.first_entry_line.get(key)
    if first is not None:
        following = next((n for n in state.placement.paged_lines if n > line.number), None)
        printed_apart = doubled or _spaced(line.text) or state.after_block(i)
        return key if following == first and printed_apart else None  # (plain after a block: a manuscript)
    if doubled or (not state.started and not state.uncredited and state.section is None):
        return key
    return key if _set_apart(state, i) else None


def _set_apart(state: State, i: int) -> bool:
    """A category title a manuscript prints plainly, on a line after the end of a block: one of the genre's
    standard categories, or a title over a section title over an entry, unless the two are one section title
    wrapped: the index knows them together, or (a book without an index) the first line fills the column. A
    title over an English subtitle is a category."""
    lines = state.blocks
    text = lines[i].text
    if not heading_like(text) or credit_line(text) is not None or \
            not state.after_block(i) or text.count("（") != text.count("）"):  # (a caption cut short)
        return False
    if compact(text) in state.profile.categories or english_run(lines, i + 1):
        return True  # (the genre prints an English subtitle under a category's title only)
    if not (i + 2 < len(lines) and heading_like(lines[i + 1].text) and opens_entry(lines[i + 2].text)):
        return False
    if state.known:  # the index names the sections: the two lines are one only if it knows them together
        return compact(text + lines[i + 1].text) not in state.placement.section_page
    return display_width(text) < SHORT_TITLE * state.measure


def _in_force(state: State, line_no: int) -> str | None:
    by_index = max(((first, name) for name, first in state.placement.first_entry_line.items()
                    if first <= line_no), default=None)
    if state.category and (by_index is None or state.category.span.first >= by_index[0]):
        return compact(state.category.title)
    return by_index[1] if by_index else None


def english_run(lines: list[Block], k: int) -> list[Block]:
    """The English subtitle from line `k`: a line of it, or the lines of letters a narrow column cut it into."""
    end = k
    while end < len(lines) and end - k < ENGLISH_LINES and lines[end].text.isascii() \
            and any(ch.isalpha() for ch in lines[end].text):
        end += 1
    if end == k and k < len(lines) and is_english_subtitle(lines[k].text):
        end = k + 1  # (a subtitle line may carry a non-ASCII mark: `Culture · Sports`)
    return lines[k:end] if end > k and is_english_subtitle(" ".join(line.text for line in lines[k:end])) \
        else []


def _spaced(text: str) -> bool:
    """Letter-spaced, as category titles are printed (`特 载`, `街 道`)."""
    return " " in text.strip()


def split_untitled_categories(state: State) -> None:
    """Start each category that prints no title at the section holding its first indexed entry."""
    starts = {first: name for name, first in state.placement.first_entry_line.items() if name not in state.started}
    result: list[Category] = []
    for category_ in state.part.categories:
        result.append(category_)
        sections, category_.sections = category_.sections, []
        for section in sections:
            name = next((starts.pop(n) for n in list(starts) if _holds(section, n)), None)
            if name:
                moved = result[-1].sections.pop() if _is_summary(state, result[-1].sections, name) else None
                result.append(_untitled(state, name, moved or section))
                if moved:
                    result[-1].sections.append(moved)
            result[-1].sections.append(section)
    state.part.categories = result


def _untitled(state: State, name: str, first: Section) -> Category:
    term = next(t for t in state.placement.categories if compact(t.term) == name)
    untitled = Category(term.term, SourceSpan(state.file, first.span.first, first.span.first), page=term.locator)
    state.raw[id(untitled)] = []
    return untitled


def _holds(section: Section, line_no: int) -> bool:
    return any(entry.span.first == line_no for entry in section.entries)


def _is_summary(state: State, sections: list[Section], name: str) -> bool:
    """The last of `sections` is an overview (综述) that opens the category `name` the index places after it:
    none of its entries is printed before that category's page."""
    if not sections or sections[-1].title != state.profile.summary:
        return False
    term = next(t for t in state.placement.categories if compact(t.term) == name)
    return all(page_order(entry.page) >= term.order for entry in sections[-1].entries if entry.page)
