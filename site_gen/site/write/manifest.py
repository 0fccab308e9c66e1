"""The build manifest: what the last complete build read and wrote, so that a build of an unchanged
project is a few thousand `stat` calls instead of a render (Hugo and Make work the same way).

It records the size and modification time of every input (site.yaml, content/, templates/, the
yearbooks' sources and profiles, which a build imports again when they change, and site_gen's own code, so
a new version rebuilds) and of every file the build wrote. Any difference, a
missing output, or a build that lacked a search index that is now wanted: build as usual.
Light on purpose: it runs before the build's heavy imports.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Collection, Iterable, Iterator
from pathlib import Path

from site_gen.config import Config
from site_gen.files import write_if_changed

_CODE = Path(__file__).resolve().parents[2]  # site_gen: a change of code rebuilds


def manifest_path(config: Config) -> Path:
    """One manifest per output folder."""
    name = hashlib.sha256(str(config.output.resolve()).encode()).hexdigest()[:16]
    return config.cache_dir / f"build-{name}.json"


def _files(folder: Path) -> Iterator[str]:
    for dirpath, dirnames, filenames in os.walk(folder):
        dirnames[:] = sorted(d for d in dirnames if d != "__pycache__")  # written by imports, not inputs
        for name in sorted(filenames):
            yield os.path.join(dirpath, name)


def _stat_line(path: str, unreadable_ok: bool = False) -> str:
    try:
        info = os.stat(path)
    except OSError:
        if not unreadable_ok:  # (a source the import cannot read: the import says why)
            raise
        return f"{path}\0unreadable\n"
    return f"{path}\0{info.st_size}\0{info.st_mtime_ns}\n"


def _stats(paths: Iterable[str]) -> Iterator[str]:
    return (_stat_line(path) for path in paths)


def _input_paths(config: Config) -> tuple[list[str], list[str]]:
    """(the files of site.yaml, content/, templates/ and site_gen's code; the files the import reads)."""
    folders = (config.content_dir, config.templates_dir, _CODE)
    walked = [str(config.path), *(p for folder in folders for p in _files(folder))]
    return walked, [str(path) for book in config.yearbooks for path in book.read_files()]


def input_stats(config: Config) -> dict[str, str]:
    """Every input's size and time, by path, in the digest's order."""
    walked, read = _input_paths(config)
    return {**{path: _stat_line(path) for path in walked}, **{path: _stat_line(path, True) for path in read}}


def digest_of(config: Config, stats: dict[str, str]) -> str:
    return _digest([f"{config.base_url}\0{config.output}\n", *stats.values()])


def inputs_digest(config: Config) -> str:
    return digest_of(config, input_stats(config))


def settled_digest(config: Config, before: dict[str, str], rewritten: Collection[Path]) -> str:
    """The inputs' digest for a build that read them as they were in `before` (taken before it read any)
    while it wrote the folders `rewritten` itself (an import): those as they are now. A file that appeared
    or went elsewhere meanwhile makes a digest no later build matches, so that the next build builds."""
    walked, read = _input_paths(config)
    inside = tuple(f"{folder}{os.sep}" for folder in rewritten)
    stats = {path: _stat_line(path) if path.startswith(inside) else before.get(path, f"{path}\0new\n")
             for path in walked}
    stats |= {path: before.get(path) or _stat_line(path, True) for path in read}
    gone = [f"{path}\0gone\n" for path in before if path not in stats and not path.startswith(inside)]
    return _digest([f"{config.base_url}\0{config.output}\n", *stats.values(), *gone])


def unchanged(config: Config, search: bool, inputs: str) -> bool:
    """True when the output folder holds exactly what a build of the current inputs (`inputs_digest`)
    would write."""
    try:
        recorded = json.loads(manifest_path(config).read_text(encoding="utf-8"))
        if recorded["inputs"] != inputs or (search and not recorded["search"]):
            return False
        outputs = [str(config.output / name) for name in recorded["outputs"]]
        return bool(recorded["outputs_digest"] == _digest(_stats(outputs)))
    except (OSError, ValueError, KeyError, TypeError):
        return False


def record(config: Config, inputs: str, outputs: Iterable[str], search: bool) -> None:
    """Write the manifest after a complete build. `inputs`: the digest taken before the
    build read them; `outputs`: the paths written, relative to the output folder."""
    names = sorted(outputs)
    manifest = {"inputs": inputs, "search": search, "outputs": names,
                "outputs_digest": _digest(_stats(str(config.output / name) for name in names))}
    write_if_changed(manifest_path(config), json.dumps(manifest).encode())


def _digest(lines: Iterable[str]) -> str:
    digest = hashlib.sha256()
    for line in lines:
        digest.update(line.encode())
    return digest.hexdigest()
