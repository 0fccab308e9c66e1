"""Run a query set through the site's real search (the search page's own `siteGenSearch` over Pagefind, in
Chromium: query processing, exact titles, ordering) and score it: recall@1, recall@10 and MRR per query
class, bytes fetched."""

from __future__ import annotations

import gzip
import statistics
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote

import yaml
from playwright.sync_api import Browser, Response

QUERIES = Path(__file__).parent / "search" / "queries.yaml"
TOP = 10

_RUN = """async (queries) => {
  await window.siteGenPagefind;
  const found = [];
  for (const q of queries) {
    const search = await window.siteGenSearch(q);
    const top = await Promise.all(search.items.slice(0, TOP).map((item) => item.data()));
    found.push(top.map((shown) => shown.url));
  }
  return found;
}""".replace("TOP", str(TOP))


@dataclass
class ClassScore:
    ranks: list[int | None] = field(default_factory=list)  # rank of the first expected page, None: not in top 10
    misses: list[str] = field(default_factory=list)

    @property
    def recall_at_1(self) -> float:
        return sum(r == 1 for r in self.ranks) / len(self.ranks)

    @property
    def recall_at_10(self) -> float:
        return sum(r is not None for r in self.ranks) / len(self.ranks)

    @property
    def mrr(self) -> float:
        return statistics.fmean(1 / r if r else 0.0 for r in self.ranks)


def load_queries() -> dict[str, list[dict[str, Any]]]:
    queries: dict[str, list[dict[str, Any]]] = yaml.safe_load(QUERIES.read_text(encoding="utf-8"))
    return queries


def score(browser: Browser, site: str, base_path: str = "/") -> dict[str, ClassScore]:
    """Every query of the set, run on `site` (its search page), scored per class and overall ('all')."""
    queries = load_queries()
    page = browser.new_page()
    page.goto(f"{site}/search/")
    flat = [(cls, q) for cls, items in queries.items() for q in items]
    results: list[list[str]] = page.evaluate(_RUN, [q["q"] for _, q in flat])
    page.close()
    scores: dict[str, ClassScore] = {"all": ClassScore()}
    for (cls, query), urls in zip(flat, results, strict=True):
        wanted = {base_path.rstrip("/") + u for u in query["urls"]}
        rank = next((k for k, url in enumerate(urls, start=1) if url.split("#")[0] in wanted), None)
        for name in (cls, "all"):
            scores.setdefault(name, ClassScore()).ranks.append(rank)
            if rank is None:
                scores[name].misses.append(query["q"])
    return scores


def report(scores: dict[str, ClassScore]) -> str:
    lines = ["| class | queries | recall@1 | recall@10 | MRR |", "| --- | --- | --- | --- | --- |"]
    for name, s in scores.items():
        lines.append(f"| {name} | {len(s.ranks)} | {s.recall_at_1:.1%} | {s.recall_at_10:.1%} | {s.mrr:.3f} |")
    return "\n".join(lines)


UI_FILES = ("search.js",)  # the search page's own interface


@dataclass
class Fetched:
    """Bytes one cold search fetches: `query` counts the Pagefind runtime, WebAssembly, metadata, index
    chunks, result fragments and the search aids (the t2s map, the document numbers, a file of exact
    titles); `ui` the search page's interface script. Each as raw bytes and as a host that gzips text files serves them
    (Pagefind's index files are compressed already)."""
    query_raw: int = 0
    query_wire: int = 0
    ui_raw: int = 0
    ui_wire: int = 0

    def add(self, url: str, body: bytes) -> None:
        name = url.split("?")[0].rsplit("/", 1)[-1]
        wire = len(gzip.compress(body)) if name.endswith((".js", ".css", ".json")) else len(body)
        if name in UI_FILES:
            self.ui_raw, self.ui_wire = self.ui_raw + len(body), self.ui_wire + wire
        else:
            self.query_raw, self.query_wire = self.query_raw + len(body), self.query_wire + wire


def bytes_per_query(browser: Browser, site: str, queries: list[str]) -> list[Fetched]:
    """A reader's search as the site's search page runs it (`/search/?q=…`, its first page of results),
    in a fresh browser context (no cache) per query."""
    result = []
    for q in queries:
        context = browser.new_context()
        page = context.new_page()
        fetched = Fetched()

        def count(response: Response, into: Fetched = fetched) -> None:
            searching = "/assets/" in response.url and response.url.endswith((".json", ".js"))
            if "/pagefind/" in response.url or searching:
                into.add(response.url, response.body())

        page.on("response", count)
        page.goto(f"{site}/search/?q={quote(q)}")
        page.wait_for_function("document.querySelector('.search-message')?.textContent.includes('结果')",
                               timeout=20000)
        page.wait_for_load_state("networkidle")
        result.append(fetched)
        context.close()
    return result
