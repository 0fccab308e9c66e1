"""The section (分目): a title of one or two short lines after the end of a block and right before an entry
(where no heading level marks it), and the overview (综述) that opens a category."""

from __future__ import annotations

from site_gen.yearbook.rules.entry import opens_entry
from site_gen.yearbook.rules.state import State
from site_gen.yearbook.rules.tables.label import table_number
from site_gen.yearbook.rules.titles import heading_like, is_english_subtitle, undoubled
from site_gen.yearbook.text import compact, join_wrapped


def summary(state: State, i: int) -> int | None:
    """`综述`: the category's overview section, wherever it stands."""
    if compact(state.blocks[i].text) != state.profile.summary or not state.category:
        return None
    state.open_section(state.profile.summary, state.blocks[i])
    return i + 1


def section(state: State, i: int) -> int | None:
    """A section heading: 1–2 short lines, after the end of a block, right before an entry."""
    lines = state.blocks
    if state.category is None or not heading_like(lines[i].text):
        return None
    previous = state.text_at(i - 1)
    after_block = state.after_block(i) or bool(table_number(previous)) or undoubled(previous) is not None \
        or is_english_subtitle(previous) or lines[i - 1].number in (state.category.span.first, state.title_last)
    if not after_block:
        return None
    for size in (2, 1):
        if i + size < len(lines) and opens_entry(lines[i + size].text) and \
                all(heading_like(lines[i + k].text) for k in range(size)):
            state.open_section(join_wrapped([lines[i + k].text for k in range(size)]), lines[i],
                               last=lines[i + size - 1].number)
            return i + size
    return None
