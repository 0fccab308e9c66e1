"""Single-core floors of a cold build's stages on the bundled yearbooks: how long each library or step
takes alone, in-process, medians of `--runs`, to show what a cold import + build cannot go below here.
`python -m benchmarks.floors [--runs N]`."""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from site_gen.config import load_config
from site_gen.contract.front_matter import split_front_matter
from site_gen.site.load.pages import load_site
from site_gen.site.render.markdown import parse
from site_gen.site.render.plan import plan_site
from site_gen.yearbook.emit import render_pages
from site_gen.yearbook.parse import parse_yearbook

ROOT = Path(__file__).resolve().parent.parent


def median(runs: int, stage: Callable[[], object]) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        stage()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    runs = parser.parse_args().runs
    config = load_config(ROOT / "site.yaml")
    site = load_site(config.content_dir, config.root)
    texts = {path: path.read_text(encoding="utf-8") for path in sorted(config.content_dir.rglob("*.md"))}
    books = [parse_yearbook(book) for book in config.yearbooks]
    rendered = plan_site(site, config)
    rendered.views.env.auto_reload = False  # as in a build
    files = {path: job.render() for path, job in rendered.jobs.items()}

    def create_files() -> None:  # every file a cold import + build creates, in a fresh folder
        with tempfile.TemporaryDirectory(dir=ROOT) as tmp:
            os.sync()
            started = time.perf_counter()
            for name, data in files.items():
                (Path(tmp, name)).parent.mkdir(parents=True, exist_ok=True)
                Path(tmp, name).write_bytes(data)
            for path, text in texts.items():
                target = Path(tmp, "content", path.relative_to(config.content_dir))
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_text(text, encoding="utf-8")
            disk.append(time.perf_counter() - started)
            shutil.rmtree(tmp, ignore_errors=True)

    disk: list[float] = []
    floors = {
        "our parser (3 books)": median(runs, lambda: [parse_yearbook(book) for book in config.yearbooks]),
        "pages' text (YAML dump, pinyin slugs)": median(runs, lambda: [render_pages(b, config.content_dir)
                                                                       for b in books]),
        "PyYAML: front matter of every page": median(runs, lambda: [split_front_matter(t, "") for t in texts.values()]),
        "markdown-it-py: parse every page": median(runs, lambda: [parse(page.body) for page in site.pages]),
        "collect (parse included)": median(runs, lambda: plan_site(site, config)),
        "Jinja: render every file": median(runs, lambda: [job.render() for job in rendered.jobs.values()]),
    }
    for _ in range(runs):
        create_files()
    floors[f"disk: create the {len(files) + len(texts)} files"] = statistics.median(disk)
    print(f"single-core floors, medians of {runs} runs (disk runs: {', '.join(f'{d:.2f}' for d in disk)} s)")
    for name, seconds in floors.items():
        print(f"{name:45} {seconds:6.2f} s")
    print(f"{'sum':45} {sum(floors.values()):6.2f} s")


if __name__ == "__main__":
    main()
