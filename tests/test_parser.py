"""The bundled books parsed whole, against known counts (the rules' small text cases: test_fixtures.py)."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from site_gen.config import load_config
from site_gen.yearbook.model import Part, Yearbook
from site_gen.yearbook.parse import parse_yearbook
from site_gen.yearbook.text import han_counts
from tests.bundled import bundled_source

FIXTURES = Path(__file__).parent / "fixtures" / "parser"
ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def books() -> dict[str, Yearbook]:
    config = load_config(ROOT / "site.yaml")
    return {book.id: parse_yearbook(book) for book in config.yearbooks}


def sources(name: str) -> Part:
    return bundled_source(name)


def entries(part: Part) -> list[str]:
    return [e.title for c in part.categories for s in c.sections for e in s.entries if e.kind == "entry"]


def test_every_entry_of_the_2019_texts_is_found() -> None:
    assert len(entries(sources("000"))) == 74
    assert len(entries(sources("001"))) == 34


def test_2022_book_has_all_entries_and_categories() -> None:
    part = sources("002")
    assert len(entries(part)) == 1350
    assert [c.title for c in part.categories][:3] == ["特载", "专记", "大事记"]
    assert len(part.categories) == 31


def test_2022_entries_take_their_printed_page_from_the_book_index() -> None:
    part = sources("002")
    paged = [e for c in part.categories for s in c.sections for e in s.entries if e.page]
    assert len(paged) == 1150
    wall = next(e for c in part.categories for s in c.sections for e in s.entries if e.title == "“最美人墙”志愿服务")
    assert wall.page == "385a"


def test_untitled_categories_start_at_the_right_section() -> None:
    part = sources("002")
    starts = {c.title: c.sections[0].title for c in part.categories if c.sections}
    assert starts["专记"] == "行政区划调整"
    assert starts["群众团体"] == "上城区总工会"
    assert starts["上城区人民代表大会及其常务委员会"] == "综述"


def test_markdown_texts_become_reports_documents_and_tables() -> None:
    reports = sources("003").categories[0].sections[0].entries
    assert [e.kind for e in reports] == ["document"] * 4
    appendix = sources("004").categories[0]
    assert [s.title for s in appendix.sections] == ["先进集体", "先进个人", "文件辑录"]
    kinds = [e.kind for s in appendix.sections for e in s.entries]
    assert kinds.count("table") == 6 and kinds.count("document") == 8


def published_han(book: Yearbook) -> Counter[str]:
    """Han characters of every page of the book, plus the furniture it reports as dropped."""
    result = han_counts("".join(p.title + "".join(p.blocks) for p in [*book.front, *book.back]))
    for category in book.categories:
        result += han_counts(category.title + (category.subtitle or "") + "".join(category.blocks))
        for section in category.sections:
            result += han_counts(section.title + "".join(section.blocks))
            # one credit closes a group of entries: count each credit once
            credits = {e.credit_line: "".join(e.authors) for e in section.entries if e.credit_line}
            result += han_counts("".join(credits.values()))
            result += han_counts("".join(e.title + "".join(e.blocks) for e in section.entries))
    return result + han_counts("".join(dropped.text for _, dropped in book.dropped))


@pytest.mark.parametrize("book_id", ["shangcheng-2013", "shangcheng-2019", "shangcheng-2022"])
def test_no_han_character_of_a_source_is_lost(books: dict[str, Yearbook], book_id: str) -> None:
    """Every Han character of the sources reaches a page or is reported as dropped furniture."""
    book = books[book_id]
    source = sum((han_counts((ROOT / "sources" / name).read_text(encoding="utf-8")) for name in book.sources),
                 Counter())
    assert source - published_han(book) == Counter()
