"""The structurer of books of 【】 entries: lines → categories, sections, entries.

Written for hard-wrapped PDF text (000, 001, 002), where a blank line is not a paragraph marker, so it
reads non-blank lines and decides structure from what a line is (entry title, credit, heading,
furniture) and what surrounds it. The other shapes reach it through their readers (readers.py), which
mark the heading levels a shape gives and hand over the tables it writes as rows.
"""

from __future__ import annotations

import re
import statistics
from collections.abc import Callable, Sequence
from typing import ClassVar

from site_gen.yearbook import rules
from site_gen.yearbook.book_index import index_blocks, parse_index
from site_gen.yearbook.captions import Caption, find_captions
from site_gen.yearbook.chronicle import chronicle_blocks, is_chronicle
from site_gen.yearbook.column_tables import find_column_tables
from site_gen.yearbook.delimited_tables import PARAGRAPH_ENDS
from site_gen.yearbook.front import FRONT_TITLE, split_front
from site_gen.yearbook.leaders import split_leaders
from site_gen.yearbook.model import (
    CREDIT_LABEL,
    FOLIO,
    IMAGE,
    RUNNING_HEAD,
    SHADOW_TITLE,
    STRAY_DIGIT,
    Category,
    Dropped,
    Entry,
    Part,
    Section,
    SourceSpan,
)
from site_gen.yearbook.people import is_people, split_people
from site_gen.yearbook.placement import Placement, place
from site_gen.yearbook.readers import GENRE_CATEGORIES, read
from site_gen.yearbook.reflow import Placed, reflow
from site_gen.yearbook.row_tables import find_row_tables
from site_gen.yearbook.source import Line
from site_gen.yearbook.table_model import FoundTables
from site_gen.yearbook.text import BRACKET_PAIRS, compact, display_width, join_wrapped
from site_gen.yearbook.verbatim import PrintedDocument, lift_document

MAX_TITLE_LINES = 4
_MARKDOWN_IMAGE = re.compile(r"^!\[[^\]]*\]\([^)]*\)$")
PROSE_MIN = 10  # characters: a line this long ending a sentence is a paragraph, not a cell or a name
_OPENING, _CLOSING = (tuple(pair) for pair in zip(*BRACKET_PAIRS, strict=True))
ENGLISH_LINES = 12  # lines a narrow column cuts an English subtitle into
SHORT_TITLE = 0.75  # of the column: a plain title line this short was not cut by the wrap
INDEX_TITLE = "索引"
INDEX_PREAMBLE = 40  # lines of 说明 the index may print between its title and 条目索引


def parse_wrapped(lines: list[Line], file: str, category_hint: str | None = None, shape: str = "wrapped",
                  category_level: int | None = None) -> Part:
    """The structurer: a text of 【】 entries in any shape (readers.py) → categories, sections, entries.
    `category_level`: the heading level of the categories where the shape marks levels (site.yaml)."""
    lines, dropped = drop_page_furniture(lines, shape != "wrapped")
    body, back = _split_back_matter(lines)
    body, tables = read(body, shape)
    titles = entry_titles(body)
    index = parse_index(back)
    if shape == "wrapped":  # tables flattened row by row or column by column, as PDF extraction leaves them
        tables.merge(find_row_tables(body))
        tables.merge(find_column_tables(body, index))
    scanner = _Scanner(file, place(index, titles, body), find_captions(body, shape != "wrapped"), tables)
    part = scanner.run(body, category_hint, category_level)
    part.dropped += [Dropped(body[k].number, body[k].text, reason) for k, reason in tables.dropped]
    part.index = index
    part.dropped = dropped + part.dropped
    if back:
        titled = _is_index_title(back[0])
        if titled:
            part.dropped.append(Dropped(back[0].number, back[0].text, SHADOW_TITLE))  # the index's printed title
        blocks = index_blocks(back[titled:], index) if index else reflow(back[titled:])
        part.back.append(Entry(INDEX_TITLE, SourceSpan(file, back[0].number, back[-1].number), kind="index",
                               blocks=blocks))
    return part


def drop_page_furniture(lines: list[Line], whole: bool = False) -> tuple[list[Line], list[Dropped]]:
    """Remove the book-title running heads, the folios (page numbers) and, in a shape of `whole` paragraphs,
    the image links a Markdown tool writes for a photo (its place, not text)."""
    kept: list[Line] = []
    dropped: list[Dropped] = []
    for i, line in enumerate(lines):
        following = lines[i + 1].text if i + 1 < len(lines) else ""
        previous = lines[i - 1].text if i else ""
        if rules.is_running_head(line.text) and not (previous.endswith(_OPENING) or following.startswith(_CLOSING)):
            # (a book's title the wrap set on a line of its own inside `《…》` is text: `完成《` / `…》和`)
            dropped.append(Dropped(line.number, line.text, RUNNING_HEAD))
        elif rules.is_decorated_folio(line.text) or _is_bare_folio(line.text, previous, following, whole):
            dropped.append(Dropped(line.number, line.text, FOLIO))
        elif whole and _MARKDOWN_IMAGE.match(line.text):
            dropped.append(Dropped(line.number, line.text, IMAGE))
        else:
            kept.append(line)
    return kept, dropped


def _is_bare_folio(text: str, previous: str, following: str, whole: bool) -> bool:
    """A bare number printed before a running head; in a shape of `whole` paragraphs, one between two lines
    of prose too (in a wrapped text it may be a table's cell)."""
    return rules.is_folio(text) and (rules.is_running_head(following)
                                     or (whole and _is_prose(previous) and _is_prose(following)))


def _is_prose(text: str) -> bool:
    return text[-1:] in PARAGRAPH_ENDS and len(text) > PROSE_MIN


def _split_back_matter(lines: list[Line]) -> tuple[list[Line], list[Line]]:
    """The book's own index closes the text: from its title (`索 引索 引`) or `条目索引` to the end."""
    for i, line in enumerate(lines):
        if compact(line.text) == "条目索引":
            start = next((j for j in range(i - 1, max(i - INDEX_PREAMBLE, 0) - 1, -1)
                          if _is_index_title(lines[j])), i)
            return lines[:start], lines[start:]
    return lines, []


def _is_index_title(line: Line) -> bool:
    return (rules.undoubled(line.text) or compact(line.text)) == INDEX_TITLE


def entry_titles(lines: list[Line]) -> list[tuple[int, str]]:
    """Every 【title】 with the line it starts on; titles wrap over up to four lines."""
    result = []
    for i, line in enumerate(lines):
        if line.text.startswith("【"):
            title, _, _ = _read_title(lines, i)
            result.append((line.number, title))
    return result


def _read_title(lines: list[Line], i: int) -> tuple[str, str, int]:
    """(title, body text after 】, index of the line holding 】)."""
    parts = []
    for j in range(i, min(i + MAX_TITLE_LINES, len(lines))):
        text = lines[j].text
        if "】" in text:
            head, _, rest = text.partition("】")
            parts.append(head)
            return join_wrapped(parts).lstrip("【"), rest.strip(), j
        parts.append(text)
    return join_wrapped([lines[i].text]).lstrip("【"), "", i


class _Scanner:
    """Walks the body lines once, opening categories, sections and entries as it meets them."""

    def __init__(self, file: str, placement: Placement, captions: dict[int, Caption],
                 tables: FoundTables) -> None:
        self.file = file
        self.captions = captions
        self.tables = tables
        self.placement = placement
        self.known = placement.names()
        self.paged_lines = sorted(placement.entry_page)
        self.measure = 0.0  # the median line's display width: the column (run)
        self.part = Part()
        self.raw: dict[int, list[Line | Placed]] = {}
        self.front: list[Line | Placed] = []
        self.category: Category | None = None
        self.section: Section | None = None
        self.entry: Entry | None = None
        self.uncredited: list[Entry] = []
        self.started: set[str] = set()
        self.top_level = 0  # the highest heading level the shape marks (readers.py): a category
        self.headed_entries = False  # no 【】 titles: the level below a section titles the entries
        self.above: list[Line] = []  # headings above the category level, waiting for the next category
        self.title_last = 0  # the last source line of a category's title block a narrow column cut up

    def run(self, lines: list[Line], category_hint: str | None, category_level: int | None = None) -> Part:
        self.top_level = category_level or min((line.level for line in lines if line.level), default=0)
        self.headed_entries = not any(line.text.startswith("【") for line in lines)
        self.measure = statistics.median(display_width(line.text) for line in lines) if lines else 0.0
        i = self._titled_opening(lines)
        if not i and category_hint:
            self._open_category(Line(lines[0].number, category_hint, False))
        while i < len(lines):
            i = self._step(lines, i)
        return self._finish()

    def _titled_opening(self, lines: list[Line]) -> int:
        """A text that opens with its category's title (a line, or two a narrow column cut it into) over
        its English subtitle (a line, or the lines it was wrapped into): the category opened, and the
        index of the line after them; else 0."""
        for size in (1, 2):
            if size == 2 and not all(rules.heading_like(line.text) and not line.level for line in lines[:2]):
                break  # two lines are one cut title only if both are plain (unmarked) titles
            english = _english_run(lines, size)
            if english:
                self._open_category(lines[0], title=join_wrapped([line.text for line in lines[:size]]), english=english)
                return size + len(english)
        return 0

    # -- the rule table: one recogniser per construct, tried in order (as markdown-it's block rules are);
    # each returns the index of the line after what it took, or None to leave the line to the next rule
    def _step(self, lines: list[Line], i: int) -> int:
        for rule in self._rules:
            taken = rule(self, lines, i)
            if taken is not None:
                return taken
        raise AssertionError("the text rule takes every line")

    def _table(self, lines: list[Line], i: int) -> int | None:
        if i not in self.tables.consumed:
            return None
        table = self.tables.at.get(i)
        if table is not None:
            self._add(table, min(table.lines), max(table.lines))
        return i + 1

    def _caption(self, lines: list[Line], i: int) -> int | None:
        caption = self.captions.get(i)
        if caption is None:
            return None
        if caption.prose_before:
            self._text_or_credit(lines[i]._replace(text=caption.prose_before))
        self._add(caption, lines[i].number, caption.lines[-1].number)
        return i + len(caption.lines)

    def _folio(self, lines: list[Line], i: int) -> int | None:
        """A page number printed before a category's running head."""
        line = lines[i]
        if not (rules.is_folio(line.text) and i + 1 < len(lines)
                and self._category_mark(lines[i + 1], i + 1, lines) == "furniture"):
            return None
        self.part.dropped.append(Dropped(line.number, line.text, FOLIO))
        return i + 1

    def _level(self, lines: list[Line], i: int) -> int | None:
        return self._marked_heading(lines, i) if lines[i].level else None

    def _category(self, lines: list[Line], i: int) -> int | None:
        line = lines[i]
        category = self._category_mark(line, i, lines)
        if category == "furniture":
            self.part.dropped.append(Dropped(line.number, line.text, RUNNING_HEAD))
            return i + 1
        if not category:
            return self._wrapped_category(lines, i)
        if rules.undoubled(line.text):
            self.part.dropped.append(Dropped(line.number, line.text, SHADOW_TITLE))
            self._open_category(line, title=category)
            return i + 1
        english = _english_run(lines, i + 1)  # a plain title over its English subtitle: a manuscript's
        self._open_category(line, title=category, english=english)
        return i + 1 + len(english)

    def _wrapped_category(self, lines: list[Line], i: int) -> int | None:
        """A category title a narrow column cut in two (`中国人民政治协商会议上城区委` / `员会`), after the end
        of a block: the two lines together name a category of the index whose first indexed entry is the
        next one, or (as `_set_apart`) stand over a section title over an entry, the first filling the
        column and the index not knowing the second with the section title as one section title."""
        if i + 3 >= len(lines):
            return None
        first, second = lines[i], lines[i + 1]
        key = compact(first.text + second.text)
        if key in self.started or not (rules.heading_like(first.text) and rules.heading_like(second.text)) \
                or not self._after_block(lines, i) or key.count("（") != key.count("）"):
            return None
        if key in self.known:
            following = next((n for n in self.paged_lines if n > second.number), None)
            if following != self.placement.first_entry_line.get(key, following):
                return None
        elif not (rules.heading_like(lines[i + 2].text) and lines[i + 3].text.startswith("【")
                  and display_width(first.text) >= SHORT_TITLE * self.measure
                  and compact(second.text + lines[i + 2].text) not in self.placement.section_page):
            return None
        self._open_category(first, title=key)
        self.title_last = second.number
        return i + 2

    def _summary(self, lines: list[Line], i: int) -> int | None:
        if compact(lines[i].text) != rules.SUMMARY or not self.category:
            return None
        self._open_section(rules.SUMMARY, lines[i])
        return i + 1

    def _entry(self, lines: list[Line], i: int) -> int | None:
        return self._open_entry(lines, i) if lines[i].text.startswith("【") else None

    def _credit_line(self, lines: list[Line], i: int) -> int | None:
        names = rules.credit_line(lines[i].text)
        if names is None:
            return None
        self._credit(names, lines[i])
        return i + 1

    def _wrapped_credit(self, lines: list[Line], i: int) -> int | None:
        wrapped = rules.wrapped_credit(lines[i].text, lines[i + 1].text) if i + 1 < len(lines) else None
        if wrapped is None:
            return None
        self._credit(wrapped, lines[i], lines[i + 1])
        return i + 2

    def _section(self, lines: list[Line], i: int) -> int | None:
        return self._heading(lines, i, lines[i - 1].text if i > 0 else "")

    def _text_line(self, lines: list[Line], i: int) -> int:
        self._text_or_credit(lines[i])
        return i + 1

    RULES: ClassVar[tuple[tuple[str, Callable[[_Scanner, list[Line], int], int | None]], ...]] = (
        ("table", _table), ("caption", _caption), ("folio", _folio), ("marked heading", _level),
        ("category", _category), ("summary", _summary), ("entry", _entry), ("credit", _credit_line),
        ("wrapped credit", _wrapped_credit), ("section", _section), ("text", _text_line),
    )
    _rules: ClassVar[tuple[Callable[[_Scanner, list[Line], int], int | None], ...]] = tuple(r for _, r in RULES)

    def _text_or_credit(self, line: Line) -> None:
        """A text line, which may end with (or be) the credit closing the entries above it."""
        names = rules.credit_line(line.text)
        if names is not None:
            self._credit(names, line)
            return
        at_end = rules.credit_at_end(line.text)
        if at_end is not None:
            self._text(line._replace(text=at_end[0]))
            self._credit(at_end[1], line)
            return
        self._text(line)

    def _marked_heading(self, lines: list[Line], i: int) -> int:
        """A heading whose level the shape marks: the top level present opens a category, the next a
        section; a deeper one is a line of the text."""
        line, top = lines[i], self.top_level
        if line.level < top:  # above the categories (a part, a 编): the first line of the next category
            self.above.append(line)
            return i + 1
        if line.level == top:  # undoubled: a text taken from the PDF may still print `文 化文 化`
            if rules.undoubled(line.text):
                self.part.dropped.append(Dropped(line.number, line.text, SHADOW_TITLE))
            english = lines[i + 1:i + 2] if i + 1 < len(lines) and rules.is_english_subtitle(lines[i + 1].text) else []
            self._open_category(line, title=rules.undoubled(line.text), english=english)
            return i + 1 + len(english)
        if line.level == top + 1 and self.category is not None:
            self._open_section(line.text, line)
            return i + 1
        if line.level == top + 2 and self.headed_entries and self.section is not None:
            self._open_headed_entry(line)
            return i + 1
        self._text_or_credit(line)
        return i + 1

    def _open_headed_entry(self, line: Line) -> None:
        """An entry that a heading titles: a book without 【】 titles (a 志's 节, a gazetteer's 辑)."""
        assert self.section is not None
        self.entry = Entry(line.text, SourceSpan(self.file, line.number, line.number))
        self.section.entries.append(self.entry)
        self.uncredited.append(self.entry)
        self.raw[id(self.entry)] = []

    def _category_mark(self, line: Line, i: int, lines: list[Line]) -> str | None:
        """A category title, `furniture` for a running head of the category in force, else None."""
        doubled = rules.undoubled(line.text)
        key = doubled or compact(line.text)
        if i + 1 < len(lines) and lines[i + 1].text.startswith("【"):
            return None
        if not (doubled or key in self.known):
            return key if self._set_apart(lines, i) else None
        if key == self._in_force(line.number):
            return "furniture"
        if key in self.started:
            return None
        first = self.placement.first_entry_line.get(key)
        if first is not None:
            following = next((n for n in self.paged_lines if n > line.number), None)
            printed_apart = doubled or _spaced(line.text) or self._after_block(lines, i)
            return key if following == first and printed_apart else None  # (plain after a block: a manuscript)
        if doubled or (not self.started and not self.uncredited and self.section is None):
            return key
        return key if self._set_apart(lines, i) else None

    def _after_block(self, lines: list[Line], i: int) -> bool:
        """Line `i` opens the text or follows the end of a sentence, a credit or a table's last row."""
        return i == 0 or rules.ends_block(lines[i - 1].text) or (i - 1) in self.tables.consumed

    def _set_apart(self, lines: list[Line], i: int) -> bool:
        """A category title a manuscript prints plainly, on a line after the end of a block: one of the
        genre's standard categories, or a title over a section title over an entry, unless the two are one
        section title wrapped: the index knows them together, or (a book without an index) the first line
        fills the column. A title over an English subtitle is a category."""
        text = lines[i].text
        if not rules.heading_like(text) or rules.credit_line(text) is not None or \
                not self._after_block(lines, i) or text.count("（") != text.count("）"):  # (a caption cut short)
            return False
        if compact(text) in GENRE_CATEGORIES or _english_run(lines, i + 1):
            return True  # (the genre prints an English subtitle under a category's title only)
        if not (i + 2 < len(lines) and rules.heading_like(lines[i + 1].text) and lines[i + 2].text.startswith("【")):
            return False
        if self.known:  # the index names the sections: the two lines are one only if it knows them together
            return compact(text + lines[i + 1].text) not in self.placement.section_page
        return display_width(text) < SHORT_TITLE * self.measure

    def _in_force(self, line_no: int) -> str | None:
        by_index = max(((first, name) for name, first in self.placement.first_entry_line.items()
                        if first <= line_no), default=None)
        if self.category and (by_index is None or self.category.span.first >= by_index[0]):
            return compact(self.category.title)
        return by_index[1] if by_index else None

    def _heading(self, lines: list[Line], i: int, prev: str) -> int | None:
        """A section heading: 1–2 short lines, after the end of a block, right before an entry."""
        if self.category is None or not rules.heading_like(lines[i].text):
            return None
        after_block = self._after_block(lines, i) or rules.is_caption(prev) or \
            rules.undoubled(prev) is not None or rules.is_english_subtitle(prev) or \
            (self.category is not None and lines[i - 1].number in (self.category.span.first, self.title_last))
        if not after_block:
            return None
        for size in (2, 1):
            if i + size < len(lines) and lines[i + size].text.startswith("【") and \
                    all(rules.heading_like(lines[i + k].text) for k in range(size)):
                self._open_section(join_wrapped([lines[i + k].text for k in range(size)]), lines[i],
                                   last=lines[i + size - 1].number)
                return i + size
        return None

    # -- building the model ---------------------------------------------------------------------
    def _open_category(self, line: Line, title: str | None = None, english: Sequence[Line] = ()) -> None:
        """A category from its title line (or `title`), with the lines of its English subtitle if any."""
        name = rules.unornamented(title or join_wrapped([line.text]))
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
        self.section = self.entry = None
        self.uncredited = []

    def _open_section(self, title: str, line: Line, last: int | None = None) -> None:
        assert self.category is not None
        title = rules.unornamented(title)
        self.section = Section(title, SourceSpan(self.file, line.number, last or line.number),
                               page=self.placement.section_page.get(compact(title)))
        self.category.sections.append(self.section)
        self.raw[id(self.section)] = []
        self.entry = None
        self.uncredited = []

    def _open_entry(self, lines: list[Line], i: int) -> int:
        if self.section is None:
            if self.category is None:
                self._open_category(Line(lines[i].number, FRONT_TITLE, False))
            self._open_section(self.category.title if self.category else FRONT_TITLE, lines[i])
        assert self.section is not None
        title, rest, last = _read_title(lines, i)
        self.entry = Entry(title, SourceSpan(self.file, lines[i].number, lines[last].number),
                           page=self.placement.entry_page.get(lines[i].number),
                           index_term=self.placement.reworded.get(lines[i].number))
        self.section.entries.append(self.entry)
        self.uncredited.append(self.entry)
        self.raw[id(self.entry)] = []
        if rest:  # a one-paragraph entry may end with its credit: `【title】…实事。（宋晓莺）`
            self._text_or_credit(Line(lines[last].number, rest, False, whole=lines[last].whole))
        if not rest and last + 2 < len(lines) and rules.is_folio(lines[last + 1].text) \
                and not rules.is_folio(lines[last + 2].text):
            # a lone glyph between a title and its body (002 L10259 `5`), not a number the text goes on with
            self.part.dropped.append(Dropped(lines[last + 1].number, lines[last + 1].text, STRAY_DIGIT))
            return last + 2
        return last + 1

    def _credit(self, names: list[str], *lines: Line) -> None:
        """Authors closing the entries since the last credit; with none open (人物 records), kept in the text.
        A label before the names (`撰稿：`) is reported as left out."""
        self.part.credits.append((lines[0].number, names))
        text = "".join(line.text for line in lines)
        opening = max(text.rfind("（"), text.rfind("("))
        label = rules.author_label(text[opening + 1:]) if opening >= 0 else None
        if label and label[0].strip():
            self.part.dropped.append(Dropped(lines[0].number, label[0].strip(), CREDIT_LABEL))
        if not self.uncredited:
            self._add(Line(lines[0].number, "（" + " ".join(names) + "）", False), lines[0].number,
                      lines[-1].number)
            return
        for entry in self.uncredited:
            entry.authors = list(names)
            entry.credit_line = lines[0].number
        self.uncredited = []

    def _text(self, line: Line) -> None:
        self._add(line, line.number, line.number)

    def _add(self, item: Line | Placed, first: int, last: int) -> None:
        holder: Entry | Section | Category | None = self.entry or self.section or self.category
        if holder is None:
            self.front.append(item)
            return
        self.raw[id(holder)].append(item)
        holder.span.extend(first)
        holder.span.extend(last)

    def _finish(self) -> Part:
        for line in self.above:  # headings above the category level that no category followed
            self._text(line)
        self._split_untitled_categories()
        for category in self.part.categories:
            document = lift_document(self.raw[id(category)]) if not category.sections else None
            if document is not None:
                self._document(category, document)
            elif people := self._people(category):
                category.blocks, category.sections = split_people(people, self.file)
                self.raw.update({id(section): [] for section in category.sections})
            elif is_chronicle(self.raw[id(category)]):
                category.blocks = chronicle_blocks(self.raw[id(category)])
                category.chronicle = True
            else:
                before, leaders, after = split_leaders(self.raw[id(category)])
                category.blocks = reflow(before) + leaders + reflow(after)
            for section in category.sections:
                section.blocks = reflow(self.raw[id(section)])
                category.span.extend(section.span.last)
                for entry in section.entries:
                    if entry.kind == "entry":  # documents and person records bring their own blocks
                        entry.blocks = reflow(self.raw[id(entry)])
                    section.span.extend(entry.span.last)
                if section.page is None:
                    section.page = next((e.page for e in section.entries if e.page), None)
        front = split_front(self.front, self.file)
        self.part.front.extend(front.pages)
        self.part.dropped.extend(front.dropped)
        return self.part

    def _people(self, category: Category) -> list[Line | Placed]:
        """The 人物 category's text as print runs it (group titles, then records), if it holds records:
        a shape that marks heading levels has opened each group as a section."""
        if category.sections and any(section.entries for section in category.sections):
            return []
        items = list(self.raw[id(category)])
        for section in category.sections:
            items += [Line(section.span.first, section.title, False, whole=True), *self.raw[id(section)]]
        return items if is_people(items) else []

    def _document(self, category: Category, document: PrintedDocument) -> None:
        """A category that prints one verbatim document (特载): the document is its only page."""
        span = SourceSpan(self.file, document.first, category.span.last)
        section = Section(category.title, SourceSpan(self.file, category.span.first, category.span.last))
        section.entries.append(Entry(document.title, span, kind="document", blocks=document.blocks))
        category.sections.append(section)
        self.raw[id(section)] = []
        self.raw[id(section.entries[0])] = []

    def _split_untitled_categories(self) -> None:
        """Start each category that prints no title at the section holding its first indexed entry."""
        starts = {first: name for name, first in self.placement.first_entry_line.items()
                  if name not in self.started}
        result: list[Category] = []
        for category in self.part.categories:
            result.append(category)
            sections, category.sections = category.sections, []
            for section in sections:
                name = next((starts.pop(n) for n in list(starts) if _holds(section, n)), None)
                if name:
                    moved = result[-1].sections.pop() if _is_summary(result[-1].sections) else None
                    result.append(self._untitled(name, moved or section))
                    if moved:
                        result[-1].sections.append(moved)
                result[-1].sections.append(section)
        self.part.categories = result

    def _untitled(self, name: str, first: Section) -> Category:
        term = next(t for t in self.placement.categories if compact(t.term) == name)
        category = Category(term.term, SourceSpan(self.file, first.span.first, first.span.first), page=term.locator)
        self.raw[id(category)] = []
        return category


def _english_run(lines: list[Line], k: int) -> list[Line]:
    """The English subtitle from line `k`: a line of it, or the lines of letters a narrow column cut it into."""
    end = k
    while end < len(lines) and end - k < ENGLISH_LINES and lines[end].text.isascii() \
            and any(ch.isalpha() for ch in lines[end].text):
        end += 1
    if end == k and k < len(lines) and rules.is_english_subtitle(lines[k].text):
        end = k + 1  # (a subtitle line may carry a non-ASCII mark: `Culture · Sports`)
    return lines[k:end] if end > k and rules.is_english_subtitle(" ".join(line.text for line in lines[k:end])) \
        else []


def _spaced(text: str) -> bool:
    """Letter-spaced, as category titles are printed (`特 载`, `街 道`)."""
    return " " in text.strip()


def _holds(section: Section, line_no: int) -> bool:
    return any(entry.span.first == line_no for entry in section.entries)


def _is_summary(sections: list[Section]) -> bool:
    return bool(sections) and sections[-1].title == rules.SUMMARY
