"""Nothing lost, whatever happens: a build deletes only what a build made, two runs at once and killed or
interrupted runs leave whole folders, a full disk and a busy port are one line each. Every case runs
`site-gen` as a user does (a subprocess) on real files."""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from site_gen.site.write.stage import MARKER, stage_path
from site_gen.yearbook.emit import is_hand_edited

from ..conftest import interruptible
from ..preview import copy_project, override
from .cases import built
from .project import BOOK, ENTRY, fill, run, small_disk, snapshot, with_output

pytestmark = pytest.mark.slow  # builds killed, interrupted, run twice at once, on a full disk


@contextlib.contextmanager
def started(root: Path, *args: str) -> Iterator[subprocess.Popen[str]]:
    """`site-gen ARGS` in a process group of its own (as a terminal runs it), its output captured; the
    group is killed on the way out if the test left it running (a failed assertion, a timeout)."""
    process = interruptible([sys.executable, "-m", "site_gen", *args], cwd=root, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, start_new_session=True)
    try:
        yield process
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
        process.wait()
        for stream in (process.stdout, process.stderr):
            if stream is not None:
                stream.close()


def wait_for_files(folder: Path, count: int, process: subprocess.Popen[str], pattern: str = "*") -> None:
    """Until `folder` holds `count` files matching `pattern` (the run is well under way)."""
    deadline = time.monotonic() + 300
    while sum(1 for path in folder.rglob(pattern) if path.is_file()) < count:
        assert process.poll() is None and time.monotonic() < deadline, "the run ended before it was stopped"
        time.sleep(0.01)


@pytest.mark.parametrize("where", ["docs", "absolute"])
def test_a_build_never_replaces_a_folder_it_did_not_make(tmp_path: Path, where: str) -> None:
    root = tmp_path / "project"
    built(root)
    output = root / "docs" if where == "docs" else tmp_path / "photos"
    (output / "shots").mkdir(parents=True)
    (output / "shots" / "home.png").write_bytes(b"\x89PNG a screenshot")
    (output / "family.txt").write_text("only copy", encoding="utf-8")
    before = snapshot(output)
    with_output(root, "docs" if where == "docs" else str(output))
    shown = "docs" if where == "docs" else str(output)

    for command in (["build", "--no-search"], ["serve", "--no-search", "--port", "0"]):
        result = run(root, *command, timeout=60)
        assert result.code == 1 and "Traceback" not in result.err
        assert result.lines == [
            f"{shown}: error: the output folder holds files site-gen did not write (e.g. 'family.txt'), and a "
            "build replaces all of it (point `output` at a new or empty folder, or pass --force-output to "
            "replace it)"]
        assert snapshot(output) == before

    forced = run(root, "build", "--no-search", "--force-output")  # said in so many words: replaced
    assert forced.code == 0, forced.err
    assert not (output / "family.txt").exists() and (output / MARKER).is_file()
    again = run(root, "build", "--no-search")  # from now on the folder is site-gen's
    assert again.code == 0, again.err


def test_a_build_into_an_empty_or_new_folder_goes_ahead(tmp_path: Path) -> None:
    root = tmp_path / "project"
    built(root)
    (root / "empty").mkdir()
    with_output(root, "empty")
    assert run(root, "build", "--no-search").code == 0
    assert (root / "empty" / "index.html").is_file() and (root / "public" / MARKER).is_file()


def test_an_output_path_that_is_a_file_is_one_line(tmp_path: Path) -> None:
    root = tmp_path / "project"
    built(root)
    (root / "site.html").write_text("mine", encoding="utf-8")
    with_output(root, "site.html")
    result = run(root, "build", "--no-search")
    assert result.code == 1 and result.lines == [
        "site.html: error: the output path is a file, not a folder (point `output` in site.yaml at a folder)"]
    assert (root / "site.html").read_text(encoding="utf-8") == "mine"


@pytest.mark.parametrize("trial", range(2))
def test_two_builds_at_once_leave_one_whole_site(tmp_path: Path, trial: int) -> None:
    root = copy_project(tmp_path)
    alone = run(root, "build", "--no-search")
    assert alone.code == 0, alone.err
    files = set(snapshot(root / "public"))
    base = override(root, "base.html")  # every page changes: both builds have a whole site to write
    base.write_text(base.read_text(encoding="utf-8").replace("</footer>", f"</footer><!-- {trial} -->"),
                    encoding="utf-8")
    with started(root, "build", "--no-search") as first:
        time.sleep(1)
        with started(root, "build", "--no-search") as second:
            first_err, second_err = first.communicate(timeout=600)[1], second.communicate(timeout=600)[1]

    assert first.returncode == 0, first_err
    assert second.returncode == 0, second_err
    assert f"waiting for site-gen build (pid {first.pid}) to finish" in second_err
    assert set(snapshot(root / "public")) == files
    assert f"<!-- {trial} -->" in (root / "public" / "index.html").read_text(encoding="utf-8")
    assert not stage_path(root / "public").exists()


def test_an_import_killed_half_way_leaves_whole_pages(tmp_path: Path) -> None:
    root = copy_project(tmp_path)
    shutil.rmtree(root / "content")  # every page is a new file
    with started(root, "import") as process:
        wait_for_files(root / "content", 400, process, "*.md")
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()

    pages = sorted((root / "content").rglob("*.md"))
    assert pages, "the import was killed before it wrote a page"
    for page in pages:
        text = page.read_text(encoding="utf-8")
        assert text.startswith("---\n") and not is_hand_edited(text), page
    leftover = pages[0].with_name(f".{pages[0].name}.99999-99999.tmp")  # as a run killed mid-write leaves it
    leftover.write_text("---\n", encoding="utf-8")
    again = run(root, "import")
    assert again.code == 0 and "hand-edited" not in again.err, again.err
    assert not list((root / "content").rglob(".*.tmp"))
    assert run(root, "build", "--no-search").code == 0


def test_ctrl_c_during_a_build_is_one_line_and_leaves_the_site(tmp_path: Path) -> None:
    root = copy_project(tmp_path)
    assert run(root, "build", "--no-search").code == 0
    before = snapshot(root / "public")
    base = override(root, "base.html")
    base.write_text(base.read_text(encoding="utf-8").replace("</footer>", "</footer><!-- 2 -->"), encoding="utf-8")
    with started(root, "build", "--no-search") as process:
        wait_for_files(stage_path(root / "public"), 300, process)
        os.killpg(process.pid, signal.SIGINT)  # what a terminal sends the whole group on Ctrl+C
        _, err = process.communicate(timeout=120)

    assert process.returncode == 130
    assert err == "site-gen: build interrupted\n"
    assert snapshot(root / "public") == before
    assert not stage_path(root / "public").exists()


def test_a_full_disk_is_one_line_and_leaves_the_site(tmp_path: Path) -> None:
    with small_disk(tmp_path / "disk", "8m") as disk:
        root = tmp_path / "project"
        built(root)
        with_output(root, str(disk / "public"))
        assert run(root, "build", "--no-search").code == 0
        before = snapshot(disk / "public")
        fill(disk)
        base = override(root, "base.html")
        base.write_text(base.read_text(encoding="utf-8").replace("</footer>", "</footer>" + "<!-- 满 -->" * 3000),
                        encoding="utf-8")
        result = run(root, "build", "--no-search")
        assert result.code == 1 and "Traceback" not in result.err
        assert len(result.lines) == 1 and result.lines[0].endswith(
            ": error: no space left on the disk: free some and run again (no file was left half-written)")
        assert snapshot(disk / "public") == before
        assert not stage_path(disk / "public").exists()


def test_a_busy_port_is_one_line(tmp_path: Path) -> None:
    root = tmp_path / "project"
    built(root)
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        result = run(root, "serve", "--no-search", "--port", str(port), timeout=60)
    assert result.code == 1 and result.lines == [
        f"127.0.0.1:{port}: error: cannot listen: address already in use (another server uses it: stop that "
        "one or pass --port)"]


def test_one_author_written_as_text_is_one_name(tmp_path: Path) -> None:
    root = tmp_path / "project"
    built(root)
    entry = root / ENTRY
    entry.write_text(entry.read_text(encoding="utf-8").replace("authors:\n- 何杭", "authors: 干静"), encoding="utf-8")
    assert run(root, "build", "--no-search").code == 0
    page = (root / "public" / BOOK / "wen-hua" / "zong-shu" / "gai-kuang" / "index.html").read_text(encoding="utf-8")
    assert "干静.概况" in page and "干,静" not in page  # one author in the GB/T 7714—2025 reference
