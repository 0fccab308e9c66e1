"""Markdown → HTML and plain text. Raw HTML in content is shown as text, never passed through."""

from __future__ import annotations

from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.container import container_plugin
from mdit_py_plugins.deflist import deflist_plugin

from site_gen.tables import CONTAINER, tables_rule

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
