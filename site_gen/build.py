"""build(): load → render → export → write only what changed → index. Reads top to bottom."""

from __future__ import annotations

import hashlib
import logging
import re
import time
from dataclasses import dataclass, field

import jinja2

from site_gen.collect import BookData, collect
from site_gen.config import Config
from site_gen.documents import DOCUMENTS_PATH, Documents, document_view
from site_gen.editions import find_editions, others_view
from site_gen.errors import Diagnostic, SiteGenError, fail
from site_gen.export import export_all
from site_gen.glossary import GLOSSARY_PATH, term_view
from site_gen.markdown import parse, to_html, to_text
from site_gen.people import PEOPLE_PATH, People, index_entry, person_view
from site_gen.render import KIND_LABELS, Navigation, make_environment, template_for, view
from site_gen.search import BUNDLE, Record, index_site
from site_gen.site import Page, Site, load_site
from site_gen.sitemap import robots, sitemap
from site_gen.tables import table_csv
from site_gen.traditional import T2S_ASSET, t2s_asset
from site_gen.write import sync_tree

log = logging.getLogger(__name__)
STAMP = "site-gen-stamp.txt"  # hash of the HTML the search index was built from


@dataclass(slots=True)
class BuildReport:
    pages: int = 0
    files: int = 0
    written: int = 0
    indexed: int | None = None  # pages indexed; None when search indexing was skipped
    search_written: int = 0
    warnings: list[Diagnostic] = field(default_factory=list)
    seconds: dict[str, float] = field(default_factory=dict)


def build(config: Config, search: bool = True, strict: bool = False) -> BuildReport:
    report = BuildReport()
    started = time.perf_counter()
    site = load_site(config.content_dir, config.root)
    report.warnings = check_site(site)
    if strict and report.warnings:
        raise SiteGenError(report.warnings)
    report.pages = len(site.pages)
    report.seconds["load"] = time.perf_counter() - started

    started = time.perf_counter()
    files, texts, books = render_site(site, config)
    files.update(export_all(site, texts, books, config.base_path))
    files.update(assets(config))
    files[T2S_ASSET] = t2s_asset(texts.values())
    files["sitemap.xml"] = sitemap(files, config.base_url)
    files["robots.txt"] = robots(config.base_url)
    report.seconds["render"] = time.perf_counter() - started

    started = time.perf_counter()
    report.files = len(files)
    report.written = sync_tree(config.output, files, keep=(BUNDLE,))
    report.seconds["write"] = time.perf_counter() - started

    if search:
        started = time.perf_counter()
        report.indexed, report.search_written = _index_if_changed(config, files, search_records(site, books))
        report.seconds["index"] = time.perf_counter() - started
    return report


TABLES_PATH = "tables/"  # a yearbook's table index, under the yearbook's URL


def render_site(site: Site, config: Config) -> tuple[dict[str, bytes], dict[str, str], dict[str, BookData]]:
    """(output path → bytes, page URL → plain text, data per yearbook) for every page plus home,
    search, 404, each yearbook's table and documents index, and the document, person and glossary pages."""
    env = make_environment(config)
    nav = Navigation(site)
    files: dict[str, bytes] = {}
    texts: dict[str, str] = {}
    parsed = {page.url: parse(page.body) for page in site.pages}
    collected = collect(site, parsed)
    books, docs, people = collected.books, collected.documents, collected.people
    tables = {url: data.tables for url, data in books.items()}
    for data in books.values():
        for page, table in data.tables:
            files[page.url.lstrip("/") + table.csv_name] = table_csv(table)
    editions = find_editions(site)
    bodies: dict[str, str] = {}
    for page in site.pages:
        tokens = parsed[page.url]
        texts[page.url] = to_text(tokens)
        printed = docs.by_page.get(page.url)
        body = bodies[page.url] = to_html(tokens, config.base_path)
        html = _render(env, template_for(page), str(page.source), page=view(page, nav, body),
                       table_count=len(tables[page.yearbook().url]), tables_path=TABLES_PATH,
                       document=document_view(printed) if printed else None,
                       editions=others_view(page, editions.get(page.url)))
        files[page.url.lstrip("/") + "index.html"] = html
    for group in {id(g): g for g in editions.values()}.values():
        files[group.url.lstrip("/") + "index.html"] = _render(
            env, "compare.html", f"the comparison page {group.url}",
            page={"title": f"{group.title}（各年对照）", "breadcrumbs": ()}, title=group.title,
            columns=[{"book": p.yearbook().title, "url": p.url, "html": _without_ids(bodies[p.url]),
                      "children": [{"title": c.title, "url": c.url,  # a section shows its entries in full
                                    "html": _without_ids(bodies[c.url]) if p.kind == "section" else None}
                                   for c in p.children]} for p in group.pages])
    files.update(_document_pages(env, site, nav, docs))
    files.update(_people_pages(env, people))
    files[GLOSSARY_PATH + "index.html"] = _render(env, "glossary.html", "the glossary",
                                                  page={"title": "名词解释与简称", "breadcrumbs": ()},
                                                  terms=[term_view(t) for t in collected.glossary.terms])
    for book in site.yearbooks():
        files[book.url.lstrip("/") + TABLES_PATH + "index.html"] = _render(
            env, "tables.html", f"the table index of {book.url}",
            page={"title": "表格索引", "book": book.title, "breadcrumbs": (nav.links[book.url],)},
            tables=[{"label": t.label, "url": p.url + "#" + t.anchor, "csv": p.url + t.csv_name,
                     "where": p.title, "rows": len(t.rows)} for p, t in tables[book.url]])
    files["index.html"] = _render(env, "home.html", "home", page={"title": config.title, "breadcrumbs": ()},
                                  yearbooks=[_book_summary(site, book, len(tables[book.url]))
                                             for book in site.yearbooks()])
    files["search/index.html"] = _render(env, "search.html", "search", page={"title": "搜索", "breadcrumbs": ()})
    files["404.html"] = _render(env, "404.html", "404", page={"title": "页面不存在", "breadcrumbs": ()})
    return files, texts, books


def _document_pages(env: jinja2.Environment, site: Site, nav: Navigation, docs: Documents) -> dict[str, bytes]:
    """A page per document known only from a register; the documents index per yearbook and across."""
    files = {}
    for doc in docs.generated():
        crumbs = (nav.links[doc.book.url], nav.links[doc.register[0].url]) if doc.register else ()
        files[doc.url.lstrip("/") + "index.html"] = _render(
            env, "document.html", f"the document page {doc.url}",
            page={"title": doc.title, "book": doc.book.title, "breadcrumbs": crumbs}, document=document_view(doc))
    by_date = sorted(docs.all, key=lambda d: (d.date or "", d.title))
    for book in [None, *site.yearbooks()]:
        listed = [document_view(d) for d in by_date if book is None or d.book is book]
        where = book.url if book else "/"
        files[where.lstrip("/") + DOCUMENTS_PATH + "index.html"] = _render(
            env, "documents.html", f"the documents index of {where}",
            page={"title": "文件索引", "book": book.title if book else None,
                  "breadcrumbs": (nav.links[book.url],) if book else ()}, documents=listed)
    return files


def _people_pages(env: jinja2.Environment, people: People) -> dict[str, bytes]:
    """A page per person across yearbooks, and the people index in pinyin order."""
    files = {}
    everyone = people.sorted()
    for person in everyone:
        files[person.url.lstrip("/") + "index.html"] = _render(
            env, "person.html", f"the person page {person.url}",
            page={"title": person.name, "breadcrumbs": ()}, person=person_view(person))
    files[PEOPLE_PATH + "index.html"] = _render(env, "people.html", "the people index",
                                                page={"title": "人物索引", "breadcrumbs": ()},
                                                people=[index_entry(p) for p in everyone])
    return files


def _without_ids(html: str) -> str:
    """A page body shown again on another page keeps its content but not its anchors (ids must be unique)."""
    return re.sub(r' id="[^"]*"', "", html)


def _render(env: jinja2.Environment, name: str, what: str, **context: object) -> bytes:
    try:
        return env.get_template(name).render(**context).encode("utf-8")
    except jinja2.TemplateSyntaxError as exc:
        raise fail(f"templates/{exc.name or name}", f"template syntax error: {exc.message}", exc.lineno) from None
    except jinja2.TemplateNotFound as exc:
        raise fail(f"templates/{exc.name}", f"template not found (needed for {what})") from None
    except jinja2.UndefinedError as exc:
        raise fail(f"templates/{name}", f"{exc.message} (while rendering {what})") from None


def _book_summary(site: Site, book: Page, tables: int) -> dict[str, object]:
    categories = [c for c in book.children if c.kind == "category"]
    entries = [p for c in categories for p in site.leaves(c) if p.kind == "entry"]
    return {"title": book.title, "url": book.url, "edition": book.meta.get("edition"),
            "covers": book.meta.get("covers"), "categories": len(categories), "entries": len(entries),
            "tables": tables, "start": book.children[0].url if book.children else book.url}


def assets(config: Config) -> dict[str, bytes]:
    folder = config.templates_dir / "assets"
    return {f"assets/{p.relative_to(folder).as_posix()}": p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def check_site(site: Site) -> list[Diagnostic]:
    """Warnings a build survives (and --strict refuses)."""
    warnings = []
    for page in site.pages:
        if page.kind not in KIND_LABELS:
            warnings.append(Diagnostic(str(page.source), f"unknown kind '{page.kind}'", 2, level="warning"))
    return warnings


def search_records(site: Site, books: dict[str, BookData]) -> list[Record]:
    """Tables and chronicle events as search results of their own, filterable by kind (表格, 大事)."""
    records = []
    for book in site.yearbooks():
        data = books[book.url]
        edition = {"edition": str(book.meta.get("edition", ""))}
        for page, table in data.tables:
            cells = " ".join(cell for row in table.rows for cell in row)
            records.append(Record(f"{page.url}#{table.anchor}", table.label,
                                  f"{table.label} {' '.join(table.columns)} {cells}",
                                  {"yearbook": [book.title], "kind": ["表格"]},
                                  {"crumbs": f"{book.title} › {page.title}"}, edition))
        for page, event in data.events:
            records.append(Record(f"{page.url}#{event.anchor}", f"{event.start.year}年{event.label_full}",
                                  f"{event.start.year}年{event.label_full} {event.text}",
                                  {"yearbook": [book.title], "kind": ["大事"]},
                                  {"crumbs": f"{book.title} › {page.title}"}, edition))
    return records


def _index_if_changed(config: Config, files: dict[str, bytes], records: list[Record]) -> tuple[int | None, int]:
    digest = hashlib.sha256()
    for name in sorted(n for n in files if n.endswith(".html")):
        digest.update(name.encode() + b"\0" + files[name])
    for record in records:
        digest.update(f"{record.url}\0{record.title}\0{record.content}\0".encode())
    stamp_path = config.output / BUNDLE / STAMP
    stamp = digest.hexdigest().encode()
    if stamp_path.exists() and stamp_path.read_bytes() == stamp:
        return None, 0
    pages, written = index_site(config.output, config.root, records)
    stamp_path.write_bytes(stamp)
    return pages, written + 1
