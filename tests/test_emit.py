"""Re-importing keeps what a person edited."""

from __future__ import annotations

from pathlib import Path

import pytest

from site_gen.slug import unique_slug
from site_gen.yearbook.emit import emit_yearbook, is_hand_edited, page_text
from site_gen.yearbook.model import Category, Entry, Section, SourceSpan, Yearbook


def book(body: str) -> Yearbook:
    entry = Entry("标题", SourceSpan("a.txt", 3, 4), blocks=[body], authors=["仲玥"])
    section = Section("分目", SourceSpan("a.txt", 2, 4), entries=[entry])
    category = Category("类目", SourceSpan("a.txt", 1, 4), sections=[section])
    return Yearbook("b", "书", 2022, 2021, ["a.txt"], categories=[category])


def test_generated_text_is_signed_and_an_edit_breaks_the_signature() -> None:
    text = page_text({"title": "标题", "kind": "entry"}, ["正文"])
    assert not is_hand_edited(text)
    assert is_hand_edited(text.replace("正文", "正文（已校对）"))


def test_reimport_keeps_a_hand_edited_page(tmp_path: Path) -> None:
    first = emit_yearbook(book("原文"), tmp_path)
    assert first.written == 4
    page = tmp_path / "b" / "lei-mu" / "fen-mu" / "biao-ti.md"
    page.write_text(page.read_text(encoding="utf-8").replace("原文", "校对后的文字"), encoding="utf-8")
    again = emit_yearbook(book("解析器改进后的文字"), tmp_path)
    assert again.kept_edited == [page] and again.written == 0
    assert "校对后的文字" in page.read_text(encoding="utf-8")


def test_reimport_without_change_writes_nothing(tmp_path: Path) -> None:
    emit_yearbook(book("原文"), tmp_path)
    again = emit_yearbook(book("原文"), tmp_path)
    assert (again.written, again.unchanged) == (0, 4)


def test_generated_page_no_longer_produced_is_removed(tmp_path: Path) -> None:
    emit_yearbook(book("原文"), tmp_path)
    other = book("原文")
    other.categories[0].sections[0].entries[0].title = "新标题"
    report = emit_yearbook(other, tmp_path)
    assert report.removed == 1
    assert not (tmp_path / "b" / "lei-mu" / "fen-mu" / "biao-ti.md").exists()


@pytest.mark.parametrize("title", ["Tables", "people", "Search", "documents"])
def test_a_title_named_like_a_folder_of_the_site_gets_another_slug(title: str) -> None:
    """A book's `tables/`, `people/`, `documents/` and the site's own folders are never a page's folder."""
    assert unique_slug(title, set()) == f"{title.lower()}-2"
