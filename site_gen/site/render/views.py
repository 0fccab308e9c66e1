"""Rendering each kind of file of the site from its Jinja template and the site's content; a template
error names the template, its line and what was being rendered."""

from __future__ import annotations

import os
import re
import traceback
from dataclasses import dataclass
from pathlib import Path

import jinja2

from site_gen.config import Config
from site_gen.contract.front_matter import Kind
from site_gen.errors import did_you_mean, fail
from site_gen.site.collect.citation import cite
from site_gen.site.collect.documents import DOCUMENTS_PATH, Document, document_view
from site_gen.site.collect.editions import COMPARE_PATH, Editions, groups_of, others_view
from site_gen.site.collect.editions import KINDS as EDITION_KINDS
from site_gen.site.collect.glossary import GLOSSARY_PATH, term_view
from site_gen.site.collect.people_index import PEOPLE_PATH, Person, appears_in, index_entry, person_view
from site_gen.site.collect.tables import TableData
from site_gen.site.index.titles import BUCKETS
from site_gen.site.load.pages import Page
from site_gen.site.render.content import SiteContent
from site_gen.site.render.outline import MIN_HEADINGS, Heading, unique_id
from site_gen.site.render.templates import BookNav, Link, Navigation, make_environment, template_for, view

TABLES_PATH = "tables/"  # a yearbook's table index, under the yearbook's URL
PEOPLE = Link("人物索引", f"/{PEOPLE_PATH}", "index")
COMPARISONS = Link("各年对照", f"/{COMPARE_PATH}", "index")
_MONTH_ANCHOR = re.compile(r'<h[1-6] id="m(\d{1,2})"')
COMPARED = {"category": "类目", "section": "分目", "entry": "条目"}  # the kinds of comparison (editions.KINDS)


class Views:
    def __init__(self, content: SiteContent, config: Config) -> None:
        self.content, self.config = content, config
        self.env = make_environment(config)
        self.nav = Navigation(content.site)
        self._index_links: dict[str, tuple[Link, ...]] = {}
        self._site_indexes: tuple[SiteIndex, ...] | None = None
        self.env.globals["site_indexes"] = self.site_indexes  # the header links what holds something
        self.env.globals["search_placeholder"] = self.search_placeholder
        self.env.globals["title_buckets"] = BUCKETS  # the search page's files of exact titles (index/titles.py)
        self.env.globals["kind_of_books"] = _kind_of_books([book.title for book in content.site.yearbooks()])

    def render(self, name: str, what: str, **context: object) -> bytes:
        try:
            return self.env.get_template(name).render(**context).encode("utf-8")
        except jinja2.TemplateSyntaxError as exc:
            where = self._shown(exc.filename) if exc.filename else f"templates/{exc.name or name}"
            raise fail(where, f"template syntax error: {exc.message}", exc.lineno) from None
        except jinja2.TemplateNotFound as exc:
            where, line = self._template_place(exc, name)
            hint = did_you_mean(str(exc.name), self.env.list_templates())
            raise fail(where, f"template '{exc.name}' not found (while rendering {what})", line, hint=hint) from None
        except jinja2.UndefinedError as exc:
            where, line = self._template_place(exc, name)
            message = re.sub(r"'(?:\w+\.)+(\w+ object)'", r"'\1'", exc.message or "")  # not our module layout
            raise fail(where, f"{message} (while rendering {what})", line,
                       hint=_undefined_hint(exc.message or "", {**self.env.globals, **context})) from None

    def _template_place(self, exc: BaseException, name: str) -> tuple[str, int | None]:
        """The template and line where rendering failed: Jinja puts template lines in the traceback."""
        folders = tuple(str(folder.resolve()) + os.sep for folder in self.config.template_dirs)
        for frame in reversed(traceback.extract_tb(exc.__traceback__)):
            if frame.filename.startswith(folders):
                return self._shown(frame.filename), frame.lineno
        return f"templates/{name}", None

    def _shown(self, filename: str) -> str:
        """A template file as an error names it: `templates/entry.html` in the project, else the theme's path."""
        path = Path(filename).resolve()
        project = self.config.templates_dir.resolve()
        return f"templates/{path.relative_to(project).as_posix()}" if path.is_relative_to(project) else str(path)

    def page(self, page: Page) -> bytes:
        printed = self.content.collected.documents.by_page.get(page.url)
        body = self.content.bodies[page.url]
        book = page.yearbook()
        nav = None if page is book else self.nav.book_nav(page, self.indexes(book))  # the book's page is its contents
        shown = view(page, self.nav, body, nav, self.content.outlines[page.url], cite(page, self.config))
        return self.render(template_for(page), str(page.source), page=shown,
                            description=_description(self.content.prose[page.url].text)
                            or f"《{book.title}》{page.title}",  # a page of tables or photos only
                            table_count=len(self.content.collected.books[book.url].tables),
                            tables_path=TABLES_PATH,
                            indexes=self._book_links(book) if page is book else (),  # its page lists them
                            document=document_view(printed) if printed else None,
                            editions=others_view(page, self.content.editions.get(page.url)),
                            months=_months(body) if page.front.keys.get("chronicle") else ())

    def compare(self, group: Editions) -> bytes:
        """A category, section or entry in each edition side by side. Every heading has an id (each column's
        own made unique on the page), and the page lists the books and what each shows in full as its contents
        when there are enough of them."""
        taken: set[str] = set()
        columns: list[dict[str, object]] = []
        headings: list[Heading] = []
        for k, p in enumerate(group.pages, start=1):
            book = p.yearbook().title
            anchor = unique_id(book, taken)
            html = self._shown_elsewhere(p, f"c{k}-")
            headings.append(Heading(2, f"《{book}》", anchor))  # and its body's own h2, one level under it:
            headings += [Heading(3, h.title, f"c{k}-{h.id}") for h in self.content.outlines[p.url] if h.level == 2]
            children = []
            for j, child in enumerate(p.children, start=1):  # a section shows its entries in full
                shown = self._shown_elsewhere(child, f"c{k}-{j}-") if p.kind == "section" else None
                child_id = unique_id(child.title, taken)
                children.append({"title": child.title, "url": child.url, "html": shown, "id": child_id})
                if shown:
                    headings.append(Heading(3, child.title, child_id))
            columns.append({"book": book, "url": p.url, "html": html, "id": anchor, "children": children})
        page = _page(group.title, (COMPARISONS,))
        page["toc"] = tuple(headings) if len(headings) >= MIN_HEADINGS else ()
        return self.render("compare.html", f"the comparison page {group.url}", page=page, title=group.title,
                           columns=columns)

    def comparisons(self) -> bytes:
        """The index of every comparison page: categories, then sections, then entries, each by URL."""
        groups = sorted(groups_of(self.content.editions), key=lambda g: g.url)
        kinds = [{"label": label, "groups": [{"title": g.title, "url": g.url,
                                               "books": [p.yearbook().title for p in g.pages]}
                                              for g in groups if EDITION_KINDS[g.pages[0].kind] == kind]}
                 for kind, label in COMPARED.items()]
        return self.render("comparisons.html", "the comparison index", page=_page("各年对照", ()),
                            total=len(groups), kinds=[k for k in kinds if k["groups"]])

    def _shown_elsewhere(self, page: Page, prefix: str) -> str:
        """A page's body shown on another page: its ids made unique there with `prefix`, and its relative links
        (a table's CSV, an anchor) made to point at the page they were written for."""
        base = self.config.base_path + page.url.lstrip("/")
        html = _ID.sub(lambda m: f' id="{prefix}{m[1]}"', self.content.bodies[page.url])
        return re.sub(r' href="(?![a-z][a-z0-9+.-]*:|/)([^"]*)"', lambda m: f' href="{base}{m[1]}"', html)

    def document(self, doc: Document) -> bytes:
        """A page for a document known only from a register."""
        book = self.nav.links[doc.book.url]
        crumbs = (book, self.nav.links[doc.register[0].url]) if doc.register else (
            book, Link("文件索引", doc.book.url + DOCUMENTS_PATH, "index"))
        return self.render("document.html", f"the document page {doc.url}",
                            page=_page(doc.title, crumbs, doc.book, self._book_nav(doc.book, doc.url)),
                            document=document_view(doc))

    def documents(self, book: Page | None) -> bytes:
        """The documents index of one yearbook, or across yearbooks."""
        by_date = sorted(self.content.collected.documents.all, key=lambda d: (d.date or "", d.title))
        listed = [document_view(d) for d in by_date if book is None or d.book is book]
        return self.render("documents.html", f"the documents index of {book.url if book else '/'}",
                            page=self._index_page("文件索引", book, DOCUMENTS_PATH), documents=listed)

    def person(self, person: Person) -> bytes:
        return self.render("person.html", f"the person page {person.url}",
                            page=_page(person.name, (PEOPLE,)), person=person_view(person))

    def people(self, book: Page | None) -> bytes:
        """The people index, in pinyin order: of one yearbook, or across yearbooks."""
        people = [p for p in self.content.collected.people.sorted() if book is None or appears_in(p, book)]
        return self.render("people.html", f"the people index of {book.url if book else '/'}",
                            page=self._index_page("人物索引", book, PEOPLE_PATH),
                            people=[index_entry(p) for p in people], gathered_from=_gathered_from(people))

    def glossary(self) -> bytes:
        return self.render("glossary.html", "the glossary", page=_page("名词解释与简称", ()),
                            terms=[term_view(t) for t in self.content.collected.glossary.terms])

    def tables(self, book: Page) -> bytes:
        tables: list[tuple[Page, TableData]] = self.content.collected.books[book.url].tables
        return self.render(
            "tables.html", f"the table index of {book.url}",
            page=self._index_page("表格索引", book, TABLES_PATH),
            tables=[{"label": t.label, "url": p.url + "#" + t.anchor, "csv": p.url + t.csv_name,
                     "where": p.title, "rows": len(t.rows)} for p, t in tables])

    def site_indexes(self) -> tuple[SiteIndex, ...]:
        """The registers across the site that list something: only these are built, linked and announced."""
        if self._site_indexes is None:
            collected, several = self.content.collected, len(self.content.site.yearbooks()) > 1
            found = [SiteIndex("文件索引", "文件", DOCUMENTS_PATH, len(collected.documents.all),
                               "件，可按文号、日期排序"),
                     SiteIndex("人物索引", "人物", PEOPLE_PATH, len(collected.people.by_name), "人，按姓名拼音排序"),
                     SiteIndex("名词解释与简称", "名词", GLOSSARY_PATH, len(collected.glossary.terms), "条"),
                     SiteIndex("各年对照", "对照", COMPARE_PATH, len(groups_of(self.content.editions)),
                               "组，同一类目、分目或条目的各年内容并排", comparison=True)]
            shown = (index for index in found if index.count and (several or index.path != COMPARE_PATH))
            self._site_indexes = tuple(shown)
        return self._site_indexes

    def search_placeholder(self) -> str:
        """What the search box offers to find: entries, and the documents and people the site has."""
        found = [index.short for index in self.site_indexes() if index.path in (DOCUMENTS_PATH, PEOPLE_PATH)]
        return "搜索" + "、".join(["条目", *found])

    def home(self) -> bytes:
        books = self.content.site.yearbooks()
        pages = self.content.site.pages
        holds = {"chronicle": any(p.front.keys.get("chronicle") for p in pages),
                 "book_index": any(p.kind == Kind.INDEX for p in pages),
                 "tables": any(data.tables for data in self.content.collected.books.values()),
                 "printed_pages": any(p.front.keys.get("page") for p in pages)}
        described = "".join(self.config.description.split()) if self.config.description else \
            f"{self.config.title}：{'、'.join(f'《{book.title}》' for book in books)}全文，按篇目浏览，可全文检索。"
        return self.render("home.html", "home", page=_page(self.config.title, ()), description=_description(described),
                            yearbooks=[self._book_summary(book) for book in books], holds=holds)

    def simple(self, template: str, title: str) -> bytes:
        return self.render(template, template, page=_page(title, ()))

    def _index_page(self, title: str, book: Page | None, path: str) -> dict[str, object]:
        """A generated index: of one yearbook (under its URL, in its navigation) or of the whole site."""
        if book is None:
            return _page(title, ())
        return _page(title, (self.nav.links[book.url],), book, self._book_nav(book, book.url + path))

    def _book_nav(self, book: Page, here: str) -> tuple[BookNav, tuple[str, ...]]:
        return BookNav(self.nav.links[book.url], None, self.indexes(book)), (book.url, here)

    def indexes(self, book: Page) -> tuple[Link, ...]:
        """The generated indexes a yearbook has: its tables, documents and people."""
        if book.url not in self._index_links:
            collected = self.content.collected
            has = {TABLES_PATH: ("表格索引", bool(collected.books[book.url].tables)),
                   DOCUMENTS_PATH: ("文件索引", bool(collected.documents.of_book(book))),
                   PEOPLE_PATH: ("人物索引", any(appears_in(p, book) for p in collected.people.by_name.values()))}
            self._index_links[book.url] = tuple(Link(title, book.url + path, "index")
                                                for path, (title, present) in has.items() if present)
        return self._index_links[book.url]

    def _book_links(self, book: Page) -> list[Link]:
        """Where a reader finds things in a yearbook: its 大事记 and its own index, then the generated ones."""
        own = [Link("大事记" if p.front.keys.get("chronicle") else "书后索引", p.url, p.kind) for p in book.children
               if p.kind == Kind.INDEX or p.front.keys.get("chronicle")]
        return [*own, *self.indexes(book)]

    def _book_summary(self, book: Page) -> dict[str, object]:
        categories = [c for c in book.children if c.kind == "category"]
        entries = [p for c in categories for p in self.content.site.leaves(c) if p.kind == "entry"]
        return {"title": book.title, "url": book.url, "edition": book.front.edition,
                "covers": book.front.covers, "categories": len(categories), "entries": len(entries),
                "tables": len(self.content.collected.books[book.url].tables),
                "only": categories[0].title if len(categories) == 1 else None,
                "texts": len(self.content.site.leaves(book)),
                "links": self._book_links(book),
                "start": book.children[0].url if book.children else book.url}



@dataclass(frozen=True, slots=True)
class SiteIndex:
    """A register across the site's books: its title, the header's short label, its path, what it counts."""
    title: str
    short: str
    path: str
    count: int
    note: str  # after the count on the home page: `件，可按文号、日期排序`
    comparison: bool = False  # the editions side by side, not a register of things the books name


def _gathered_from(people: list[Person]) -> str:
    """Where an index's names come from, as its page says it: only the kinds of record it holds."""
    kinds = [kind for kind, present in (("人物简介", any(p.records for p in people)),
                                        ("名录、名单", any(p.roles for p in people))) if present]
    authors = any(p.contributions for p in people)
    if not kinds:
        return "收录各篇的撰稿人" if authors else ""
    return f"收录{'、'.join(kinds)}中的人名" + ("和撰稿人" if authors else "")


def _months(body: str) -> tuple[int, ...]:
    """The months a chronicle's page has a heading for (`id="m3"`, chronicle_index.py): the month bar's links."""
    return tuple(dict.fromkeys(int(month) for month in _MONTH_ANCHOR.findall(body)))


def _kind_of_books(titles: list[str]) -> str:
    """What the site's books are, as the home page names them: 年鉴, 志书 or, mixed, 地方志书."""
    if all("年鉴" in title for title in titles):
        return "年鉴"
    return "志书" if all("志" in title for title in titles) else "地方志书"


def _page(title: str, crumbs: tuple[Link, ...], book: Page | None = None,
          nav: tuple[BookNav, tuple[str, ...]] | None = None) -> dict[str, object]:
    """What the base template needs of a generated page: its title, its breadcrumbs (the ancestors;
    the page itself ends the trail), its yearbook and the yearbook's navigation with the page marked."""
    return {"title": title, "breadcrumbs": crumbs, "book": book.title if book else None,
            "nav": nav[0] if nav else None, "trail": nav[1] if nav else (), "toc": ()}


def _description(text: str, length: int = 120) -> str:
    """The opening of a page's prose, for `<meta name="description">`: one line, cut at a sentence end
    where one falls in the second half, else at `length` with an ellipsis."""
    line = " ".join(text.split())
    if len(line) <= length:
        return line
    end = line.rfind("。", length // 2, length)
    return line[:end + 1] if end >= 0 else line[:length] + "…"


_ID = re.compile(r' id="([^"]*)"')


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


