"""Property tests (hypothesis): the importer never raises on arbitrary text, and a source's prose
re-wrapped at another column width gives the same entries."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from site_gen.config import SourceConfig, YearbookConfig
from site_gen.yearbook.emit import render_pages
from site_gen.yearbook.model import Yearbook
from site_gen.yearbook.parse import parse_text, parse_yearbook
from site_gen.yearbook.report import build_report

FOLDER = Path(tempfile.mkdtemp(prefix="site-gen-properties-"))
# What yearbook texts are made of, and what trips parsers: brackets of entries and credits, headings'
# spacing, numbers, Latin, table and list markers, Markdown and HTML syntax.
ALPHABET = st.sampled_from(list("区委全会工作推进社会经济发展年月日文化体育综述概况【】（）〔〕《》，。、；：“”！？ "
                                "\n\n\n0123456789abcXYZ-—·…#*|<>[]{}%表图注\t\u3000\ufeff"))
HAN = st.sampled_from(list("区委全会工作推进社会经济发展城市管理服务群众建设项目文化活动开展完成实施计划组织"))


def import_text(text: str) -> Yearbook:
    """A whole import of one text in memory: parse, pages, report (what `site-gen import` runs)."""
    path = FOLDER / "sources" / "a.txt"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    book = parse_yearbook(YearbookConfig("p-2022", "测试", 2022, 2021, (SourceConfig(path, None, None),)))
    build_report(book, render_pages(book, FOLDER / "content").values())
    return book


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(ALPHABET, min_size=1, max_size=400).filter(lambda t: t.strip(" \n\t\u3000\ufeff")))
def test_the_importer_never_raises_on_arbitrary_text(text: str) -> None:
    import_text(text)


@settings(max_examples=100, deadline=None)
@given(st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), min_size=1, max_size=300)
       .filter(lambda t: t.strip(" \t\r\n")))
def test_the_importer_never_raises_on_any_unicode(text: str) -> None:  # a NUL makes it binary: refused, tested
    import_text(text)


sentence = st.builds(lambda a, b: a + "，" + b + "。", st.text(HAN, min_size=3, max_size=14),
                     st.text(HAN, min_size=2, max_size=12))
paragraph = st.lists(sentence, min_size=1, max_size=4).map("".join)
entry = st.tuples(st.text(HAN, min_size=2, max_size=8), st.lists(paragraph, min_size=1, max_size=3))


def source(entries: list[tuple[str, list[str]]], width: int) -> str:
    """A hard-wrapped text as the PDF tool gives it: lines of `width` characters, a blank line between
    lines, a category and a section heading, each entry `【title】` and a credit."""
    lines = [" 文 化文 化", "综 述"]
    for title, paragraphs in entries:
        for number, text in enumerate(paragraphs):
            text = (f"【{title}】 " if number == 0 else "") + text
            lines += [text[i:i + width] for i in range(0, len(text), width)]
        lines.append("（何 杭）")
    return "\n\n".join(lines) + "\n"


def entries_of(text: str) -> list[tuple[str, list[str], str]]:
    part = parse_text(SourceConfig(Path("a.txt"), None, None), text)
    return [(e.title, e.authors, "".join(e.blocks)) for c in part.categories for s in c.sections for e in s.entries]


@settings(max_examples=150, deadline=None)
@given(st.lists(entry, min_size=1, max_size=3, unique_by=lambda e: e[0]), st.integers(14, 30), st.integers(14, 30))
def test_rewrapping_the_prose_leaves_the_entries_unchanged(entries: list[tuple[str, list[str]]], width: int,
                                                          other: int) -> None:
    wrapped = entries_of(source(entries, width))
    assert [(title, authors) for title, authors, _ in wrapped] == [(t, ["何杭"]) for t, _ in entries]
    assert entries_of(source(entries, other)) == wrapped
    assert [text.replace("\n", "") for _, _, text in wrapped] == ["".join(p) for _, p in entries]
