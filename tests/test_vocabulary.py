"""The import knows the genre, not our books: no module of site_gen/yearbook names what only the bundled books
print — their district, the authors they credit, the table headers their profile lists (sources/*.yaml) —
nor refers to their files. A book's vocabulary is data (a profile next to its sources), never code."""

from __future__ import annotations

import re

import yaml

from .bundled import ROOT, bundled_source

IMPORT = ROOT / "site_gen" / "yearbook"
PLACES = ("上城", "杭州", "清波", "湖滨", "紫阳", "南星", "望江", "小营", "闸弄口", "彭埠", "九堡", "笕桥", "丁兰",
          "四季青")
_FILES = re.compile(r"(?<![\d,])\b00[0-4]\b|\b(?:2013|2019|2022) (?:text|book|texts|yearbook)")


def _vocabulary() -> set[str]:
    authors = {name for prefix in ("000", "001", "002") for _, names in bundled_source(prefix).credits
               for name in names if len(name) >= 2}
    headers = {header for path in (ROOT / "sources").glob("*.yaml")
               for header in yaml.safe_load(path.read_text(encoding="utf-8")).get("table_headers", [])}
    return authors | headers | set(PLACES)


def test_no_module_of_the_import_names_the_bundled_books() -> None:
    vocabulary = _vocabulary()
    found = {}
    for path in sorted(IMPORT.rglob("*")):
        if path.suffix not in (".py", ".yaml"):
            continue
        text = path.read_text(encoding="utf-8")
        named = sorted(word for word in vocabulary if word in text) + _FILES.findall(text)
        if named:
            found[str(path.relative_to(ROOT))] = named
    assert found == {}
