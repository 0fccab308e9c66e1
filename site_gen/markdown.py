"""Markdown → HTML and plain text. Raw HTML in content is shown as text, never passed through."""

from __future__ import annotations

from markdown_it import MarkdownIt
from markdown_it.token import Token

_MD = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False}).enable("table")
_BLOCK_ENDS = {"paragraph_close", "heading_close", "tr_close", "list_item_close"}


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
