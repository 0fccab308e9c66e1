"""The import report: what the parser found in a yearbook, scored against the book's own index.

`site-gen check` prints the summary; `site-gen import` also writes the full report (with every
dropped line and its reason) beside the book's pages, so an editor can see nothing real was lost.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from site_gen.errors import Diagnostic
from site_gen.yearbook.model import (
    CONTROL,
    REPEATED_HEADER,
    REPEATED_LABEL,
    SHADOW_TITLE,
    Category,
    Dropped,
    Entry,
    IndexTerm,
    Part,
    Section,
    Yearbook,
)
from site_gen.yearbook.rules.titles import undoubled
from site_gen.yearbook.text import compact, consecutive_runs, han_counts

REPORT_NAME = "import-report.txt"
CATCH_ALL_MIN = 10  # pages: a smaller book may well be one category
REPEATS = (SHADOW_TITLE, REPEATED_HEADER, REPEATED_LABEL)  # left out because the pages hold them already
LONG_PAGE = 50_000  # characters: a page this long is a book whose headings were not seen
KIND_NAMES = {"entry": "entries", "document": "documents", "person": "person records", "table": "tables",
              "list": "lists", "page": "pages"}


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
    unconfirmed: list[tuple[str, Dropped]] = field(default_factory=list)  # repeats of nothing: counted as lost

    def summary(self) -> list[str]:
        counts = ", ".join(f"{n} {name}" for name, n in self.counts.items())
        share = self.han_reached / self.han_source if self.han_source else 1.0
        named = self.book.profiles[0] if self.book.profiles else None
        lines = [f"{self.book.id}: {counts}",
                 *([f"  profile: {named.name} ({_named(self.book)})"] if named else []),
                 f"  Han characters reaching content/: {self.han_reached}/{self.han_source} ({share:.3%})"]
        for pdf in self.book.pdf_pages:
            by_ocr = f", {len(pdf.ocr)} of them scans read by OCR (pages {_spans(pdf.ocr)})" if pdf.ocr else ""
            without = f", {len(pdf.textless)} without text (pages {_spans(pdf.textless)})" if pdf.textless else ""
            unsure = f"; {len(pdf.uncertain)} OCR lines to check (listed in the import report)" if pdf.uncertain else ""
            lines.append(f"  sources/{pdf.file}: {pdf.count} PDF pages read by their layout{by_ocr}{without}{unsure}")
        score = self.index
        if score is not None:
            matched = score.categories + score.sections + score.entries
            lines.append(f"  book index: {matched}/{score.total} terms matched — {score.categories} categories, "
                         f"{score.sections} sections, {score.entries} entries "
                         f"({len(score.reworded)} worded differently); {score.tables} table terms")
            lines += [f"    worded differently: {term} → {title}" for term, title in score.reworded]
            lines += [f"    unmatched: {t.term} {t.locator} (line {t.line})" for t in score.unmatched]
        return lines

    def outline(self) -> list[str]:
        """Categories → sections with their pages, in reading order: the structure the import found."""
        lines = []
        for category in self.book.categories:
            lines.append(f"    {category.title}")
            lines += [f"      {section.title}: {_pages(section.entries)}" for section in category.sections]
        return lines

    def warnings(self) -> list[str]:
        """What suggests the import misread the book's shape, each with what to do about it."""
        where = f"sources/{self.book.sources[0]}" if self.book.sources else self.book.id
        found = []
        entries = self.book.entries()
        catch_all = {title for profile in self.book.profiles
                     for title in (profile.default_category, profile.front_title)}
        by_headings = all(profile.entries == "headings" for profile in self.book.profiles)
        sections_hold_text = any(section.blocks for category in self.book.categories for section in category.sections)
        # A 志 whose lowest heading is the 节 has pages without entries: only a book of no text at all is misread.
        if not any(entry.kind in ("entry", "document", "person") for entry in entries) and not (
                by_headings and self.book.profiles and sections_hold_text):
            found.append(Diagnostic(where, "no entry found: entries are paragraphs opening with a 【title】", level=
                                    "warning", hint="check the text's shape (docs/input.md), or set `format:`"))
        for category in self.book.categories:
            held = sum(len(section.entries) for section in category.sections)
            if category.title in catch_all and len(entries) >= CATCH_ALL_MIN and held * 2 > len(entries):
                found.append(Diagnostic(where, f"{held} of {len(entries)} pages are in the catch-all category "
                                        f"'{category.title}'", level="warning",
                                        hint="its category titles were not recognised: mark them as headings"))
        found += [Diagnostic(f"sources/{file}", f"left out as {dropped.reason}, but the pages do not hold it: "
                             f"'{dropped.shown}'", dropped.line, level="warning", hint="a line of the text?")
                  for file, dropped in self.unconfirmed]
        controls: dict[str, list[int]] = {}
        for file, dropped in self.book.dropped:
            if dropped.reason.startswith(CONTROL):
                controls.setdefault(file, []).append(dropped.line)
        found += [Diagnostic(f"sources/{file}", f"control characters left out on {len(lines)} line"
                             f"{'s' if len(lines) > 1 else ''}", lines[0], level="warning",
                             hint=f"{REPORT_NAME} lists them") for file, lines in controls.items()]
        for page in all_pages(self.book):
            size = sum(len(block) for block in page.blocks)
            if size > LONG_PAGE:
                found.append(Diagnostic(where, f"page '{page.title}' holds {size} characters", page.span.first,
                                        level="warning", hint="a heading or 【title】 the import did not see?"))
        return [str(diagnostic) for diagnostic in found]

    def full_text(self) -> str:
        """The report file: the summary, then every line the import left out and why."""
        lines = [*self.summary(), "", "Lines left out of the pages (source:line, reason, text):"]
        lines += [f"sources/{file}:{d.line}\t{d.reason}\t{d.shown}" for file, d in self.book.dropped]
        unsure = [(pdf.file, *line) for pdf in self.book.pdf_pages for line in pdf.uncertain]
        if unsure:
            from site_gen.yearbook.readers.ocr import UNCERTAIN  # (only a book with scans loads the OCR reader)

            lines += ["", f"Lines the OCR was unsure of (below {UNCERTAIN:.0%}; source, PDF page, confidence, text):"]
            lines += [f"sources/{file}\tPDF第{page}页\t{confidence:.1%}\t{text}"
                      for file, page, text, confidence in unsure]
        return "\n".join(lines) + "\n"


def _spans(numbers: list[int]) -> str:
    """`1-3, 7` for [1, 2, 3, 7]."""
    return ", ".join(f"{s[0]}-{s[-1]}" if len(s) > 1 else str(s[0]) for s in consecutive_runs(numbers))


def _named(book: Yearbook) -> str:
    return f"site.yaml: {book.profile_named}" if book.profile_named else "detected"


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
    texts = list(pages)
    unconfirmed = _unconfirmed(book, texts)
    lost = {dropped for _, dropped in unconfirmed}
    confirmed = [dropped.text for _, dropped in book.dropped if dropped not in lost]
    source_han = book.source_han - han_counts("".join(confirmed))  # a repeat that repeats nothing counts
    page_han = han_counts("".join(texts))
    reached = sum((source_han & page_han).values())
    return ImportReport(book, counts, _score(book), sum(source_han.values()), reached, unconfirmed)


def _unconfirmed(book: Yearbook, pages: list[str]) -> list[tuple[str, Dropped]]:
    """Lines left out as repeats (a title printed twice, a table header repeated on a continued table)
    whose text the pages do not hold: a poem line taken for a title is text lost, not furniture."""
    held = _key("".join(pages))
    return [(file, dropped) for file, dropped in book.dropped if dropped.reason in REPEATS
            and (undoubled(dropped.text) or _key(dropped.text)) not in held]


def _key(text: str) -> str:
    return compact(text).replace("|", "").replace("\\", "")


def _pages(entries: list[Entry]) -> str:
    kinds = Counter(entry.kind for entry in entries)  # in the order they first appear
    return ", ".join(f"{n} {KIND_NAMES.get(kind, kind)}" for kind, n in kinds.items()) or "no page"


def all_pages(book: Yearbook | Part) -> list[Entry | Category | Section]:
    """Every page of a book (or of one source text) that holds text."""
    pages: list[Entry | Category | Section] = [*book.front, *book.back]
    for category in book.categories:
        pages.append(category)
        for section in category.sections:
            pages += [section, *section.entries]
    return pages


def all_blocks(book: Yearbook | Part) -> list[list[str]]:
    """The Markdown blocks of every page of a book (or of one source text), page by page."""
    return [page.blocks for page in all_pages(book)]


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

