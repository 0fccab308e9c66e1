"""The 资料 box a 年鉴 prints after an entry (and a document's notes): terms and their definitions, as a
definition list."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from site_gen.yearbook.readers.block import Block
from site_gen.yearbook.text import escape_markdown, join_wrapped

if TYPE_CHECKING:  # the state holds pages' text as read; only the rule below uses it
    from site_gen.yearbook.rules.state import State

GLOSSARY_TITLE = "资料"
# A glossary item opens with its term: `“双千”结对联建：…`, `制造业数字化“百千万”行动：…`.
GLOSSARY_TERM = re.compile(r"^(?P<term>[^，。；：:]{1,30}?)[：:](?P<text>.*)$")
_CLOSES_ITEM = "。；;！？"


def starts_glossary_item(text: str, previous: str | None) -> bool:
    """`“双千”结对联建：…` opens an item when the line before ends one (or there is none)."""
    return bool(GLOSSARY_TERM.match(text)) and (previous is None or previous.rstrip("”’）)")[-1:] in _CLOSES_ITEM)


def glossary_block(lines: list[Block], title: str = GLOSSARY_TITLE) -> str:
    """A 资料 box or a document's notes as a definition list: each term with its definition."""
    items: list[list[str]] = []
    for line in lines:
        if starts_glossary_item(line.text, items[-1][-1] if items else None):
            items.append([line.text])
        elif items:
            items[-1].append(line.text)
        else:
            items.append([line.text])
    parts = [escape_markdown(join_wrapped([title]))]
    for item in items:
        text = join_wrapped(item)
        match = GLOSSARY_TERM.match(text)
        if match and match["text"].strip():
            parts.append(f"{escape_markdown(match['term'])}\n: {escape_markdown(match['text'].strip())}")
        else:
            parts.append(escape_markdown(text))
    return "::: glossary\n" + "\n\n".join(parts) + "\n:::"


def box(state: State, i: int) -> int | None:
    """The 资料 title: the box it opens runs to the end of the entry (its items are read with the entry's
    text, by paragraphs.reflow)."""
    if state.blocks[i].text != GLOSSARY_TITLE:
        return None
    state.text(state.blocks[i])
    return i + 1
