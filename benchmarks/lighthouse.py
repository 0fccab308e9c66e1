"""Lighthouse (npm, driving Debian's chromium, its mobile defaults) on the five page kinds a reader lands on:
the home page, a book's contents, a category, an entry and the search page with a query. Each page is audited
`runs` times; the median score per category is reported against the target (0.95 in all four categories).

`python -m benchmarks.lighthouse [--runs N] [--json FILE]` after `site-gen build` (serves public/ itself);
`nox -s bench -- --only lighthouse` installs Lighthouse into .lighthouse/ first.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import json
import os
import statistics
import subprocess
import tempfile
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LIGHTHOUSE = ROOT / ".lighthouse" / "node_modules" / ".bin" / "lighthouse"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
TARGET = 0.95
PAGES = {"home": "/", "contents": "/shangcheng-2022/", "category": "/shangcheng-2022/jie-dao/",
         "entry": "/shangcheng-2022/jie-dao/hu-bin-jie-dao/zui-mei-ren-qiang-zhi-yuan-fu-wu/",
         "search": "/search/?q=%E6%9C%80%E7%BE%8E%E4%BA%BA%E5%A2%99"}


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # (nothing printed per request)
        pass


def audit(url: str) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as folder:
        report = Path(folder) / "report.json"
        subprocess.run([str(LIGHTHOUSE), url, "--quiet", "--output=json", f"--output-path={report}",
                        "--chrome-flags=--headless=new --no-sandbox", f"--only-categories={','.join(CATEGORIES)}"],
                       check=True, env={**os.environ, "CHROME_PATH": "/usr/bin/chromium"})
        data = json.loads(report.read_text(encoding="utf-8"))
    return {name: data["categories"][name]["score"] for name in CATEGORIES}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--json", type=Path)
    parser.add_argument("--site", type=Path, default=ROOT / "public")
    args = parser.parse_args()
    handler = functools.partial(_Quiet, directory=str(args.site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    results: dict[str, dict[str, float]] = {}
    try:
        print(f"Lighthouse, mobile, median of {args.runs} runs per page (target ≥ {TARGET} in each category)")
        print(f"{'page':10}" + "".join(f"{name:>16}" for name in CATEGORIES))
        for kind, path in PAGES.items():
            runs = [audit(base + path) for _ in range(args.runs)]
            results[kind] = {name: statistics.median(run[name] for run in runs) for name in CATEGORIES}
            print(f"{kind:10}" + "".join(f"{results[kind][name]:>16.2f}" for name in CATEGORIES))
    finally:
        server.shutdown()
    low = [f"{kind} {name} {score:.2f}" for kind, scores in results.items() for name, score in scores.items()
           if score < TARGET]
    print("all at or above the target" if not low else "below the target: " + ", ".join(low))
    if args.json:
        args.json.write_text(json.dumps(results, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
