"""Hand edits are sacred: a re-import keeps and lists every page a person edited, `--force` overwrites
only after saving a copy, and a source renamed or removed never deletes an edited page silently."""

from __future__ import annotations

from datetime import datetime, tzinfo
from pathlib import Path

import pytest

from site_gen.yearbook import importer

from .project import BOOK, ENTRY, SOURCE, imported, run, run_here, snapshot

EDIT = "（编者按：此条经人工校对。）\n"
KEPT = f"  kept hand-edited page {ENTRY}"
OTHER = f"content/{BOOK}/wen-hua/fei-wu-zhi-wen-hua-yi-chan/fei-yi-bao-hu-gong-zuo.md"  # the second entry


def edited(root: Path) -> str:
    """Edit the first entry's page as an editor would; returns its new text."""
    page = root / ENTRY
    text = page.read_text(encoding="utf-8") + EDIT
    page.write_text(text, encoding="utf-8")
    return text


def test_a_reimport_keeps_and_lists_an_edited_page(tmp_path: Path) -> None:
    text = edited(imported(tmp_path))
    result = run(tmp_path, "import")
    assert result.code == 0
    assert KEPT in result.err.splitlines()
    assert "1 hand-edited page kept as it is; `site-gen import --force` overwrites it after saving a copy " \
           "under backups/" in result.err
    assert (tmp_path / ENTRY).read_text(encoding="utf-8") == text


def test_force_saves_a_copy_before_overwriting(tmp_path: Path) -> None:
    text = edited(imported(tmp_path))
    result = run(tmp_path, "import", "--force")
    assert result.code == 0
    copies = list((tmp_path / "backups").rglob("*.md"))
    assert len(copies) == 1 and copies[0].read_text(encoding="utf-8") == text
    assert copies[0].as_posix().endswith(ENTRY)
    assert f"  overwrote hand-edited page; saved it as {copies[0].relative_to(tmp_path).as_posix()}" \
        in result.err.splitlines()
    assert EDIT not in (tmp_path / ENTRY).read_text(encoding="utf-8")
    assert run(tmp_path, "import").err.count("kept hand-edited") == 0  # the page is the import's again


def test_a_source_that_no_longer_gives_a_page_keeps_the_edited_one(tmp_path: Path) -> None:
    text = edited(imported(tmp_path))
    other = (tmp_path / OTHER).read_text(encoding="utf-8")
    (tmp_path / "sources" / "a.txt").unlink()  # renamed, and its second section cut
    (tmp_path / "sources" / "b.txt").write_text(SOURCE.split("非物质文化遗产")[0].replace("概况", "综合"),
                                              encoding="utf-8")
    config = tmp_path / "site.yaml"
    config.write_text(config.read_text(encoding="utf-8").replace("- a.txt", "- b.txt"), encoding="utf-8")
    result = run(tmp_path, "import")
    assert result.code == 0, result.err
    assert KEPT in result.err.splitlines()
    assert (tmp_path / ENTRY).read_text(encoding="utf-8") == text
    assert not (tmp_path / OTHER).exists() and other  # not edited: the import removes what it made
    assert (tmp_path / f"content/{BOOK}/wen-hua/zong-shu/zong-he.md").exists()


def test_a_yearbook_taken_out_of_site_yaml_keeps_its_pages(tmp_path: Path) -> None:
    imported(tmp_path)
    before = snapshot(tmp_path / "content")
    config = tmp_path / "site.yaml"
    book = config.read_text(encoding="utf-8").split("yearbooks:\n")[1]
    config.write_text("site:\n  title: t\nyearbooks:\n" + book.replace(BOOK, "other-2022"), encoding="utf-8")
    assert run(tmp_path, "import").code == 0
    after = snapshot(tmp_path / "content")
    assert {k: v for k, v in after.items() if k.startswith(BOOK)} == before


def test_one_bad_source_writes_nothing_for_any_yearbook(tmp_path: Path) -> None:
    imported(tmp_path)
    before = snapshot(tmp_path / "content")
    (tmp_path / "sources" / "a.txt").write_text(SOURCE.replace("12场", "24场"), encoding="utf-8")
    (tmp_path / "sources" / "z.txt").write_bytes(b"\x00\x01binary")
    config = tmp_path / "site.yaml"
    config.write_text(config.read_text(encoding="utf-8") + "  - id: z-2022\n    title: 另一本\n    edition: 2022\n"
                      "    covers: 2021\n    sources: [z.txt]\n", encoding="utf-8")
    result = run(tmp_path, "import")
    assert result.code == 1 and result.err.strip() == "sources/z.txt:1: error: source is a binary file, not text"
    assert snapshot(tmp_path / "content") == before  # the first book's change is not written either


def test_forced_imports_in_one_second_keep_every_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Three `import --force` within one second (the clock held still): three backup folders, not one
    overwritten twice."""
    imported(tmp_path)

    class Still(datetime):
        @classmethod
        def now(cls, tz: tzinfo | None = None) -> Still:
            return cls(2026, 12, 7, 12, 0, 0)

    monkeypatch.setattr(importer, "datetime", Still)
    texts = []
    for k in range(3):
        page = tmp_path / ENTRY
        texts.append(page.read_text(encoding="utf-8") + f"（第{k + 1}次校对）\n")
        page.write_text(texts[-1], encoding="utf-8")
        assert run_here("--config", str(tmp_path / "site.yaml"), "-q", "import", "--force") == 0
    folders = sorted((tmp_path / "backups").iterdir())
    assert [folder.name for folder in folders] == ["2026-12-07T120000", "2026-12-07T120000-2", "2026-12-07T120000-3"]
    assert [(folder / ENTRY).read_text(encoding="utf-8") for folder in folders] == texts
