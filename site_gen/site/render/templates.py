"""Jinja rendering: templates see read-only views of pages, never the internal objects."""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from site_gen.config import Config
from site_gen.contract.front_matter import Kind
from site_gen.site.collect.citation import Citation
from site_gen.site.load.pages import Page, Site
from site_gen.site.render.outline import MIN_HEADINGS, Heading
from site_gen.theme import ASSETS

TEMPLATE_BY_KIND = {"yearbook": "yearbook.html", "category": "list.html", "section": "list.html"}
DEFAULT_TEMPLATE = "entry.html"
KIND_LABELS = {Kind.YEARBOOK: "年鉴", Kind.CATEGORY: "类目", Kind.SECTION: "分目", Kind.ENTRY: "条目",
               Kind.DOCUMENT: "文件", Kind.PERSON: "人物", Kind.TABLE: "表格", Kind.LIST: "名录", Kind.PAGE: "页面",
               Kind.INDEX: "索引"}


@dataclass(frozen=True, slots=True)
class Link:
    title: str
    url: str
    kind: str
    children: tuple[Link, ...] = ()
    group: str | None = None  # the 子目 an entry stands under: the contents list it under that title


@dataclass(frozen=True, slots=True)
class BookNav:
    """A yearbook's navigation as a page of it shows it: the book's own pages (categories, the index …),
    the children of the one the page is under, and the book's generated indexes (tables, documents …)."""
    book: Link
    open: str | None  # URL of the top-level page whose children are listed
    indexes: tuple[Link, ...]

    @property
    def key(self) -> tuple[str, str | None]:
        return self.book.url, self.open


@dataclass(frozen=True, slots=True)
class PageView:
    title: str
    url: str
    kind: str
    kind_label: str
    meta: dict[str, Any]
    html: str
    book: str
    edition: int | None  # the yearbook's edition year
    printed_page: str | None
    citation: Citation
    breadcrumbs: tuple[Link, ...]
    children: tuple[Link, ...]
    prev: Link | None
    next: Link | None
    nav: BookNav | None
    trail: tuple[str, ...]  # URLs of the page's ancestors and its own, marked in the navigation
    toc: tuple[Heading, ...]  # the in-page contents; empty on a short page


def assets(config: Config) -> dict[str, Path]:
    """The static files by output path (`assets/style.css`): the theme's, each replaced by the project's own
    file of that name, plus the project's others."""
    found: dict[str, Path] = {}
    for folder in reversed(config.template_dirs):  # the theme first, so the project's replace its files
        root = folder / ASSETS
        found |= {f"{ASSETS}/{file.relative_to(root).as_posix()}": file
                  for file in sorted(root.rglob("*")) if file.is_file()}
    return found


def make_environment(config: Config) -> jinja2.Environment:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(config.template_dirs),
                             undefined=jinja2.StrictUndefined, autoescape=True,
                             trim_blocks=True, lstrip_blocks=True, bytecode_cache=_compiled(config))
    base = config.base_path

    def url(path: str) -> str:
        return base + str(path).lstrip("/")

    env.globals["url"] = url
    env.globals["site"] = {"title": config.title, "language": config.language, "base_path": base,
                           "description": config.description.splitlines() if config.description else (),
                           "footer": config.footer}
    env.globals["navigation"] = NavigationCache(url)
    env.policies["json.dumps_kwargs"] = {"sort_keys": True, "ensure_ascii": False}  # Chinese unescaped
    return env


def compile_templates(config: Config) -> None:
    """Compile every template into the bytecode cache (`_compiled`), for render workers forked later to load
    instead of each compiling them: done where a process would otherwise wait (cli.py). A template that does
    not compile is left for the render to report, where it is used."""
    env = make_environment(config)
    for name in env.list_templates(extensions=["html"]):
        with contextlib.suppress(jinja2.TemplateError):
            env.get_template(name)


def _compiled(config: Config) -> jinja2.BytecodeCache | None:
    """Templates compiled by an earlier run, kept in the project's cache (Jinja checks each against its
    source: an edited template compiles anew); none where the cache folder cannot be made."""
    folder = config.cache_dir / "templates"
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return jinja2.FileSystemBytecodeCache(str(folder))


class NavigationCache:
    """`navigation(macro, nav, trail)` in a template: a book's navigation rendered once per book and open
    category (not once per page: the 2022 book has 1,500 pages and one navigation per category), then
    the page's place in it marked. Keyed by the macro too, so an edited template renders anew."""

    def __init__(self, url: Callable[[str], str]) -> None:
        self.url = url  # the templates' own `url()`, so a marked link is spelled as the macro spelled it
        self.rendered: dict[tuple[Callable[..., str], tuple[str, str | None]], str] = {}

    def __call__(self, macro: Callable[..., str], nav: BookNav, trail: tuple[str, ...]) -> Markup:
        key = (macro, nav.key)
        if key not in self.rendered:
            self.rendered = {k: v for k, v in self.rendered.items() if k[0] is macro}  # a reload drops the rest
            self.rendered[key] = str(macro(nav))
        html = self.rendered[key]
        for k, path in enumerate(trail):
            mark = 'aria-current="page"' if k == len(trail) - 1 else 'class="trail"'
            link = f'<a href="{self.url(path)}"'
            html = html.replace(f"{link}>", f"{link} {mark}>", 1)
        return Markup(html)


class Navigation:
    """Links for every page, built once per site rather than once per rendered page."""

    def __init__(self, site: Site) -> None:
        self.links: dict[str, Link] = {}
        for book in site.yearbooks():
            self._link(book)
        self.neighbours: dict[str, tuple[Link | None, Link | None]] = {}
        for book in site.yearbooks():
            leaves = [self.links[p.url] for p in site.leaves(book)]
            for i, leaf in enumerate(leaves):
                self.neighbours[leaf.url] = (leaves[i - 1] if i else None,
                                             leaves[i + 1] if i + 1 < len(leaves) else None)

    def book_nav(self, page: Page, indexes: tuple[Link, ...]) -> BookNav:
        """The navigation of `page`'s yearbook, open at the top-level page it is under."""
        chain = [*page.ancestors(), page]
        return BookNav(self.links[chain[0].url], chain[1].url if len(chain) > 1 else None, indexes)

    def _link(self, page: Page) -> Link:
        link = Link(page.title, page.url, page.kind, tuple(self._link(child) for child in page.children),
                    page.front.group)
        self.links[page.url] = link
        return link


def view(page: Page, nav: Navigation, html: str, book_nav: BookNav | None,
         headings: tuple[Heading, ...], citation: Citation) -> PageView:
    prev, nxt = nav.neighbours.get(page.url, (None, None))
    return PageView(
        title=page.title, url=page.url, kind=page.kind, kind_label=KIND_LABELS[page.kind],
        meta=dict(page.front.keys), html=html, book=citation.book, edition=citation.year,
        printed_page=citation.printed_page, citation=citation,
        breadcrumbs=tuple(nav.links[a.url] for a in page.ancestors()),
        children=nav.links[page.url].children, prev=prev, next=nxt, nav=book_nav,
        trail=(*(a.url for a in page.ancestors()), page.url),
        toc=headings if len(headings) >= MIN_HEADINGS and not page.front.keys.get("chronicle") else ())


def template_for(page: Page) -> str:
    return TEMPLATE_BY_KIND.get(page.kind, DEFAULT_TEMPLATE)
