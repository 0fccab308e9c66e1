"""Search finds what readers type: the query set of tests/search/queries.yaml, run in Chromium through the
real Pagefind bundle, must reach recall@10 ≥ 95 % overall and in every class, and recall@1 ≥ 95 % for dates,
people and document numbers."""

from __future__ import annotations

import statistics

import pytest
from playwright.sync_api import Browser

from .search_quality import bytes_per_query, load_queries, report, score

pytestmark = pytest.mark.browser


def test_query_set_is_large_and_covers_every_class() -> None:
    queries = load_queries()
    assert sum(len(v) for v in queries.values()) >= 300
    assert set(queries) == {"title", "fragment", "person", "document", "place", "table", "date", "traditional"}


def test_recall(browser: Browser, served: str) -> None:
    scores = score(browser, served)
    print("\n" + report(scores))
    weak = {name: (f"{s.recall_at_10:.1%}", s.misses[:8]) for name, s in scores.items() if s.recall_at_10 < 0.95}
    assert scores["all"].recall_at_10 >= 0.95, report(scores)
    assert weak == {}
    first = {name: (f"{scores[name].recall_at_1:.1%}", scores[name].misses[:8])
             for name in ("date", "person", "document") if scores[name].recall_at_1 < 0.95}
    assert first == {}  # a day lists its chronicle events first, a name its person page, a number its document


def test_a_typical_query_fetches_under_300_kb(browser: Browser, served: str) -> None:
    """Cold (no cache), the search page showing its first results, median over every 20th query of the set:
    what the search fetches (runtime, WebAssembly, metadata, index chunks, result fragments, the t2s map and
    the document numbers) as a gzipping host serves it; the search page's own UI script is page weight,
    reported beside it."""
    queries = [q["q"] for items in load_queries().values() for q in items][::20]
    fetched = bytes_per_query(browser, served, queries)
    query = statistics.median(f.query_wire for f in fetched)
    print(f"\nper query (gzip): median {query:.0f}, max {max(f.query_wire for f in fetched)}; raw median "
          f"{statistics.median(f.query_raw for f in fetched):.0f}; search UI {fetched[0].ui_wire} gzip, "
          f"{fetched[0].ui_raw} raw")
    assert query < 300_000
