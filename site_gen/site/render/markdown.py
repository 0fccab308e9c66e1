"""Markdown → HTML (plain text: collect/prose.py). Raw HTML in content is shown as text, never passed
through."""

from __future__ import annotations

import re
from urllib.parse import unquote, urljoin

from markdown_it import MarkdownIt
from markdown_it.renderer import RendererHTML
from markdown_it.token import Token
from markdown_it.utils import OptionsDict
from mdit_py_plugins.container import container_plugin
from mdit_py_plugins.deflist import deflist_plugin

from site_gen.contract.blocks import CONTAINER
from site_gen.site.collect.tables import tables_rule

# `::: caption` holds a photo caption, `::: glossary` a 资料 box or a report's 注释 (a definition list).
BLOCK_CLASSES = ("caption", "glossary")
_MD = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False}).enable("table")
_MD.use(deflist_plugin)
for _name in BLOCK_CLASSES:
    _MD.use(container_plugin, name=_name)


def _render_table_container(self: object, tokens: list[Token], idx: int, _options: object, _env: object) -> str:
    """`<div class="table-wrap" id="table-4">`: the scroll box and anchor around a table."""
    token = tokens[idx]
    if token.nesting == 1:
        return f'<div class="table-wrap" id="{token.attrGet("id")}">\n'
    return "</div>\n"


# `::: table 表N 标题` holds a table (see site_gen/tables.py).
_MD.use(container_plugin, name=CONTAINER, render=_render_table_container)
_MD.core.ruler.push("yearbook_tables", tables_rule)


def parse(body: str) -> list[Token]:
    return _MD.parse(body)


def to_html(tokens: list[Token], base: str = "/") -> str:
    """HTML of a page's tokens; links to site paths (`/people/…`) are put under `base` (the site's path)."""
    return str(_MD.renderer.render(tokens, _MD.options, {"base": base}))


def _render_link_open(self: RendererHTML, tokens: list[Token], idx: int, options: OptionsDict,
                      env: dict[str, str]) -> str:
    token, base = tokens[idx], env.get("base", "/")
    href = token.attrGet("href")
    if not isinstance(href, str) or not href.startswith("/") or href.startswith("//") or base == "/":
        return self.renderToken(tokens, idx, options, env)
    token.attrSet("href", base + href[1:])
    try:
        return self.renderToken(tokens, idx, options, env)
    finally:
        token.attrSet("href", href)  # the tokens stay as parsed: rendering twice gives the same HTML


_MD.add_render_rule("link_open", _render_link_open)


_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:")


def links_in(tokens: list[Token]) -> list[tuple[str, int, bool]]:
    """(href or image src, 0-based line of its block in the body, is an image) of every link and image."""
    found = []
    for token in tokens:
        if token.type != "inline" or not token.children:
            continue
        for child in token.children:
            target = child.attrGet("href") if child.type == "link_open" else (
                child.attrGet("src") if child.type == "image" else None)
            if isinstance(target, str):
                found.append((target, token.map[0] if token.map else 0, child.type == "image"))
    return found


def site_path(page_url: str, href: str) -> str | None:
    """The site path (`/a/b/`) a link from the page at `page_url` points to; None when it leaves the site
    (a scheme, `//host`) or stays on the page (`#anchor`)."""
    if not href or href.startswith(("#", "//")) or _SCHEME.match(href):
        return None
    return unquote(urljoin(page_url, href).split("#", 1)[0].split("?", 1)[0])


def answers(path: str, files: set[str]) -> bool:
    """Whether a site path is served by one of the site's `files` (paths relative to the output folder)."""
    relative = path.lstrip("/")
    return relative in files or relative.rstrip("/") + "/index.html" in files or relative == ""
