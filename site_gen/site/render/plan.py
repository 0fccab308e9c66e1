"""Every file of the site as a job: how to render it, which template it starts from and which data it
shows, so that a preview rebuild renders only the files a change touches (see preview/rebuild.py).

Keys of the data a file shows: `page:<url>` (a page's text), `document:<url>`, `person:<url>` (one
document's or person's backlinks), `documents`, `people`, `glossary` (any of them), `book:<url>` (the
text of any page of a yearbook), `texts` (the text of any page). A static file shows only itself.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache, partial
from urllib.parse import unquote

from site_gen.config import Config
from site_gen.errors import Diagnostic
from site_gen.site.collect.citation import has_host
from site_gen.site.collect.documents import DOCUMENTS_PATH
from site_gen.site.collect.editions import COMPARE_PATH, groups_of
from site_gen.site.collect.glossary import GLOSSARY_PATH
from site_gen.site.collect.people_index import PEOPLE_PATH
from site_gen.site.collect.tables import table_csv
from site_gen.site.export.data import SCHEMA_PATH, export_bytes, export_path, schema_bytes
from site_gen.site.export.sitemap import robots, sitemap
from site_gen.site.index.numbers import NUMBERS_ASSET, numbers_asset
from site_gen.site.index.search import BUNDLE
from site_gen.site.index.titles import BUCKETS, Titled, bucket_path, title_buckets
from site_gen.site.index.traditional import T2S_ASSET, t2s_asset
from site_gen.site.load.pages import Page, Site
from site_gen.site.render.content import SiteContent
from site_gen.site.render.markdown import answers, site_path
from site_gen.site.render.templates import assets, template_for
from site_gen.site.render.views import TABLES_PATH, Views
from site_gen.site.write.stage import MARKER, MARKER_TEXT

SITEMAP = "sitemap.xml"


@dataclass(frozen=True, slots=True)
class Job:
    render: Callable[[], bytes]
    shows: frozenset[str] = frozenset()  # keys of the data the file shows (see the module's docstring)
    template: str | None = None
    deferred: bool = False  # shown on no page (a data export, the search map): may lag behind a preview edit
    owner: str = ""  # what the file is made for: a content file's path, or what of the site's own it is


def plan_site(site: Site, config: Config) -> SitePlan:
    """A loaded site's content collected, its views made and its files planned."""
    content = SiteContent(site, config)
    return SitePlan(content, Views(content, config))


class SitePlan:
    """The files of a site as jobs, over its content (content.py) and the views that render them."""

    def __init__(self, content: SiteContent, views: Views) -> None:
        self.content, self.views, self.config = content, views, content.config
        self.jobs: dict[str, Job] = {}
        self.collisions: list[Diagnostic] = []  # two files planned at one path (see `_claim`)
        own = self.config.templates_dir
        # The project's files that replace the theme's: adding or removing one changes where a name resolves.
        self.overrides = frozenset(file.relative_to(own).as_posix() for file in own.rglob("*") if file.is_file())
        self._plan()
        self.showing: dict[str, set[str]] = {}  # data key → paths of the files that show it
        for path, job in self.jobs.items():
            for key in job.shows:
                self.showing.setdefault(key, set()).add(path)

    def broken_links(self) -> list[Diagnostic]:
        """Links and images in the pages' Markdown to site paths that no file of the site answers."""
        files = set(self.jobs)
        urls = [page.url for page in self.content.site.pages]
        problems = []
        for page in self.content.site.pages:
            for href, block_line, image in self.content.authored[page.url]:
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

    def _plan(self) -> None:
        site, books, add, views = self.content.site, self.content.collected.books, self._add, self.views
        for page in site.pages:
            printed = self.content.collected.documents.by_page.get(page.url)
            shows = {f"page:{page.url}"} | ({f"document:{printed.url}"} if printed else set())
            add(page.url + "index.html", template_for(page), shows, partial(views.page, page), str(page.source))
        for data in books.values():
            for page, table in data.tables:
                self._claim(page.url.lstrip("/") + table.csv_name,
                            Job(partial(table_csv, table), owner=f"{table.label} of {page.source} as CSV"))
        for group in groups_of(self.content.editions):
            shown = [*group.pages, *(c for p in group.pages if p.kind == "section" for c in p.children)]
            add(group.url + "index.html", "compare.html", {f"page:{p.url}" for p in shown},
                partial(views.compare, group), f"the comparison of {group.title} across the yearbooks")
        registers = {index.path for index in views.site_indexes()}  # an empty register is neither built nor linked
        if COMPARE_PATH in registers:
            add(f"/{COMPARE_PATH}index.html", "comparisons.html", set(), views.comparisons, "the site's comparisons")
        for doc in self.content.collected.documents.generated():
            add(doc.url + "index.html", "document.html", {f"document:{doc.url}"}, partial(views.document, doc),
                f"the page of the document {doc.title}")
        for book in [None, *site.yearbooks()]:
            where = book.url if book else "/"
            has = registers if book is None else {link.url.removeprefix(where) for link in views.indexes(book)}
            whose = f"of {book.title}" if book else "of the site"
            if DOCUMENTS_PATH in has:
                add(where + DOCUMENTS_PATH + "index.html", "documents.html", {"documents"},
                    partial(views.documents, book), f"the list of documents {whose}")
            if PEOPLE_PATH in has:
                add(where + PEOPLE_PATH + "index.html", "people.html", {"people"}, partial(views.people, book),
                    f"the index of people {whose}")
        for person in self.content.collected.people.sorted():
            add(person.url + "index.html", "person.html", {f"person:{person.url}"},
                partial(views.person, person), f"the page of {person.name} in the index of people")
        if GLOSSARY_PATH in registers:
            add(f"/{GLOSSARY_PATH}index.html", "glossary.html", {"glossary"}, views.glossary, "the site's glossary")
        for book in site.yearbooks():
            add(book.url + TABLES_PATH + "index.html", "tables.html", set(), partial(views.tables, book),
                f"the list of tables of {book.title}")
            self._claim(export_path(book), Job(
                partial(export_bytes, book, self.content.prose, books[book.url], self.config),
                frozenset({f"book:{book.url}"}), deferred=True, owner=f"the data export of {book.title}"))
        self._claim(SCHEMA_PATH, Job(schema_bytes, owner="the data export's schema"))
        add("/index.html", "home.html", set(), views.home, "the site's home page")
        add("/search/index.html", "search.html", set(), partial(views.simple, "search.html", "搜索"),
            "the site's search page")
        add("/404.html", "404.html", set(), partial(views.simple, "404.html", "页面不存在"), "the site's 404 page")
        for name, file in sorted(assets(self.config).items()):
            self._claim(name, Job(file.read_bytes, owner=f"the theme's {name}"))
        texts = self.content.texts
        self._claim(T2S_ASSET, Job(lambda: t2s_asset(texts.values()), frozenset({"texts"}), deferred=True,
                                   owner="the search's map of traditional characters"))
        documents = self.content.collected.documents
        self._claim(NUMBERS_ASSET, Job(lambda: numbers_asset(documents.all), frozenset({"documents"}), deferred=True,
                                       owner="the search's map of document numbers"))
        # One pass makes all the files (once per plan and process). They show nothing a page's body gives:
        # titles change with front matter, tables, documents or people, which a preview renders in full.
        exact = cache(lambda: title_buckets(_titled(self.content)))
        for bucket in map(bucket_path, range(BUCKETS)):
            self._claim(bucket, Job(partial(lambda path: exact()[path], bucket), deferred=True,
                                    owner="the search's exact titles"))
        names = [*self.jobs, SITEMAP]
        hosted = has_host(self.config.base_url)  # (a sitemap of paths is not valid: none without a host)
        if hosted:
            self._claim(SITEMAP, Job(lambda: sitemap(names, self.config.base_url), owner="the sitemap"))
        self._claim("robots.txt", Job(lambda: robots(self.config.base_url, hosted), owner="robots.txt"))
        self._claim(MARKER, Job(lambda: MARKER_TEXT, owner="site-gen's mark on the output folder"))  # stage.claim

    def _add(self, url_path: str, template: str, shows: set[str], render: Callable[[], bytes], owner: str) -> None:
        self._claim(url_path.lstrip("/"), Job(render, frozenset(shows), template, owner=owner))

    def _claim(self, path: str, job: Job) -> None:
        """Plan `job` at `path` unless another file is planned there (or Pagefind writes there): then the
        collision is an error naming both, not a page silently replaced."""
        other = self.jobs.get(path)
        if other is None and path.split("/")[0] != BUNDLE:
            self.jobs[path] = job
            return
        taken = other.owner if other else f"the search index (/{BUNDLE}/)"
        if self.collisions and not (_a_page(job.owner) or _a_page(taken)):
            return  # a file that a colliding page brings along (its book's list of tables): said once, by the page
        self.collisions.append(collision(path, job.owner, taken))


def _titled(content: SiteContent) -> list[Titled]:
    """Every person, page, document and table by its title, named as a search result names it; where pages
    share a title, in this order: a name's register page before the 人物 entry, the newest yearbook first."""
    people = [Titled(person.name, person.url, person.name) for person in content.collected.people.sorted()]

    def edition(page: Page) -> int:
        return -(page.yearbook().front.edition or 0)

    pages = [Titled(page.title, page.url, " › ".join([*(a.title for a in page.ancestors()), page.title]))
             for page in sorted(content.site.pages, key=edition)]
    tables = []
    for book in sorted(content.site.yearbooks(), key=edition):
        for page, table in content.collected.books[book.url].tables:
            shown, url = f"{book.title} › {page.title} › {table.label}", f"{page.url}#{table.anchor}"
            tables += [Titled(table.title, url, shown), Titled(table.label, url, shown)]
    documents = [Titled(doc.title, doc.url, doc.title) for doc in content.collected.documents.all]
    return [*people, *pages, *documents, *tables]


def collision(path: str, owner: str, taken: str) -> Diagnostic:
    """Two files at one path: named from the content file among them (the one an editor can rename)."""
    url = "/" + path.removesuffix("index.html")
    first, second = (owner, taken) if _a_page(owner) or not _a_page(taken) else (taken, owner)
    if _a_page(first):
        return Diagnostic(first, f"two files at the URL {url}: this page and {second}",
                          hint="rename the file or its folder")
    return Diagnostic(first, f"two files at the URL {url}: {first} and {second}")


def _a_page(owner: str) -> bool:
    """Whether a file's owner is a content file (a page's source, `content/…`) rather than the site's own."""
    return owner.startswith("content/")


def _position(body: str, href: str, block_line: int) -> tuple[int, int | None]:
    """(line within the body, column) of `href` in the Markdown, searched from its block's first line."""
    lines = body.split("\n")
    for number in range(block_line, len(lines)):
        col = lines[number].find(href)
        if col >= 0:
            return number, col + 1
    return block_line, None


def _sibling_like(target: str, urls: list[str]) -> str | None:
    """'did you mean' for a link: a page beside the target whose last segment is spelled like the
    target's (whole URLs share long prefixes, so comparing them would suggest any sibling)."""
    parent, _, last = target.rstrip("/").rpartition("/")
    siblings = {u.rstrip("/").rpartition("/")[2]: u for u in urls if u.rstrip("/").rpartition("/")[0] == parent}
    close = difflib.get_close_matches(last, list(siblings), n=1, cutoff=0.6)
    return f"did you mean '{siblings[close[0]]}'?" if close else None
