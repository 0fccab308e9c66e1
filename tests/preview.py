"""A preview of a copy of the bundled project: builder, watcher and server in this process, as
`site-gen serve` runs them. Shared by the live-reload tests and the preview benchmark."""

from __future__ import annotations

import dataclasses
import json
import shutil
import stat
import threading
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from site_gen.preview.rebuild import Builder, Rebuilt
from site_gen.preview.serve import LiveState, make_server
from site_gen.preview.watch import Watcher
from site_gen.site.index.engine import LOCAL_INSTALL
from site_gen.theme import THEME_DIR

ROOT = Path(__file__).resolve().parent.parent
TIMEOUT = 60.0  # seconds a test waits for a rebuild
# An entry of the 2022 yearbook that names no one and cites nothing: an edit renders its page alone.
ENTRY = "content/shangcheng-2022/zong-he-jing-ji-jian-guan-yu-fu-wu/shi-chang-jian-guan/qi-ye-xin-yong-jian-she.md"
ENTRY_URL = "/shangcheng-2022/zong-he-jing-ji-jian-guan-yu-fu-wu/shi-chang-jian-guan/qi-ye-xin-yong-jian-she/"
SOURCE = "sources/002_a6494003029417c0.txt"  # the entry's source text


def override(root: Path, name: str) -> Path:
    """The theme's file `name` copied into the project's templates/, as an office overrides it; its path."""
    path = root / "templates" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy(THEME_DIR / name, path)
    return path


def copy_project(target: Path) -> Path:
    """The inputs of the bundled project, writable (the sources are read-only in the repository)."""
    for folder in ("content", "templates", "sources"):
        shutil.copytree(ROOT / folder, target / folder)
    shutil.copy(ROOT / "site.yaml", target / "site.yaml")
    for path in (target / "sources").iterdir():
        path.chmod(path.stat().st_mode | stat.S_IWUSR)
    if (ROOT / LOCAL_INSTALL).is_dir():  # the project's Pagefind 1.6 (search_engine.find_binary looks beside site.yaml)
        (target / LOCAL_INSTALL).symlink_to(ROOT / LOCAL_INSTALL)
    return target


@dataclasses.dataclass
class Preview:
    root: Path
    url: str
    builder: Builder
    live: LiveState
    watcher: Watcher
    results: list[Rebuilt]  # every rebuild the watcher made, in order

    def get(self, path: str) -> str:
        with urllib.request.urlopen(self.url + path, timeout=10) as response:
            return str(response.read().decode("utf-8"))

    def read(self, relative: str) -> str:
        return (self.root / relative).read_text(encoding="utf-8")

    def save(self, relative: str, text: str) -> None:
        (self.root / relative).write_text(text, encoding="utf-8")

    def wait_version(self, after: int) -> dict[str, Any]:
        """The state sent to browsers once the version passes `after`."""
        deadline = time.monotonic() + TIMEOUT
        while self.live.version <= after:
            if time.monotonic() > deadline:
                raise TimeoutError("no rebuild was signalled")
            self.live.wait(after, 0.5)
        return dict(json.loads(self.live.message()))

    def quiet(self, still: float = 0.3) -> None:
        """Until nothing is pending and no rebuild has run for `still` seconds: a change made in several steps
        (two files removed) may be two rebuilds, the second of which must not pass for the next save's."""
        deadline = time.monotonic() + TIMEOUT
        version, since = self.live.version, time.monotonic()
        while time.monotonic() - since < still:
            if self.watcher.pending or self.builder.lock.locked() or self.live.version != version:
                version, since = self.live.version, time.monotonic()
            if time.monotonic() > deadline:
                raise TimeoutError("the preview never came to rest")
            time.sleep(0.02)

    def edit(self, relative: str, old: str, new: str) -> dict[str, Any]:
        """Replace `old` by `new` in a project file; returns the state sent to browsers after it."""
        version = self.live.version
        text = self.read(relative)
        if old not in text:
            raise ValueError(f"{old!r} is not in {relative}")
        self.save(relative, text.replace(old, new, 1))
        return self.wait_version(version)


@contextmanager
def preview(root: Path, search: bool = False, config: Path | None = None) -> Iterator[Preview]:
    """Build the project at `root`, then serve and watch it on a free loopback port. `config`: site.yaml as
    `--config` names it (relative to the working folder), when not `root/site.yaml`."""
    builder = Builder(config or root / "site.yaml")
    builder.full()
    live = LiveState()
    server = make_server(builder.config.output, "127.0.0.1", 0, builder.config.base_path, live, builder.writing)
    results: list[Rebuilt] = []
    watcher = Watcher(builder, live, search=search, on_rebuild=results.append)
    watcher.start()
    if search:
        watcher.request_index()
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield Preview(root, f"http://127.0.0.1:{server.server_address[1]}", builder, live, watcher, results)
    finally:
        watcher.stop()
        server.shutdown()
        server.server_close()
