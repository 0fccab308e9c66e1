"""A yearbook's source texts → one Yearbook model, each text parsed by the parser for its format."""

from __future__ import annotations

import statistics

from site_gen.config import SourceConfig, YearbookConfig
from site_gen.yearbook.markdown_text import parse_markdown_text
from site_gen.yearbook.model import DEFAULT_CATEGORY, Part, Yearbook
from site_gen.yearbook.readers import ENTRY_PARAGRAPHS, detect_shape, entry_count, is_outline
from site_gen.yearbook.source import Line, read_text, split_lines
from site_gen.yearbook.text import han_counts
from site_gen.yearbook.wrapped import parse_wrapped

MARKDOWN_MEDIAN_LINE = 40  # a text without entries whose lines are longer is read as Markdown-style


def parse_yearbook(book: YearbookConfig) -> Yearbook:
    result = Yearbook(book.id, book.title, book.edition, book.covers, [s.path.name for s in book.sources])
    for source in book.sources:
        text = read_text(source.path, source.encoding)
        result.source_han += han_counts(text)
        part = parse_text(source, text)
        result.categories.extend(part.categories)
        result.front.extend(part.front)
        result.back.extend(part.back)
        result.dropped.extend((source.path.name, dropped) for dropped in part.dropped)
        result.index = result.index or part.index
        result.credits.extend((source.path.name, line, names) for line, names in part.credits)
    return result


def parse_source(source: SourceConfig) -> Part:
    return parse_text(source, read_text(source.path, source.encoding))


def parse_text(source: SourceConfig, text: str) -> Part:
    lines = split_lines(text)
    if entry_count(lines) >= ENTRY_PARAGRAPHS:  # a book of 【】 entries, in whatever shape it came
        return parse_wrapped(lines, source.path.name, source.category, source.format or detect_shape(lines),
                             source.category_level)
    if source.format in (None, "markdown") and is_outline(lines):  # a tree of headings: the levels are the book's
        return parse_wrapped(lines, source.path.name, source.category, "markdown", source.category_level)
    if source.format in ("markdown", "paragraphs") or (source.format is None and _markdown_style(lines)):
        # no 【】 entries: a report, an award list, as the Markdown-style texts (003, 004) print them
        return parse_markdown_text(lines, source.path.name, source.category or DEFAULT_CATEGORY)
    return parse_wrapped(lines, source.path.name, source.category)


def _markdown_style(lines: list[Line]) -> bool:
    markdownish = sum(line.text.startswith("#") or "\t" in line.text for line in lines)
    median = statistics.median(len(line.text) for line in lines) if lines else 0
    return bool(markdownish) or median > MARKDOWN_MEDIAN_LINE
