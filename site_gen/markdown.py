"""Markdown → HTML and plain text. Raw HTML in content is shown as text, never passed through."""

from __future__ import annotations

from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.container import container_plugin
from mdit_py_plugins.deflist import deflist_plugin

# `::: caption` holds a photo caption, `::: glossary` a 资料 box or a report's 注释 (a definition list).
BLOCK_CLASSES = ("caption", "glossary")
_MD = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False}).enable("table")
_MD.use(deflist_plugin)
for _name in BLOCK_CLASSES:
    _MD.use(container_plugin, name=_name)
_BLOCK_ENDS = {"paragraph_close", "heading_close", "tr_close", "list_item_close", "dt_close"}


def parse(body: str) -> list[Token]:
    return _MD.parse(body)


def to_html(tokens: list[Token]) -> str:
    return str(_MD.renderer.render(tokens, _MD.options, {}))


def to_text(tokens: list[Token]) -> str:
    """The body as plain text: one line per paragraph, heading or table row; cells tab-separated."""
    lines: list[str] = []
    current: list[str] = []
    for token in tokens:
        if token.type == "inline" and token.children is not None:
            cell = "".join(child.content for child in token.children
                           if child.type in ("text", "code_inline"))
            current.append(cell)
        elif token.type in _BLOCK_ENDS and current:
            lines.append("\t".join(current))
            current = []
    return "\n".join(lines)
