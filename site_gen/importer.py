"""`site-gen import` and `site-gen check`: sources → model → content/ (or only the import report)."""

from __future__ import annotations

from pathlib import Path

from site_gen.config import Config, YearbookConfig
from site_gen.yearbook.emit import EmitReport, emit_pages, render_pages
from site_gen.yearbook.parse import parse_yearbook
from site_gen.yearbook.report import REPORT_NAME, ImportReport, build_report


def _parse(config: Config, book_config: YearbookConfig) -> tuple[ImportReport, dict[Path, str]]:
    """The book's import report and the text of each of its pages."""
    book = parse_yearbook(book_config)
    pages = render_pages(book, config.content_dir)
    return build_report(book, pages.values()), pages


def import_all(config: Config) -> list[tuple[ImportReport, EmitReport]]:
    """Write every yearbook's pages, and its import report beside them."""
    return [import_book(config, book_config) for book_config in config.yearbooks]


def import_book(config: Config, book_config: YearbookConfig) -> tuple[ImportReport, EmitReport]:
    """Write one yearbook's pages (keeping hand-edited ones) and its import report."""
    report, pages = _parse(config, book_config)
    root = config.content_dir / book_config.id
    return report, emit_pages(pages, root, {root / REPORT_NAME: report.full_text()})


def check_all(config: Config) -> list[ImportReport]:
    return [_parse(config, book_config)[0] for book_config in config.yearbooks]
