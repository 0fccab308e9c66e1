"""A yearbook's source texts → one Yearbook model: each text read into blocks by the reader for its shape
(readers/), then structured by the one structurer (structure.py) under the book's genre profile."""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

from site_gen.config import SourceConfig, YearbookConfig
from site_gen.contract.characters import without_controls
from site_gen.errors import fail
from site_gen.yearbook.model import CONTROL, Category, Dropped, Entry, Part, PdfPages, Section, Yearbook
from site_gen.yearbook.profiles import Profile, load_profile
from site_gen.yearbook.readers import READERS, detect_shape, read_wrapped
from site_gen.yearbook.readers.block import Block, split_lines
from site_gen.yearbook.readers.decode import read_text
from site_gen.yearbook.readers.pdf import is_pdf, read_pdf
from site_gen.yearbook.rules import ENTRIES
from site_gen.yearbook.rules.entry import entry_count
from site_gen.yearbook.rules.tree import Heading
from site_gen.yearbook.structure import detect_profile, mode_of, structure
from site_gen.yearbook.text import han_counts


def parse_yearbook(book: YearbookConfig) -> Yearbook:
    """Every source of the book read, its genre detected from all of them (unless site.yaml names it), then
    each structured."""
    result = Yearbook(book.id, book.title, book.edition, book.covers, [s.path.name for s in book.sources])
    readings: list[tuple[SourceConfig, Reading]] = []
    folios: dict[str, dict[int, str]] = {}  # a PDF's Markdown line → the printed page it was set on
    for source in book.sources:
        pdf = read_pdf(source.path, f"sources/{source.path.name}", book.ocr_cache) if _is_pdf(source.path) else None
        text, controls = without_controls(pdf.markdown if pdf else read_text(source.path, source.encoding))
        result.dropped += [(source.path.name, Dropped(line, shown, f"{CONTROL} {codes}"))
                           for line, shown, codes in controls]
        if pdf and len(pdf.textless) == pdf.page_count:
            raise fail(f"sources/{source.path.name}", f"no text on any of its {pdf.page_count} pages, even by OCR",
                       1, hint="are the pages blank? give the book's text instead")
        if pdf:
            folios[source.path.name] = pdf.folios
            result.dropped += [(source.path.name, Dropped(line, text, reason, page))
                               for line, page, text, reason in pdf.furniture]
            result.pdf_pages.append(PdfPages(source.path.name, pdf.page_count, pdf.ocr, pdf.textless, pdf.uncertain))
        result.source_han += han_counts(text)
        readings.append((source, read(source, text, "markdown" if pdf else None)))
    result.profile_named = f"sources/{book.profile.name}" if isinstance(book.profile, Path) else book.profile
    profile = book_profile(book) or detect_profile([block for _, reading in readings for block in reading.blocks])
    carried: tuple[Heading, ...] = ()
    for source, reading in readings:
        part = structure_reading(source, reading, profile, carried)
        _printed_pages(part, folios.get(source.path.name, {}))
        carried = part.open
        _join_continued(result.categories, part.categories)
        result.front.extend(part.front)
        result.back.extend(part.back)
        result.dropped.extend((source.path.name, dropped) for dropped in part.dropped)
        result.index = result.index or part.index
        if part.profile is not None:
            result.profiles.append(part.profile)
        result.credits.extend((source.path.name, line, names) for line, names in part.credits)
    return result


def _join_continued(categories: list[Category], more: list[Category]) -> None:
    """`more` after `categories`, its first category (section, entry) joined to the one it continues."""
    if more and more[0].continued and categories:
        last, first = categories[-1], more.pop(0)
        last.blocks += first.blocks
        sections = first.sections
        if sections and sections[0].continued and last.sections:
            section, going_on = last.sections[-1], sections.pop(0)
            section.blocks += going_on.blocks
            entries = going_on.entries
            if entries and entries[0].continued and section.entries:
                section.entries[-1].blocks += entries.pop(0).blocks
            section.entries += entries
        last.sections += sections
    categories.extend(more)


def _is_pdf(path: Path) -> bool:
    try:
        with path.open("rb") as handle:
            return is_pdf(handle.read(5))
    except OSError:  # read_text says what is wrong with it
        return False


def _printed_pages(part: Part, folios: dict[int, str]) -> None:
    """Each page of a PDF's part that the book's index gave no page: the folio of the PDF page it starts on."""
    if not folios:
        return
    pages: list[Category | Section | Entry] = [*part.front, *part.back]
    for category in part.categories:
        pages.append(category)
        for section in category.sections:
            pages += [section, *section.entries]
    for page in pages:
        if page.page is None:
            page.page = folios.get(page.span.first)


def book_profile(book: YearbookConfig) -> Profile | None:
    """The profile site.yaml names for the book; None: each text's is detected."""
    return load_profile(book.profile) if book.profile is not None else None


def parse_source(source: SourceConfig, profile: Profile | None = None) -> Part:
    return parse_text(source, read_text(source.path, source.encoding), profile)


class Reading(NamedTuple):
    shape: str
    lines: list[Block]
    blocks: list[Block]


def read(source: SourceConfig, text: str, shape: str | None = None) -> Reading:
    """A text's lines and blocks, read in its shape (`shape`: a PDF's, else site.yaml's `format`, else detected)."""
    lines = split_lines(text)
    shape = shape or source.format or detect_shape(lines)
    return Reading(shape, lines, READERS[shape](lines))


def parse_text(source: SourceConfig, text: str, profile: Profile | None = None) -> Part:
    """`profile`: the book's (site.yaml); None: detected from the text."""
    reading = read(source, text)
    return structure_reading(source, reading, profile or detect_profile(reading.blocks))


def structure_reading(source: SourceConfig, reading: Reading, profile: Profile,
                      carried: tuple[Heading, ...] = ()) -> Part:
    """The text structured; `carried`: the headings the book's text before it left open (a 志 in several files)."""
    shape, blocks = reading.shape, reading.blocks
    mode = mode_of(blocks, profile, whole_shape=source.format in ("markdown", "paragraphs"), carried=bool(carried))
    if mode == ENTRIES and shape != "wrapped" and not entry_count(blocks):
        blocks = read_wrapped(reading.lines)  # no entry, no heading tree, no report: text read line by line
    part = structure(blocks, source.path.name, profile, mode, source.category, source.category_level, carried)
    part.profile = profile
    return part
