"""A small project on disk for the robustness suite: one yearbook of one source text, the real
templates, and `site-gen` run as a user runs it (a subprocess), so every case sees the exact lines an
editor would."""

from __future__ import annotations

import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

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


def imported(root: Path) -> Path:
    """A project whose source is imported (content/ written); returns `root`."""
    make_project(root)
    result = run(root, "import")
    assert result.code == 0, result.err
    return root


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under `folder` with its bytes."""
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}
