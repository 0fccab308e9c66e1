"""Benchmark the pipeline on the bundled yearbooks: import, render + write, search indexing.

Each stage runs cold (into a fresh temporary folder) several times; the table shows the median,
minimum and maximum, and a throughput. `python benchmarks/bench.py [--runs N] [--json FILE]`.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from site_gen.build import build
from site_gen.config import load_config
from site_gen.search import find_binary, index_site
from site_gen.yearbook.emit import emit_yearbook
from site_gen.yearbook.parse import parse_yearbook

ROOT = Path(__file__).resolve().parent.parent


def timed(runs: int, setup: Callable[[Path], None], stage: Callable[[Path], None]) -> list[float]:
    times = []
    for _ in range(runs):
        with tempfile.TemporaryDirectory() as tmp:
            setup(Path(tmp))
            started = time.perf_counter()
            stage(Path(tmp))
            times.append(time.perf_counter() - started)
    return times


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    config = load_config(ROOT / "site.yaml")
    megabytes = sum(s.path.stat().st_size for b in config.yearbooks for s in b.sources) / 1e6
    pages = len(list(config.content_dir.rglob("*.md")))

    def do_import(tmp: Path) -> None:
        for book in config.yearbooks:
            emit_yearbook(parse_yearbook(book), tmp / "content")

    def do_render(tmp: Path) -> None:
        build(dataclasses.replace(config, output=tmp / "public"), search=False)

    def do_index(tmp: Path) -> None:
        index_site(tmp / "public", config.root)

    def no_setup(tmp: Path) -> None:
        return None

    stages = {
        "import (parse + write content/)": (timed(args.runs, no_setup, do_import), megabytes, "MB/s"),
        "render + write (no search)": (timed(args.runs, no_setup, do_render), pages, "pages/s"),
        "search index (Pagefind)": (timed(args.runs, do_render, do_index), pages, "pages/s"),
    }
    print(f"{pages} pages, {megabytes:.1f} MB of source text, {args.runs} runs each; "
          f"pagefind: {find_binary(config.root) or 'PyPI pagefind_bin_extended'}")
    print(f"{'stage':34} {'median s':>9} {'min s':>7} {'max s':>7} {'throughput':>16}")
    results = {}
    for name, (times, amount, unit) in stages.items():
        median = statistics.median(times)
        print(f"{name:34} {median:9.2f} {min(times):7.2f} {max(times):7.2f} {amount / median:10.1f} {unit}")
        results[name] = {"median": median, "min": min(times), "max": max(times), "runs": times}
    if args.json:
        args.json.write_text(json.dumps(results, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
