"""Traditional → simplified characters for search queries: readers type 最美人牆 for 最美人墙.

The index holds the simplified text once; the browser converts a query character by character before
searching, with a map built here from OpenCC's TSCharacters table (shipped by the
opencc-python-reimplemented package), kept to the characters the site's text uses.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from importlib import resources

T2S_ASSET = "assets/t2s.json"


def t2s_map() -> dict[str, str]:
    """Each traditional character → its first simplified form (characters that do not change are left out)."""
    table = resources.files("opencc").joinpath("dictionary/TSCharacters.txt").read_text(encoding="utf-8")
    result = {}
    for line in table.splitlines():
        traditional, _, simplified = line.partition("\t")
        first = simplified.split(" ")[0]
        if len(traditional) == 1 and first and first != traditional:
            result[traditional] = first
    return result


def t2s_asset(texts: Iterable[str]) -> bytes:
    """The map as JSON, limited to characters whose simplified form occurs in the site's text: a query
    character the text never uses finds nothing either way, and the reader fetches less."""
    used = set().union(*(set(text) for text in texts))
    mapping = {t: s for t, s in t2s_map().items() if s in used}
    return json.dumps(mapping, ensure_ascii=False, separators=(",", ":"), sort_keys=True).encode("utf-8")
