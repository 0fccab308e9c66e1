"""Writing output files: only changed bytes, and a replaced file is never seen half-written; the
collector paused while a build makes what lives to its end."""

from __future__ import annotations

import contextlib
import gc
import threading
import time
from pathlib import Path

from site_gen.files import overwrite_if_changed, sync_tree, write_if_changed
from site_gen.gc_pause import gc_paused


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


def test_an_overwrite_keeps_the_file_and_writes_only_changed_bytes(tmp_path: Path) -> None:
    page = tmp_path / "new" / "index.html"
    assert overwrite_if_changed(page, b"<p>1</p>" * 100)  # a new folder and file
    inode, before = page.stat().st_ino, page.stat().st_mtime_ns
    assert not overwrite_if_changed(page, b"<p>1</p>" * 100)
    assert page.stat().st_mtime_ns == before
    assert overwrite_if_changed(page, b"<p>2</p>")  # shorter: the rest is cut
    assert page.read_bytes() == b"<p>2</p>" and page.stat().st_ino == inode
    assert [p.name for p in page.parent.iterdir()] == ["index.html"]


def test_the_collector_is_paused_in_the_block_and_restored_after(tmp_path: Path) -> None:
    assert gc.isenabled()
    with contextlib.suppress(ValueError), gc_paused():
        assert not gc.isenabled()
        with gc_paused():  # nested: the outer block still has it off
            pass
        assert not gc.isenabled()
        raise ValueError  # an error in the block restores it too
    assert gc.isenabled()
    gc.disable()
    try:
        with gc_paused():
            pass
        assert not gc.isenabled()  # left as found
    finally:
        gc.enable()


def test_sync_tree_removes_what_the_build_no_longer_writes_but_keeps_the_search_bundle(tmp_path: Path) -> None:
    write_if_changed(tmp_path / "gone" / "index.html", b"x")
    write_if_changed(tmp_path / "pagefind" / "pagefind.js", b"y")
    changed = sync_tree(tmp_path, {"kept/index.html": b"z"}, keep=("pagefind",))
    assert sorted(changed) == ["gone/index.html", "kept/index.html"]
    assert not (tmp_path / "gone").exists() and (tmp_path / "pagefind" / "pagefind.js").exists()


def test_two_writers_of_one_file_never_trip_over_each_other(tmp_path: Path) -> None:
    """An import and the preview may write the same page at once: each has its own temporary file."""
    page = tmp_path / "page.md"
    versions = [f"version {n}\n".encode() * (n + 1) for n in range(4)]
    errors: list[BaseException] = []

    def write(data: bytes) -> None:
        try:
            for _ in range(300):
                write_if_changed(page, data)
                write_if_changed(page, b"")
        except BaseException as exc:  # reported by the assertion below
            errors.append(exc)

    threads = [threading.Thread(target=write, args=(data,)) for data in versions]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert page.read_bytes() in [*versions, b""]
    assert [p.name for p in tmp_path.iterdir()] == ["page.md"]


def test_a_new_file_appears_whole_or_not_at_all(tmp_path: Path) -> None:
    """A new page is written beside its name and renamed: a reader never finds it empty or cut."""
    page = tmp_path / "new" / "page.md"
    seen: list[bytes] = []
    stop = threading.Event()

    def read() -> None:
        while not stop.is_set():
            with contextlib.suppress(FileNotFoundError):
                seen.append(page.read_bytes())

    reader = threading.Thread(target=read)
    reader.start()
    data = b"x" * 5_000_000
    try:
        for _ in range(5):
            assert write_if_changed(page, data)
            time.sleep(0.02)  # the reader finds it whole too
            page.unlink()
    finally:
        stop.set()
        reader.join()
    assert seen and all(found == data for found in seen)


def test_the_inputs_digest_of_a_build_that_imported_matches_the_next_build_only_if_nothing_else_changed(
        tmp_path: Path) -> None:
    """manifest.settled_digest: the folders the build wrote itself count as they are after it; a page that
    appeared or went elsewhere meanwhile makes the next build build."""
    from site_gen.config import load_config
    from site_gen.site.write import manifest

    from .conftest import write

    write(tmp_path / "sources" / "a.txt", "text")
    write(tmp_path / "site.yaml", "site:\n  title: t\nyearbooks:\n  - {id: a, title: t, edition: 2022, covers: 2021,"
          " sources: [a.txt]}\n")
    config = load_config(tmp_path / "site.yaml")
    write(tmp_path / "content" / "a" / "_index.md", "old")
    write(tmp_path / "content" / "b" / "_index.md", "kept")
    before = manifest.input_stats(config)
    write(tmp_path / "content" / "a" / "_index.md", "imported meanwhile, a longer text")
    write(tmp_path / "content" / "a" / "new.md", "imported meanwhile")
    rewritten = [tmp_path / "content" / "a"]
    assert manifest.settled_digest(config, before, rewritten) == manifest.inputs_digest(config)
    write(tmp_path / "content" / "b" / "added.md", "an editor's page, saved during the build")
    assert manifest.settled_digest(config, before, rewritten) != manifest.inputs_digest(config)
    (tmp_path / "content" / "b" / "added.md").unlink()
    (tmp_path / "content" / "b" / "_index.md").unlink()  # read by the build, then deleted
    assert manifest.settled_digest(config, before, rewritten) != manifest.inputs_digest(config)
