"""Entries as citable, reusable data: the export against its published schema, prose apart from captions
and tables, the tags a reference manager reads, the RIS and BibTeX downloads, and the citation box, the
tags and the export agreeing on every field."""

from __future__ import annotations

import dataclasses
import json
import logging
import random
import re
from datetime import UTC, datetime
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from playwright.sync_api import Browser

from site_gen.config import Config
from site_gen.site.build import build
from site_gen.site.collect.citation import Citation
from site_gen.site.collect.prose import to_prose
from site_gen.site.export.data import SCHEMA_PATH
from site_gen.site.render.markdown import parse

from .conftest import ROOT, Built

BOOKS = ("shangcheng-2013", "shangcheng-2019", "shangcheng-2022")
ENTRY = "/shangcheng-2022/jie-dao/hu-bin-jie-dao/zui-mei-ren-qiang-zhi-yuan-fu-wu/"


def export(built: Built, book: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((built.output / "data" / f"{book}.json").read_text(encoding="utf-8"))
    return data


def entries(data: dict[str, Any]) -> list[dict[str, Any]]:
    return [e for c in data["categories"] for s in c["sections"] for e in s["entries"]]


def test_every_export_validates_against_the_published_schema(built: Built) -> None:
    schema = json.loads((built.output / SCHEMA_PATH).read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)
    for book in BOOKS:
        data = export(built, book)
        errors = [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(data)]
        assert errors == [], errors[:5]
        assert data["$schema"].endswith(SCHEMA_PATH)
        assert data["schema_version"] == schema["properties"]["schema_version"]["const"]


def test_a_schema_violation_is_caught(built: Built) -> None:
    """The schema is strict enough to fail: a retyped field, a stray key, a missing one."""
    schema = json.loads((ROOT / "site_gen" / "site" / "export" / "yearbook-v1.schema.json").read_text(encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(schema)
    data = export(built, "shangcheng-2022")
    assert validator.is_valid(data)
    data["tables"][0]["number"] = 1
    assert not validator.is_valid(data)
    data = export(built, "shangcheng-2022")
    entries(data)[0]["note"] = "a key the schema does not know"
    assert not validator.is_valid(data)
    data = export(built, "shangcheng-2022")
    del entries(data)[0]["captions"]
    assert not validator.is_valid(data)


def test_prose_sets_captions_and_tables_apart_with_their_places() -> None:
    """A caption between two paragraphs and a table after them: the prose is the two paragraphs; the
    caption stood after 4 characters, the table after all 9; a 资料 box stays in the prose."""
    body = ("第一段。\n\n::: caption\n某县举办运动会（摄影 王某）\n:::\n\n第二段。\n\n"
            "::: table 表3 某县人口\n| 年份 | 人口 |\n| --- | --- |\n| 2020 | 5万 |\n:::\n\n"
            "::: glossary\n资料\n\n某名词\n: 某解释\n:::\n")
    prose = to_prose(parse(body))
    assert prose.text == "第一段。\n第二段。\n资料\n某名词\n某解释"
    assert prose.captions == (("某县举办运动会（摄影 王某）", 4),) and prose.tables == (("table-3", 9),)


def test_a_hand_written_table_outside_a_table_block_stays_in_the_prose() -> None:
    """Only `::: table` blocks (the book's numbered tables) come apart; a pipe table an editor typed in
    the text is the text's own, its cells tab-separated as in the search text."""
    prose = to_prose(parse("段落。\n\n| 甲 | 乙 |\n| --- | --- |\n| 1 | 2 |\n\n- 列表项\n"))
    assert prose.text == "段落。\n甲\t乙\n1\t2\n列表项" and prose.tables == ()


def test_captions_and_table_cells_never_reach_an_entrys_text(built: Built) -> None:
    """Every entry whose Markdown holds a `::: caption` or a `::: table`: its text is prose only, and the
    caption and table stand apart, at a place inside the text."""
    checked = {"captions": 0, "tables": 0}
    for book in BOOKS:
        data = export(built, book)
        tables = {t["id"]: t for t in data["tables"]}
        for entry in entries(data):
            source = _markdown(entry["url"])
            assert len(entry["captions"]) == source.count("::: caption")
            assert len(entry["tables"]) == source.count("::: table")
            for caption in entry["captions"]:
                assert caption["text"] not in entry["text"] and 0 <= caption["at"] <= len(entry["text"])
                checked["captions"] += 1
            for table in entry["tables"]:
                for row in tables[table["id"]]["rows"]:
                    assert "\t".join(row) not in entry["text"]
                checked["tables"] += 1
    assert checked["captions"] > 140 and checked["tables"] > 20, checked


def _markdown(url: str) -> str:
    """The body of the content page behind a URL of the export."""
    path = "/" + url.split("://", 1)[-1].split("/", 1)[-1] if "://" in url else url
    base = ROOT / "content" / path.strip("/")
    page = base / "_index.md" if base.is_dir() else base.with_suffix(".md")
    return page.read_text(encoding="utf-8").split("\n---\n", 1)[1]


class _Meta(HTMLParser):
    """A reference manager's reading of a page (as Zotero's embedded-metadata translator reads it): the
    Highwire `citation_*` tags, the canonical link and the JSON-LD block."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: dict[str, list[str]] = {}
        self.canonical: str | None = None
        self.linked: list[str] = []
        self._in_ld = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "meta" and values.get("name"):
            self.tags.setdefault(str(values["name"]), []).append(str(values.get("content")))
        elif tag == "link" and values.get("rel") == "canonical":
            self.canonical = values.get("href")
        self._in_ld = tag == "script" and values.get("type") == "application/ld+json"

    def handle_data(self, data: str) -> None:
        if self._in_ld:
            self.linked.append(data)

    def handle_endtag(self, tag: str) -> None:
        self._in_ld = False


def read_meta(html: str) -> dict[str, Any]:
    """What Zotero would make of the page: title, authors, book, year, first page."""
    parser = _Meta()
    parser.feed(html)
    tags = parser.tags
    return {"title": tags.get("citation_title", [None])[0], "authors": tags.get("citation_author", []),
            "book": tags.get("citation_inbook_title", [None])[0],
            "year": int(tags["citation_publication_date"][0]) if "citation_publication_date" in tags else None,
            "first_page": tags.get("citation_firstpage", [None])[0], "canonical": parser.canonical,
            "description": tags.get("description", [""])[0], "language": tags.get("citation_language", [None])[0],
            "linked": [json.loads(block) for block in parser.linked]}


def page_html(built: Built, url: str) -> str:
    return (built.output / url.strip("/") / "index.html").read_text(encoding="utf-8")


def test_every_entry_page_carries_the_tags_a_reference_manager_reads(built: Built) -> None:
    pages = 0
    for book in BOOKS:
        for entry in entries(export(built, book)):
            meta = read_meta(page_html(built, entry["url"]))
            citation = entry["citation"]
            assert meta["title"] == entry["title"] and meta["book"] == citation["book"]
            assert meta["authors"] == entry["authors"] and meta["year"] == citation["year"]
            assert meta["first_page"] == citation["first_page"]
            assert meta["canonical"] is None  # (no host in base_url: a canonical link must be absolute)
            assert meta["language"] == "zh-CN" and meta["description"]
            [linked] = meta["linked"]
            assert linked["@type"] == "Chapter" and linked["isPartOf"]["name"] == citation["book"]
            assert [a["name"] for a in linked.get("author", [])] == entry["authors"]
            pages += 1
    assert pages == 1537


def test_a_zotero_style_reading_of_twenty_entries_gives_title_authors_book_year_and_page(built: Built) -> None:
    sample = random.Random(22).sample([e for e in entries(export(built, "shangcheng-2022")) if e["page"]], 20)
    for entry in sample:
        meta = read_meta(page_html(built, entry["url"]))
        page = re.match(r"\d+", entry["page"])
        assert (meta["title"], meta["authors"], meta["book"], meta["year"], meta["first_page"]) == \
            (entry["title"], entry["authors"], "上城年鉴（2022）", 2022, page[0] if page else None)


def test_the_citation_box_and_the_export_agree(built: Built) -> None:
    sample = random.Random(23).sample(entries(export(built, "shangcheng-2022")), 20)
    for entry in sample:
        html = page_html(built, entry["url"])
        box = html[html.index('<section class="cite"'):html.index("</section>", html.index('<section class="cite"'))]
        citation = entry["citation"]
        assert f'id="reference">{citation["reference"]}</p>' in box.replace("&#34;", '"')
        assert f'href="{citation["url"]}">{citation["url"]}</a>' in box
        assert f"《{citation['book']}》" + (f"，{citation['printed_page']}" if citation["printed_page"] else "") in box


def test_publisher_place_and_host_reach_every_citation(config: Config, tmp_path: Path,
                                                       caplog: pytest.LogCaptureFixture) -> None:
    """With a host and the book's imprint in site.yaml: absolute URLs, `北京:方志出版社` in the reference,
    the publisher in the tags, the JSON-LD and the export; without a host the build says so, once."""
    books = tuple(dataclasses.replace(b, publisher="方志出版社", place="北京", editor="上城年鉴编纂委员会")
                  if b.id == "shangcheng-2022" else b for b in config.yearbooks)
    hosted = dataclasses.replace(config, output=tmp_path / "site", yearbooks=books,
                                 base_url="https://nianjian.example.org/")
    with caplog.at_level(logging.WARNING):
        build(hosted, search=False)
    assert not [r for r in caplog.records if "base_url" in r.getMessage()]
    html = (hosted.output / ENTRY.strip("/") / "index.html").read_text(encoding="utf-8")
    url = "https://nianjian.example.org" + ENTRY
    assert f"杨斌.“最美人墙”志愿服务[M/OL]//上城年鉴编纂委员会.上城年鉴（2022）.北京:方志出版社,2022:385.{url}." in html
    meta = read_meta(html)
    assert meta["canonical"] == url and '<meta name="citation_publisher" content="方志出版社">' in html
    assert '<meta name="citation_editor" content="上城年鉴编纂委员会">' in html
    assert meta["linked"][0]["isPartOf"]["publisher"]["name"] == "方志出版社"
    assert meta["linked"][0]["isPartOf"]["editor"]["name"] == "上城年鉴编纂委员会"
    data = json.loads((hosted.output / "data" / "shangcheng-2022.json").read_text(encoding="utf-8"))
    assert data["publisher"] == "方志出版社" and data["$schema"] == "https://nianjian.example.org/" + SCHEMA_PATH
    assert data["editor"] == "上城年鉴编纂委员会"
    assert {e["citation"]["editor"] for e in entries(data)} == {"上城年鉴编纂委员会"}
    assert all(e["url"].startswith("https://") for e in entries(data))
    caplog.clear()
    with caplog.at_level(logging.DEBUG):  # a note for `-v`: a preview has no host to name, so no warning
        build(dataclasses.replace(config, output=tmp_path / "plain"), search=False)
    noted = [r for r in caplog.records if "names no host" in r.getMessage()]
    assert len(noted) == 1 and noted[0].levelno == logging.DEBUG


def test_a_part_of_a_book_is_cited_as_the_standards_examples() -> None:
    """GB/T 7714—2025, Appendix B.2 (图书中的析出文献), as the standard prints them: [3] in print, [8] in its
    electronic form — the part's authors and title, [M] or [M/OL], `//`, the book's 主要责任者 and title, place:
    publisher, year: pages, the URL; ASCII marks with no space after them, and no 引用日期."""
    printed = Citation(title="1998年长江洪水的成因与减灾对策", authors=("程根伟",), book="长江流域洪涝灾害与科技对策",
                       year=1999, first_page="32", last_page="36", printed_page="第32页", publisher="科学出版社",
                       place="北京", editor="许厚泽,赵其国", url="", language="zh-CN")
    assert printed.reference == "程根伟.1998年长江洪水的成因与减灾对策[M]//许厚泽,赵其国.长江流域洪涝灾害与科技对策." \
                                "北京:科学出版社,1999:32-36."
    url = "http://apabi.lib.pku.edu.cn/usp/pku/pub.mvc?pid=book.detail&metaid=m.20120406-YPT-889-0010"
    online = Citation(title="汶川地震基岩地震动特征分析", authors=("楼梦麟", "杨燕"), book="汶川地震震害研究",
                      year=2011, first_page="11", last_page="12", printed_page="第11页", publisher="同济大学出版社",
                      place="上海", editor="同济大学土木工程防灾国家重点实验室", url=url, language="zh-CN")
    assert online.reference == "楼梦麟,杨燕.汶川地震基岩地震动特征分析[M/OL]//同济大学土木工程防灾国家重点实验室." \
                               f"汶川地震震害研究.上海:同济大学出版社,2011:11-12.{url}."
    unknown = dataclasses.replace(online, authors=(), editor=None, place=None, publisher=None, last_page=None)
    assert unknown.reference == f"汶川地震基岩地震动特征分析[M/OL]//汶川地震震害研究.2011:11.{url}."


def read_ris(text: str) -> list[dict[str, list[str]]]:
    """A small RIS reader: `TAG  - value` lines, records ending at `ER  -`."""
    records: list[dict[str, list[str]]] = []
    current: dict[str, list[str]] = {}
    for line in text.splitlines():
        match = re.match(r"^([A-Z][A-Z0-9])  - ?(.*)$", line)
        assert match or not line.strip(), f"not a RIS line: {line!r}"
        if not match:
            continue
        if match[1] == "ER":
            records.append(current)
            current = {}
        else:
            current.setdefault(match[1], []).append(match[2])
    assert current == {}, "a record without ER"
    return records


@pytest.mark.browser
def test_the_downloaded_citation_is_ris_and_bibtex_with_chinas_date(browser: Browser, served: str,
                                                                    tmp_path: Path) -> None:
    """At 23:30 UTC it is already the next day in China: the access date (Y2, urldate) is China's."""
    context = browser.new_context(accept_downloads=True, timezone_id="UTC")
    page = context.new_page()
    page.clock.set_fixed_time(datetime(2026, 1, 1, 23, 30, tzinfo=UTC))
    page.goto(f"{served}{ENTRY}")
    saved = {}
    for kind in ("ris", "bibtex"):
        with page.expect_download() as download:
            page.click(f".cite .download a.{kind}")
        saved[kind] = tmp_path / download.value.suggested_filename
        download.value.save_as(saved[kind])
    context.close()
    [record] = read_ris(saved["ris"].read_text(encoding="utf-8"))
    assert saved["ris"].suffix == ".ris" and record["TY"] == ["CHAP"]
    assert record["TI"] == ["“最美人墙”志愿服务"] and record["AU"] == ["杨斌"] and record["T2"] == ["上城年鉴（2022）"]
    assert record["PY"] == ["2022"] and record["SP"] == ["385"] and record["UR"][0].endswith(ENTRY)
    assert record["Y2"] == ["2026-01-02"]
    bibtex = saved["bibtex"].read_text(encoding="utf-8")
    assert bibtex.startswith("@incollection{2022-zui-mei-ren-qiang-zhi-yuan-fu-wu,")
    assert "booktitle = {上城年鉴（2022）}" in bibtex and "pages = {385}" in bibtex
    assert "urldate = {2026-01-02}" in bibtex
