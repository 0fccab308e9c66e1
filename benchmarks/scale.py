"""Synthetic yearbook sets for the scale benchmark: the bundled yearbooks repeated under new ids and
editions until a set holds N books, each copy's text varied so that search has real work (every digit
of a copy's body shifted by its number, so figures and dates differ from book to book).

`python -m benchmarks.scale [--sizes 1 10 60] [--json FILE]` builds each set once, with search, in a
subprocess, and reports pages, wall time, time per page and peak memory (Pagefind's process included).
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from site_gen.site.index.engine import LOCAL_INSTALL

ROOT = Path(__file__).resolve().parent.parent
BOOKS = ("shangcheng-2022", "shangcheng-2019", "shangcheng-2013")  # the order the copies cycle through
_DIGIT = re.compile(r"\d")
PEAK_SCRIPT = ("import resource, sys\nfrom site_gen.cli import main\ncode = main(sys.argv[1:])\n"
               "print(*[resource.getrusage(w).ru_maxrss for w in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)])\n"
               "sys.exit(code)")


def make_set(size: int, project: Path) -> int:
    """Write a project of `size` yearbooks under `project`; returns its number of pages."""
    for name in ("sources", "templates", LOCAL_INSTALL):
        if (ROOT / name).exists():
            (project / name).symlink_to(ROOT / name)
    shutil.copy(ROOT / "site.yaml", project / "site.yaml")  # its yearbooks are the import's; a build reads content/
    pages = 0
    for k in range(size):
        book = BOOKS[k % len(BOOKS)]
        copy = k // len(BOOKS)
        pages += _copy_book(ROOT / "content" / book, project / "content" / f"{book}-{copy}", copy)
    return pages


def _copy_book(source: Path, target: Path, copy: int) -> int:
    count = 0
    for path in source.rglob("*.md"):
        text = path.read_text(encoding="utf-8")
        head, _, body = text.partition("\n---\n")
        head = re.sub(r"^yearbook: (.+)$", rf"yearbook: \1-{copy}", head, flags=re.M)
        if path.parent == source and path.name == "_index.md":
            head = re.sub(r"^title: (.+)（(\d+)）$", rf"title: \1（\2·{copy + 1}）", head, flags=re.M)
            head = re.sub(r"^edition: (\d+)$", lambda m: f"edition: {int(m[1]) - 40 * copy}", head, flags=re.M)
        if copy:
            body = _DIGIT.sub(lambda m: str((int(m[0]) + copy) % 10), body)
        out = target / path.relative_to(source)
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(f"{head}\n---\n{body}", encoding="utf-8")
        count += 1
    return count


def measure(project: Path) -> tuple[float, int, int]:
    """Wall seconds, and peak resident kB of site_gen's process and of the largest child (Pagefind, a
    render worker), of `site-gen build` with search on a project."""
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", PEAK_SCRIPT, "build", "--config", str(project / "site.yaml")],
                          check=True, capture_output=True, text=True)
    own, child = done.stdout.split()[-2:]
    return time.perf_counter() - started, int(own), int(child)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="+", default=[1, 10, 60])
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    print(f"{'yearbooks':>9} {'pages':>7} {'build s':>8} {'ms/page':>8} {'site_gen MB':>12} {'child MB':>9}")
    results = []
    for size in args.sizes:
        with tempfile.TemporaryDirectory() as tmp:
            pages = make_set(size, Path(tmp))
            seconds, own, child = measure(Path(tmp))
        print(f"{size:9} {pages:7} {seconds:8.1f} {seconds / pages * 1000:8.2f} {own / 1024:12.0f} {child / 1024:9.0f}")
        results.append({"yearbooks": size, "pages": pages, "seconds": seconds, "site_gen_mb": own / 1024,
                        "child_mb": child / 1024})
    if args.json:
        args.json.write_text(json.dumps(results, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
