"""What a build gathers from the parsed pages, once, before any page is rendered: per yearbook its tables
and chronicle events; across yearbooks the documents, people and glossary, with the links from running
text to them (each pass marks the tokens, so a word claimed by one pass is left alone by the next).

Two steps per page, so that the preview server can redo one page without the others:
`contribute` reads what a page adds to the shared data (its tables, events, roles, defined terms);
`mark_page` links the page's text to the shared data and returns what it links to (its backlinks).
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from typing import TypeVar

from markdown_it.token import Token

from site_gen.site.collect.chronicle_index import Event, mark_events
from site_gen.site.collect.documents import Document, Documents, link_documents
from site_gen.site.collect.documents import gather as gather_documents
from site_gen.site.collect.glossary import Glossary, Term, mark_terms, page_terms
from site_gen.site.collect.live_index import INDEX_KIND, link_index
from site_gen.site.collect.people_index import NamedRole, People, Person, link_people, page_roles
from site_gen.site.collect.people_index import gather as gather_people
from site_gen.site.collect.tables import TableData, page_tables
from site_gen.site.load.pages import Page, Site

T = TypeVar("T")


@dataclass(slots=True)
class BookData:
    tables: list[tuple[Page, TableData]] = field(default_factory=list)  # in reading order
    events: list[tuple[Page, Event]] = field(default_factory=list)  # chronicle events, in print order
    documents: list[Document] = field(default_factory=list)  # registered or printed in full (documents.py)
    people: list[Person] = field(default_factory=list)  # everyone the book names (people_index.py)
    terms: list[Term] = field(default_factory=list)  # glossary terms and abbreviations (glossary.py)


@dataclass(slots=True)
class Contribution:
    """What one page adds to the shared data. Equal contributions before and after an edit mean the
    edit changed that page's own text and links, and nothing that other pages show."""
    tables: list[TableData]
    events: list[Event]
    roles: list[NamedRole]
    terms: list[Term]

    def key(self) -> tuple[object, ...]:
        return (self.tables, self.events, self.roles,
                [(t.term, t.definition, t.anchor, t.abbreviation) for t in self.terms])


@dataclass(slots=True)
class Links:
    """What a page's text links to: the pages that show it as a backlink."""
    documents: list[Document] = field(default_factory=list)
    people: list[Person] = field(default_factory=list)
    terms: list[Term] = field(default_factory=list)


@dataclass(slots=True)
class Collected:
    books: dict[str, BookData]  # yearbook URL → its data
    documents: Documents
    people: People
    glossary: Glossary
    links: dict[str, Links]  # page URL → what its text links to


def contribute(page: Page, tokens: list[Token]) -> Contribution:
    """Read (and anchor, in `tokens`) what the page adds to the shared data."""
    covers = page.yearbook().front.covers
    events = mark_events(tokens, covers, page.front.title) if page.front.chronicle and covers is not None else []
    return Contribution(page_tables(tokens), events, page_roles(page, tokens), page_terms(page, tokens))


def collect(site: Site, parsed: dict[str, list[Token]]) -> Collected:
    contributions = {page.url: contribute(page, parsed[page.url]) for page in site.pages}
    books = {book.url: BookData() for book in site.yearbooks()}
    for page in site.pages:
        data, contribution = books[page.yearbook().url], contributions[page.url]
        data.tables += [(page, table) for table in contribution.tables]
        data.events += [(page, event) for event in contribution.events]
    tables = {url: data.tables for url, data in books.items()}
    collected = Collected(books, gather_documents(site, tables),
                          gather_people(site, tables, {url: c.roles for url, c in contributions.items()}),
                          Glossary([term for c in contributions.values() for term in c.terms]), {})
    for page in site.pages:
        links = collected.links[page.url] = mark_page(site, page, parsed[page.url], collected)
        for pages in _backlink_lists(page, links):
            pages.append(page)

    for book in site.yearbooks():
        books[book.url].documents = collected.documents.of_book(book)
        books[book.url].terms = collected.glossary.for_book(book)
    _book_people(collected)
    return collected


def _book_people(collected: Collected) -> None:
    """Each yearbook's people: everyone it names in any way, in pinyin order."""
    for data in collected.books.values():
        data.people = []
    for person in collected.people.sorted():
        for url in person.books():
            collected.books[url].people.append(person)


def mark_page(site: Site, page: Page, tokens: list[Token], collected: Collected) -> Links:
    """Link a page's text: its index terms (on an index page), then documents, people, glossary terms."""
    links = Links()
    if page.kind == INDEX_KIND:
        link_index(site, page, tokens, collected.books[page.yearbook().url].tables)
    links.documents = link_documents(tokens, page, collected.documents)
    links.people = link_people(tokens, page, collected.people)
    links.terms = mark_terms(tokens, page, collected.glossary)
    return links


def relink(site: Site, page: Page, tokens: list[Token], collected: Collected) -> set[str]:
    """Link an edited page (whose contribution did not change) and move its backlinks; returns the
    keys (`document:<url>`, `person:<url>`, `glossary`…) of the shared pages that now show it otherwise."""
    order = {p.url: k for k, p in enumerate(site.pages)}
    old = collected.links[page.url]
    for pages in _backlink_lists(page, old):
        pages.remove(page)
    new = collected.links[page.url] = mark_page(site, page, tokens, collected)
    for pages in _backlink_lists(page, new):
        bisect.insort(pages, page, key=lambda p: order[p.url])
    documents = _changed(old.documents, new.documents)
    people = _changed(old.people, new.people)
    changed = {f"document:{d.url}" for d in documents} | {f"person:{p.url}" for p in people}
    changed |= {"documents"} if documents else set()
    if people:
        changed.add("people")
        _book_people(collected)
    changed |= {"glossary"} if _changed(old.terms, new.terms) else set()
    return changed


def _changed(old: list[T], new: list[T]) -> list[T]:
    """What is in one list and not the other."""
    return [x for x in old if x not in new] + [x for x in new if x not in old]


def _backlink_lists(page: Page, links: Links) -> list[list[Page]]:
    """The backlink lists the page belongs in (a register row or a page's own record is not a mention)."""
    lists = [cited.mentions for cited in links.documents if cited.register is None or cited.register[0] is not page]
    lists += [named.mentions for named in links.people
              if page not in named.records and page.url not in named.role_pages()]
    return lists + [term.uses for term in links.terms]
