"""Shared fixtures: the project's own config, and one real build of the bundled yearbooks."""

from __future__ import annotations

import dataclasses
import shutil
import signal
import subprocess
import threading
import venv
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

from site_gen.config import Config, load_config
from site_gen.preview.serve import make_server
from site_gen.site.build import BuildReport, build

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
# Flags for a headless Chromium on a machine with no network but the package registries.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
WIDTHS = {"desktop": 1280, "phone": 390}  # the widths a reader's page is checked at


def interruptible(command: list[str], **options: Any) -> subprocess.Popen[str]:
    """A child process that Ctrl+C (SIGINT) reaches as it does from a terminal, however the tests were
    launched: a shell's background job (`pytest &`, nohup) passes SIGINT on ignored, and a child that
    ignores it cannot be tested for it. A handled signal is reset to its default by exec, an ignored one
    is not, so the parent handles it while the child starts."""
    previous = signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        return subprocess.Popen(command, text=True, **options)
    finally:
        signal.signal(signal.SIGINT, previous)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """A test that drives Chromium is a browser test however it gets the browser (`nox -s quick` skips them)."""
    for item in items:
        if {"browser", "tab"} & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def config() -> Config:
    return load_config(ROOT / "site.yaml")


@dataclasses.dataclass
class Built:
    config: Config
    report: BuildReport

    @property
    def output(self) -> Path:
        return self.config.output


@pytest.fixture(scope="session")
def built(config: Config, tmp_path_factory: pytest.TempPathFactory) -> Built:
    """The bundled yearbooks built once, with the search index, into a temporary output folder."""
    out = tmp_path_factory.mktemp("public")
    cfg = dataclasses.replace(config, output=out)
    return Built(cfg, build(cfg, search=True))


@pytest.fixture(scope="session")
def installed(tmp_path_factory: pytest.TempPathFactory) -> str:
    """The Python of a fresh virtualenv where the project is `pip install`ed from a copy (not editable): what a
    new office gets. Only the package's own files are copied: whatever it needs must ship inside it."""
    folder = tmp_path_factory.mktemp("installed")
    venv.create(folder / "venv", with_pip=True)
    python = str(folder / "venv" / "bin" / "python")
    package = folder / "package"  # pip builds in the source folder: a copy, so the repository stays clean
    shutil.copytree(ROOT / "site_gen", package / "site_gen", ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, package / name)
    subprocess.run([python, "-m", "pip", "install", "--quiet", "--disable-pip-version-check", str(package)],
                   check=True, capture_output=True, timeout=900)
    return python


@pytest.fixture(scope="session")
def served(built: Built) -> Iterator[str]:
    """The built site over real HTTP on a free loopback port; yields its base URL."""
    server = make_server(built.output, "127.0.0.1", 0)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path




SUBPATH = "nianjian"


@pytest.fixture(scope="session")
def built_under_subpath(config: Config, tmp_path_factory: pytest.TempPathFactory) -> Built:
    """The site built for `https://example.org/nianjian/`, into `<root>/nianjian/` so that serving
    `<root>` puts it under that path, as a static host would."""
    root = tmp_path_factory.mktemp("host")
    cfg = dataclasses.replace(config, output=root / SUBPATH, base_url=f"https://example.org/{SUBPATH}/")
    return Built(cfg, build(cfg, search=True))


@pytest.fixture(scope="session")
def served_under_subpath(built_under_subpath: Built) -> Iterator[str]:
    """The host root over HTTP; yields the site's URL (`http://127.0.0.1:port/nianjian`)."""
    server = make_server(built_under_subpath.output.parent, "127.0.0.1", 0)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/{SUBPATH}"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    """Debian's Chromium, driven by Playwright; one per test module."""
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(params=list(WIDTHS), scope="module")
def width(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def tab(browser: Browser, width: str) -> Iterator[Page]:
    """A browser tab at a desktop's and at a phone's width."""
    page = browser.new_page(viewport={"width": WIDTHS[width], "height": 900})
    yield page
    page.close()
