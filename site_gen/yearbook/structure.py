"""The structurer: a text's blocks → categories, sections, entries, whatever shape the blocks came in.

The passes before the walk find what spans many blocks — page furniture, the book's own index at the end,
starts a wrapped line ran together (wrapped text only), heading levels, tables, photo captions, where the
index places each category — then one walk tries the rule table (rules/__init__.py) on every block. After
the walk, each category's text is read for what it holds as a whole: a document printed in full, person
records, a chronicle, a list of leaders, or paragraphs.
"""

from __future__ import annotations

import statistics
from collections.abc import Callable

from site_gen.yearbook.model import Category, Dropped, Entry, Part, Section, SourceSpan
from site_gen.yearbook.profiles import Profile
from site_gen.yearbook.readers.block import TABLE, Block
from site_gen.yearbook.rules import ENTRIES, HEADINGS, PAGES, interrupting, rules_for
from site_gen.yearbook.rules.book_index import index_page, parse_index, split_back_matter
from site_gen.yearbook.rules.caption import find_captions
from site_gen.yearbook.rules.category import split_untitled_categories, titled_opening
from site_gen.yearbook.rules.chronicle import chronicle_blocks, is_chronicle
from site_gen.yearbook.rules.document import PrintedDocument, lift_document
from site_gen.yearbook.rules.entry import entry_count, entry_titles, opens_entry, titles_joined, unlevelled_titles
from site_gen.yearbook.rules.front import split_front
from site_gen.yearbook.rules.furniture import drop_page_furniture
from site_gen.yearbook.rules.leaders import split_leaders
from site_gen.yearbook.rules.levels import entry_levels, is_outline
from site_gen.yearbook.rules.pages import prepared
from site_gen.yearbook.rules.paragraphs import reflow
from site_gen.yearbook.rules.person import is_people, split_people
from site_gen.yearbook.rules.placement import place
from site_gen.yearbook.rules.starts import unmerged
from site_gen.yearbook.rules.state import Item, State
from site_gen.yearbook.rules.tables.columns import find_column_tables
from site_gen.yearbook.rules.tables.delimited import delimited_tables, untabled
from site_gen.yearbook.rules.tables.rows import find_row_tables

MARKDOWN_MEDIAN_LINE = 40  # a text without entries whose lines are longer is a report, not wrapped text


def structure(blocks: list[Block], file: str, profile: Profile, mode: str, category: str | None = None,
              category_level: int | None = None) -> Part:
    """`mode` (mode_of); `category`: the category of a text that prints none (site.yaml); `category_level`: the
    heading level of the categories where the shape marks levels."""
    if mode == PAGES:
        return _pages(blocks, file, profile, category)
    return _book(blocks, file, profile, mode, category, category_level)


def mode_of(blocks: list[Block], profile: Profile, whole_shape: bool = False) -> str:
    """How the text is structured: a book of 【】 entries, a tree of headings, or pages of a report (a text
    of `whole_shape` paragraphs the user declared, or one that reads as a tool's report)."""
    if profile.entries == "bracketed" and entry_count(blocks) >= 1:
        return ENTRIES
    if is_outline(blocks):
        return HEADINGS
    if blocks and blocks[0].whole and (whole_shape or _report_like(blocks)):
        return PAGES
    return ENTRIES


def _report_like(blocks: list[Block]) -> bool:
    """Headings or tab rows, or long lines: a report a tool wrote a paragraph a line, not a wrapped text."""
    if any(block.level or block.kind == TABLE for block in blocks):
        return True
    return bool(blocks) and statistics.median(len(block.text) for block in blocks) > MARKDOWN_MEDIAN_LINE


def _book(blocks: list[Block], file: str, profile: Profile, mode: str, category: str | None,
          category_level: int | None) -> Part:
    blocks, dropped = drop_page_furniture(blocks)
    body, back = split_back_matter(blocks, profile)
    whole = any(block.whole for block in body)
    if not whole:
        body = unmerged(body, interrupting("text"))
    else:
        body = entry_levels(unlevelled_titles(titles_joined(body)), profile)
    body = untabled(body)
    tables = delimited_tables(body)
    index = parse_index(back, profile)
    if not whole:  # tables flattened row by row or column by column, as PDF extraction leaves them
        tables.merge(find_row_tables(body))
        tables.merge(find_column_tables(body, index, profile))
    state = State(body, file, profile, tables=tables, captions=find_captions(body, whole),
                  placement=place(index, entry_titles(body), body))
    _walk(state, mode, category, category_level)
    part = state.part
    part.dropped += [Dropped(body[k].number, body[k].text, reason) for k, reason in tables.dropped]
    part.index = index
    part.dropped = dropped + part.dropped
    if back:
        page, repeated = index_page(back, index, file, profile)
        part.back.append(page)
        part.dropped += repeated
    return part


def _walk(state: State, mode: str, category: str | None, category_level: int | None) -> None:
    blocks = state.blocks
    state.top_level = category_level or min((block.level for block in blocks if block.level), default=0)
    state.headed_entries = mode == HEADINGS or not any(opens_entry(block.text) for block in blocks)
    i = titled_opening(state)
    if not i and category and blocks:
        state.open_category(Block(blocks[0].number, category))
    rules = rules_for(mode)
    while i < len(blocks):
        i = _step(rules, state, i)
    _finish(state)


def _step(rules: tuple[Callable[[State, int], int | None], ...], state: State, i: int) -> int:
    for rule in rules:
        taken = rule(state, i)
        if taken is not None:
            return taken
    raise AssertionError("the text rule takes every block")


def _finish(state: State) -> None:
    """Each category's text read as what it holds as a whole; the pages' paragraphs; the front matter."""
    for line in state.above:  # headings above the category level that no category followed
        state.text(line)
    split_untitled_categories(state)
    for category in state.part.categories:
        _category_text(state, category)
        for section in category.sections:
            section.blocks = reflow(state.raw[id(section)])
            category.span.extend(section.span.last)
            for entry in section.entries:
                if entry.kind == "entry":  # documents and person records bring their own blocks
                    entry.blocks = reflow(state.raw[id(entry)])
                section.span.extend(entry.span.last)
            if section.page is None:
                section.page = next((e.page for e in section.entries if e.page), None)
    front = split_front(state.front, state.file, state.profile)
    state.part.front.extend(front.pages)
    state.part.dropped.extend(front.dropped)


def _category_text(state: State, category: Category) -> None:
    """A category's own text: a document printed in full (its only page), person records (pages under
    their groups), a chronicle, a list of leaders, or paragraphs."""
    raw = state.raw[id(category)]
    document = lift_document(raw) if not category.sections else None
    if document is not None:
        _document(state, category, document)
    elif people := _people(state, category):
        category.blocks, category.sections = split_people(people, state.file, state.profile.people_title)
        state.raw.update({id(section): [] for section in category.sections})
    elif is_chronicle(raw):
        category.blocks = chronicle_blocks(raw)
        category.chronicle = True
    else:
        before, leaders, after = split_leaders(raw, state.profile.leaders_title)
        category.blocks = reflow(before) + leaders + reflow(after)


def _people(state: State, category: Category) -> list[Item]:
    """The 人物 category's text as print runs it (group titles, then records), if it holds records: a shape
    that marks heading levels has opened each group as a section."""
    if category.sections and any(section.entries for section in category.sections):
        return []
    items = list(state.raw[id(category)])
    for section in category.sections:
        items += [Block(section.span.first, section.title, whole=True), *state.raw[id(section)]]
    return items if is_people(items) else []


def _document(state: State, category: Category, document: PrintedDocument) -> None:
    """A category that prints one verbatim document (特载): the document is its only page."""
    span = SourceSpan(state.file, document.first, category.span.last)
    section = Section(category.title, SourceSpan(state.file, category.span.first, category.span.last))
    section.entries.append(Entry(document.title, span, kind="document", blocks=document.blocks))
    category.sections.append(section)
    state.raw[id(section)] = []
    state.raw[id(section.entries[0])] = []


def _pages(blocks: list[Block], file: str, profile: Profile, category: str | None) -> Part:
    blocks = prepared(blocks)
    state = State(blocks, file, profile)
    if not blocks:
        return state.part
    state.category = Category(category or profile.default_category, SourceSpan(file, blocks[0].number, blocks[-1].last))
    state.part.categories.append(state.category)
    rules = rules_for(PAGES)
    i = 0
    while i < len(blocks):
        i = _step(rules, state, i)
    return state.part
