"""A small project on disk for the robustness suite: one yearbook of one source text, the real
templates, and `site-gen` run as a user runs it (a subprocess), so every case sees the exact lines an
editor would."""

from __future__ import annotations

import contextlib
import logging
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from site_gen.cli import main
from site_gen.site.index.engine import LOCAL_INSTALL
from site_gen.theme import THEME_DIR

ROOT = Path(__file__).resolve().parents[2]
BOOK = "test-2022"
# A hard-wrapped text as the PDF tool gives it: a category, two sections, two entries with credits.
SOURCE = """ 文 化文 化

综 述

【概况】 2021年，区文化

工作稳步推进。

（何 杭）

非物质文化遗产

【非遗保护工作】 2021年5月，开展非遗

活动12场。（季玳弘）
"""
ENTRY = f"content/{BOOK}/wen-hua/zong-shu/gai-kuang.md"  # the first entry's page, as imported


@dataclass(frozen=True)
class Result:
    code: int
    out: str
    err: str

    @property
    def lines(self) -> list[str]:
        return [line for line in self.err.splitlines() if ": error: " in line or ": warning: " in line]


def make_project(root: Path, source: bytes | None = SOURCE.encode(), name: str = "a.txt",
                 source_yaml: str | None = None, config: str | None = None) -> Path:
    """Write site.yaml, sources/ and templates/ (the theme's files as the project's own copies, which the cases
    edit) under `root`; returns `root`."""
    (root / "sources").mkdir(parents=True, exist_ok=True)
    if source is not None:
        (root / "sources" / name).write_bytes(source)
    shutil.copytree(THEME_DIR, root / "templates", dirs_exist_ok=True,
                    ignore=shutil.ignore_patterns("__init__.py", "__pycache__"))
    if (ROOT / LOCAL_INSTALL).is_dir() and not (root / LOCAL_INSTALL).exists():  # the project's Pagefind 1.6
        (root / LOCAL_INSTALL).symlink_to(ROOT / LOCAL_INSTALL)
    entry = source_yaml or name
    (root / "site.yaml").write_text(config if config is not None else (
        "site:\n  title: 测试年鉴\nyearbooks:\n"
        f"  - id: {BOOK}\n    title: 测试年鉴（2022）\n    edition: 2022\n    covers: 2021\n"
        f"    sources:\n      - {entry}\n"), encoding="utf-8")
    return root


def run(root: Path, *args: str, timeout: float = 300) -> Result:
    done = subprocess.run([sys.executable, "-m", "site_gen", *args], cwd=root, capture_output=True, text=True,
                          timeout=timeout)
    return Result(done.returncode, done.stdout, done.stderr)


def run_here(*args: str) -> int:
    """`site-gen ARGS` in this process, as the installed command runs it (hundreds of cases a minute); the
    log level it sets is set back, or the tests after it would miss what they log."""
    logger = logging.getLogger("site_gen")
    level = logger.level
    try:
        return main(list(args))
    finally:
        logger.setLevel(level)


def imported(root: Path) -> Path:
    """A project whose source is imported (content/ written); returns `root`."""
    make_project(root)
    result = run(root, "import")
    assert result.code == 0, result.err
    return root


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under `folder` with its bytes."""
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@contextlib.contextmanager
def small_disk(folder: Path, size: str) -> Iterator[Path]:
    """A file system of `size` mounted at `folder` (made here) for the block; the test is skipped where that
    needs root and we are not."""
    folder.mkdir()
    if os.geteuid() != 0 or subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(folder)],
                                           capture_output=True).returncode != 0:
        pytest.skip("a small file system needs root and mount (CI runs as root)")
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=True)


def with_output(root: Path, output: str) -> None:
    """site.yaml of the project at `root` names `output` as the output folder."""
    config = root / "site.yaml"
    config.write_text(config.read_text(encoding="utf-8").replace("site:\n", f"site:\n  output: {output}\n", 1),
                      encoding="utf-8")


def fill(disk: Path) -> Path:
    """Fill the file system at `disk` to its last byte; returns the filler file (delete it to make room)."""
    filler = disk / "filler"
    fd = os.open(filler, os.O_WRONLY | os.O_CREAT, 0o644)
    try:
        while os.write(fd, b"\0" * 4096):
            pass
    except OSError:
        pass
    finally:
        os.close(fd)
    return filler
