"""The glossary: terms the books explain (`资料` boxes, the reports' 注释) and the abbreviations of the
全称/简称 table, gathered into one glossary page, and their uses in running text.

A term keeps its definition where the book prints it (the `<dt>` gets an anchor); the glossary page lists
every term with that place and the pages that use it. In running text an abbreviation from the book's
own table is marked `<abbr title="全称">` (hover shows the full name) and a defined term's first use on a
page links to its definition.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html import escape as html_escape

from markdown_it.token import Token

from site_gen.site.collect.inline_marks import Mark, html, link, mark_text, words_pattern
from site_gen.site.load.pages import Page

GLOSSARY_PATH = "glossary/"
FULL, SHORT = "全称", "简称"
TITLE_MAX = 80  # characters of a definition shown as a link's tooltip
MIN_TERM = 3  # characters: a shorter defined term is too common a word to link


@dataclass(eq=False, slots=True)
class Term:
    term: str
    definition: str
    page: Page  # where the book explains it (or prints the abbreviation table)
    anchor: str
    abbreviation: bool = False  # `term` is a 简称 and `definition` its 全称
    uses: list[Page] = field(default_factory=list)

    @property
    def url(self) -> str:
        return f"{self.page.url}#{self.anchor}"


@dataclass(slots=True)
class Glossary:
    terms: list[Term] = field(default_factory=list)
    _patterns: dict[str, re.Pattern[str] | None] = field(default_factory=dict)
    _by_word: dict[tuple[str, str], Term] = field(default_factory=dict)

    def for_book(self, book: Page) -> list[Term]:
        return [t for t in self.terms if t.page.yearbook() is book]

    def pattern(self, book: Page) -> re.Pattern[str] | None:
        """The terms usable on a book's pages; the longest wins."""
        if book.url not in self._patterns:
            self._patterns[book.url] = words_pattern(
                t.term for t in self.for_book(book)
                if t.abbreviation or len(re.sub(r"[“”‘’\s]", "", t.term)) >= MIN_TERM)
        return self._patterns[book.url]

    def lookup(self, book: Page, word: str) -> Term | None:
        if not self._by_word:
            for term in reversed(self.terms):  # the first definition of a word wins
                self._by_word[term.page.yearbook().url, term.term] = term
        return self._by_word.get((book.url, word))


def page_terms(page: Page, tokens: list[Token]) -> list[Term]:
    """The terms a page defines and the abbreviations it tables (their places get anchors)."""
    return _defined(page, tokens) + _abbreviations(page, tokens)


def _defined(page: Page, tokens: list[Token]) -> list[Term]:
    """Terms of `::: glossary` blocks: each `<dt>` gets an id, its `<dd>` text is the definition."""
    terms: list[Term] = []
    inside = False
    for k, token in enumerate(tokens):
        if token.type == "container_glossary_open":
            inside = True
        elif token.type == "container_glossary_close":
            inside = False
        elif inside and token.type == "dt_open":
            term = tokens[k + 1].content.strip()
            dd = next((i for i in range(k + 2, len(tokens)) if tokens[i].type == "dd_open"), None)
            definition = tokens[dd + 2].content.strip() if dd is not None and dd + 2 < len(tokens) else ""
            anchor = f"g-{len(terms) + 1}"
            token.attrSet("id", anchor)
            terms.append(Term(term, definition, page, anchor))
    return terms


def _abbreviations(page: Page, tokens: list[Token]) -> list[Term]:
    """Rows of a `全称 | 简称` table; the table gets the anchor `abbreviations`."""
    terms: list[Term] = []
    for k, token in enumerate(tokens):
        if token.type != "table_open":
            continue
        heads = [t.content.strip() for t in tokens[k:k + 12] if t.type == "inline"][:2]
        if heads != [FULL, SHORT]:
            continue
        token.attrSet("id", "abbreviations")
        cells: list[str] = []
        for cell in tokens[k + 1:]:
            if cell.type == "table_close":
                break
            if cell.type == "inline":
                cells.append(cell.content.strip())
        for full, short in zip(cells[2::2], cells[3::2], strict=False):
            if short and full and short != full:
                terms.append(Term(short, full, page, "abbreviations", abbreviation=True))
    return terms


def mark_terms(tokens: list[Token], page: Page, glossary: Glossary) -> list[Term]:
    """Abbreviations → `<abbr title>`; a defined term's first use on the page → a link to its definition.
    Returns the terms used (never on the page that defines them)."""
    book = page.yearbook()
    pattern = glossary.pattern(book)
    if pattern is None:
        return []
    used: list[Term] = []

    def find(text: str) -> list[Mark]:
        spans = []
        for match in pattern.finditer(text):
            term = glossary.lookup(book, match.group())
            if term is None or term.page is page or (not term.abbreviation and term in used):
                continue
            if term.abbreviation:
                spans.append(html(*match.span(), f'<abbr title="{html_escape(term.definition)}">', "</abbr>"))
            else:
                spans.append(link(*match.span(), term.url, "term-link", term.definition[:TITLE_MAX]))
            if term not in used:
                used.append(term)
        return spans

    mark_text(tokens, find)
    return used


def term_view(term: Term) -> dict[str, object]:
    return {"term": term.term, "definition": term.definition, "url": term.url, "where": term.page.title,
            "book": term.page.yearbook().title, "abbreviation": term.abbreviation,
            "uses": [{"url": p.url, "title": p.title} for p in term.uses]}
