"""build(): load (content/ → pages) → collect (what they share) → plan (every file as a job) → render and
write every file into a stage beside the output folder, linking what did not change → index → swap the
stage in (write/stage.py). Each stage is timed; reads top to bottom."""

from __future__ import annotations

import hashlib
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path

from site_gen.config import Config
from site_gen.errors import SiteGenError
from site_gen.files import walk_relative, write_if_changed
from site_gen.gc_pause import gc_paused
from site_gen.site.collect.chronicle_index import Event
from site_gen.site.collect.citation import has_host, no_host_note
from site_gen.site.collect.gather import BookData
from site_gen.site.index.engine import Engine, engine
from site_gen.site.index.search import BUNDLE, KIND_FILTER, YEARBOOK_FILTER, Record, index_site
from site_gen.site.load.pages import Site, load_site
from site_gen.site.render.content import SiteContent
from site_gen.site.render.plan import SitePlan
from site_gen.site.render.pool import render_and_write
from site_gen.site.render.views import Views
from site_gen.site.write import manifest
from site_gen.site.write.stage import claim, link_tree, staged

log = logging.getLogger(__name__)
STAMP = "site-gen-stamp.txt"  # hash of the HTML the search index was built from
MAX_DAYS = 31  # days of an event's range given day words (a longer one is a period, not a day)


@dataclass(slots=True)
class BuildReport:
    pages: int = 0
    files: int = 0
    written: int = 0
    indexed: int | None = None  # pages indexed; None when search indexing was skipped
    search_written: int = 0
    search_version: str | None = None  # the Pagefind that indexed (or would have indexed) the site
    seconds: dict[str, float] = field(default_factory=dict)


def build(config: Config, search: bool = True, workers: int = 1, force_output: bool = False,
          allow_old_search: bool = False, loading: Callable[[], Site] | None = None,
          inputs: str | None = None, settle: Callable[[], str] | None = None,
          search_engine: Engine | None = None) -> BuildReport:
    """Build the site into config.output. `workers` > 1 renders in forked processes (see render/pool.py):
    only from a process without threads. The caller holds the project's lock (lock.py). `loading`: the
    site as loaded ahead (cli.py: in a child while this module was imported), with `inputs`, the
    manifest's digest of the inputs taken before they were read. `settle`: waits for content/ being
    written in another process (cli.py: an import), before workers are forked, and returns the inputs'
    digest (manifest.settled_digest). `search_engine`: the Pagefind the caller already chose (and checked)."""
    claim(config.output, config.output_shown, force_output)
    found = search_engine or (engine(config.root, allow_old_search) if search else None)  # refused before any work
    report = BuildReport(search_version=found.version if found else None)
    with gc_paused():  # what these stages build lives to the end of the build
        started = time.perf_counter()
        digest = "" if settle is not None else inputs or manifest.inputs_digest(config)  # (settle gives it)
        site = loading() if loading else load_site(config.content_dir, config.root)
        report.pages = len(site.pages)
        report.seconds["load"] = time.perf_counter() - started
        log.debug("load: %d pages from %s/ in %.2f s", report.pages, config.content_dir.name, report.seconds["load"])

        started = time.perf_counter()
        content = SiteContent(site, config)  # parsed once; what the pages share, collected
        report.seconds["collect"] = time.perf_counter() - started
        log.debug("collect: people, documents, tables, events and terms in %.2f s", report.seconds["collect"])

        started = time.perf_counter()
        rendered = SitePlan(content, Views(content, config))  # every file of the site as a job
        problems = rendered.collisions + rendered.broken_links()  # (an unknown kind, a bad key: refused on load)
        if problems:
            raise SiteGenError(problems)
        report.seconds["plan"] = time.perf_counter() - started
        log.debug("plan: %d files to render, links checked, in %.2f s", len(rendered.jobs), report.seconds["plan"])

    if settle is not None:
        started = time.perf_counter()
        digest = settle()
        log.debug("content/ written in another process: waited %.2f s", time.perf_counter() - started)

    with staged(config.output) as stage:  # the previous site stays whole until the new one is
        started = time.perf_counter()
        written, digests = render_and_write(rendered, stage, config.output, workers)
        report.files = len(digests)
        report.written = len(written) + _count_removed(config.output, digests)
        if (config.output / BUNDLE).is_dir():  # kept as it was without --search, updated with it
            link_tree(config.output / BUNDLE, stage / BUNDLE)
        report.seconds["render and write"] = time.perf_counter() - started
        log.debug("render and write: %d files, %d changed, on %d workers in %.2f s", report.files, report.written,
                  workers, report.seconds["render and write"])

        if search:
            started = time.perf_counter()
            records = search_records(site, rendered.content.collected.books)
            report.indexed, report.search_written = _index_if_changed(stage, config.root, digests, records, found)
            report.seconds["index"] = time.perf_counter() - started
            if report.indexed is not None:  # (None: the index was up to date)
                log.debug("index: %d pages with Pagefind %s in %.2f s", report.indexed, report.search_version,
                          report.seconds["index"])
    bundle = config.output / BUNDLE
    indexed = [p.relative_to(config.output).as_posix() for p in bundle.rglob("*") if p.is_file()] if search else []
    manifest.record(config, digest, [*digests, *indexed], search)
    if not has_host(config.base_url):  # a note, not a warning: a preview or a first build has no host to name
        log.debug("%s", no_host_note(config.base_url))
    return report


def search_records(site: Site, books: dict[str, BookData]) -> list[Record]:
    """Tables and chronicle events as search results of their own, filterable by 类型 (表格, 大事)."""
    records = []
    for book in site.yearbooks():
        data = books[book.url]
        edition = {"edition": "" if book.front.edition is None else str(book.front.edition)}
        for page, table in data.tables:
            cells = " ".join(cell for row in table.rows for cell in row)
            records.append(Record(f"{page.url}#{table.anchor}", table.label,
                                  f"{table.label} {' '.join(table.columns)} {cells}",
                                  {YEARBOOK_FILTER: [book.title], KIND_FILTER: ["表格"]},
                                  {"crumbs": f"{book.title} › {page.title}"}, edition))
        for page, event in data.events:
            records.append(Record(f"{page.url}#{event.anchor}", f"{event.start.year}年{event.label_full}",
                                  f"{event.start.year}年{event.label_full} {day_words(event)} {event.text}",
                                  {YEARBOOK_FILTER: [book.title], KIND_FILTER: ["大事"]},
                                  {"crumbs": f"{book.title} › {page.title}"}, edition))
    return records


def day_words(event: Event) -> str:
    """The days an event covers as words a date query is turned into (`2021年1月18日` → `d20210118`,
    `1月18日` → `d0118`, assets/search.js): the day's own events, not every event that shares a number."""
    if event.whole_month:
        return ""
    days = [event.start + timedelta(days=k) for k in range(min((event.end - event.start).days, MAX_DAYS) + 1)]
    return " ".join(f"d{day:%Y%m%d} d{day:%m%d}" for day in days)


def _count_removed(previous: Path, digests: dict[str, str]) -> int:
    """Files of the previous site (its search index aside) that the new one no longer has."""
    return sum(prefix + name not in digests for _, prefix, _, files in walk_relative(previous, (BUNDLE,))
               for name in files)


def _index_if_changed(site_dir: Path, root: Path, digests: dict[str, str], records: list[Record],
                      found: Engine | None) -> tuple[int | None, int]:
    """Index unless the pages and records are those of the last index (`digests`: path → SHA-256)."""
    digest = hashlib.sha256(found.version.encode() if found else b"")  # another Pagefind: another index
    for name in sorted(n for n in digests if n.endswith(".html")):
        digest.update(f"{name}\0{digests[name]}\0".encode())
    for record in records:
        digest.update(f"{record.url}\0{record.title}\0{record.content}\0".encode())
    stamp_path = site_dir / BUNDLE / STAMP
    stamp = digest.hexdigest().encode()
    if stamp_path.exists() and stamp_path.read_bytes() == stamp:
        return None, 0
    pages, written = index_site(site_dir, root, records, found=found)
    write_if_changed(stamp_path, stamp)  # replaced, not rewritten: the previous site links the old one
    return pages, written + 1
