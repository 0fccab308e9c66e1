"""Scanned PDFs read by OCR: the bundled 2019 book's category texts typeset as print (tests/typeset.py), rasterised
at 300 dpi by poppler's pdftoppm and bound again as PDFs of images (no text layer), then imported: the same outline
as the text import, its text within 2 % character error rate, each entry on its printed page, and the lines the
engine was unsure of listed in the import report."""

from __future__ import annotations

import dataclasses
import re
import subprocess
import sys
from functools import cache
from pathlib import Path

import pytest
from rapidfuzz.distance import Levenshtein

from site_gen.config import YearbookConfig, load_config
from site_gen.yearbook.model import Yearbook
from site_gen.yearbook.parse import parse_yearbook
from site_gen.yearbook.readers.ocr import full_width
from site_gen.yearbook.report import build_report

from .typeset import ONE_COLUMN, scan_book, typeset_book

ROOT = Path(__file__).resolve().parent.parent
_SPACE = re.compile(r"\s+|\*\*")


@cache
def _books(folder: str) -> tuple[Yearbook, Yearbook, YearbookConfig, YearbookConfig]:
    """(the text import, the import of its scans, the book typeset, the book scanned)."""
    config = load_config(ROOT / "site.yaml")
    book = next(b for b in config.yearbooks if b.id == "shangcheng-2019")
    book = dataclasses.replace(book, sources=tuple(s for s in book.sources if s.category is None))
    typeset = typeset_book(book, Path(folder))
    scanned = dataclasses.replace(scan_book(typeset, Path(folder)), ocr_cache=Path(folder) / "ocr")
    return parse_yearbook(book), parse_yearbook(scanned), typeset, scanned


@pytest.fixture(scope="module")
def books(tmp_path_factory: pytest.TempPathFactory) -> tuple[Yearbook, Yearbook, YearbookConfig, YearbookConfig]:
    return _books(str(tmp_path_factory.mktemp("scan")))


def _outline(book: Yearbook) -> list[tuple[str, list[tuple[str, list[tuple[str, str]]]]]]:
    return [(c.title, [(s.title, [(e.kind, e.title) for e in s.entries]) for s in c.sections])
            for c in book.categories]


def _text(book: Yearbook) -> str:
    return _SPACE.sub("", "".join(block for entry in book.entries() for block in entry.blocks))


@pytest.mark.slow
def test_a_scan_gives_the_text_imports_outline(books: tuple[Yearbook, ...]) -> None:
    text, scan, *_ = books
    assert len(text.entries()) == 108
    assert _outline(scan) == _outline(text)


@pytest.mark.slow
def test_a_scan_reads_within_two_percent_character_error_rate(books: tuple[Yearbook, ...]) -> None:
    """Edit distance over the entries' text (whitespace aside) against the text import's."""
    text, scan, *_ = books
    was, read = _text(text), _text(scan)
    assert len(was) > 35_000
    assert Levenshtein.distance(was, read) / len(was) <= 0.02


@pytest.mark.slow
def test_a_scans_entries_are_on_their_printed_pages_with_their_authors(books: tuple[Yearbook, ...]) -> None:
    """The folios are read from the image too: each entry's page is the one the text PDF gives it."""
    _, scan, typeset, _ = books
    printed = parse_yearbook(typeset)
    assert [e.page for e in scan.entries()] == [e.page for e in printed.entries()]
    assert [e.authors for e in scan.entries()] == [e.authors for e in printed.entries()]


@pytest.mark.slow
def test_the_report_names_the_ocr_pages_and_the_lines_to_check(books: tuple[Yearbook, ...]) -> None:
    _, scan, _, scanned = books
    report = build_report(scan, [])
    summary = "\n".join(report.summary())
    for source, pdf in zip(scanned.sources, scan.pdf_pages, strict=True):
        assert pdf.ocr == list(range(1, pdf.count + 1)) and not pdf.textless
        assert f"sources/{source.path.name}: {pdf.count} PDF pages read by their layout, {pdf.count} of them scans" \
               f" read by OCR (pages 1-{pdf.count})" in summary
    unsure = [line for pdf in scan.pdf_pages for line in pdf.uncertain]
    assert unsure and all(confidence < 0.95 for _, _, confidence in unsure)
    full = report.full_text()
    assert "Lines the OCR was unsure of" in full
    page, line, confidence = unsure[0]
    assert f"PDF第{page}页\t{confidence:.1%}\t{line}" in full


@pytest.mark.slow
def test_the_ocr_of_each_page_is_kept_for_the_next_import(books: tuple[Yearbook, ...]) -> None:
    """A second import of the same scans reads no page again (the engine is not even loaded) and gives the
    same book."""
    _, scan, _, scanned = books
    assert scanned.ocr_cache is not None
    assert len(list(scanned.ocr_cache.glob("*.json"))) == sum(pdf.count for pdf in scan.pdf_pages)
    again = subprocess.run([sys.executable, "-c", _AGAIN, str(scanned.ocr_cache),
                            *(str(s.path) for s in scanned.sources)], capture_output=True, text=True, timeout=300)
    assert again.returncode == 0, again.stderr
    assert again.stdout.split("\n")[0] == "engine not loaded"
    assert again.stdout.split("\n")[1] == _text(scan)


_AGAIN = """
import sys
from pathlib import Path
sys.modules["rapidocr"] = None  # (any attempt to load the engine fails)
from site_gen.config import SourceConfig, YearbookConfig
from site_gen.yearbook.parse import parse_yearbook
cache, *pdfs = sys.argv[1:]
book = parse_yearbook(YearbookConfig("shangcheng-2019", "上城年鉴", 2019, 2018,
                                     tuple(SourceConfig(Path(p), None, None) for p in pdfs), ocr_cache=Path(cache)))
import re
print("engine not loaded")
print(re.sub(r"\\s+|\\*\\*", "", "".join(b for e in book.entries() for b in e.blocks)))
"""


@pytest.mark.slow
def test_a_scan_of_a_book_set_otherwise_reads_the_same(tmp_path: Path, books: tuple[Yearbook, ...]) -> None:
    """16开, one column, 黑体 text under 宋体 titles, the folio at the top outer corner, scanned: the same outline
    and authors, within 2 % character error rate."""
    text, *_ = books
    config = load_config(ROOT / "site.yaml")
    book = next(b for b in config.yearbooks if b.id == "shangcheng-2019")
    book = dataclasses.replace(book, sources=tuple(s for s in book.sources if s.category is None), ocr_cache=None)
    scan = parse_yearbook(scan_book(typeset_book(book, tmp_path, ONE_COLUMN), tmp_path))
    assert _outline(scan) == _outline(text)
    assert [e.authors for e in scan.entries()] == [e.authors for e in text.entries()]
    assert all(entry.page for entry in scan.entries())
    was = _text(text)
    assert Levenshtein.distance(was, _text(scan)) / len(was) <= 0.02


def test_marks_read_half_width_are_set_full_width_by_chinese() -> None:
    assert full_width("社会消费品零售总额(2018):增长10.8%;固定") == "社会消费品零售总额（2018）：增长10.8%；固定"
    assert full_width("全年1,000人次,8:30开始") == "全年1,000人次，8:30开始"
    assert full_width("上政办函〔2018]第57号") == "上政办函〔2018〕第57号"
    assert full_width("GDP (2018): 1,000") == "GDP (2018): 1,000"  # (no Chinese: as read)
