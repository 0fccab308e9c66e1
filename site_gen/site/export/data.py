"""The data export `data/<yearbook>.json`: the book's structure and text for outside tools, in the shape
`yearbook-v1.schema.json` (beside it on the site) publishes. An entry's `text` is its prose only; the
captions and tables print set beside it come apart, each with its place in the text (`at`)."""

from __future__ import annotations

import json
from importlib import resources
from typing import Any

from site_gen.config import Config
from site_gen.site.collect.citation import cite, imprint, permalink
from site_gen.site.collect.gather import BookData
from site_gen.site.collect.people_index import Person
from site_gen.site.collect.prose import Prose
from site_gen.site.load.pages import Page

LEAF_KINDS_SKIPPED = {"page", "index"}  # front matter and the book's index are not entries
SCHEMA_VERSION = 1
SCHEMA_NAME = f"yearbook-v{SCHEMA_VERSION}.schema.json"
SCHEMA_PATH = f"data/{SCHEMA_NAME}"


def yearbook_export(book: Page, prose: dict[str, Prose], data: BookData, config: Config) -> dict[str, Any]:
    """The book as data; `yearbook-v1.schema.json` says what each field holds."""
    def link(path: str) -> str:
        return permalink(config.base_url, path)

    def text_of(page: Page) -> dict[str, Any]:
        own = prose[page.url]
        return {"text": own.text, "captions": [{"text": text, "at": at} for text, at in own.captions],
                "tables": [{"id": anchor, "at": at} for anchor, at in own.tables]}

    def entry(page: Page) -> dict[str, Any]:
        return {"title": page.title, "url": link(page.url), "kind": page.kind, "page": page.front.page,
                "authors": list(page.front.authors), **text_of(page), "source": page.front.source,
                "citation": cite(page, config).fields()}

    categories = []
    for category in book.children:
        if category.kind != "category":
            continue
        sections = [{"title": s.title, "url": link(s.url),
                     "entries": [entry(e) for e in s.children if e.kind not in LEAF_KINDS_SKIPPED]}
                    for s in category.children if s.kind == "section"]
        categories.append({"title": category.title, "url": link(category.url), **text_of(category),
                           "sections": sections})
    publisher, place, editor = imprint(book, config)
    return {"$schema": link(SCHEMA_PATH), "schema_version": SCHEMA_VERSION,
            "id": export_id(book), "title": book.title, "edition": book.front.edition, "covers": book.front.covers,
            "publisher": publisher, "place": place, "editor": editor, "categories": categories,
            "tables": [{"id": t.anchor, "number": t.number, "title": t.title, "url": link(f"{p.url}#{t.anchor}"),
                        "columns": t.columns, "rows": t.rows} for p, t in data.tables],
            "events": [{"date": e.when, "label": e.label, "text": e.text, "url": link(f"{p.url}#{e.anchor}")}
                       for p, e in data.events],
            "documents": [{"number": d.number, "issuer": d.issuer, "date": d.date, "title": d.title,
                           "url": link(d.url), "full_text": d.text_page is not None,
                           "cited_by": [link(p.url) for p in d.mentions]} for d in data.documents],
            "people": [_person(p, book, link) for p in data.people],
            "glossary": [{"term": t.term, "definition": t.definition, "abbreviation": t.abbreviation,
                          "url": link(t.url)} for t in data.terms]}


def _person(person: Person, book: Page, link: Any) -> dict[str, Any]:
    """A person as this yearbook names them: records, roles and honours, pages that mention or credit them."""
    def ours(pages: list[Page]) -> list[str]:
        return [link(p.url) for p in pages if p.yearbook() is book]

    return {"name": person.name, "url": link(person.url), "gender": person.gender,
            "records": ours(person.records),
            "roles": [{"what": r.what, "where": r.where, "note": r.note, "url": link(r.url)}
                      for r in person.roles if r.book is book],
            "mentioned_in": ours(person.mentions), "wrote": ours(person.contributions)}


def export_id(book: Page) -> str:
    return book.front.yearbook if book.front.yearbook is not None else book.url.strip("/")


def export_path(book: Page) -> str:
    """`data/<yearbook id>.json`, relative to the output folder."""
    return f"data/{export_id(book)}.json"


def export_bytes(book: Page, prose: dict[str, Prose], data: BookData, config: Config) -> bytes:
    return json.dumps(yearbook_export(book, prose, data, config), ensure_ascii=False, indent=1).encode("utf-8")


def schema_bytes() -> bytes:
    """The published JSON Schema of the export (package data, so every install has it)."""
    return resources.files(__package__).joinpath(SCHEMA_NAME).read_bytes()
