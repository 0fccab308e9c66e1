"""Whole-book figures of the import, scored against the 2022 book's own index (SOURCES.md §8)."""

from __future__ import annotations

import itertools
import re
from pathlib import Path

import pytest

from site_gen.config import load_config
from site_gen.site.render.markdown import parse
from site_gen.yearbook.importer import check_all
from site_gen.yearbook.model import Entry, Part
from site_gen.yearbook.report import REPORT_NAME, ImportReport
from tests.bundled import bundled_source

ROOT = Path(__file__).resolve().parent.parent
HAN_SPACE_HAN = re.compile(r"[\u4e00-\u9fff][ \u3000]+[\u4e00-\u9fff]")
OPEN_END = re.compile(r"[\u4e00-\u9fff0-9A-Za-z、，]$")


@pytest.fixture(scope="module")
def reports() -> dict[str, ImportReport]:
    return {report.book.id: report for report in check_all(load_config(ROOT / "site.yaml"))}


def part(prefix: str) -> Part:
    return bundled_source(prefix)


def entries(p: Part) -> list[tuple[str, str, Entry]]:
    return [(c.title, s.title, e) for c in p.categories for s in c.sections for e in s.entries if e.kind == "entry"]


def test_2022_is_scored_against_its_own_index(reports: dict[str, ImportReport]) -> None:
    report = reports["shangcheng-2022"]
    assert report.counts["categories"] == 31
    assert report.counts["entries"] == 1350
    # 365 credits as SOURCES.md counts them, plus 2 glued to the front of a photo caption (L35488, L65117)
    assert report.counts["credits"] == 367
    score = report.index
    assert score is not None
    assert (score.total, score.categories, score.sections, score.entries) == (1382, 31, 201, 1150)
    assert len(score.reworded) == 4 and not score.unmatched
    assert score.tables == 23


def test_2022_sections_and_pages() -> None:
    book = part("002")
    sections = [s.title for c in book.categories for s in c.sections]
    assert sections.count("综述") == 14
    assert "非物质文化遗产保护和利用" in sections and "财政" in sections
    unpaged = [(c, e.title) for c, _, e in entries(book) if not e.page]
    assert all(title == "概况" or category == "附录" for category, title in unpaged)
    assert sum(title == "概况" for _, title in unpaged) == 194


def test_2022_front_matter_pages() -> None:
    """编辑说明 (heading printed after its text), the photo pages, the 全称/简称 table (SOURCES.md §9)."""
    front = part("002").front
    assert [page.title for page in front] == ["编辑说明", "卷首图片", "《上城年鉴（2022）》部分组织机构全称、简称对照"]
    notes, gallery, names = front
    assert [block[:2] for block in notes.blocks] == ["一、", "二、", "三、", "四、", "五、", "六、", "七、"]
    assert sum(block.startswith("::: caption") for block in gallery.blocks) == 51
    assert [b[3:] for b in gallery.blocks if b.startswith("## ")] == ["美丽上城", "热点聚焦", "创新·发展",
                                                                      "社会·民生", "文化·体育"]
    rows = names.blocks[0].split("\n")[2:]
    assert len(rows) == 91  # 93 lines a column; 2 organisations wrap onto a bracketed line (党史研究室, 住建局)
    assert "| 杭州上城区国有投资控股集团有限公司 | 上城国投集团 |" in rows


def test_2022_every_entry_sits_in_the_category_its_page_implies() -> None:
    book = part("002")
    assert book.index is not None
    starts = sorted((t.order, t.term) for t in book.index.terms if t.term in {c.title for c in book.categories})
    for category, _, entry in entries(book):
        if entry.page:
            digits = entry.page.rstrip("abc")
            order = (int(digits), entry.page[len(digits):])
            assert [term for start, term in starts if start <= order][-1] == category, entry.title


@pytest.mark.parametrize(("prefix", "sections", "count", "credits"), [("000", 13, 74, 13), ("001", 6, 34, 10)])
def test_2019_texts(prefix: str, sections: int, count: int, credits: int) -> None:
    book = part(prefix)
    assert sum(len(c.sections) for c in book.categories) == sections
    assert len(entries(book)) == count
    assert len(book.credits) == credits
    assert all(e.authors for _, _, e in entries(book))


def test_body_text_reaches_content(reports: dict[str, ImportReport]) -> None:
    for report in reports.values():
        assert report.han_reached >= 0.999 * report.han_source, report.book.id


def test_every_dropped_line_is_in_the_report_file(reports: dict[str, ImportReport]) -> None:
    for book_id, report in reports.items():
        text = (ROOT / "content" / book_id / REPORT_NAME).read_text(encoding="utf-8")
        assert text == report.full_text()
        for file, dropped in report.book.dropped:
            assert f"sources/{file}:{dropped.line}\t{dropped.reason}\t{dropped.text}\n" in text


def paragraphs(path: Path) -> list[tuple[int, str]]:
    """(nesting depth, text) of every paragraph of a page; depth 0 = running text, not a list or box."""
    tokens = parse(path.read_text(encoding="utf-8").split("\n---\n", 1)[1])
    depth, result = 0, []
    for i, token in enumerate(tokens):
        if token.type == "inline" and tokens[i - 1].type == "paragraph_open":
            result.append((depth, token.content))
        if token.type not in ("paragraph_open", "paragraph_close"):
            depth += token.nesting
    return result


def test_no_space_between_two_chinese_characters_in_prose() -> None:
    found = [(str(path), m.group()) for path in sorted((ROOT / "content").rglob("*.md"))
             for _, text in paragraphs(path) if (m := HAN_SPACE_HAN.search(text))]
    assert found == []


def test_no_sentence_is_cut_into_two_paragraphs() -> None:
    """A page or column break must not end a paragraph: running text that stops mid-sentence and
    goes on in the next paragraph."""
    found = []
    for path in sorted((ROOT / "content").rglob("*.md")):
        paras = paragraphs(path)
        for (depth, text), (next_depth, following) in itertools.pairwise(paras):
            if depth == next_depth == 0 and "，" in text and OPEN_END.search(text) \
                    and re.match(r"[\u4e00-\u9fff0-9“]", following) and re.search("[，。]", following):
                found.append((str(path), text[-20:], following[:20]))
    assert found == []
