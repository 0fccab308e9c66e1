"""The rules: one module per construct of the genre, each a free function `rule(state, i)` that takes the
block at `i` (and what belongs with it) and returns the index after it, or None to leave the block to the next
rule. The structurer (structure.py) tries them in the order of RULES on every block, as markdown-it tries its
block rules; a rule applies in the modes it names:

- `entries`: a book of 【】 entries (a 年鉴), its levels marked or told by the genre's conventions;
- `headings`: a book whose headings are its levels and whose lowest headings title the entries (a 志);
- `pages`: a text whose headings follow no hierarchy (a report, an award list): pages by what follows a title.

`interrupts` names the constructs whose running text the rule's construct may cut short: where a wrapped line
runs its start into the text before, the starts pass (starts.py) sets it on a line of its own again.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

from site_gen.yearbook.rules import (
    caption,
    category,
    credit,
    entry,
    glossary,
    levels,
    pages,
    paragraphs,
    section,
    tables,
)
from site_gen.yearbook.rules.state import ENTRIES, HEADINGS, PAGES, State

__all__ = ["ENTRIES", "HEADINGS", "PAGES", "RULES", "Rule", "interrupting", "rules_for"]

BOOKS = frozenset({ENTRIES, HEADINGS})
UNMARKED = frozenset({ENTRIES})  # titles told by their neighbours: where headings make the levels, none is


class Rule(NamedTuple):
    name: str
    apply: Callable[[State, int], int | None]
    modes: frozenset[str]
    interrupts: tuple[str, ...] = ()


RULES: tuple[Rule, ...] = (
    Rule("table", tables.table, BOOKS, interrupts=("text",)),
    Rule("caption", caption.caption, BOOKS, interrupts=("text",)),
    Rule("folio", category.folio, BOOKS),
    Rule("heading", levels.heading, BOOKS),
    Rule("category", category.category, UNMARKED, interrupts=("text",)),
    Rule("summary", section.summary, UNMARKED),
    Rule("entry", entry.entry, UNMARKED, interrupts=("text",)),
    Rule("credit", credit.credit, BOOKS, interrupts=("text", "table")),
    Rule("wrapped credit", credit.wrapped, BOOKS),
    Rule("section", section.section, UNMARKED),
    Rule("glossary", glossary.box, UNMARKED, interrupts=("text",)),
    Rule("page table", pages.table, frozenset({PAGES})),
    Rule("notes", pages.notes, frozenset({PAGES})),
    Rule("page title", pages.page_title, frozenset({PAGES})),
    Rule("page text", pages.text, frozenset({PAGES})),
    Rule("text", paragraphs.text, BOOKS),
)


def rules_for(mode: str) -> tuple[Callable[[State, int], int | None], ...]:
    return tuple(rule.apply for rule in RULES if mode in rule.modes)


def interrupting(construct: str) -> frozenset[str]:
    """The constructs that may cut `construct`'s text short (the starts pass splits only those)."""
    return frozenset(rule.name for rule in RULES if construct in rule.interrupts)
