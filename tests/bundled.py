"""The bundled yearbooks' sources, parsed as `site-gen import` parses them (with their book's profile)."""

from __future__ import annotations

from pathlib import Path

from site_gen.config import load_config
from site_gen.yearbook.model import Part
from site_gen.yearbook.parse import book_profile, parse_source

ROOT = Path(__file__).resolve().parent.parent


def bundled_source(prefix: str) -> Part:
    """The source text of the bundled books whose file name starts with `prefix` (`002`)."""
    config = load_config(ROOT / "site.yaml")
    book, source = next((b, s) for b in config.yearbooks for s in b.sources if s.path.name.startswith(prefix))
    return parse_source(source, book_profile(book))
