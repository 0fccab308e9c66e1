"""Benchmark the pipeline on the bundled yearbooks, against Hugo on the same content, and its preview.

- ratios: `site-gen build --no-search`, and the same from a project with only its sources (it imports first), each
  against Hugo, taking turns run by run in one process (peers.py), as medians and ratios to Hugo's;
- preview: the time from saving a file in a served copy of the project to the browser being told to
  reload and getting the changed page, per kind of edit (`--edits` saves each); and the first save after
  `site-gen serve` answers against a later one (`--starts` server starts);
- stages: each stage alone (import, render + write, search index, export…), cold, into a fresh folder;
- peers: the same cold build by site_gen (its templates and minimal ones), Hugo and MkDocs.

Without `--only`, ratios, preview and stages run, and the targets (issue 24) are checked against the
medians of this one run. Every run's figures are appended to benchmarks/history.jsonl; `--history` prints
the ratios' medians over the separate runs kept there, per commit — the figures to quote.
`python -m benchmarks.bench [--runs N] [--edits N] [--starts N] [--only ratios|preview|stages|peers]
[--json FILE] [--history]`.
"""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import json
import logging
import os
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from benchmarks.peers import BUILD, COLD, HUGO, cold_builds
from benchmarks.scale import BOOKS, make_set, measure
from site_gen.config import load_config
from site_gen.site.build import build
from site_gen.site.export.data import export_bytes
from site_gen.site.index.engine import find_binary
from site_gen.site.index.search import index_site
from site_gen.site.load.pages import load_site
from site_gen.site.render.plan import SitePlan, plan_site
from site_gen.yearbook.emit import emit_yearbook
from site_gen.yearbook.parse import parse_yearbook
from tests.preview import ENTRY, ENTRY_URL, SOURCE, Preview, copy_project, override, preview

ROOT = Path(__file__).resolve().parent.parent


def timed(runs: int, setup: Callable[[Path], None], stage: Callable[[Path], None]) -> list[float]:
    times = []
    for _ in range(runs):
        with tempfile.TemporaryDirectory() as tmp:
            setup(Path(tmp))
            os.sync()  # the previous run's writes and deletions are not this run's cost
            started = time.perf_counter()
            stage(Path(tmp))
            times.append(time.perf_counter() - started)
    return times


def summary(times: list[float]) -> dict[str, object]:
    """How a stage's runs are reported (and written to --json)."""
    return {"median": statistics.median(times), "min": min(times), "max": max(times), "runs": times}


# What issue 24 asks of this machine, each measure against Hugo's full build in the same run.
BUILD_RATIO, COLD_RATIO, ENTRY_EDIT_MS = 2.5, 4.0, 50.0
FIRST_SAVE_RATIO = 2.0  # the first save after `site-gen serve` answers, against a later save
DELETED = "each run's folder deleted after it (as `rm -rf public` before a build)"
QUIET = "no file deleted in the last minute (every run's folder kept until the end)"
QUIET_AFTER = 65  # seconds: ext4 without a journal passes over inodes deleted in the last minute
HISTORY = ROOT / "benchmarks" / "history.jsonl"  # every bench run's figures (see `keep`)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--edits", type=int, default=12)
    parser.add_argument("--starts", type=int, default=5, help="server starts for the first-save latency")
    parser.add_argument("--only", choices=("ratios", "preview", "stages", "peers"))
    parser.add_argument("--json", type=Path)
    parser.add_argument("--history", action="store_true",
                        help=f"print the ratios' medians over the separate runs kept in {HISTORY.name}, then stop")
    args = parser.parse_args()
    sys.stdout.reconfigure(line_buffering=True)  # type: ignore[union-attr]  # each table as it is measured
    if args.history:
        print_history()
        return
    results: dict[str, Any] = {}
    if args.only in (None, "ratios"):
        results["ratios"] = ratios(args.runs)
    if args.only in (None, "preview"):
        results["preview"] = preview_latency(args.edits)
        results["first save"] = first_save_latency(args.starts)
    if args.only in (None, "stages"):
        results["stages"] = build_stages(args.runs)
    if args.only == "peers":
        results["peers"] = peer_builds(args.runs)
    if "ratios" in results and "preview" in results:
        results["targets"] = targets(results["ratios"], results["preview"], results["first save"])
    if args.json:
        args.json.write_text(json.dumps(results, indent=1, ensure_ascii=False), encoding="utf-8")
    keep(results, sys.argv[1:])


def _commit() -> str:
    """The measured code: its commit, `+` when the working tree differs from it."""
    head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True)
    dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"], cwd=ROOT, capture_output=True,
                           text=True)
    return head.stdout.strip() + ("+" if dirty.stdout.strip() else "") if head.returncode == 0 else "unknown"


def keep(results: dict[str, Any], argv: list[str]) -> None:
    """Every bench run's figures, each run of each tool included, appended to HISTORY (one JSON line per
    bench run): a figure is quoted as the median over separate runs, never the one best run."""
    record = {"when": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()), "commit": _commit(), "argv": argv,
              "load": os.getloadavg(), "results": results}
    with HISTORY.open("a", encoding="utf-8") as history:
        history.write(json.dumps(record, ensure_ascii=False) + "\n")
    print(f"\nkept in {HISTORY.relative_to(ROOT)} (`python -m benchmarks.bench --history`: medians over runs)")


OLD_COLD = "site_gen cold import + build"  # the cold path's name in runs before `build` imported (0.15.0)


def print_history() -> None:
    """Per commit and condition: how many separate bench runs measured the ratios, and the median over
    them of each run's median ratio to Hugo (with the lowest and highest), build and cold path."""
    if not HISTORY.exists():
        print(f"no bench run kept yet in {HISTORY.relative_to(ROOT)}")
        return
    runs: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for line in HISTORY.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        for condition, table in record["results"].get("ratios", {}).items():
            runs.setdefault((record["commit"], condition), []).append(table)
    print(f"{'commit':10} {'bench runs':>10}  {'build ÷ Hugo (min–max)':>24}  {'cold ÷ Hugo (min–max)':>24}  condition")
    for (commit, condition), tables in runs.items():
        cells = []
        for tool in (BUILD, COLD):
            ratios_ = [(table.get(tool) or table[OLD_COLD])["ratio"] for table in tables]
            cells.append(f"{statistics.median(ratios_):.2f}× ({min(ratios_):.2f}–{max(ratios_):.2f})")
        print(f"{commit:10} {len(tables):>10}  {cells[0]:>24}  {cells[1]:>24}  {condition.split(' (')[0]}")


def ratios(runs: int) -> dict[str, object]:
    """site_gen's build and cold path (a first build, importing) against Hugo's build, interleaved, medians and ratios:
    as the issue measures (each run's output deleted after it), then on a quiet disk."""
    print(f"against Hugo on the same content/, interleaved, {runs} runs each (wall clock, start-up included)")
    results = {DELETED: _ratio_table(DELETED, cold_builds(runs, (BUILD, COLD, HUGO)))}
    time.sleep(QUIET_AFTER)  # the deletions above no longer slow file creation
    results[QUIET] = _ratio_table(QUIET, cold_builds(runs, (BUILD, COLD, HUGO), keep=True))
    return results


def _ratio_table(title: str, times: dict[str, list[float]]) -> dict[str, object]:
    print(f"\n{title}\n{'':34} {'median s':>9} {'min s':>7} {'max s':>7} {'÷ Hugo':>7} {'target':>7}")
    hugo = statistics.median(times[HUGO])
    results: dict[str, object] = {}
    for tool, target in ((BUILD, f"{BUILD_RATIO}×"), (COLD, f"{COLD_RATIO}×"), (HUGO, "")):
        median = statistics.median(times[tool])
        print(f"{tool:34} {median:9.2f} {min(times[tool]):7.2f} {max(times[tool]):7.2f} "
              f"{median / hugo:6.2f}× {target:>7}")
        results[tool] = {**summary(times[tool]), "ratio": median / hugo}
    return results


def targets(measured: dict[str, Any], preview: dict[str, Any], first: dict[str, Any]) -> dict[str, bool]:
    """Each target, met or not, from this run's medians (outputs deleted, as the issues measure)."""
    ratio = measured[DELETED]
    hugo = ratio[HUGO]["median"]
    met = {
        f"build ≤ {BUILD_RATIO}× Hugo": ratio[BUILD]["ratio"] <= BUILD_RATIO,
        f"cold build (importing first) ≤ {COLD_RATIO}× Hugo": ratio[COLD]["ratio"] <= COLD_RATIO,
        f"template edit in the preview ≤ Hugo's build ({hugo:.2f} s)": preview[TEMPLATE_EDIT]["median"] <= hugo,
        f"entry edit in the preview ≤ {ENTRY_EDIT_MS:.0f} ms": preview[ENTRY_EDIT]["median"] * 1000 <= ENTRY_EDIT_MS,
        f"first save after the server answers ≤ {FIRST_SAVE_RATIO:.0f}× a later save": first["ratio"]
        <= FIRST_SAVE_RATIO,
    }
    print("\ntargets (medians of this run)")
    for name, ok in met.items():
        print(f"  {'met' if ok else 'NOT MET':8} {name}")
    return met


def build_stages(runs: int) -> dict[str, object]:
    logging.getLogger("site_gen").setLevel(logging.ERROR)  # a warning per in-process build is no timing
    config = load_config(ROOT / "site.yaml")
    megabytes = sum(s.path.stat().st_size for b in config.yearbooks for s in b.sources) / 1e6
    pages = len(list(config.content_dir.rglob("*.md")))

    def do_import(tmp: Path) -> None:
        for book in config.yearbooks:
            emit_yearbook(parse_yearbook(book), tmp / "content")

    def do_render(tmp: Path) -> None:
        build(dataclasses.replace(config, output=tmp / "public"), search=False, workers=os.cpu_count() or 1)

    def do_index(tmp: Path) -> None:
        index_site(tmp / "public", config.root)

    def no_setup(tmp: Path) -> None:
        return None

    loaded: list[SitePlan] = []

    def load(tmp: Path) -> None:
        loaded[:] = [plan_site(load_site(config.content_dir, config.root), config)]

    def do_export(tmp: Path) -> None:
        for book in loaded[0].content.site.yearbooks():
            export_bytes(book, loaded[0].content.prose, loaded[0].content.collected.books[book.url], config)

    def do_unchanged(tmp: Path) -> None:  # the command as a user runs it, start-up included
        subprocess.run([sys.executable, "-m", "site_gen", "build", "--no-search"], cwd=ROOT, check=True,
                       capture_output=True)

    stages = {
        "import (parse + write content/)": (timed(runs, no_setup, do_import), megabytes, "MB/s"),
        "render + write (all cores, no search)": (timed(runs, no_setup, do_render), pages, "pages/s"),
        "search index (Pagefind)": (timed(runs, do_render, do_index), pages, "pages/s"),
        "data export (JSON of 3 books)": (timed(runs, load, do_export), pages, "pages/s"),
        "no-change rebuild (site-gen build)": (timed(runs, do_unchanged, do_unchanged), pages, "pages/s"),
    }
    print(f"{pages} pages, {megabytes:.1f} MB of source text, {runs} runs each; "
          f"pagefind: {find_binary(config.root) or 'PyPI pagefind_bin_extended'}")
    print(f"{'stage':40} {'median s':>9} {'min s':>7} {'max s':>7} {'throughput':>16}")
    results: dict[str, object] = {}
    for name, (times, amount, unit) in stages.items():
        median = statistics.median(times)
        print(f"{name:40} {median:9.2f} {min(times):7.2f} {max(times):7.2f} {amount / median:10.1f} {unit}")
        results[name] = summary(times)
    peak = peak_memory()
    print(f"peak memory of a cold `site-gen build` with search: {peak / 1024:.0f} MB")
    results["peak memory (MB)"] = peak / 1024
    return results


def peak_memory() -> int:
    """Peak resident set (kB) of a cold `site-gen build` with search: site_gen's or a child's (Pagefind)."""
    with tempfile.TemporaryDirectory() as tmp:
        make_set(len(BOOKS), Path(tmp))  # the bundled books, as they are
        return max(measure(Path(tmp))[1:])


def peer_builds(runs: int) -> dict[str, object]:
    """Cold builds of the same content by site_gen, Hugo and MkDocs (see benchmarks/peers.py)."""
    print(f"\ncold build of the same content/, wall clock, {runs} runs each (peers.py)")
    print(f"{'tool':34} {'median s':>9} {'min s':>7} {'max s':>7} {'÷ Hugo':>7}")
    times = cold_builds(runs)
    hugo = statistics.median(times[HUGO])
    results: dict[str, object] = {}
    for tool, taken in times.items():
        median = statistics.median(taken)
        print(f"{tool:34} {median:9.2f} {min(taken):7.2f} {max(taken):7.2f} {median / hugo:6.2f}×")
        results[tool] = {**summary(taken), "ratio": median / hugo}
    return results


# What each kind of edit replaces (the number is the edit's own) and the text it makes the page show.
ENTRY_EDIT, TEMPLATE_EDIT = "entry edit (content/…/企业信用建设.md)", "template edit (templates/entry.html)"
EDITS = {
    ENTRY_EDIT: (ENTRY, "7家企业入选", "{n}家企业入选", "{n}家企业入选"),
    TEMPLATE_EDIT: ("templates/entry.html", '<div class="body">',
                                             '<div class="body" data-edit="{n}">', 'data-edit="{n}"'),
    "source-text edit (sources/002….txt)": (SOURCE, "范企业申报工作，7家企业", "范企业申报工作，{n}家企业",
                                             "{n}家企业入选"),
}


def preview_latency(edits: int) -> dict[str, object]:
    """Median time from saving a file to the server returning the changed page, per kind of edit."""
    results: dict[str, object] = {}
    print(f"\npreview: save → reload signalled and page served, {edits} edits each (search indexing off)")
    print(f"{'edit':44} {'median ms':>9} {'min ms':>7} {'max ms':>7} {'rendered':>9} {'written':>8}")
    with tempfile.TemporaryDirectory() as tmp:
        override(copy_project(Path(tmp)), "entry.html")  # the template the edits change: the project's own copy
        with preview(Path(tmp)) as running:
            _edit_latencies(running, edits, results)
    return results


def _edit_latencies(running: Preview, edits: int, results: dict[str, object]) -> None:
    """Each kind of edit `edits` times in the running preview: the times into `results`."""
    for name, (file, old, new, shows) in EDITS.items():
        if file == SOURCE:  # the entry as imported again, or a re-import keeps it as hand-edited
            running.save(ENTRY, (ROOT / ENTRY).read_text(encoding="utf-8"))
            time.sleep(0.5)
        original = running.read(file)
        times, rendered, written = [], [], []
        for k in range(edits):
            n, before, version = 100 + k, len(running.results), running.live.version
            running.save(file, original.replace(old, new.format(n=n), 1))
            started = time.perf_counter()
            while True:  # as a browser: told to reload, then fetches the page (polling would slow the build)
                running.wait_version(version)
                version = running.live.version
                if shows.format(n=n) in running.get(ENTRY_URL):
                    break
            times.append(time.perf_counter() - started)
            time.sleep(0.3)  # the rebuilds' reports are in (a re-import's pages arrive as a second batch)
            rendered.append(sum(r.rendered for r in running.results[before:]))
            written.append(sum(len(r.changed) for r in running.results[before:]))
        running.save(file, original)
        time.sleep(1.0)
        median = statistics.median(times)
        print(f"{name:44} {median * 1000:9.0f} {min(times) * 1000:7.0f} {max(times) * 1000:7.0f} "
              f"{statistics.median(rendered):9.0f} {statistics.median(written):8.0f}")
        results[name] = {**summary(times), "rendered": rendered, "written": written}


def first_save_latency(starts: int) -> dict[str, object]:
    """`site-gen serve` as the README runs it (search on): an entry saved the moment the server answers, then
    a later save once the first search index is done; each `starts` times, from the save to the page served."""
    print(f"\npreview: the first save after `site-gen serve` answers, against a later save ({starts} starts)")
    first, later = [], []
    for start in range(starts):
        with tempfile.TemporaryDirectory() as tmp:
            root = copy_project(Path(tmp))
            subprocess.run([sys.executable, "-m", "site_gen", "-q", "build"], cwd=root, check=True)
            with _serving(root) as url:
                first.append(_save_and_see(root, url, f"首次保存{start}"))
                time.sleep(15)  # the first index is done (seconds on the bundled books)
                later.append(_save_and_see(root, url, f"再次保存{start}"))
    ratio = statistics.median(first) / statistics.median(later)
    print(f"{'first save':44} {statistics.median(first) * 1000:9.0f} ms (min {min(first) * 1000:.0f}, "
          f"max {max(first) * 1000:.0f})")
    print(f"{'later save':44} {statistics.median(later) * 1000:9.0f} ms (min {min(later) * 1000:.0f}, "
          f"max {max(later) * 1000:.0f})\n{'first ÷ later':44} {ratio:9.2f}×")
    return {"first": summary(first), "later": summary(later), "ratio": ratio}


@contextlib.contextmanager
def _serving(root: Path) -> Iterator[str]:
    """`site-gen serve` on a free port in its own process group until the block ends; yields its URL once it
    answers."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    process = subprocess.Popen([sys.executable, "-m", "site_gen", "-q", "serve", "--port", str(port)], cwd=root,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    url = f"http://127.0.0.1:{port}"
    try:
        while _page(url + "/") is None:
            if process.poll() is not None:
                raise RuntimeError("site-gen serve ended before it answered")
            time.sleep(0.01)
        yield url
    finally:
        os.killpg(process.pid, signal.SIGINT)
        process.wait(60)


def _save_and_see(root: Path, url: str, marker: str) -> float:
    """Seconds from saving the entry with `marker` in its text to the server returning the page with it."""
    entry = root / ENTRY
    entry.write_text(entry.read_text(encoding="utf-8").replace("7家企业入选", f"7家企业入选{marker}", 1),
                     encoding="utf-8")
    started = time.perf_counter()
    while marker not in (_page(url + ENTRY_URL) or ""):
        if time.perf_counter() - started > 120:
            raise TimeoutError("the save never reached the page")
        time.sleep(0.005)
    return time.perf_counter() - started


def _page(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return str(response.read().decode("utf-8"))
    except OSError:
        return None


if __name__ == "__main__":
    main()
