"""What the rules share as the structurer walks a text's blocks: the blocks and what the passes before the
walk found in them (tables, captions, the book index's placement), the profile, and the model being built —
the category, section and entry open, the entries their credit has yet to close.

The rules read the state and open pages through it; they never build a page themselves."""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from dataclasses import dataclass, field

from site_gen.yearbook.model import CREDIT_LABEL, CREDIT_UNIT, Category, Dropped, Entry, Part, Section, SourceSpan
from site_gen.yearbook.profiles import Profile
from site_gen.yearbook.readers.block import TABLE, Block
from site_gen.yearbook.rules.caption import Caption
from site_gen.yearbook.rules.credit import author_label, credit_at_end, credit_line, credit_units, pair_names
from site_gen.yearbook.rules.paragraphs import Placed
from site_gen.yearbook.rules.placement import Placement
from site_gen.yearbook.rules.titles import ends_block, unornamented
from site_gen.yearbook.table_model import FoundTables
from site_gen.yearbook.text import compact, display_width, join_wrapped

ENTRIES, HEADINGS, PAGES = "entries", "headings", "pages"  # the modes of the walk (rules/__init__.py)
Item = Block | Placed  # what a page's text is read from: its lines, and the captions and tables placed in it


@dataclass(slots=True)
class State:
    blocks: list[Block]
    file: str
    profile: Profile
    mode: str = ENTRIES  # how the text is structured
    tables: FoundTables = field(default_factory=FoundTables)
    captions: dict[int, Caption] = field(default_factory=dict)  # block index → the caption opening there
    placement: Placement = field(default_factory=Placement)
    part: Part = field(default_factory=Part)
    raw: dict[int, list[Item]] = field(default_factory=dict)  # id(page) → its text, as read
    front: list[Item] = field(default_factory=list)  # text before the first category
    category: Category | None = None
    section: Section | None = None
    entry: Entry | None = None
    uncredited: list[Entry] = field(default_factory=list)  # entries the next credit closes
    started: set[str] = field(default_factory=set)  # compact titles of the categories opened
    top_level: int = 0  # the heading level of the categories (levels.py); 0: the shape marks none
    headed_entries: bool = False  # no 【】 titles: the level below a section titles the entries
    above: list[Block] = field(default_factory=list)  # headings above the categories, for the next category
    group: str | None = None  # the 子目 the entries opened now stand under
    title_last: int = 0  # the last source line of a category's title block a narrow column cut up
    measure: float = 0.0  # the median line's display width: the column
    known: set[str] = field(default_factory=set)  # the categories the book's index names (compact)
    after_date: bool = False  # (pages.py) the last block was a document's closing date
    grid_open: bool = False  # (pages.py) the last block was a grid of names the next may continue

    def __post_init__(self) -> None:
        self.known = self.placement.names()
        widths = [display_width(line.text) for block in self.blocks
                  for line in (block.lines if block.kind == TABLE else (block,))]
        self.measure = statistics.median(widths) if widths else 0.0

    def text_at(self, i: int) -> str:
        return self.blocks[i].text if 0 <= i < len(self.blocks) else ""

    def after_block(self, i: int) -> bool:
        """Block `i` opens the text or follows the end of a sentence, a credit or a table's last row."""
        return i == 0 or ends_block(self.blocks[i - 1].text) or (i - 1) in self.tables.consumed

    # -- building the model -----------------------------------------------------------------------
    def open_category(self, line: Block, title: str | None = None, english: Sequence[Block] = ()) -> None:
        """A category from its title line (or `title`), with the lines of its English subtitle if any."""
        name = unornamented(title or join_wrapped([line.text]))
        subtitle = " ".join(subtitle_line.text for subtitle_line in english) or None
        if english:
            self.title_last = english[-1].number
        self.started.add(compact(name))
        term = next((t for t in self.placement.categories if compact(t.term) == compact(name)), None)
        self.category = Category(term.term if term else name, SourceSpan(self.file, line.number, line.number),
                                 subtitle=subtitle, page=term.locator if term else None)
        self.part.categories.append(self.category)
        self.raw[id(self.category)] = list(self.above)
        self.above.clear()
        self.section = self.entry = self.group = None
        self.uncredited = []

    def open_section(self, title: str, line: Block, last: int | None = None) -> None:
        assert self.category is not None
        title = unornamented(title)
        self.section = Section(title, SourceSpan(self.file, line.number, last or line.number),
                               page=self.placement.section_page.get(compact(title)))
        self.category.sections.append(self.section)
        self.raw[id(self.section)] = []
        self.entry = self.group = None
        self.uncredited = []

    def open_entry(self, entry: Entry) -> None:
        """An entry of the section open (a section of the category's title, if none is)."""
        if self.section is None:
            if self.category is None:
                self.open_category(Block(entry.span.first, self.profile.front_title))
            assert self.category is not None
            self.open_section(self.category.title, Block(entry.span.first, ""))
        assert self.section is not None
        self.entry = entry
        entry.group = entry.group or self.group
        self.section.entries.append(entry)
        self.uncredited.append(entry)
        self.raw[id(entry)] = []

    def credit(self, names: list[str], *lines: Block) -> None:
        """Authors closing the entries since the last credit; with none open (人物 records), kept in the text.
        A label before the names (`撰稿：`) is reported as left out."""
        self.part.credits.append((lines[0].number, names))
        text = "".join(line.text for line in lines)
        opening = max(text.rfind("（"), text.rfind("("))
        inner = text[opening + 1:].rstrip("）)") if opening >= 0 else ""
        label = author_label(inner)
        if label and label[0].strip():
            self.part.dropped.append(Dropped(lines[0].number, label[0].strip(), CREDIT_LABEL))
        for unit in credit_units(pair_names(inner[len(label[0]):] if label else inner)):
            self.part.dropped.append(Dropped(lines[0].number, unit, CREDIT_UNIT))
        if not self.uncredited:
            self.add(Block(lines[0].number, "（" + " ".join(names) + "）"), lines[0].number, lines[-1].number)
            return
        for entry in self.uncredited:
            entry.authors = list(names)
            entry.credit_line = lines[0].number
        self.uncredited = []

    def text_or_credit(self, line: Block) -> None:
        """A text line, which may end with (or be) the credit closing the entries above it (in a book whose
        entries are credited: the profile's entries are 【】 paragraphs)."""
        if self.profile.entries != "bracketed":
            self.text(line)
            return
        names = credit_line(line.text)
        if names is not None:
            self.credit(names, line)
            return
        at_end = credit_at_end(line.text)
        if at_end is not None:
            self.text(line._replace(text=at_end[0]))
            self.credit(at_end[1], line)
            return
        self.text(line)

    def text(self, line: Block) -> None:
        self.add(line, line.number, line.number)

    def add(self, item: Item, first: int, last: int) -> None:
        holder: Entry | Section | Category | None = self.entry or self.section or self.category
        if holder is None:
            self.front.append(item)
            return
        self.raw[id(holder)].append(item)
        holder.span.extend(first)
        holder.span.extend(last)

    def drop(self, line: Block, reason: str) -> None:
        self.part.dropped.append(Dropped(line.number, line.text, reason))
