"""Every file of the site as a job: how to render it, which template it starts from and which data it
shows, so that a preview rebuild renders only the files a change touches (see preview/rebuild.py).

Keys of the data a file shows: `page:<url>` (a page's text), `document:<url>`, `person:<url>` (one
document's or person's backlinks), `documents`, `people`, `glossary` (any of them), `book:<url>` (the
text of any page of a yearbook), `texts` (the text of any page). A static file shows only itself.
"""

from __future__ import annotations

import difflib
import os
import re
import traceback
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import partial
from urllib.parse import unquote

import jinja2

from site_gen.config import Config
from site_gen.errors import Diagnostic, did_you_mean, fail
from site_gen.site.collect.documents import DOCUMENTS_PATH, Document, document_view
from site_gen.site.collect.editions import Editions, find_editions, others_view
from site_gen.site.collect.gather import Collected, collect, contribute, relink
from site_gen.site.collect.glossary import GLOSSARY_PATH, term_view
from site_gen.site.collect.people_index import PEOPLE_PATH, Person, index_entry, person_view
from site_gen.site.collect.tables import TableData, table_csv
from site_gen.site.export.data import export_bytes, export_path
from site_gen.site.export.sitemap import robots, sitemap
from site_gen.site.index.search import BUNDLE
from site_gen.site.index.traditional import T2S_ASSET, t2s_asset
from site_gen.site.load.pages import Page, Site
from site_gen.site.render.markdown import answers, links_in, parse, site_path, to_html, to_text
from site_gen.site.render.templates import Navigation, make_environment, template_for, view
from site_gen.site.write.stage import MARKER, MARKER_TEXT

TABLES_PATH = "tables/"  # a yearbook's table index, under the yearbook's URL
SITEMAP = "sitemap.xml"


@dataclass(frozen=True, slots=True)
class Job:
    render: Callable[[], bytes]
    shows: frozenset[str] = frozenset()  # keys of the data the file shows (see the module's docstring)
    template: str | None = None
    deferred: bool = False  # shown on no page (a data export, the search map): may lag behind a preview edit


class SiteRender:
    """A site parsed, its shared data collected and its files planned; `edit` takes a page's new text."""

    def __init__(self, site: Site, config: Config) -> None:
        self.site, self.config = site, config
        self.env = make_environment(config)
        self.nav = Navigation(site)
        parsed = {page.url: parse(page.body) for page in site.pages}  # not kept: tokens weigh ~30× the text
        self.authored = {url: links_in(tokens) for url, tokens in parsed.items()}  # before any marking
        self.collected: Collected = collect(site, parsed)
        self.editions = find_editions(site)
        self.texts = {url: to_text(tokens) for url, tokens in parsed.items()}
        self.bodies = {url: to_html(tokens, config.base_path) for url, tokens in parsed.items()}
        self.jobs: dict[str, Job] = {}
        self._plan()
        self.showing: dict[str, set[str]] = {}  # data key → paths of the files that show it
        for path, job in self.jobs.items():
            for key in job.shows:
                self.showing.setdefault(key, set()).add(path)

    def broken_links(self) -> list[Diagnostic]:
        """Links and images in the pages' Markdown to site paths that no file of the site answers."""
        files = set(self.jobs)
        urls = [page.url for page in self.site.pages]
        problems = []
        for page in self.site.pages:
            for href, block_line, image in self.authored[page.url]:
                target = site_path(page.url, href)
                if target is None or answers(target, files) or target.split("/")[1] == BUNDLE:
                    continue
                line, col = _position(page.body, unquote(href), block_line)
                shown = f"'{unquote(href)}'" + ("" if unquote(href) == target else f" (resolves to {target})")
                message = f"image not found: {shown}" if image else f"link to a missing page {shown}"
                problems.append(Diagnostic(str(page.source), message, page.body_line + line, col,
                                           hint=None if image else _sibling_like(target, urls)))
        return problems

    def render_all(self) -> dict[str, bytes]:
        return {path: job.render() for path, job in self.jobs.items()}

    def files_showing(self, keys: Iterable[str]) -> set[str]:
        return set().union(*(self.showing.get(key, set()) for key in keys))

    def edit(self, page: Page, body: str) -> set[str] | None:
        """Give `page` a new body; returns the keys of the data that changed, or None when the edit
        changes what the page adds to shared data (its tables, events, roles, terms): then only a
        full render is right."""
        tokens = parse(body)
        if contribute(page, parse(page.body)).key() != contribute(page, tokens).key():
            return None
        page.body = body
        self.authored[page.url] = links_in(tokens)
        changed = relink(self.site, page, tokens, self.collected)
        self.texts[page.url] = to_text(tokens)
        self.bodies[page.url] = to_html(tokens, self.config.base_path)
        return changed | {f"page:{page.url}", f"book:{page.yearbook().url}", "texts"}

    def _plan(self) -> None:
        site, books, add = self.site, self.collected.books, self._add
        for page in site.pages:
            printed = self.collected.documents.by_page.get(page.url)
            shows = {f"page:{page.url}"} | ({f"document:{printed.url}"} if printed else set())
            add(page.url + "index.html", template_for(page), shows, partial(self._page, page))
        for data in books.values():
            for page, table in data.tables:
                self.jobs[page.url.lstrip("/") + table.csv_name] = Job(partial(table_csv, table))
        for group in {id(g): g for g in self.editions.values()}.values():
            shown = [*group.pages, *(c for p in group.pages if p.kind == "section" for c in p.children)]
            add(group.url + "index.html", "compare.html", {f"page:{p.url}" for p in shown},
                partial(self._compare, group))
        for doc in self.collected.documents.generated():
            add(doc.url + "index.html", "document.html", {f"document:{doc.url}"}, partial(self._document, doc))
        for book in [None, *site.yearbooks()]:
            where = book.url if book else "/"
            add(where + DOCUMENTS_PATH + "index.html", "documents.html", {"documents"},
                partial(self._documents, book))
        for person in self.collected.people.sorted():
            add(person.url + "index.html", "person.html", {f"person:{person.url}"},
                partial(self._person, person))
        add(f"/{PEOPLE_PATH}index.html", "people.html", {"people"}, self._people)
        add(f"/{GLOSSARY_PATH}index.html", "glossary.html", {"glossary"}, self._glossary)
        for book in site.yearbooks():
            add(book.url + TABLES_PATH + "index.html", "tables.html", set(), partial(self._tables, book))
            self.jobs[export_path(book)] = Job(
                partial(export_bytes, book, self.texts, books[book.url], self.config.base_path),
                frozenset({f"book:{book.url}"}), deferred=True)
        add("/index.html", "home.html", set(), self._home)
        add("/search/index.html", "search.html", set(), partial(self._simple, "search.html", "搜索"))
        add("/404.html", "404.html", set(), partial(self._simple, "404.html", "页面不存在"))
        folder = self.config.templates_dir / "assets"
        for file in sorted(folder.rglob("*")):
            if file.is_file():
                name = f"assets/{file.relative_to(folder).as_posix()}"
                self.jobs[name] = Job(file.read_bytes)
        self.jobs[T2S_ASSET] = Job(lambda: t2s_asset(self.texts.values()), frozenset({"texts"}), deferred=True)
        names = [*self.jobs, SITEMAP]
        self.jobs[SITEMAP] = Job(lambda: sitemap(names, self.config.base_url))
        self.jobs["robots.txt"] = Job(lambda: robots(self.config.base_url))
        self.jobs[MARKER] = Job(lambda: MARKER_TEXT)  # the folder is site-gen's to replace (stage.claim)

    def _add(self, url_path: str, template: str, shows: set[str], render: Callable[[], bytes]) -> None:
        self.jobs[url_path.lstrip("/")] = Job(render, frozenset(shows), template)

    def _render(self, name: str, what: str, **context: object) -> bytes:
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

    def _page(self, page: Page) -> bytes:
        printed = self.collected.documents.by_page.get(page.url)
        return self._render(template_for(page), str(page.source), page=view(page, self.nav, self.bodies[page.url]),
                            table_count=len(self.collected.books[page.yearbook().url].tables),
                            tables_path=TABLES_PATH, document=document_view(printed) if printed else None,
                            editions=others_view(page, self.editions.get(page.url)))

    def _compare(self, group: Editions) -> bytes:
        return self._render(
            "compare.html", f"the comparison page {group.url}",
            page={"title": f"{group.title}（各年对照）", "breadcrumbs": ()}, title=group.title,
            columns=[{"book": p.yearbook().title, "url": p.url, "html": _without_ids(self.bodies[p.url]),
                      "children": [{"title": c.title, "url": c.url,  # a section shows its entries in full
                                    "html": _without_ids(self.bodies[c.url]) if p.kind == "section" else None}
                                   for c in p.children]} for p in group.pages])

    def _document(self, doc: Document) -> bytes:
        """A page for a document known only from a register."""
        crumbs = (self.nav.links[doc.book.url], self.nav.links[doc.register[0].url]) if doc.register else ()
        return self._render("document.html", f"the document page {doc.url}",
                            page={"title": doc.title, "book": doc.book.title, "breadcrumbs": crumbs},
                            document=document_view(doc))

    def _documents(self, book: Page | None) -> bytes:
        """The documents index of one yearbook, or across yearbooks."""
        by_date = sorted(self.collected.documents.all, key=lambda d: (d.date or "", d.title))
        listed = [document_view(d) for d in by_date if book is None or d.book is book]
        return self._render("documents.html", f"the documents index of {book.url if book else '/'}",
                            page={"title": "文件索引", "book": book.title if book else None,
                                  "breadcrumbs": (self.nav.links[book.url],) if book else ()}, documents=listed)

    def _person(self, person: Person) -> bytes:
        return self._render("person.html", f"the person page {person.url}",
                            page={"title": person.name, "breadcrumbs": ()}, person=person_view(person))

    def _people(self) -> bytes:
        """The people index, in pinyin order."""
        return self._render("people.html", "the people index", page={"title": "人物索引", "breadcrumbs": ()},
                            people=[index_entry(p) for p in self.collected.people.sorted()])

    def _glossary(self) -> bytes:
        return self._render("glossary.html", "the glossary", page={"title": "名词解释与简称", "breadcrumbs": ()},
                            terms=[term_view(t) for t in self.collected.glossary.terms])

    def _tables(self, book: Page) -> bytes:
        tables: list[tuple[Page, TableData]] = self.collected.books[book.url].tables
        return self._render(
            "tables.html", f"the table index of {book.url}",
            page={"title": "表格索引", "book": book.title, "breadcrumbs": (self.nav.links[book.url],)},
            tables=[{"label": t.label, "url": p.url + "#" + t.anchor, "csv": p.url + t.csv_name,
                     "where": p.title, "rows": len(t.rows)} for p, t in tables])

    def _home(self) -> bytes:
        return self._render("home.html", "home", page={"title": self.config.title, "breadcrumbs": ()},
                            yearbooks=[self._book_summary(book) for book in self.site.yearbooks()])

    def _simple(self, template: str, title: str) -> bytes:
        return self._render(template, template, page={"title": title, "breadcrumbs": ()})

    def _book_summary(self, book: Page) -> dict[str, object]:
        categories = [c for c in book.children if c.kind == "category"]
        entries = [p for c in categories for p in self.site.leaves(c) if p.kind == "entry"]
        return {"title": book.title, "url": book.url, "edition": book.meta.get("edition"),
                "covers": book.meta.get("covers"), "categories": len(categories), "entries": len(entries),
                "tables": len(self.collected.books[book.url].tables),
                "start": book.children[0].url if book.children else book.url}


def _without_ids(html: str) -> str:
    """A page body shown again on another page keeps its content but not its anchors (ids must be unique)."""
    return re.sub(r' id="[^"]*"', "", html)


def _position(body: str, href: str, block_line: int) -> tuple[int, int | None]:
    """(line within the body, column) of `href` in the Markdown, searched from its block's first line."""
    lines = body.split("\n")
    for number in range(block_line, len(lines)):
        col = lines[number].find(href)
        if col >= 0:
            return number, col + 1
    return block_line, None


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


def _sibling_like(target: str, urls: list[str]) -> str | None:
    """'did you mean' for a link: a page beside the target whose last segment is spelled like the
    target's (whole URLs share long prefixes, so comparing them would suggest any sibling)."""
    parent, _, last = target.rstrip("/").rpartition("/")
    siblings = {u.rstrip("/").rpartition("/")[2]: u for u in urls if u.rstrip("/").rpartition("/")[0] == parent}
    close = difflib.get_close_matches(last, list(siblings), n=1, cutoff=0.6)
    return f"did you mean '{siblings[close[0]]}'?" if close else None
