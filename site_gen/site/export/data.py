"""The data export `data/<yearbook>.json`: the book's structure and text for outside tools."""

from __future__ import annotations

import json
from typing import Any

from site_gen.site.collect.gather import BookData
from site_gen.site.collect.people_index import Person
from site_gen.site.load.pages import Page

LEAF_KINDS_SKIPPED = {"page", "index"}  # front matter and the book's index are not entries


def yearbook_export(book: Page, texts: dict[str, str], data: BookData, site_url: str) -> dict[str, Any]:
    """The contract: {id, title, edition, covers, categories: [{title, url, sections: [...]}],
    tables: [{number, title, url, columns, rows}], events: [{date, label, text, url}],
    documents: [{number, issuer, date, title, url, full_text, cited_by}],
    people: [{name, url, gender, records, roles, mentioned_in, wrote}],
    glossary: [{term, definition, abbreviation, url}]}."""
    def entry(page: Page) -> dict[str, Any]:
        return {"title": page.title, "url": site_url + page.url.lstrip("/"), "kind": page.kind,
                "page": page.front.page, "authors": list(page.front.authors),
                "text": texts[page.url], "source": page.front.source}

    categories = []
    for category in book.children:
        if category.kind != "category":
            continue
        sections = [{"title": s.title, "url": site_url + s.url.lstrip("/"),
                     "entries": [entry(e) for e in s.children if e.kind not in LEAF_KINDS_SKIPPED]}
                    for s in category.children if s.kind == "section"]
        categories.append({"title": category.title, "url": site_url + category.url.lstrip("/"),
                           "text": texts[category.url], "sections": sections})
    return {"id": export_id(book), "title": book.title,
            "edition": book.front.edition, "covers": book.front.covers, "categories": categories,
            "tables": [{"number": t.number, "title": t.title, "url": site_url + p.url.lstrip("/") + "#" + t.anchor,
                        "columns": t.columns, "rows": t.rows} for p, t in data.tables],
            "events": [{"date": e.when, "label": e.label, "text": e.text,
                        "url": site_url + p.url.lstrip("/") + "#" + e.anchor} for p, e in data.events],
            "documents": [{"number": d.number, "issuer": d.issuer, "date": d.date, "title": d.title,
                           "url": site_url + d.url.lstrip("/"), "full_text": d.text_page is not None,
                           "cited_by": [site_url + p.url.lstrip("/") for p in d.mentions]} for d in data.documents],
            "people": [_person(p, book, site_url) for p in data.people],
            "glossary": [{"term": t.term, "definition": t.definition, "abbreviation": t.abbreviation,
                          "url": site_url + t.url.lstrip("/")} for t in data.terms]}


def _person(person: Person, book: Page, site_url: str) -> dict[str, Any]:
    """A person as this yearbook names them: records, roles and honours, pages that mention or credit them."""
    def ours(pages: list[Page]) -> list[str]:
        return [site_url + p.url.lstrip("/") for p in pages if p.yearbook() is book]

    return {"name": person.name, "url": site_url + person.url.lstrip("/"), "gender": person.gender,
            "records": ours(person.records),
            "roles": [{"what": r.what, "where": r.where, "note": r.note, "url": site_url + r.url.lstrip("/")}
                      for r in person.roles if r.book is book],
            "mentioned_in": ours(person.mentions), "wrote": ours(person.contributions)}


def export_id(book: Page) -> str:
    return book.front.yearbook if book.front.yearbook is not None else book.url.strip("/")


def export_path(book: Page) -> str:
    """`data/<yearbook id>.json`, relative to the output folder."""
    return f"data/{export_id(book)}.json"


def export_bytes(book: Page, texts: dict[str, str], data: BookData, site_url: str) -> bytes:
    return json.dumps(yearbook_export(book, texts, data, site_url), ensure_ascii=False, indent=1).encode("utf-8")
