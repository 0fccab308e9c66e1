"""Writing output files: only changed bytes, and a replaced file is never seen half-written."""

from __future__ import annotations

from pathlib import Path

from site_gen.write import sync_tree, write_if_changed


def test_unchanged_bytes_are_not_written(tmp_path: Path) -> None:
    page = tmp_path / "a" / "index.html"
    assert write_if_changed(page, b"<p>1</p>")
    before = page.stat().st_mtime_ns
    assert not write_if_changed(page, b"<p>1</p>")
    assert page.stat().st_mtime_ns == before


def test_a_reader_of_the_old_file_keeps_reading_the_old_bytes(tmp_path: Path) -> None:
    page = tmp_path / "index.html"
    old = b"old " * 10000
    write_if_changed(page, old)
    with page.open("rb") as reading:  # a server part-way through sending the page
        first = reading.read(100)
        assert write_if_changed(page, b"new " * 5)
        assert first + reading.read() == old  # replaced by a rename: the open file is the old one, whole
    assert page.read_bytes() == b"new " * 5
    assert [p.name for p in tmp_path.iterdir()] == ["index.html"]  # no temporary file left behind


def test_sync_tree_removes_what_the_build_no_longer_writes_but_keeps_the_search_bundle(tmp_path: Path) -> None:
    write_if_changed(tmp_path / "gone" / "index.html", b"x")
    write_if_changed(tmp_path / "pagefind" / "pagefind.js", b"y")
    changed = sync_tree(tmp_path, {"kept/index.html": b"z"}, keep=("pagefind",))
    assert sorted(changed) == ["gone/index.html", "kept/index.html"]
    assert not (tmp_path / "gone").exists() and (tmp_path / "pagefind" / "pagefind.js").exists()
