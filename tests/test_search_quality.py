"""Search finds what readers type: the query set of tests/search/queries.yaml, run in Chromium through the
search page's own search over the real Pagefind bundle: the right page first for ≥ 95 % of queries, in the
first ten for ≥ 99 % (≥ 97 % in every class), and a title typed as printed always first."""

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
    assert scores["all"].recall_at_1 >= 0.95, report(scores)
    assert scores["all"].recall_at_10 >= 0.99, report(scores)
    weak = {name: (f"{s.recall_at_10:.1%}", s.misses[:8]) for name, s in scores.items() if s.recall_at_10 < 0.97}
    assert weak == {}
    first = {name: (f"{scores[name].recall_at_1:.1%}", scores[name].misses[:8])
             for name in ("title", "place", "table", "date", "person", "document") if scores[name].recall_at_1 < 1}
    assert first == {}  # an exact title (an entry's, a street's, a table's, a name) first; a day, a number its own


def test_a_typical_query_fetches_under_300_kb(browser: Browser, served: str) -> None:
    """Cold (no cache), the search page showing its first results, median over every 10th query of the set:
    everything the search fetches (the page's search script, Pagefind's runtime, WebAssembly, metadata,
    index chunks and result fragments, the t2s map, the document numbers, a file of exact titles) as a
    gzipping host serves it."""
    queries = [q["q"] for items in load_queries().values() for q in items][::10]
    fetched = bytes_per_query(browser, served, queries)
    total = statistics.median(f.query_wire + f.ui_wire for f in fetched)
    print(f"\nper query (gzip): median {total:.0f} (search script {fetched[0].ui_wire}), "
          f"max {max(f.query_wire + f.ui_wire for f in fetched)}; raw median "
          f"{statistics.median(f.query_raw + f.ui_raw for f in fetched):.0f}")
    assert total <= 300_000
