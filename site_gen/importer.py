"""`site-gen import` and `site-gen check`: sources → model → content/ (or a summary of the model)."""

from __future__ import annotations

from dataclasses import dataclass

from site_gen.config import Config
from site_gen.yearbook.emit import EmitReport, emit_yearbook
from site_gen.yearbook.model import Yearbook
from site_gen.yearbook.parse import parse_yearbook


@dataclass(frozen=True, slots=True)
class Counts:
    categories: int
    sections: int
    entries: int
    other_pages: int  # documents, tables, lists and pages outside the categories
    paged_entries: int  # entries whose printed page is known (from the book's index)
    dropped_lines: int  # page furniture removed (folios, running heads)

    def line(self, book: Yearbook) -> str:
        return (f"{book.id}: {self.categories} categories, {self.sections} sections, {self.entries} entries, "
                f"{self.other_pages} other pages, {self.paged_entries} entries with a printed page, "
                f"{self.dropped_lines} furniture lines dropped")


def count(book: Yearbook) -> Counts:
    leaves = book.entries()
    entries = [e for e in leaves if e.kind == "entry"]
    return Counts(len(book.categories), sum(len(c.sections) for c in book.categories), len(entries),
                  len(leaves) - len(entries) + len(book.front) + len(book.back),
                  sum(1 for e in entries if e.page), len(book.dropped))


def import_all(config: Config) -> list[tuple[Yearbook, EmitReport]]:
    results = []
    for book_config in config.yearbooks:
        book = parse_yearbook(book_config)
        results.append((book, emit_yearbook(book, config.content_dir)))
    return results


def check_all(config: Config) -> list[tuple[Yearbook, Counts]]:
    return [(book, count(book)) for book in (parse_yearbook(b) for b in config.yearbooks)]
