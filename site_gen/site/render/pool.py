"""Rendering and writing every file of a build on all cores: forked workers share the collected site
(copy-on-write, nothing pickled but paths and digests), each renders and writes its share of the files.
Only the `build` command uses it: a process with threads (the preview server, a test runner driving a
browser) must not fork, so it renders in-process."""

from __future__ import annotations

import hashlib
import multiprocessing
import signal
from pathlib import Path
from typing import NamedTuple

from site_gen.errors import SiteGenError
from site_gen.site.render.plan import SitePlan
from site_gen.site.write.stage import place

_SITE: SitePlan | None = None  # what a forked worker renders: inherited from the parent, never pickled


def render_and_write(site: SitePlan, stage: Path, previous: Path,
                     workers: int = 1) -> tuple[list[str], dict[str, str]]:
    """Render every file into the empty `stage`, linking those whose bytes the `previous` site holds;
    returns (paths written, path → SHA-256 of its bytes)."""
    global _SITE
    paths = list(site.jobs)
    site.views.env.auto_reload = False  # templates do not change during a build: no stat per get_template
    _SITE = site
    try:
        if workers <= 1:
            shares = [_render_share((paths, 1, 0, str(stage), str(previous)))]
        else:
            with multiprocessing.get_context("fork").Pool(workers, initializer=_leave_interrupts) as pool:
                shares = pool.map(_render_share, [(paths, workers, k, str(stage), str(previous))
                                                  for k in range(workers)])
    finally:
        _SITE = None
    failures = [share.failure for share in shares if share.failure is not None]
    if failures:  # the first file's error in job order, however the work was shared: the same every run
        raise min(failures, key=lambda failure: failure[0])[1]
    written = [path for share in shares for path in share.written]
    return written, {path: digest for share in shares for path, digest in share.digests.items()}


def _leave_interrupts() -> None:
    """Ctrl+C reaches the whole process group: the parent stops the pool and says so in one line,
    where each worker would print a traceback of its own."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


class _Share(NamedTuple):
    written: list[str]
    digests: dict[str, str]
    failure: tuple[int, SiteGenError] | None  # (index of the file in job order, its error)


def _render_share(task: tuple[list[str], int, int, str, str]) -> _Share:
    """Render every `step`th path from `first`; stops at the first error, which it returns."""
    paths, step, first, stage, previous = task
    assert _SITE is not None
    written: list[str] = []
    digests: dict[str, str] = {}
    for index in range(first, len(paths), step):
        path = paths[index]
        try:
            data = _SITE.jobs[path].render()
        except SiteGenError as exc:
            return _Share(written, digests, (index, exc))
        digests[path] = hashlib.sha256(data).hexdigest()
        if place(Path(stage, path), data, Path(previous, path)):
            written.append(path)
    return _Share(written, digests, None)
