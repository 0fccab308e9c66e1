"""Readable ASCII URL segments: the pinyin of a title, stable for the same title in the same place."""

from __future__ import annotations

import re

from pypinyin import lazy_pinyin

from site_gen.config import SITE_FOLDERS

MAX_SEGMENT = 60
# The site's own folder names (at its root, and a book's `tables/`): a page given one would collide with them.
RESERVED = frozenset({*SITE_FOLDERS, "index", "tables"})


def slugify(title: str) -> str:
    words = lazy_pinyin(title)  # Han → syllables; Latin and digits pass through unchanged
    slug = re.sub(r"[^a-z0-9]+", "-", "-".join(words).lower()).strip("-")
    if len(slug) > MAX_SEGMENT:
        slug = slug[:MAX_SEGMENT + 1].rsplit("-", 1)[0]
    return slug or "page"


def unique_slug(title: str, taken: set[str]) -> str:
    """The title's slug, with -2, -3 … when a sibling already has it."""
    base = slugify(title)
    slug, n = base, 2
    while slug in taken or slug in RESERVED:
        slug, n = f"{base}-{n}", n + 1
    taken.add(slug)
    return slug
