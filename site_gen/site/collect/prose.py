"""A page's text without markup: all of it, one line per block (for search and the traditional-character
map), or its prose apart from what print set beside it (for the data export and the page description)."""

from __future__ import annotations

from dataclasses import dataclass

from markdown_it.token import Token

from site_gen.contract.blocks import CONTAINER

_BLOCK_ENDS = {"paragraph_close", "heading_close", "tr_close", "list_item_close", "dt_close"}


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


@dataclass(frozen=True, slots=True)
class Prose:
    """A page's own prose apart from what print set beside it: the photo captions and the tables, each
    with `at`, the number of prose characters before the place it stood."""
    text: str
    captions: tuple[tuple[str, int], ...]  # (caption text, at)
    tables: tuple[tuple[str, int], ...]  # (the table's anchor, `table-4`, at)


_SET_APART = {"container_caption_open": "caption", f"container_{CONTAINER}_open": "table"}


def to_prose(tokens: list[Token]) -> Prose:
    """The body as `to_text` gives it, less its captions and tables, which come apart with their places."""
    prose: list[str] = []
    captions: list[tuple[str, int]] = []
    tables: list[tuple[str, int]] = []
    apart: list[str] | None = None  # the lines of the caption being read
    depth = 0
    at = 0  # the length of "\n".join(prose), kept as it grows
    for k, token in enumerate(tokens):
        if depth == 0 and token.type in _SET_APART:
            depth = 1
            if _SET_APART[token.type] == "table":
                tables.append((str(token.attrGet("id") or ""), at))
            else:
                apart = []
            continue
        if depth:
            depth += token.nesting if token.type.startswith("container_") else 0
            if depth == 0 and apart is not None:
                captions.append(("\n".join(apart), at))
                apart = None
            elif apart is not None and token.type == "inline":
                apart.append(to_text(tokens[k - 1:k + 2]))
            continue
        if token.type == "inline":
            line = to_text(tokens[k - 1:k + 2])
            if line:
                at += len(line) + (1 if prose else 0)
                prose.append(line)
    return Prose("\n".join(prose), tuple(captions), tuple(tables))
