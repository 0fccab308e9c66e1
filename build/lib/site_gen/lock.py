"""One writer per project at a time: `site-gen import`, `build` and each preview rebuild hold an
exclusive `flock` on a file in the project's cache folder while they read and write content/ and the
output folder. A second run waits for the first (saying so once) instead of touching its stage or
its half-written pages. The kernel releases the lock when its holder exits, however it exits."""

from __future__ import annotations

import contextlib
import fcntl
import logging
import os
from collections.abc import Iterator
from pathlib import Path

log = logging.getLogger(__name__)
LOCK_NAME = "lock"


@contextlib.contextmanager
def hold(cache: Path, what: str) -> Iterator[None]:
    """Hold the project's lock (a file in `cache`) for the block; `what` names this run in the file,
    for the message a waiting run prints."""
    cache.mkdir(exist_ok=True)
    fd = os.open(cache / LOCK_NAME, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.pread(fd, 200, 0).decode("utf-8", "replace").strip() or "another site-gen run"
            log.info("waiting for %s to finish …", holder)
            fcntl.flock(fd, fcntl.LOCK_EX)
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"site-gen {what} (pid {os.getpid()})\n".encode(), 0)
        yield
    finally:
        os.close(fd)  # releases the lock
