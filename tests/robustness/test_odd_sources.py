"""Odd sources that are still text import in bounded time: one without any structure becomes one
readable page, a 100,000-character line goes through (a hang fails the run's timeout)."""

from __future__ import annotations

from pathlib import Path

from .project import BOOK, make_project, run

PROSE = "这是一段没有标题、没有条目的文字，只是普通的叙述。"


def test_a_text_without_structure_imports_as_one_readable_page(tmp_path: Path) -> None:
    make_project(tmp_path, "\n".join(PROSE for _ in range(30)).encode())
    assert run(tmp_path, "import").code == 0
    pages = sorted((tmp_path / "content" / BOOK).rglob("*.md"))
    assert [p.name for p in pages] == ["_index.md", "juan-shou.md"]  # the book and its one page, 卷首
    assert pages[1].read_text(encoding="utf-8").split("---\n", 2)[2].count(PROSE) == 30
    result = run(tmp_path, "build", "--no-search")
    assert result.code == 0, result.err
    assert PROSE in (tmp_path / "public" / BOOK / "juan-shou" / "index.html").read_text(encoding="utf-8")


def test_a_100000_character_line_imports_in_bounded_time(tmp_path: Path) -> None:
    line = "【概况】 " + "区文化工作稳步推进，" * 10_000
    make_project(tmp_path, f" 文 化文 化\n\n综 述\n\n{line}。\n\n（何 杭）\n".encode())
    result = run(tmp_path, "import", timeout=120)
    assert result.code == 0, result.err
    page = tmp_path / "content" / BOOK / "wen-hua" / "zong-shu" / "gai-kuang.md"
    assert page.read_text(encoding="utf-8").count("区文化工作稳步推进") == 10_000
