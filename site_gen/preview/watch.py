"""Watching the project's inputs while serving: each burst of saves becomes one rebuild, then the open
pages are told (live reload, or the error overlay). When the edits settle, the files no page needs at once
(data exports, the search map) are written and the search index is rebuilt in a thread of its own, so a
long index never delays a reload (a search may be a few seconds stale).
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from pathlib import Path

from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers import Observer

from site_gen.errors import SiteGenError, refusal
from site_gen.preview.rebuild import Builder, Rebuilt
from site_gen.preview.serve import LiveState, url_paths

log = logging.getLogger(__name__)
QUIET = 0.03  # seconds without events that end a burst (an editor's save is several events)
SETTLE = 1.0  # seconds without rebuilds before exports and the search index catch up
RETRY = 2.0  # seconds between tries to write what the disk refused (full): the pages are written once it has room
_IGNORED_SUFFIXES = (".swp", ".swx", ".swo", ".tmp", ".bak", "~")  # editors' backups and swap files


def ignored(path: Path) -> bool:
    """Editors' temporary files: hidden (`.#x`, `.x.swp`), backups (`x~`), vim's `4913` probe, `#x#`."""
    name = path.name
    return (name.startswith((".", "#")) or name.endswith(_IGNORED_SUFFIXES) or name == "4913"
            or "__pycache__" in path.parts)


class Watcher(FileSystemEventHandler):
    def __init__(self, builder: Builder, live: LiveState, search: bool,
                 on_rebuild: Callable[[Rebuilt], None] | None = None) -> None:
        self.builder, self.live, self.search, self.on_rebuild = builder, live, search, on_rebuild
        self.pending: set[Path] = set()
        self.last_event = 0.0
        self.last_build = time.monotonic()
        self.settled = True
        self.refused: str | None = None  # the disk's refusal while it lasts: said once, tried again every RETRY
        self.cond = threading.Condition()
        self.stopped = False
        self.observer = Observer()
        self.watched: set[Path] = set()  # the project's folders watched so far
        self.site_yaml = builder.config_path.resolve()  # events name absolute paths; `--config` may be relative
        self.indexing = threading.Event()  # set while a search index runs
        self.index_again = False  # asked for while one ran
        self.index_lock = threading.Lock()
        self.worker = threading.Thread(target=self._run, name="site-gen-rebuild", daemon=True)

    def start(self) -> None:
        config = self.builder.config
        for folder in self._folders():
            if folder.is_dir():
                self._watch(folder)
        self.observer.schedule(self, str(config.root), recursive=False)  # site.yaml, and the folders made later
        self.observer.start()
        self.worker.start()

    def stop(self) -> None:
        with self.cond:
            self.stopped = True
            self.cond.notify_all()
        self.observer.stop()
        self.observer.join()
        if self.worker.is_alive():
            self.worker.join()  # a rebuild under way finishes: no file is left half-written

    def _folders(self) -> tuple[Path, ...]:
        config = self.builder.config
        return config.content_dir, config.templates_dir, config.sources_dir

    def _watch(self, folder: Path) -> None:
        self.observer.schedule(self, str(folder), recursive=True)
        self.watched.add(folder)

    def _made(self, event: FileSystemEvent) -> list[Path]:
        """The files of a project folder made while serving (`templates/`, for a first override): the folder
        is watched from now on, and what it already holds is a change."""
        made = Path(str(getattr(event, "dest_path", "") or event.src_path))
        if made not in self._folders() or made in self.watched or not made.is_dir():
            return []
        self._watch(made)
        return [file for file in made.rglob("*") if file.is_file()]

    def on_any_event(self, event: FileSystemEvent) -> None:
        if event.is_directory and event.event_type in ("created", "moved") and (files := self._made(event)):
            with self.cond:
                self.pending.update(file for file in files if not ignored(file))
                self.last_event = time.monotonic()
                self.cond.notify_all()
            return
        if event.is_directory and event.event_type not in ("moved", "deleted"):
            return
        paths = [Path(str(p)) for p in (event.src_path, getattr(event, "dest_path", "")) if p]
        config = self.builder.config
        relevant = [p for p in paths if not ignored(p) and (p.parent != config.root or p == self.site_yaml)]
        if relevant and event.event_type != "opened" and event.event_type != "closed_no_write":
            with self.cond:
                self.pending.update(relevant)
                self.last_event = time.monotonic()
                self.cond.notify_all()

    def _run(self) -> None:
        while True:
            with self.cond:
                while not self.pending and not self.stopped:
                    since = time.monotonic() - self.last_build
                    if (self.refused is not None and since >= RETRY) or (not self.settled and since >= SETTLE):
                        break
                    self.cond.wait(RETRY if self.refused is not None else SETTLE if not self.settled else None)
                if self.stopped:
                    return
                while self.pending and (wait := QUIET - (time.monotonic() - self.last_event)) > 0:
                    self.cond.wait(wait)  # the burst goes on
                batch, self.pending = self.pending, set()
            if batch or self.refused is not None:  # (the builder keeps the refused batch: `unapplied`)
                self._rebuild(batch)
            else:
                self._settle()

    def _rebuild(self, batch: set[Path]) -> None:
        try:
            result = self.builder.update(batch)
        except OSError as exc:  # a full disk: the pages written stay whole (files.overwrite_if_changed)
            self._refused(exc)
            return
        except SiteGenError as exc:
            lines = [str(d) for d in exc.diagnostics]
            log.error("build failed, still serving the last good site:\n  %s", "\n  ".join(lines))
            self.live.publish(error=lines)
            return
        except Exception as exc:  # a bug of ours: say so in the page, keep serving
            log.exception("rebuild failed")
            self.live.publish(error=[f"site-gen: internal error: {type(exc).__name__}: {exc}"])
            return
        self.last_build, self.settled = time.monotonic(), False
        if self.refused is not None:
            log.info("the disk has room again: the pages it refused are written")
            self.refused = None
        self._report(result)

    def _refused(self, exc: OSError) -> None:
        line = str(refusal(exc, self.builder.config.shown))
        if line != self.refused:
            log.error("%s; still serving the last good site, trying again every %.0f s", line, RETRY)
        self.refused, self.last_build = line, time.monotonic()
        self.live.publish(error=[line])

    def _report(self, result: Rebuilt) -> None:
        log.info("%s", result.summary())
        if self.on_rebuild is not None:
            self.on_rebuild(result)
        self.live.publish(url_paths(result.changed, self.builder.config.base_path))

    def _settle(self) -> None:
        self.settled = True
        try:
            changed = self.builder.settle()
        except OSError as exc:
            self._refused(exc)
            return
        if changed:
            log.info("wrote %d deferred files (%s)", len(changed), ", ".join(changed[:3]))
        if self.search:
            self.request_index()

    def request_index(self) -> None:
        """Re-index in the background; a request during an index runs it once more after."""
        with self.index_lock:
            if self.indexing.is_set():
                self.index_again = True
                return
            self.indexing.set()
        threading.Thread(target=self._index, name="site-gen-search", daemon=True).start()

    def _index(self) -> None:
        while True:
            with self.index_lock:
                self.index_again = False
            started = time.perf_counter()
            try:
                indexed = self.builder.index_search()
            except Exception as exc:  # the preview goes on with the index it has
                log.error("search index failed: %s", exc)
            else:
                if indexed is not None:
                    log.info("search: %d pages indexed in %.1f s", indexed, time.perf_counter() - started)
            with self.index_lock:
                if not self.index_again:
                    self.indexing.clear()
                    return
