"""The book's own index made live: each term of its 条目索引 (`“最美人墙”志愿服务　385a`) links to the
category, section or entry it names, and each line of its 表格索引 to the table.

A term names the page of the same yearbook whose title (or `index_term`, the book's wording when the
index words a title differently) it is; where a category, a section and an entry share a title, the
one printed on the page the index gives wins.
"""

from __future__ import annotations

import re

from markdown_it.token import Token

from site_gen.site.collect.inline_marks import Mark, link, mark_text
from site_gen.site.collect.tables import TableData
from site_gen.site.load.pages import Page, Site

INDEX_KIND = "index"
_LINE = re.compile(r"^(?P<term>\S.*?)[\u3000 ]+(?P<page>\d+[abc]?)$")
_TABLE = re.compile(r"^表\s*(?P<number>\d+)")
LINKED_KINDS = ("entry", "section", "category")


def link_index(site: Site, page: Page, tokens: list[Token], tables: list[tuple[Page, TableData]]) -> None:
    """Link the terms of an index page (`tables`: its yearbook's)."""
    numbered = {t.number: f"{p.url}#{t.anchor}" for p, t in tables if t.number}
    targets = _targets(site, page.yearbook())

    def find(text: str) -> list[Mark]:
        line = _LINE.match(text)
        if line is None:
            return []
        term = line["term"]
        table = _TABLE.match(term)
        url = numbered.get(table["number"]) if table else _choose(targets.get(_key(term), []), line["page"])
        return [link(0, len(term), url, "index-link")] if url is not None else []

    mark_text(tokens, find)


def _key(text: str) -> str:
    return "".join(text.split())


def _targets(site: Site, book: Page) -> dict[str, list[Page]]:
    targets: dict[str, list[Page]] = {}
    for page in site.pages:
        if page.kind in LINKED_KINDS and page.yearbook() is book:
            for title in {page.title, page.front.index_term or page.title}:
                targets.setdefault(_key(title), []).append(page)
    return targets


def _choose(pages: list[Page], printed: str) -> str | None:
    if not pages:
        return None
    on_page = [p for p in pages if str(p.front.page or "") == printed]
    ranked = sorted(on_page or pages, key=lambda p: LINKED_KINDS.index(p.kind))
    return ranked[0].url
