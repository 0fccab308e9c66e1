"""What a build gathers from the parsed pages of each yearbook, once, for the pages that list it (table
index, chronicle) and for the data export."""

from __future__ import annotations

from dataclasses import dataclass, field

from markdown_it.token import Token

from site_gen.chronicle import Event, mark_events
from site_gen.documents import Document
from site_gen.glossary import Term
from site_gen.people import Person
from site_gen.site import Page, Site
from site_gen.tables import TableData, page_tables


@dataclass(slots=True)
class BookData:
    tables: list[tuple[Page, TableData]] = field(default_factory=list)  # in reading order
    events: list[tuple[Page, Event]] = field(default_factory=list)  # chronicle events, in print order
    documents: list[Document] = field(default_factory=list)  # registered or printed in full (documents.py)
    people: list[Person] = field(default_factory=list)  # everyone the book names (people.py)
    terms: list[Term] = field(default_factory=list)  # glossary terms and abbreviations (glossary.py)


def collect(site: Site, parsed: dict[str, list[Token]]) -> dict[str, BookData]:
    """Yearbook URL → its data. Marks chronicle events on the tokens (ids, dates) as it goes."""
    books = {book.url: BookData() for book in site.yearbooks()}
    for page in site.pages:
        book = page.yearbook()
        data = books[book.url]
        data.tables += [(page, table) for table in page_tables(parsed[page.url])]
        covers = book.meta.get("covers")
        if page.meta.get("chronicle") and isinstance(covers, int):
            data.events += [(page, event) for event in mark_events(parsed[page.url], covers)]
    return books
