"""The hard-wrapped parser: small text fixtures, then whole seed texts against known counts."""

from __future__ import annotations

from pathlib import Path

import pytest

from site_gen.config import load_config
from site_gen.yearbook.model import Part
from site_gen.yearbook.parse import parse_source, parse_yearbook
from site_gen.yearbook.source import split_lines
from site_gen.yearbook.wrapped import parse_wrapped

FIXTURES = Path(__file__).parent / "fixtures"
ROOT = Path(__file__).resolve().parent.parent


def read_fixtures(name: str) -> list[tuple[str, str, str]]:
    """`title / . / input / . / expected / .` blocks, as markdown-it-py's fixtures."""
    cases = []
    lines = (FIXTURES / name).read_text(encoding="utf-8").split("\n")
    i = 0
    while i < len(lines):
        if not lines[i].strip():
            i += 1
            continue
        title, parts, i = lines[i], [], i + 2
        for _ in range(2):
            end = lines.index(".", i)
            parts.append("\n".join(lines[i:end]))
            i = end + 1
        cases.append((title, parts[0], parts[1]))
    return cases


def outline(part: Part) -> str:
    result = []
    for category in part.categories:
        result.append(f"category: {category.title}")
        for section in category.sections:
            result.append(f"section: {section.title}")
            for entry in section.entries:
                result.append(f"entry: {entry.title} | {' '.join(entry.authors)} | {' / '.join(entry.blocks)}")
    return "\n".join(result)


@pytest.mark.parametrize(("title", "source", "expected"), read_fixtures("wrapped.txt"),
                         ids=[case[0] for case in read_fixtures("wrapped.txt")])
def test_wrapped_fixture(title: str, source: str, expected: str) -> None:
    assert outline(parse_wrapped(split_lines(source), "fixture.txt")) == expected


@pytest.fixture(scope="module")
def books() -> dict[str, object]:
    config = load_config(ROOT / "site.yaml")
    return {book.id: parse_yearbook(book) for book in config.yearbooks}


def sources(name: str) -> Part:
    config = load_config(ROOT / "site.yaml")
    source = next(s for b in config.yearbooks for s in b.sources if s.path.name.startswith(name))
    return parse_source(source)


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


def test_no_body_text_is_lost_from_the_2019_committee_text() -> None:
    """Every Han character of the source reaches some page (the text has no page furniture)."""
    part = sources("000")
    source = (ROOT / "sources/000_38369a8d8a03f93c.txt").read_text(encoding="utf-8")
    pages = ""
    for category in part.categories:
        pages += category.title + (category.subtitle or "") + "".join(category.blocks)
        for section in category.sections:
            pages += section.title + "".join(section.blocks)
            credits = [e.authors for e in section.entries]
            # one credit closes a group of entries: count it once, at the group's last entry
            pages += "".join("".join(a) for i, a in enumerate(credits) if i + 1 == len(credits) or credits[i + 1] != a)
            pages += "".join(e.title + "".join(e.blocks) for e in section.entries)
    han = [ch for ch in source if "\u4e00" <= ch <= "\u9fff"]
    assert sorted(han) == sorted(ch for ch in pages if "\u4e00" <= ch <= "\u9fff")
