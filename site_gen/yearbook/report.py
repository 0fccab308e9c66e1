"""The import report: what the parser found in a yearbook, scored against the book's own index.

`site-gen check` prints the summary; `site-gen import` also writes the full report (with every
dropped line and its reason) beside the book's pages, so an editor can see nothing real was lost.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from site_gen.yearbook.book_index import IndexTerm
from site_gen.yearbook.model import Part, Yearbook
from site_gen.yearbook.text import compact, han_counts

REPORT_NAME = "import-report.txt"


@dataclass(slots=True)
class IndexScore:
    """How many of the index's terms name a parsed category, section or entry."""

    total: int = 0
    categories: int = 0
    sections: int = 0
    entries: int = 0
    reworded: list[tuple[str, str]] = field(default_factory=list)  # (index term, body title) matched fuzzily
    unmatched: list[IndexTerm] = field(default_factory=list)
    tables: int = 0


@dataclass(slots=True)
class ImportReport:
    book: Yearbook
    counts: dict[str, int]
    index: IndexScore | None
    han_source: int  # Han characters of the sources' body text (all text but the dropped furniture)
    han_reached: int  # of them, how many reach content/ (as a multiset)

    def summary(self) -> list[str]:
        counts = ", ".join(f"{n} {name}" for name, n in self.counts.items())
        share = self.han_reached / self.han_source if self.han_source else 1.0
        lines = [f"{self.book.id}: {counts}",
                 f"  Han characters reaching content/: {self.han_reached}/{self.han_source} ({share:.3%})"]
        score = self.index
        if score is not None:
            matched = score.categories + score.sections + score.entries
            lines.append(f"  book index: {matched}/{score.total} terms matched — {score.categories} categories, "
                         f"{score.sections} sections, {score.entries} entries "
                         f"({len(score.reworded)} worded differently); {score.tables} table terms")
            lines += [f"    worded differently: {term} → {title}" for term, title in score.reworded]
            lines += [f"    unmatched: {t.term} {t.locator} (line {t.line})" for t in score.unmatched]
        return lines

    def full_text(self) -> str:
        """The report file: the summary, then every line the import left out and why."""
        lines = [*self.summary(), "", "Lines left out of the pages (source:line, reason, text):"]
        lines += [f"sources/{file}:{d.line}\t{d.reason}\t{d.text}" for file, d in self.book.dropped]
        return "\n".join(lines) + "\n"


def build_report(book: Yearbook, pages: Iterable[str]) -> ImportReport:
    """`pages`: the text of every page the book generates."""
    entries = book.entries()
    counts = {
        "categories": len(book.categories),
        "sections": sum(len(c.sections) for c in book.categories),
        "entries": sum(e.kind == "entry" for e in entries),
        "documents": sum(e.kind == "document" for e in entries),
        "person records": sum(e.kind == "person" for e in entries),
        "credits": len(book.credits),
        "tables": sum(b.startswith("::: table") for page in all_blocks(book) for b in page),
        "captions": sum(b.startswith("::: caption") for page in all_blocks(book) for b in page),
        "dropped lines": len(book.dropped),
    }
    source_han = book.source_han - han_counts("".join(dropped.text for _, dropped in book.dropped))
    page_han = han_counts("".join(pages))
    reached = sum((source_han & page_han).values())
    return ImportReport(book, counts, _score(book), sum(source_han.values()), reached)


def all_blocks(book: Yearbook | Part) -> list[list[str]]:
    """The Markdown blocks of every page of a book (or of one source text), page by page."""
    result = [page.blocks for page in [*book.front, *book.back]]
    for category in book.categories:
        result.append(category.blocks)
        for section in category.sections:
            result.append(section.blocks)
            result.extend(entry.blocks for entry in section.entries)
    return result


def _score(book: Yearbook) -> IndexScore | None:
    if book.index is None:
        return None
    categories = {compact(c.title) for c in book.categories}
    sections = {compact(s.title) for c in book.categories for s in c.sections}
    entries = {compact(e.title) for e in book.entries() if e.kind == "entry"}
    reworded = {compact(e.index_term): e.title for e in book.entries() if e.index_term}
    score = IndexScore(total=len(book.index.terms), tables=len(book.index.tables))
    for term in book.index.terms:
        if term.key in categories:
            score.categories += 1
        elif term.key in sections:
            score.sections += 1
        elif term.key in entries:
            score.entries += 1
        elif term.key in reworded:
            score.entries += 1
            score.reworded.append((term.term, reworded[term.key]))
        else:
            score.unmatched.append(term)
    return score

