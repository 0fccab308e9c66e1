"""What a build gathers from the parsed pages, once, before any page is rendered: per yearbook its tables
and chronicle events; across yearbooks the documents, people and glossary, with the links from running
text to them (each pass marks the tokens, so a word claimed by one pass is left alone by the next)."""

from __future__ import annotations

from dataclasses import dataclass, field

from markdown_it.token import Token

from site_gen.chronicle import Event, mark_events
from site_gen.documents import Document, Documents, link_documents
from site_gen.documents import gather as gather_documents
from site_gen.glossary import Glossary, Term, mark_terms
from site_gen.glossary import gather as gather_glossary
from site_gen.live_index import link_index
from site_gen.people import People, Person, link_people
from site_gen.people import gather as gather_people
from site_gen.site import Page, Site
from site_gen.tables import TableData, page_tables


@dataclass(slots=True)
class BookData:
    tables: list[tuple[Page, TableData]] = field(default_factory=list)  # in reading order
    events: list[tuple[Page, Event]] = field(default_factory=list)  # chronicle events, in print order
    documents: list[Document] = field(default_factory=list)  # registered or printed in full (documents.py)
    people: list[Person] = field(default_factory=list)  # everyone the book names (people.py)
    terms: list[Term] = field(default_factory=list)  # glossary terms and abbreviations (glossary.py)


@dataclass(slots=True)
class Collected:
    books: dict[str, BookData]  # yearbook URL → its data
    documents: Documents
    people: People
    glossary: Glossary
    index_links: tuple[int, int]  # terms of the books' own indexes linked, terms seen


def collect(site: Site, parsed: dict[str, list[Token]]) -> Collected:
    books = {book.url: BookData() for book in site.yearbooks()}
    for page in site.pages:
        book = page.yearbook()
        data = books[book.url]
        data.tables += [(page, table) for table in page_tables(parsed[page.url])]
        covers = book.meta.get("covers")
        if page.meta.get("chronicle") and isinstance(covers, int):
            data.events += [(page, event) for event in mark_events(parsed[page.url], covers)]
    tables = {url: data.tables for url, data in books.items()}

    index_links = link_index(site, parsed, tables)

    documents = gather_documents(site, tables)
    for page in site.pages:
        for cited in link_documents(parsed[page.url], page, documents):
            if cited.register is None or cited.register[0] is not page:  # a register row is not a mention
                cited.mentions.append(page)

    people = gather_people(site, tables, parsed)
    for page in site.pages:
        for named in link_people(parsed[page.url], page, people):
            if page not in named.records and page.url not in named.role_pages():  # a register is no mention
                named.mentions.append(page)

    glossary = gather_glossary(site, parsed)
    for page in site.pages:
        for term in mark_terms(parsed[page.url], page, glossary):
            term.uses.append(page)

    for book in site.yearbooks():
        books[book.url].documents = documents.of_book(book)
        books[book.url].terms = glossary.for_book(book)
    for person in people.sorted():
        for url in person.books():
            books[url].people.append(person)
    return Collected(books, documents, people, glossary, index_links)
