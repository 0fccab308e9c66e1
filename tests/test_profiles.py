"""Genre profiles: the built-in 年鉴 and 志, a book's own profile file that extends one of them, and the errors a
wrong one gets (the file and the key named, never a traceback)."""

from __future__ import annotations

from pathlib import Path

import pytest

from site_gen.config import SourceConfig, YearbookConfig, load_config
from site_gen.errors import SiteGenError
from site_gen.yearbook.model import RUNNING_HEAD
from site_gen.yearbook.parse import parse_text, parse_yearbook
from site_gen.yearbook.profiles import load_profile


def test_the_zhi_extends_the_nianjian() -> None:
    nianjian, zhi = load_profile("年鉴"), load_profile("志")
    assert (nianjian.entries, zhi.entries) == ("bracketed", "headings")
    assert zhi.levels[0][:2] == ("编", "卷") and zhi.chronicle == "year"
    assert set(nianjian.book_parts) < set(zhi.book_parts)  # lists add to the base's
    assert load_profile("gazetteer") is zhi


def test_a_books_profile_adds_to_lists_and_replaces_values(tmp_path: Path) -> None:
    path = tmp_path / "book.yaml"
    path.write_text("extends: 志\nlevels: [[编], [章], [节], [目, 款]]\ntable_headers: [户数（户）]\n"
                    "running_heads: ['^某县志$']\n", encoding="utf-8")
    profile = load_profile(path)
    assert profile.levels == (("编",), ("章",), ("节",), ("目", "款"))
    assert "户数（户）" in profile.table_headers and "序号" in profile.table_headers
    assert profile.name == "志" and profile.source == str(path)


def test_a_books_running_heads_are_left_out(tmp_path: Path) -> None:
    path = tmp_path / "book.yaml"
    path.write_text("extends: 志\nrunning_heads: ['^某县志$']\n", encoding="utf-8")
    text = ("# 第一编 地理\n\n## 第一章 建置\n\n### 第一节 位置\n\n本县位于省境西南部。\n\n某 县 志\n\n"
            "县城距省会278公里。\n")
    part = parse_text(SourceConfig(Path("a.md"), None, None), text, load_profile(path))
    assert [(d.text, d.reason) for d in part.dropped] == [("某 县 志", RUNNING_HEAD)]


@pytest.mark.parametrize(("text", "message"), [
    ("extends: 志\nlevles: [编]\n", "unknown profile key 'levles' (did you mean 'levels'?)"),
    ("extends: 志\nrunning_heads: ['(']\n", "not a valid pattern '('"),
    ("extends: 志\nsummary: [综述]\n", "profile key 'summary': text"),
    ("extends: 志\nentries: pages\n", "'entries' is one of ('bracketed', 'headings')"),
    ("extends: 志\nlevels: [\n", "not valid YAML"),
    ("name: 我的\n", "profile key 'book_parts' missing (or `extends: 年鉴`)"),
    ("- 志\n", "a profile is a mapping of keys"),
])
def test_a_wrong_profile_is_an_error_naming_it(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "book.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(SiteGenError) as error:
        load_profile(path)
    assert str(path) in str(error.value) and message in str(error.value)


def test_an_unknown_built_in_profile_is_an_error(tmp_path: Path) -> None:
    source = tmp_path / "a.txt"
    source.write_text("【概况】2023年，全县工作稳步推进。\n", encoding="utf-8")
    book = YearbookConfig("x", "某年鉴", 2024, 2023, (SourceConfig(source, None, None),), profile="县志")
    with pytest.raises(SiteGenError, match="profile not found"):
        parse_yearbook(book)


def test_site_yaml_names_a_profile_file_in_sources(tmp_path: Path) -> None:
    (tmp_path / "sources").mkdir()
    (tmp_path / "sources" / "a.txt").write_text("【概况】2023年，全县工作稳步推进。\n", encoding="utf-8")
    config = tmp_path / "site.yaml"
    config.write_text("site:\n  title: 某年鉴\nyearbooks:\n  - id: x\n    title: 某年鉴\n    edition: 2024\n"
                      "    covers: 2023\n    profile: mine.yaml\n    sources: [a.txt]\n", encoding="utf-8")
    with pytest.raises(SiteGenError, match=r"site.yaml:8:14: error: profile file not found: sources/mine.yaml"):
        load_config(config)
    (tmp_path / "sources" / "mine.yaml").write_text("extends: 年鉴\n", encoding="utf-8")
    assert load_config(config).yearbooks[0].profile == tmp_path / "sources" / "mine.yaml"
