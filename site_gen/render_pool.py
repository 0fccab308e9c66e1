"""Rendering and writing every file of a build on all cores: forked workers share the collected site
(copy-on-write, nothing pickled but paths and digests), each renders and writes its share of the files.
Only the `build` command uses it: a process with threads (the preview server, a test runner driving a
browser) must not fork, so it renders in-process."""

from __future__ import annotations

import hashlib
import multiprocessing
from pathlib import Path

from site_gen.outputs import SiteRender
from site_gen.write import write_if_changed

_SITE: SiteRender | None = None  # what a forked worker renders: inherited from the parent, never pickled


def render_and_write(site: SiteRender, output: Path, workers: int = 1) -> tuple[list[str], dict[str, str]]:
    """Render and write every file; returns (paths written, path → SHA-256 of its bytes)."""
    global _SITE
    paths = list(site.jobs)
    site.env.auto_reload = False  # templates do not change during a build: no stat per get_template
    _SITE = site
    try:
        if workers <= 1:
            return _render_share((paths, str(output)))
        with multiprocessing.get_context("fork").Pool(workers) as pool:
            shares = pool.map(_render_share, [(paths[k::workers], str(output)) for k in range(workers)])
    finally:
        _SITE = None
    written = [path for share in shares for path in share[0]]
    return written, {path: digest for share in shares for path, digest in share[1].items()}


def _render_share(task: tuple[list[str], str]) -> tuple[list[str], dict[str, str]]:
    paths, output = task
    assert _SITE is not None
    written, digests = [], {}
    for path in paths:
        data = _SITE.jobs[path].render()
        digests[path] = hashlib.sha256(data).hexdigest()
        if write_if_changed(Path(output) / path, data):
            written.append(path)
    return written, digests
