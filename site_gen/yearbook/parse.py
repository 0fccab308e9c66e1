"""A yearbook's source texts → one Yearbook model: each text read into blocks by the reader for its shape
(readers/), then structured by the one structurer (structure.py) under the book's genre profile."""

from __future__ import annotations

from site_gen.config import SourceConfig, YearbookConfig
from site_gen.yearbook.model import Part, Yearbook
from site_gen.yearbook.profiles import Profile, load_profile
from site_gen.yearbook.readers import READERS, detect_shape, read_wrapped
from site_gen.yearbook.readers.block import split_lines
from site_gen.yearbook.readers.decode import read_text
from site_gen.yearbook.rules import ENTRIES
from site_gen.yearbook.rules.entry import entry_count
from site_gen.yearbook.structure import mode_of, structure
from site_gen.yearbook.text import han_counts

DEFAULT_PROFILE = "年鉴"


def parse_yearbook(book: YearbookConfig) -> Yearbook:
    result = Yearbook(book.id, book.title, book.edition, book.covers, [s.path.name for s in book.sources])
    profile = book_profile(book)
    for source in book.sources:
        text = read_text(source.path, source.encoding)
        result.source_han += han_counts(text)
        part = parse_text(source, text, profile)
        result.categories.extend(part.categories)
        result.front.extend(part.front)
        result.back.extend(part.back)
        result.dropped.extend((source.path.name, dropped) for dropped in part.dropped)
        result.index = result.index or part.index
        if part.profile is not None:
            result.profiles.append(part.profile)
        result.credits.extend((source.path.name, line, names) for line, names in part.credits)
    return result


def book_profile(book: YearbookConfig) -> Profile | None:
    """The profile site.yaml names for the book; None: each text's is detected."""
    return load_profile(book.profile) if book.profile is not None else None


def parse_source(source: SourceConfig, profile: Profile | None = None) -> Part:
    return parse_text(source, read_text(source.path, source.encoding), profile)


def parse_text(source: SourceConfig, text: str, profile: Profile | None = None) -> Part:
    profile = profile or load_profile(DEFAULT_PROFILE)
    lines = split_lines(text)
    shape = source.format or detect_shape(lines)
    blocks = READERS[shape](lines)
    mode = mode_of(blocks, profile, whole_shape=source.format in ("markdown", "paragraphs"))
    if mode == ENTRIES and shape != "wrapped" and not entry_count(blocks):
        blocks = read_wrapped(lines)  # no entry, no heading tree, no report: text read line by line
    part = structure(blocks, source.path.name, profile, mode, source.category, source.category_level)
    part.profile = profile
    return part
