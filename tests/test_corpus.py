"""Real books from other offices (tests/corpus/, its README says what each is), imported as a new office
would: no profile, no format, no hint. A county 志 of 卷/类/辑, the next edition of it (编/章/节/目), and a city
志 as OCR-corrected Markdown come out as the trees they print."""

from __future__ import annotations

import re
from collections import Counter
from functools import cache
from pathlib import Path

import pytest

from site_gen.config import SourceConfig, YearbookConfig
from site_gen.yearbook.emit import render_pages
from site_gen.yearbook.model import CONTINUATION, Yearbook
from site_gen.yearbook.parse import parse_yearbook
from site_gen.yearbook.report import LONG_PAGE, all_pages, build_report
from site_gen.yearbook.text import compact

from .robustness.project import run_here

CORPUS = Path(__file__).parent / "corpus"
DONGMING = CORPUS / "dongming_xianzhi_1990.md"
BOX = re.compile(r"[┃│┏┗┠]")


def book_of(*names: str) -> Yearbook:
    sources = tuple(SourceConfig(CORPUS / name, None, None) for name in names)
    return parse_yearbook(YearbookConfig("corpus", "志", 2000, 1999, sources))


@cache
def dongming() -> Yearbook:
    return book_of(DONGMING.name)


def headings(level: int) -> list[str]:
    return [compact(title) for title in re.findall(rf"^{'#' * level} (.*)$", DONGMING.read_text("utf-8"), re.M)]


def test_a_county_zhi_is_its_juan_lei_and_ji() -> None:
    """Its 卷 (and 序言概述, 大事记, 附录, 编后记) the categories, its 类 the sections, its 辑 — and the 大事记's
    years — the entries; one 辑 whose `#####` the scraper lost is found by its numbering."""
    book = dongming()
    assert book.profiles[0].name == "志" and not book.profile_named
    assert [compact(c.title) for c in book.categories] == headings(3)
    assert [compact(s.title) for c in book.categories for s in c.sections] == headings(4)
    entries = Counter(compact(e.title) for c in book.categories for s in c.sections for e in s.entries)
    assert entries - Counter(headings(5) + headings(6)) == Counter({"第一辑管理机构": 1})
    assert not Counter(headings(5) + headings(6)) - entries
    assert [c.title for c in book.categories][2:4] == ["第一卷 地理", "第二卷 经济"]


def test_its_chronicle_is_dated_events_by_period_and_year() -> None:
    chronicle = next(c for c in dongming().categories if c.title == "大事记")
    assert chronicle.chronicle
    assert [s.title for s in chronicle.sections] == ["公元前651年～公元1911年", "公元1912年～公元1949年",
                                                      "公元1949年～公元1989年"]
    years = chronicle.sections[2].entries
    assert [e.title for e in years] == [f"{year}年" for year in range(1949, 1990)]
    assert all(e.chronicle for e in years)
    assert years[0].blocks[0].startswith("- **1月10日** 县委、县政府联合召开干部南下动员大会")
    assert chronicle.sections[0].blocks[0].startswith("- **公元前651年（晋献公二十六年）** 齐桓公会诸侯于葵丘")


def test_its_box_drawn_tables_are_tables() -> None:
    """Every box reaches a table (its wrapped cells joined, its centred title above it, a continuation joined
    to the table it continues): no box-drawing character is left in the text."""
    book = dongming()
    blocks = [block for page in all_pages(book) for block in page.blocks]
    tables = [block for block in blocks if block.startswith("::: table")]
    assert not [block for block in blocks if not block.startswith("::: table") and BOX.search(block)]
    boxes = sum(1 for line in DONGMING.read_text("utf-8").split("\n") if line.lstrip().startswith("┏"))
    joined = sum(1 for _, dropped in book.dropped if dropped.reason == CONTINUATION)
    assert boxes - joined <= len(tables) <= boxes
    first = next(t for t in tables if "东明县1949年各区所辖行政村一览表" in t)
    assert "| 一区 | 刘楼 | 刘楼、焦楼、长兴集、燕庄、李焕堂、崔庄、竹林、黄杨寨、徐集、吕庄、黄小屯" in first


def test_nothing_is_lost_and_no_page_is_a_book(tmp_path: Path) -> None:
    book = dongming()
    report = build_report(book, render_pages(book, tmp_path).values())
    assert report.han_reached >= 0.999 * report.han_source
    assert max(sum(len(block) for block in page.blocks) for page in all_pages(book)) < LONG_PAGE
    assert report.warnings() == []


def test_check_prints_the_outline(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "sources").mkdir()
    (tmp_path / "sources" / DONGMING.name).write_bytes(DONGMING.read_bytes())
    (tmp_path / "site.yaml").write_text("site:\n  title: 东明县志\nyearbooks:\n  - id: dongming\n    title: 东明县志\n"
                                        f"    edition: 1990\n    covers: 1985\n    sources: [{DONGMING.name}]\n",
                                        encoding="utf-8")
    assert run_here("check", "--config", str(tmp_path / "site.yaml")) == 0
    printed = capsys.readouterr().out.split("\n")
    assert printed[0].startswith("dongming: 11 categories, 60 sections, 270 entries")
    assert "  profile: 志 (detected)" in printed
    assert printed[printed.index("    第一卷 地理") + 1] == "      第一类 建置: 5 entries"


def test_the_next_edition_is_its_bian_zhang_jie() -> None:
    """`##` 编 / `###` 章 / `####` 节: the 编 (and the parts before them) categories, 章 sections, 节 entries; a
    目 that the scraper marked whole as a heading is the paragraph it is; the 大事记's years (`####` under
    `##`) sections of dated events."""
    book = book_of("dongming_2005_part1.md", "dongming_2005_part2.md")
    assert [c.title for c in book.categories] == [
        "魅力东明", "东明县地方史志编纂委员会暨《东明县志》编审人员", "序", "凡例", "概述", "大事记",
        "第一编 区域环境", "第二编 人口", "第三编 基础设施建设"]
    population = book.categories[7]
    assert [s.title for s in population.sections] == ["第一章 人口状况", "第二章 人口构成", "第三章 人口变动",
                                                      "第四章 人口控制"]
    rules = next(e for e in population.sections[3].entries if e.title == "第二节 政策规定")
    assert [block[:4] for block in rules.blocks[:3]] == ["晚婚晚育", "避孕节育", "奖励扶助"]
    chronicle = book.categories[5]
    assert [s.title for s in chronicle.sections] == [f"{year}年" for year in range(1986, 2006)]
    assert chronicle.sections[0].blocks[0].split("\n")[:2] == [
        "- **1月10日** 召开县委全委扩大会议，部署深化改革，促进东明经济腾飞。",
        "- **1月15日** 县政府组织制订《东明县国民经济和社会发展第七个五年计划》。"]


def test_a_city_zhi_from_ocr_is_its_juan_zhang_jie() -> None:
    """A paragraph a line, `#` on the 卷 alone: numbered plain lines are the 章 and 节, an overview run into its
    text is set apart, the OCR's repeat of the 卷's title and its page anchors are left out and reported."""
    book = book_of("lianyungang_juan1_head.md", "lianyungang_juan2.md")
    assert [c.title for c in book.categories] == ["第一卷 自然环境", "第二卷 建置区划"]
    second = book.categories[1]
    assert [(s.title, [e.title for e in s.entries]) for s in second.sections] == [
        ("概述", []), ("第一章 建置", ["第一节 秦至清", "第二节 民国时期", "第三节 解放以后"]),
        ("第二章 区划", ["第一节 民国时期", "第二节 解放以后"])]
    assert second.sections[0].blocks[0].startswith("连云港市早在四五万年前")
    reasons = Counter(dropped.reason for _, dropped in book.dropped)
    assert reasons["转换工具的注释"] >= 20 and reasons["重复印出的标题"] == 2
