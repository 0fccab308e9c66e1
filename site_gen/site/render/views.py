"""Rendering each kind of file of the site from its Jinja template and the site's content; a template
error names the template, its line and what was being rendered."""

from __future__ import annotations

import os
import re
import traceback

import jinja2

from site_gen.config import Config
from site_gen.errors import did_you_mean, fail
from site_gen.site.collect.documents import Document, document_view
from site_gen.site.collect.editions import Editions, others_view
from site_gen.site.collect.glossary import term_view
from site_gen.site.collect.people_index import Person, index_entry, person_view
from site_gen.site.collect.tables import TableData
from site_gen.site.load.pages import Page
from site_gen.site.render.content import SiteContent
from site_gen.site.render.templates import Navigation, make_environment, template_for, view

TABLES_PATH = "tables/"  # a yearbook's table index, under the yearbook's URL


class Views:
    def __init__(self, content: SiteContent, config: Config) -> None:
        self.content, self.config = content, config
        self.env = make_environment(config)
        self.nav = Navigation(content.site)

    def render(self, name: str, what: str, **context: object) -> bytes:
        try:
            return self.env.get_template(name).render(**context).encode("utf-8")
        except jinja2.TemplateSyntaxError as exc:
            raise fail(f"templates/{exc.name or name}", f"template syntax error: {exc.message}",
                       exc.lineno) from None
        except jinja2.TemplateNotFound as exc:
            where, line = self._template_place(exc, name)
            hint = did_you_mean(str(exc.name), self.env.list_templates())
            raise fail(f"templates/{where}", f"template '{exc.name}' not found (while rendering {what})", line,
                       hint=hint) from None
        except jinja2.UndefinedError as exc:
            where, line = self._template_place(exc, name)
            message = re.sub(r"'(?:\w+\.)+(\w+ object)'", r"'\1'", exc.message or "")  # not our module layout
            raise fail(f"templates/{where}", f"{message} (while rendering {what})", line,
                       hint=_undefined_hint(exc.message or "", {**self.env.globals, **context})) from None

    def _template_place(self, exc: BaseException, name: str) -> tuple[str, int | None]:
        """The template and line where rendering failed: Jinja puts template lines in the traceback."""
        folder = str(self.config.templates_dir.resolve()) + os.sep
        for frame in reversed(traceback.extract_tb(exc.__traceback__)):
            if frame.filename.startswith(folder):
                return frame.filename[len(folder):], frame.lineno
        return name, None

    def page(self, page: Page) -> bytes:
        printed = self.content.collected.documents.by_page.get(page.url)
        body = self.content.bodies[page.url]
        return self.render(template_for(page), str(page.source), page=view(page, self.nav, body),
                            table_count=len(self.content.collected.books[page.yearbook().url].tables),
                            tables_path=TABLES_PATH, document=document_view(printed) if printed else None,
                            editions=others_view(page, self.content.editions.get(page.url)))

    def compare(self, group: Editions) -> bytes:
        return self.render(
            "compare.html", f"the comparison page {group.url}",
            page={"title": f"{group.title}（各年对照）", "breadcrumbs": ()}, title=group.title,
            columns=[{"book": p.yearbook().title, "url": p.url, "html": _without_ids(self.content.bodies[p.url]),
                      "children": [{"title": c.title, "url": c.url,  # a section shows its entries in full
                                    "html": _without_ids(self.content.bodies[c.url]) if p.kind == "section" else None}
                                   for c in p.children]} for p in group.pages])

    def document(self, doc: Document) -> bytes:
        """A page for a document known only from a register."""
        crumbs = (self.nav.links[doc.book.url], self.nav.links[doc.register[0].url]) if doc.register else ()
        return self.render("document.html", f"the document page {doc.url}",
                            page={"title": doc.title, "book": doc.book.title, "breadcrumbs": crumbs},
                            document=document_view(doc))

    def documents(self, book: Page | None) -> bytes:
        """The documents index of one yearbook, or across yearbooks."""
        by_date = sorted(self.content.collected.documents.all, key=lambda d: (d.date or "", d.title))
        listed = [document_view(d) for d in by_date if book is None or d.book is book]
        return self.render("documents.html", f"the documents index of {book.url if book else '/'}",
                            page={"title": "文件索引", "book": book.title if book else None,
                                  "breadcrumbs": (self.nav.links[book.url],) if book else ()}, documents=listed)

    def person(self, person: Person) -> bytes:
        return self.render("person.html", f"the person page {person.url}",
                            page={"title": person.name, "breadcrumbs": ()}, person=person_view(person))

    def people(self) -> bytes:
        """The people index, in pinyin order."""
        return self.render("people.html", "the people index", page={"title": "人物索引", "breadcrumbs": ()},
                            people=[index_entry(p) for p in self.content.collected.people.sorted()])

    def glossary(self) -> bytes:
        return self.render("glossary.html", "the glossary", page={"title": "名词解释与简称", "breadcrumbs": ()},
                            terms=[term_view(t) for t in self.content.collected.glossary.terms])

    def tables(self, book: Page) -> bytes:
        tables: list[tuple[Page, TableData]] = self.content.collected.books[book.url].tables
        return self.render(
            "tables.html", f"the table index of {book.url}",
            page={"title": "表格索引", "book": book.title, "breadcrumbs": (self.nav.links[book.url],)},
            tables=[{"label": t.label, "url": p.url + "#" + t.anchor, "csv": p.url + t.csv_name,
                     "where": p.title, "rows": len(t.rows)} for p, t in tables])

    def home(self) -> bytes:
        return self.render("home.html", "home", page={"title": self.config.title, "breadcrumbs": ()},
                            yearbooks=[self._book_summary(book) for book in self.content.site.yearbooks()])

    def simple(self, template: str, title: str) -> bytes:
        return self.render(template, template, page={"title": title, "breadcrumbs": ()})

    def _book_summary(self, book: Page) -> dict[str, object]:
        categories = [c for c in book.children if c.kind == "category"]
        entries = [p for c in categories for p in self.content.site.leaves(c) if p.kind == "entry"]
        return {"title": book.title, "url": book.url, "edition": book.front.edition,
                "covers": book.front.covers, "categories": len(categories), "entries": len(entries),
                "tables": len(self.content.collected.books[book.url].tables),
                "start": book.children[0].url if book.children else book.url}



def _without_ids(html: str) -> str:
    """A page body shown again on another page keeps its content but not its anchors (ids must be unique)."""
    return re.sub(r' id="[^"]*"', "", html)


def _undefined_hint(message: str, context: dict[str, object]) -> str | None:
    """'did you mean' for `'pgae' is undefined` (a variable) or `… object' has no attribute 'titel'`."""
    name = re.match(r"'(\w+)' is undefined", message)
    if name:
        return did_you_mean(name[1], context)
    attribute = re.search(r"'([\w.]+) object' has no attribute '(\w+)'", message)
    if attribute:
        for value in context.values():
            if attribute[1].endswith(type(value).__name__):
                return did_you_mean(attribute[2], [a for a in dir(value) if not a.startswith("_")])
    return None


