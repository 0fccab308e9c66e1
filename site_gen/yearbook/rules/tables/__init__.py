"""Tables: delimited rows (delimited.py), tables PDF text flattened row by row (rows.py) or column by column
(columns.py), and their labels (label.py). Found before the walk; the rule places each where it stands."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the state imports the table modules; the rule only reads it
    from site_gen.yearbook.rules.state import State


def table(state: State, i: int) -> int | None:
    """A line a table was rebuilt from: the table where it is placed, nothing for its other lines."""
    if i not in state.tables.consumed:
        return None
    found = state.tables.at.get(i)
    if found is not None:
        state.add(found, min(found.lines), max(found.lines))
    return i + 1
