"""Writing files, for both halves (the import's content/, the site's output and search index): only
when their bytes change, atomically (temp file + rename); a folder made to hold exactly a set of files."""

from __future__ import annotations

import errno
import os
import stat
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

from site_gen.errors import fail

TEMPORARY = ".*.[0-9]*-[0-9]*.tmp"  # the pattern of write_if_changed's temporary names


def write_if_changed(path: Path, data: bytes) -> bool:
    """Write `data` to `path` unless it already holds exactly that; True if it wrote.

    Always through a temporary file and a rename: a reader (the preview server, a browser, the next
    build) sees the old bytes or the new, never half, and a killed import leaves no empty page. The
    temporary name is unique to this process and thread, as an import and the preview may write the
    same folder. No fsync (a thousand would cost seconds): a killed process loses nothing the kernel
    holds, and the empty pages a crash of the whole machine may leave are replaced by the next import.
    """
    if holds(path, data):
        return False
    target = path.with_name(f".{path.name}.{os.getpid()}-{threading.get_native_id()}.tmp")
    try:
        _write(target, data)
        os.replace(target, path)
    except OSError as exc:
        target.unlink(missing_ok=True)
        raise _naming(exc, path) from None
    except BaseException:
        target.unlink(missing_ok=True)
        raise
    return True


def overwrite_if_changed(path: Path, data: bytes) -> bool:
    """Write `data` over the file at `path`, in place, unless it already holds exactly that; True if it wrote.

    No temporary file, so the file keeps its inode: nothing is allocated or deleted. Where allocating
    is slow after many deletions (ext4 without a journal passes over every inode deleted in the last
    minute, one by one) a preview rebuild that rewrote every page through temporary files paid more at
    each edit. A reader may see half a file: only for a folder whose readers wait while it is written
    (the preview's server reads under the builder's `writing` lock). A full disk leaves the old bytes
    whole: the new length is allocated before they are overwritten, and the file cut to it after.
    """
    if holds(path, data):
        return False
    try:
        _overwrite(path, data)
    except OSError as exc:
        raise _naming(exc, path) from None
    return True


def _naming(exc: OSError, path: Path) -> OSError:
    """`exc` naming the page it was writing (not its temporary name, nor no name: a write's own errors)."""
    return OSError(exc.errno, exc.strerror, str(path))


def _overwrite(path: Path, data: bytes) -> None:
    try:
        fd, new = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC, 0o644), True
    except FileExistsError:
        fd, new = os.open(path, os.O_WRONLY | os.O_CLOEXEC), False  # not truncated: the old bytes stay
    except FileNotFoundError:  # a new folder
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, new = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_CLOEXEC, 0o644), True
    try:
        size = os.fstat(fd).st_size
        if len(data) > size:  # the blocks first: a full disk refuses here, before a byte of the page changed
            _allocate(fd, size, len(data) - size)
        view, done = memoryview(data), 0
        while done < len(data):  # a write may take fewer bytes than given
            done += os.pwrite(fd, view[done:], done)
        os.ftruncate(fd, len(data))
    except BaseException:
        if new:  # no half page where there was none
            path.unlink(missing_ok=True)
        raise
    finally:
        os.close(fd)


def _allocate(fd: int, offset: int, length: int) -> None:
    try:
        os.posix_fallocate(fd, offset, length)
    except OSError as exc:  # a file system that cannot allocate ahead is written as it is
        if exc.errno in (errno.ENOSPC, errno.EDQUOT):
            raise


def _write(path: Path, data: bytes) -> None:
    """Create or truncate the file at `path` and write `data`, making its folder if there is none."""
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
    except FileNotFoundError:  # a new folder
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
    with os.fdopen(fd, "wb") as handle:
        handle.write(data)


def read_regular(path: Path, shown: str) -> bytes:
    """The bytes of the file at `path`, refused (naming it as `shown`) when it is no regular file: a named
    pipe would block the reader, and so the project's lock, for ever; a device would never end."""
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)  # a FIFO opens at once, unread
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            raise fail(shown, f"{kind_of(mode)}, not a file", hint="remove it or rename it")
        with os.fdopen(fd, "rb", closefd=False) as handle:
            return handle.read()
    finally:
        os.close(fd)


def kind_of(mode: int) -> str:
    """What a file that is no regular file is, for messages."""
    return "a folder" if stat.S_ISDIR(mode) else "a named pipe (FIFO)" if stat.S_ISFIFO(mode) \
        else "a socket" if stat.S_ISSOCK(mode) else "a device"


def holds(path: Path, data: bytes) -> bool:
    """Whether the file at `path` holds exactly `data` (the size first: most changed files differ in it)."""
    try:
        return path.stat().st_size == len(data) and path.read_bytes() == data
    except FileNotFoundError:
        return False


def sync_tree(root: Path, files: dict[str, bytes], keep: tuple[str, ...] = (),
              write: Callable[[Path, bytes], bool] = write_if_changed) -> list[str]:
    """Make `root` hold exactly `files` (relative path → bytes) with `write`; returns the paths written or
    removed. Paths under a top-level folder named in `keep` are left alone.
    """
    changed = [name for name, data in files.items() if write(root / name, data)]
    return changed + remove_stale(root, set(files), keep)


def remove_stale(root: Path, names: set[str], keep: tuple[str, ...] = ()) -> list[str]:
    """Delete the files under `root` not in `names` (nor under a top-level folder in `keep`), and the
    folders left empty; returns the paths removed."""
    removed: list[str] = []
    left: dict[str, int] = {}  # folder → entries still in it
    visited: list[str] = []
    for folder, prefix, dirs, files in walk_relative(root, keep):
        visited.append(folder)
        stale = [f for f in files if prefix + f not in names]
        for name in stale:
            os.unlink(os.path.join(folder, name))
        removed += [prefix + f for f in stale]
        left[folder] = len(os.listdir(folder)) if prefix == "" else len(dirs) + len(files) - len(stale)
    for folder in reversed(visited[1:]):  # children before their parents
        if not left[folder]:
            os.rmdir(folder)
            left[os.path.dirname(folder)] -= 1
    return removed


def walk_relative(root: Path, keep: tuple[str, ...] = ()) -> Iterator[tuple[str, str, list[str], list[str]]]:
    """`os.walk` of `root` (scandir: no stat per file) as (folder, its path relative to `root` with a
    trailing '/' or '' for the root, its folders, its files), leaving out top-level entries named in `keep`."""
    for folder, dirs, files in os.walk(root):
        prefix = os.path.relpath(folder, root).replace(os.sep, "/") + "/"
        if prefix == "./":
            prefix = ""
            dirs[:] = [d for d in dirs if d not in keep]
            files = [f for f in files if f not in keep]
        yield folder, prefix, dirs, files
