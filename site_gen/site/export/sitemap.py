"""`sitemap.xml` and `robots.txt`: every page of the site, for search engines and archivists.

A sitemap wants absolute URLs, so `base_url` should be the full address (`https://example.org/nianjian/`);
with only a path the entries are paths, which crawlers resolve against the sitemap's own address.
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


def robots(base_url: str) -> bytes:
    base = base_url if base_url.endswith("/") else base_url + "/"
    return f"User-agent: *\nAllow: /\nSitemap: {base}sitemap.xml\n".encode()
