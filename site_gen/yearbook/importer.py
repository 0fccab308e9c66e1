"""`site-gen import` and `site-gen check`: sources → model → content/ (or only the import report)."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from site_gen.config import BACKUPS, Config, YearbookConfig
from site_gen.errors import SiteGenError
from site_gen.gc_pause import gc_paused
from site_gen.yearbook.emit import EmitPlan, EmitReport, plan_emit, render_pages
from site_gen.yearbook.model import Yearbook
from site_gen.yearbook.parse import parse_yearbook
from site_gen.yearbook.report import REPORT_NAME, ImportReport, build_report
from site_gen.yearbook.stamp import stamp_path, stamp_text

log = logging.getLogger(__name__)


def _parse(config: Config, book_config: YearbookConfig,
           parsed: Callable[[], Yearbook] | None = None) -> tuple[Yearbook, dict[Path, str]]:
    """The book's model and the text of each of its pages (`parsed`: its model, parsed ahead)."""
    started = time.perf_counter()
    book = parsed() if parsed else parse_yearbook(book_config)
    log.debug("%s: %d sources parsed%s in %.2f s", book_config.id, len(book_config.sources),
              " (in another process)" if parsed else "", time.perf_counter() - started)
    started = time.perf_counter()
    pages = render_pages(book, config.content_dir)
    log.debug("%s: %d pages rendered as Markdown in %.2f s", book_config.id, len(pages), time.perf_counter() - started)
    return book, pages


@dataclass(slots=True)
class Imported:
    """A book parsed, its pages rendered as Markdown, and what writing them will do (nothing written yet)."""

    book: Yearbook
    pages: dict[Path, str]
    plan: EmitPlan

    def report(self) -> ImportReport:
        """Its import report: made when asked (a tenth of a second for a large book), where nothing waits for it."""
        return build_report(self.book, self.pages.values())

    def write(self, report: ImportReport) -> EmitReport:
        """Write the pages, then the report beside them, then the stamp."""
        self.plan.extra[self.plan.root / REPORT_NAME] = report.full_text()
        return self.plan.apply()


def import_all(config: Config, force: bool = False,
               ahead: Mapping[str, Callable[[], Yearbook]] | None = None) -> list[tuple[ImportReport, EmitReport]]:
    """Write every yearbook's pages, and its import report beside them. Every source is read and
    parsed before anything is written: one bad source leaves content/ as it was. `ahead`: yearbook id
    → its model, parsed in another process (cli.py); taken last, so this one parses the others meanwhile.
    The first error in the config's order is raised, however the work was shared."""
    backup = backup_folder(config) if force else None
    return write_all(plan_imports(config, config.yearbooks, ahead, backup))


def write_all(imported: Sequence[Imported]) -> list[tuple[ImportReport, EmitReport]]:
    reports = [book.report() for book in imported]
    return [(report, book.write(report)) for report, book in zip(reports, imported, strict=True)]


def plan_imports(config: Config, books: Sequence[YearbookConfig],
                 ahead: Mapping[str, Callable[[], Yearbook]] | None = None,
                 backup: Path | None = None) -> list[Imported]:
    """Each of `books` parsed, with what writing its pages will do (nothing written yet); as `import_all`."""
    ahead = ahead or {}
    stamps = {book.id: stamp_text(config, book) for book in books}  # before the sources are read
    parsed: dict[str, tuple[Yearbook, dict[Path, str]]] = {}
    failures: dict[str, SiteGenError] = {}
    with gc_paused():  # the parsed books are kept until written (gc_pause.py)
        for book_config in sorted(books, key=lambda book: book.id in ahead):
            try:
                parsed[book_config.id] = _parse(config, book_config, ahead.get(book_config.id))
            except SiteGenError as exc:
                failures[book_config.id] = exc
    first = next((failures[book.id] for book in books if book.id in failures), None)
    if first is not None:
        raise first
    return [Imported(*parsed[book.id], _plan(config, book, parsed[book.id][1], stamps[book.id], backup))
            for book in books]


def import_book(config: Config, book_config: YearbookConfig) -> tuple[ImportReport, EmitReport]:
    """Write one yearbook's pages (keeping hand-edited ones) and its import report."""
    stamp = stamp_text(config, book_config)
    model, pages = _parse(config, book_config)
    return write_all([Imported(model, pages, _plan(config, book_config, pages, stamp, None))])[0]


def backup_folder(config: Config) -> Path:
    """Where `import --force` saves the hand-edited pages it overwrites: one folder per run, named by its
    time, and `-2`, `-3` … after a name taken by a run in the same second (runs hold the project's lock)."""
    stamp = datetime.now().strftime("%Y-%m-%dT%H%M%S")
    folder, number = config.root / BACKUPS / stamp, 2
    while folder.exists():
        folder, number = config.root / BACKUPS / f"{stamp}-{number}", number + 1
    return folder


def _plan(config: Config, book_config: YearbookConfig, pages: dict[Path, str], stamp: str | None,
          backup: Path | None) -> EmitPlan:
    plan = plan_emit(pages, config.content_dir / book_config.id, {}, backup, config.root)
    if stamp is not None:  # (None: a source unread, and the parse has failed)
        plan.stamp = (stamp_path(config, book_config), stamp)
    return plan


def check_all(config: Config) -> list[ImportReport]:
    parsed = [_parse(config, book_config) for book_config in config.yearbooks]
    return [build_report(book, pages.values()) for book, pages in parsed]
