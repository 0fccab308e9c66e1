"""`sitemap.xml` and `robots.txt`: every page of the site, for search engines and archivists.

A sitemap wants absolute URLs, so it is written only when `base_url` is the full address
(`https://example.org/nianjian/`); robots.txt then names it, by its full address too (a path is not valid there).
"""

from __future__ import annotations

from collections.abc import Iterable
from xml.sax.saxutils import escape

INDEX = "index.html"


def sitemap(files: Iterable[str], base_url: str) -> bytes:
    """A `<url>` per page, in path order (so the file only changes when the set of pages does)."""
    base = base_url if base_url.endswith("/") else base_url + "/"
    pages = sorted(name[:-len(INDEX)] for name in files if name.endswith(INDEX) and not name.startswith("pagefind/"))
    lines = ['<?xml version="1.0" encoding="UTF-8"?>',
             '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">']
    lines += [f"<url><loc>{escape(base + page)}</loc></url>" for page in pages]
    lines.append("</urlset>")
    return ("\n".join(lines) + "\n").encode("utf-8")


def robots(base_url: str, with_sitemap: bool) -> bytes:
    base = base_url if base_url.endswith("/") else base_url + "/"
    return ("User-agent: *\nAllow: /\n" + (f"Sitemap: {base}sitemap.xml\n" if with_sitemap else "")).encode()
