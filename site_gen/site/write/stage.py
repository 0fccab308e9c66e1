"""Build aside, then swap: a build writes a complete new site into a hidden sibling of the output
folder and only then puts it in the output folder's place, so an error or a killed build (even
SIGKILL) leaves the previous site whole and served.

Unchanged files are hard links to the previous site's (no bytes written, modification times kept for
rsync); the swap is one atomic `renameat2(RENAME_EXCHANGE)` where the kernel offers it, else two
renames, with a recovery at the next build should a crash fall between them.
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

from site_gen.errors import fail
from site_gen.files import holds

_AT_FDCWD = -100
_RENAME_EXCHANGE = 2
# Written into every site (as Sphinx writes .buildinfo): a build replaces only a folder that holds it,
# or an empty one, so pointing `output` at docs/ or a home folder by mistake deletes nothing.
MARKER = ".site-gen-output"
MARKER_TEXT = b"This folder is written by site-gen: each build replaces all of it.\n"


def stage_path(output: Path) -> Path:
    return output.with_name(f".{output.name}.building")


def _old_path(output: Path) -> Path:
    return output.with_name(f".{output.name}.old")


def claim(output: Path, shown: str, force: bool = False) -> None:
    """Refuse an output folder that holds files site-gen did not write (no marker), unless `force`.
    `shown`: the folder as the user named it, for the message."""
    if not output.exists() and not output.is_symlink():
        return
    if not output.is_dir():
        raise fail(shown, "the output path is a file, not a folder",
                   hint="point `output` in site.yaml at a folder")
    if force or (output / MARKER).is_file():
        return
    foreign = sorted(os.listdir(output))
    if foreign:
        raise fail(shown, f"the output folder holds files site-gen did not write (e.g. '{foreign[0]}'), "
                          "and a build replaces all of it",
                   hint="point `output` at a new or empty folder, or pass --force-output to replace it")


@contextlib.contextmanager
def staged(output: Path) -> Iterator[Path]:
    """Yield an empty folder to build into; on success it becomes `output`, on any error it is deleted
    and `output` is untouched."""
    stage, old = stage_path(output), _old_path(output)
    if not output.exists() and old.exists():  # a crash between the two renames of a swap
        old.rename(output)
    for leftover in (stage, old):  # a killed build's
        shutil.rmtree(leftover, ignore_errors=True)
    for replaced in output.parent.glob(f".{output.name}.replaced-*"):  # its remover was killed, or is at work
        _remove_detached(replaced)
    stage.mkdir(parents=True)
    try:
        yield stage
    except BaseException:
        shutil.rmtree(stage, ignore_errors=True)
        raise
    if not output.exists():
        stage.rename(output)
        return
    if not _exchange(stage, output):
        try:
            output.rename(old)
        except OSError as exc:  # e.g. the output folder is a mount point
            shutil.rmtree(stage, ignore_errors=True)
            raise fail(output, f"cannot replace the output folder: {exc.strerror}",
                       hint="make it an ordinary folder, or point `output` at one inside it") from None
        stage.rename(output)
        stage = old
    replaced = output.with_name(f".{output.name}.replaced-{time.time_ns()}")
    stage.rename(replaced)
    _remove_detached(replaced)


def _remove_detached(folder: Path) -> None:
    """Delete a replaced site in a process of its own: unlinking thousands of files and folders takes
    seconds on a slow disk, and nothing needs to wait for it."""
    subprocess.Popen([sys.executable, "-c", "import shutil, sys; shutil.rmtree(sys.argv[1], ignore_errors=True)",
                      str(folder)], stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                     start_new_session=True)


def _exchange(a: Path, b: Path) -> bool:
    """Swap two folders in one step (Linux ≥ 3.15); False where the C library or file system cannot."""
    try:
        renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
    except (AttributeError, OSError):
        return False
    return bool(renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) == 0)


def link_tree(source: Path, target: Path) -> None:
    """Carry a folder of the previous site over unchanged (hard links; copies where links fail)."""
    for folder, _, files in os.walk(source):
        into = target / os.path.relpath(folder, source)
        into.mkdir(parents=True, exist_ok=True)
        for name in files:
            carry(Path(folder, name), into / name)


def carry(previous: Path, path: Path) -> None:
    try:
        os.link(previous, path)
    except OSError:  # a file system without hard links (FAT, some network shares)
        shutil.copy2(previous, path)


def place(path: Path, data: bytes, previous: Path) -> bool:
    """Put `data` at `path`, a new file in a build's stage (stage.py): a hard link to the `previous`
    site's file when that holds the same bytes, else a new file. True if it wrote."""
    if not path.parent.is_dir():
        path.parent.mkdir(parents=True, exist_ok=True)
    if holds(previous, data):
        carry(previous, path)
        return False
    with open(path, "wb") as handle:
        handle.write(data)
    return True
