"""Work done ahead in a forked child (site_gen/forked.py): its result or its error comes back, a child
that dies is an error rather than a hang, and closing early leaves no process behind. Then the two
commands that use it, where the work is shared: the error a user sees is the first in the config."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from site_gen.errors import Diagnostic, SiteGenError, fail
from site_gen.forked import Forked

from .conftest import write


def _pid_and(value: int) -> tuple[int, int]:
    return os.getpid(), value * 2


def _refuse(path: str) -> None:
    raise fail(path, "not valid UTF-8 at byte offset 3", 1, hint="save the file as UTF-8")


def _die() -> None:
    os.kill(os.getpid(), signal.SIGKILL)


def test_the_result_comes_back_from_another_process() -> None:
    pid, doubled = Forked(_pid_and, 21).result()
    assert doubled == 42 and pid != os.getpid()


def test_the_child_goes_on_with_after_once_the_result_is_sent(tmp_path: Path) -> None:
    """The result comes back before `after` is done (it waits here for a file the parent writes after)."""
    go, done = tmp_path / "go", tmp_path / "done"

    def after() -> None:
        deadline = time.monotonic() + 30
        while not go.exists() and time.monotonic() < deadline:
            time.sleep(0.01)
        done.with_suffix(".tmp").write_text("after", encoding="utf-8")
        done.with_suffix(".tmp").rename(done)  # whole or not at all: closing stops the child

    with Forked(_pid_and, 21, after=after) as forked:
        assert forked.result()[1] == 42 and not done.exists()
        go.touch()
        deadline = time.monotonic() + 30
        while not done.exists():
            assert time.monotonic() < deadline, "`after` did not run in the child"
            time.sleep(0.01)
    assert done.read_text(encoding="utf-8") == "after"


def test_an_error_in_the_child_is_raised_whole_in_the_parent() -> None:
    with pytest.raises(SiteGenError) as raised:
        Forked(_refuse, "sources/a.txt").result()
    assert raised.value.diagnostics == [Diagnostic("sources/a.txt", "not valid UTF-8 at byte offset 3", 1,
                                                   hint="save the file as UTF-8")]


def test_a_child_that_dies_is_an_error_not_a_hang() -> None:
    with pytest.raises(RuntimeError, match="ended without a result"):
        Forked(_die).result()


def test_without_a_process_to_spare_the_work_is_done_here(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse() -> int:
        raise BlockingIOError(11, "Resource temporarily unavailable")  # what fork says at a process limit

    monkeypatch.setattr(os, "fork", refuse)
    assert Forked(_pid_and, 4).result() == (os.getpid(), 8)


def test_closing_without_the_result_stops_the_child() -> None:
    started = time.monotonic()
    with Forked(time.sleep, 60) as sleeping:
        pid = sleeping._pid
    assert time.monotonic() - started < 10
    with pytest.raises(ChildProcessError):  # stopped and reaped: no zombie left
        os.waitpid(pid, os.WNOHANG)


BOOKS = {"small": "  - {id: small, title: 小, edition: 2021, covers: 2020, sources: [small.txt]}\n",
         "large": "  - {id: large, title: 大, edition: 2022, covers: 2021, sources: [large.txt]}\n"}


@pytest.mark.parametrize(("order", "bad"), [(("small", "large"), ("small.txt",)), (("small", "large"), ("large.txt",)),
                                            (("small", "large"), ("small.txt", "large.txt")),
                                            (("large", "small"), ("large.txt", "small.txt"))])
def test_an_import_names_the_first_bad_source_in_the_config_and_writes_nothing(
        tmp_path: Path, order: tuple[str, str], bad: tuple[str, ...]) -> None:
    """The largest yearbook is parsed in a child while the others are parsed here, and taken last."""
    write(tmp_path / "site.yaml", "site:\n  title: t\nyearbooks:\n" + "".join(BOOKS[book] for book in order))
    good = "【概况】 2021年，全区工作推进有力。\n（张 三）\n"
    for name, copies in (("small.txt", 1), ("large.txt", 200)):
        data = b"\x80\x81 not text" if name in bad else (good * copies).encode()
        (tmp_path / "sources").mkdir(exist_ok=True)
        (tmp_path / "sources" / name).write_bytes(data)
    result = subprocess.run([sys.executable, "-m", "site_gen", "import"], cwd=tmp_path, capture_output=True,
                            text=True, timeout=120)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert result.stderr.splitlines()[0].startswith(f"sources/{bad[0]}:")
    assert not (tmp_path / "content").exists()
