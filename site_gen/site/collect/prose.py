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
    kept: list[Token] = []
    captions: list[tuple[str, int]] = []
    tables: list[tuple[str, int]] = []
    k = 0
    while k < len(tokens):
        kind = _SET_APART.get(tokens[k].type)
        if kind is None:
            kept.append(tokens[k])
            k += 1
            continue
        end = _closing(tokens, k)
        at = len(to_text(kept))  # a container opens between blocks: the prose so far is whole lines
        if kind == "table":
            tables.append((str(tokens[k].attrGet("id") or ""), at))
        else:
            captions.append((to_text(tokens[k + 1:end]), at))
        k = end + 1
    return Prose(to_text(kept), tuple(captions), tuple(tables))


def _closing(tokens: list[Token], start: int) -> int:
    """The index of the token that closes the container opened at `start`."""
    depth = 0
    for k in range(start, len(tokens)):
        if tokens[k].type.startswith("container_"):
            depth += tokens[k].nesting
            if depth == 0:
                return k
    return len(tokens) - 1
