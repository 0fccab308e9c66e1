"""Document numbers for search queries: a reader types 上委办〔2018〕34号 (or 上委办2018 34号) for a document.

Each document page carries one word for its number (collect/documents.py, number_word); the browser turns
a typed number into that word, but only for a number the site's documents have (this asset lists them):
any other number is searched as typed, so the pages that cite it are still found.
"""

from __future__ import annotations

import json
from collections.abc import Iterable

from site_gen.site.collect.documents import Document, number_word

NUMBERS_ASSET = "assets/numbers.json"


def numbers_asset(documents: Iterable[Document]) -> bytes:
    words = sorted({word for doc in documents if doc.number and (word := number_word(doc.number))})
    return json.dumps(words, separators=(",", ":")).encode("utf-8")
