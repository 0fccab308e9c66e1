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
from site_gen.yearbook.profiles import Profile, load_profile
from site_gen.yearbook.readers.block import TABLE, TEXT, Block
from site_gen.yearbook.rules import ENTRIES, HEADINGS, PAGES, interrupting, rules_for
from site_gen.yearbook.rules.annals import annals_blocks
from site_gen.yearbook.rules.book_index import index_page, parse_index, split_back_matter
from site_gen.yearbook.rules.caption import find_captions
from site_gen.yearbook.rules.category import split_untitled_categories, titled_opening
from site_gen.yearbook.rules.chronicle import MIN_MONTHS, chronicle_blocks, is_chronicle
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
from site_gen.yearbook.rules.tree import Heading, numbered_headings, tree_levels
from site_gen.yearbook.text import compact

MARKDOWN_MEDIAN_LINE = 40  # a text without entries whose lines are longer is a report, not wrapped text
MIN_NUMBERED = 3  # headings numbered with a 志's level words (第X章) that make a text a 志
LABELS_PER_HEADING = 10  # a 志 may open more paragraphs with 【】 labels than it has numbered headings, this many


def detect_profile(blocks: list[Block]) -> Profile:
    """志 for a text whose headings are numbered with the 志's level words (`第三章 海域`) and whose 【】 are
    not more than a 志's run-in labels; else 年鉴."""
    zhi = load_profile("志")
    numbered = numbered_headings(blocks, zhi)
    if numbered >= MIN_NUMBERED and numbered * LABELS_PER_HEADING >= entry_count(blocks):
        return zhi
    return load_profile("年鉴")


def structure(blocks: list[Block], file: str, profile: Profile, mode: str, category: str | None = None,
              category_level: int | None = None, carried: tuple[Heading, ...] = ()) -> Part:
    """`mode` (mode_of); `category`: the category of a text that prints none (site.yaml); `category_level`: the
    heading level of the categories where the shape marks levels; `carried`: the headings open where the
    book's text before this one ended."""
    if mode == PAGES:
        return _pages(blocks, file, profile, category)
    return _book(blocks, file, profile, mode, category, category_level, carried)


def mode_of(blocks: list[Block], profile: Profile, whole_shape: bool = False, carried: bool = False) -> str:
    """How the text is structured: a book of 【】 entries, a tree of headings (or the text goes on under the
    headings the text before it left `carried` open), or pages of a report (a text of `whole_shape` paragraphs
    the user declared, or one that reads as a tool's report)."""
    if profile.entries == "bracketed" and entry_count(blocks) >= 1:
        return ENTRIES
    if is_outline(blocks) if profile.entries == "bracketed" else carried or tree_levels(blocks, profile) is not None:
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
          category_level: int | None, carried: tuple[Heading, ...]) -> Part:
    blocks, dropped = drop_page_furniture(blocks, profile)
    body, back = split_back_matter(blocks, profile)
    text = [block for block in body if block.kind == TEXT]
    whole = sum(block.whole for block in text) * 2 > len(text)
    tree = tree_levels(body, profile, carried) if mode == HEADINGS and profile.entries == "headings" else None
    if tree is not None:
        body = tree.blocks
        dropped += tree.dropped
    if not whole:
        body = unmerged(body, interrupting("text"))
    elif tree is None:
        body = entry_levels(unlevelled_titles(titles_joined(body)), profile)
    body = untabled(body)
    tables = delimited_tables(body)
    index = parse_index(back, profile)
    if not whole:  # tables flattened row by row or column by column, as PDF extraction leaves them
        tables.merge(find_row_tables(body))
        tables.merge(find_column_tables(body, index, profile))
    state = State(body, file, profile, mode, tables=tables, captions=find_captions(body, whole),
                  placement=place(index, entry_titles(body), body))
    _walk(state, mode, category, category_level, tree.carried if tree else ())
    part = state.part
    part.open = tree.open if tree else ()
    part.dropped += [Dropped(body[k].number, body[k].text, reason) for k, reason in tables.dropped]
    part.dropped += tables.repeated
    part.index = index
    part.dropped = dropped + part.dropped
    if back:
        page, repeated = index_page(back, index, file, profile)
        part.back.append(page)
        part.dropped += repeated
    return part


def _walk(state: State, mode: str, category: str | None, category_level: int | None,
          carried: tuple[Heading, ...]) -> None:
    blocks = state.blocks
    state.top_level = 1 if carried else category_level or min((b.level for b in blocks if b.level), default=0)
    state.headed_entries = mode == HEADINGS or not any(opens_entry(block.text) for block in blocks)
    if carried and blocks:
        _go_on(state, carried)
    i = titled_opening(state) if not carried else 0
    if not i and category and blocks and not carried:
        state.open_category(Block(blocks[0].number, category))
    rules = rules_for(mode)
    while i < len(blocks):
        i = _step(rules, state, i)
    _finish(state)


def _go_on(state: State, carried: tuple[Heading, ...]) -> None:
    """The category, section and entry the book's text before this one left open, opened again as their
    continuation (parse.py joins them to what they continue)."""
    line = Block(state.blocks[0].number, "")
    for depth, heading in enumerate(carried[:3], start=1):
        if depth == 1:
            state.open_category(line, title=heading.title)
            assert state.category is not None
            state.category.continued = True
        elif depth == 2:
            state.open_section(heading.title, line)
            assert state.section is not None
            state.section.continued = True
        else:
            state.open_entry(Entry(heading.title, SourceSpan(state.file, line.number, line.number), continued=True))


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
        annals = _annals(state, category)
        _category_text(state, category, annals)
        for section in category.sections:
            section.blocks, section.chronicle = _page_text(state.raw[id(section)], annals)
            category.span.extend(section.span.last)
            for entry in section.entries:
                if entry.kind == "entry":  # documents and person records bring their own blocks
                    entry.blocks, entry.chronicle = _page_text(state.raw[id(entry)], annals)
                section.span.extend(entry.span.last)
            if section.page is None:
                section.page = next((e.page for e in section.entries if e.page), None)
    front = split_front(state.front, state.file, state.profile)
    state.part.front.extend(front.pages)
    state.part.dropped.extend(front.dropped)


def _annals(state: State, category: Category) -> bool:
    """The category is a 志's chronicle by year: each of its pages' text is read as dated events."""
    return state.profile.chronicle == "year" and compact(category.title) in state.profile.chronicle_titles


def _page_text(items: list[Item], annals: bool) -> tuple[list[str], bool]:
    """A page's blocks, and whether they are a chronicle's."""
    chronicle = annals_blocks(items) if annals else None
    return (chronicle, True) if chronicle is not None else (reflow(items), False)


def _category_text(state: State, category: Category, annals: bool) -> None:
    """A category's own text: a document printed in full (its only page), person records (pages under
    their groups), a chronicle, a list of leaders, or paragraphs."""
    raw = state.raw[id(category)]
    document = lift_document(raw) if not category.sections and not annals else None
    if annals:
        category.blocks, category.chronicle = _page_text(raw, annals)
        category.chronicle = True
    elif document is not None:
        _document(state, category, document)
    elif people := _people(state, category):
        category.blocks, category.sections = split_people(people, state.file, state.profile.people_title)
        state.raw.update({id(section): [] for section in category.sections})
    elif is_chronicle(raw, 1 if compact(category.title) in state.profile.chronicle_titles else MIN_MONTHS):
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
