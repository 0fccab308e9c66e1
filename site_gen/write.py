"""Writing output files: only when their bytes change, replacing a file atomically (temp file + rename)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

from site_gen.stage import carry


def write_if_changed(path: Path, data: bytes) -> bool:
    """Write `data` to `path` unless it already holds exactly that; True if it wrote.

    A file that exists is replaced through a temporary file and a rename, so a reader (the preview
    server, a browser) sees the old bytes or the new, never half. A new file is written in place: nothing
    links to it until the pages that do are written, and it saves a third of a cold build's writing.
    """
    if _holds(path, data):
        return False
    if path.exists():
        target = path.with_name(f".{path.name}.tmp")  # a fixed name: cheaper than mkstemp's random one
    else:
        path.parent.mkdir(parents=True, exist_ok=True)
        target = path
    try:
        fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        if target != path:
            os.replace(target, path)
    except BaseException:
        target.unlink(missing_ok=True)
        raise
    return True


def place(path: Path, data: bytes, previous: Path) -> bool:
    """Put `data` at `path`, a new file in a build's stage (stage.py): a hard link to the `previous`
    site's file when that holds the same bytes, else a new file. True if it wrote."""
    if not path.parent.is_dir():
        path.parent.mkdir(parents=True, exist_ok=True)
    if _holds(previous, data):
        carry(previous, path)
        return False
    with open(path, "wb") as handle:
        handle.write(data)
    return True


def _holds(path: Path, data: bytes) -> bool:
    """Whether the file at `path` holds exactly `data` (the size first: most changed files differ in it)."""
    try:
        return path.stat().st_size == len(data) and path.read_bytes() == data
    except FileNotFoundError:
        return False


def sync_tree(root: Path, files: dict[str, bytes], keep: tuple[str, ...] = ()) -> list[str]:
    """Make `root` hold exactly `files` (relative path → bytes); returns the paths written or removed.

    Paths under a top-level folder named in `keep` are left alone.
    """
    changed = [name for name, data in files.items() if write_if_changed(root / name, data)]
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
