"""Exact titles for search queries: a title typed as printed finds its page first.

Pagefind ranks by its words, and its words are not the reader's: the index is segmented by one Chinese
dictionary at build time and a query by the browser's at search time, so a title's query words can miss the
page's index words (`非公有制` indexed whole, typed and split as `非 公有制`) and an exact title can find
nothing. The search page therefore looks the typed text up here first, by a key that ignores spacing,
punctuation and width, in one of `BUCKETS` small files chosen by the key's hash (assets/search.js does the
same sums): a reader fetches one file of a few kilobytes, never the whole list.
"""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

TITLES_DIR = "assets/titles/"
BUCKETS = 64  # files; with the bundled books about 70 titles (4 kB gzipped) each
MAX_SHARING = 8  # a title more pages share than this (概况, 综述) is left to the ranking: no one page is meant
# Unicode categories a key leaves out: punctuation, symbols, separators, controls and format characters, but
# not Cn: a character this Python's Unicode does not know yet (a new CJK extension) the browser may, as a letter.
_DROPPED = ("P", "S", "Z", "Cc", "Cf", "Co", "Cs")


@dataclass(frozen=True, slots=True)
class Titled:
    """A page (or a table on one) as a search result: its title, and how a result names it."""
    title: str
    url: str
    shown: str  # `yearbook › category › section › title`, as the search page shows any result


def title_key(text: str) -> str:
    """What a title and a query are compared by: NFKC, lower case, no punctuation, symbols, spaces or controls."""
    folded = unicodedata.normalize("NFKC", text).lower()
    return "".join(ch for ch in folded if not unicodedata.category(ch).startswith(_DROPPED))


def bucket_of(key: str) -> int:
    """FNV-1a (32 bits) of the key's UTF-8, modulo BUCKETS: the browser's `bucketOf` gives the same."""
    value = 0x811C9DC5
    for byte in key.encode("utf-8"):
        value = ((value ^ byte) * 0x01000193) & 0xFFFFFFFF
    return value % BUCKETS


def bucket_path(bucket: int) -> str:
    return f"{TITLES_DIR}{bucket:02x}.json"


def title_buckets(titled: Iterable[Titled]) -> dict[str, bytes]:
    """Every bucket's file (an empty one too, so that no lookup is a 404): key → [[url, shown], …]."""
    by_key: dict[str, dict[str, str]] = {}
    for item in titled:
        key = title_key(item.title)
        if key:
            by_key.setdefault(key, {}).setdefault(item.url, item.shown)
    buckets: list[dict[str, list[list[str]]]] = [{} for _ in range(BUCKETS)]
    for key, pages in sorted(by_key.items()):
        if len(pages) <= MAX_SHARING:
            buckets[bucket_of(key)][key] = [[url, shown] for url, shown in pages.items()]
    return {bucket_path(k): json.dumps(bucket, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
            for k, bucket in enumerate(buckets)}
