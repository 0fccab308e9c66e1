"""`site-gen import` and `site-gen check`: sources → model → content/ (or only the import report)."""

from __future__ import annotations

from site_gen.config import Config, YearbookConfig
from site_gen.yearbook.emit import EmitReport, emit_yearbook, render_pages
from site_gen.yearbook.parse import parse_yearbook
from site_gen.yearbook.report import REPORT_NAME, ImportReport, build_report
from site_gen.yearbook.source import read_text


def _report(config: Config, book_config: YearbookConfig) -> ImportReport:
    book = parse_yearbook(book_config)
    sources = {s.path.name: read_text(s.path, s.encoding) for s in book_config.sources}
    pages = render_pages(book, config.content_dir)
    return build_report(book, sources, {str(path): text for path, text in pages.items()})


def import_all(config: Config) -> list[tuple[ImportReport, EmitReport]]:
    """Write every yearbook's pages, and its import report beside them."""
    results = []
    for book_config in config.yearbooks:
        report = _report(config, book_config)
        report_file = config.content_dir / book_config.id / REPORT_NAME
        emitted = emit_yearbook(report.book, config.content_dir, {report_file: report.full_text()})
        results.append((report, emitted))
    return results


def check_all(config: Config) -> list[ImportReport]:
    return [_report(config, book_config) for book_config in config.yearbooks]
