"""Write `tests/search/queries.yaml`: what readers type, with the pages each query must find, drawn
systematically from the built site's data (entry titles, index terms, registers), not hand-picked.

Classes: title (whole entry titles), fragment (2–6 characters of a title that few titles share), person,
document (文号 as printed, and typed without brackets), place (streets), table (table titles), date
(chronicle days) and traditional (the others typed in traditional characters).

`python benchmarks/search_queries.py` after `site-gen build` (reads public/data/*.json).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import opencc
import yaml

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "tests" / "search" / "queries.yaml"
PER_CLASS = {"title": 100, "fragment": 90, "person": 60, "document": 40, "place": 14, "table": 40, "date": 20,
             "traditional": 90}
_SPLIT = re.compile(r"[“”‘’《》（）()、，。：；\s·—-]+"
                    r"|开展|举行|召开|建设|推进|工作|活动|启动|成立|获评|入选|完成|实施")
_HAN_ONLY = re.compile(r"^[\u4e00-\u9fff]+$")


class _NoAliases(yaml.SafeDumper):
    def ignore_aliases(self, data: Any) -> bool:
        return True


def spread(items: list[Any], count: int) -> list[Any]:
    """`count` items evenly spread over the list: a systematic sample, the same every run."""
    if len(items) <= count:
        return list(items)
    step = len(items) / count
    return [items[int(k * step)] for k in range(count)]


def entries(books: list[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    for book in books:
        for category in book["categories"]:
            for section in category["sections"]:
                yield from (e for e in section["entries"] if e["kind"] == "entry")


def fragment_queries(titles: dict[str, list[str]], every: dict[str, list[str]], count: int) -> list[dict[str, Any]]:
    """A 2–6 character piece of an entry's title between its punctuation and common verbs, in at most 3
    titles; every page with that piece in its title (`every`: entries, sections, categories, documents,
    people) counts as found."""
    queries = []
    for title in spread(sorted(titles), count * 2):
        pieces = [p for p in _SPLIT.split(title) if 2 <= len(p) <= 6 and _HAN_ONLY.match(p)]
        for piece in sorted(pieces, key=len):
            holders = [url for t, urls in every.items() if piece in t for url in urls]
            if 1 <= len(holders) <= 3:
                queries.append({"q": piece, "urls": sorted(set(holders))})
                break
        if len(queries) == count:
            break
    return queries


_BRACKETS = str.maketrans("﹝［[﹞］]", "〔〔〔〕〕〕")


def _number(text: str) -> str:
    """A 文号 however printed: `上委﹝2021﹞ 1号` and `上委〔2021〕第1号` are one."""
    return re.sub(r"\s|第", "", text).translate(_BRACKETS)


def main() -> None:
    data = [json.loads(p.read_text(encoding="utf-8")) for p in sorted((ROOT / "public" / "data").glob("*.json"))]
    books = sorted((d for d in data if "categories" in d), key=lambda b: b["edition"], reverse=True)  # (not the schema)
    queries: dict[str, list[dict[str, Any]]] = {}

    all_entries = list(entries(books))
    titles: dict[str, list[str]] = {}
    for entry in all_entries:
        titles.setdefault(entry["title"], []).append(entry["url"])
    unique = [(t, urls) for t, urls in sorted(titles.items()) if len(urls) == 1]
    queries["title"] = [{"q": t, "urls": urls} for t, urls in spread(unique, PER_CLASS["title"])]
    every = {title: list(urls) for title, urls in titles.items()}
    for book in books:
        for category in book["categories"]:
            for page in [category, *category["sections"]]:
                every.setdefault(page["title"], []).append(page["url"])
        for item in [*book["documents"], *book["people"]]:
            every.setdefault(item.get("title") or item["name"], []).append(item["url"])
    queries["fragment"] = fragment_queries(titles, every, PER_CLASS["fragment"])

    people = {p["name"]: p["url"] for book in books for p in book["people"] if p["records"] or p["roles"]}
    queries["person"] = [{"q": name, "urls": [url]}
                         for name, url in spread(sorted(people.items()), PER_CLASS["person"])]

    numbered = [d for book in books for d in book["documents"] if d["number"]]
    printed = spread(numbered, PER_CLASS["document"] // 2)
    typed = spread(numbered[1:], PER_CLASS["document"] // 2)
    sharing: dict[str, list[str]] = {}  # a 文号 two registered documents share: either is the answer
    for d in numbered:
        sharing.setdefault(_number(d["number"]), []).append(d["url"])
    queries["document"] = [{"q": d["number"], "urls": sharing[_number(d["number"])]} for d in printed] + [
        {"q": re.sub(r"\s*[〔﹝\[]\s*(\d{4})\s*[〕﹞\]]\s*(第\s*)?", r"\1 ", d["number"]),
         "urls": sharing[_number(d["number"])]} for d in typed]

    streets = [(s["title"], s["url"]) for book in books for c in book["categories"] if c["title"] == "街道"
               for s in c["sections"] if s["title"].endswith("街道")]
    queries["place"] = [{"q": t, "urls": [u]} for t, u in spread(streets, PER_CLASS["place"])]

    tables: dict[str, list[str]] = {}  # a title two tables share: either is the answer
    for table in (t for book in books for t in book["tables"]):
        tables.setdefault(table["title"], []).append(table["url"].split("#")[0])
    queries["table"] = [{"q": t, "urls": sorted(set(u))} for t, u in spread(sorted(tables.items()), PER_CLASS["table"])]

    events = [e for book in books for e in book["events"] if re.fullmatch(r"\d{4}-\d{2}-\d{2}", e["date"])]
    queries["date"] = [{"q": f"{e['date'][:4]}年{int(e['date'][5:7])}月{int(e['date'][8:])}日",
                        "urls": [e["url"].split("#")[0]]} for e in spread(events, PER_CLASS["date"])]

    to_traditional = opencc.OpenCC("s2t")
    simplified = [q for cls in ("title", "fragment", "person", "place") for q in queries[cls]]
    queries["traditional"] = [{"q": to_traditional.convert(q["q"]), "urls": q["urls"], "simplified": q["q"]}
                              for q in spread(simplified, PER_CLASS["traditional"])
                              if to_traditional.convert(q["q"]) != q["q"]]

    OUT.parent.mkdir(parents=True, exist_ok=True)
    header = "# Generated by benchmarks/search_queries.py from the built site's data; do not edit by hand.\n"
    OUT.write_text(header + yaml.dump(queries, Dumper=_NoAliases, allow_unicode=True, sort_keys=False, width=200),
                   encoding="utf-8")
    print(f"{OUT.relative_to(ROOT)}: " + ", ".join(f"{k} {len(v)}" for k, v in queries.items())
          + f"; {sum(len(v) for v in queries.values())} queries")


if __name__ == "__main__":
    main()
