"""Tables the reader found as delimited rows (tabs, pipes, box drawing, HTML: readers/delimited.py), with
their labels: a `表N title` (or a title line over `表N`) before the rows numbers and titles the table; rows
without one are still a table, unnumbered, if at least two rows of at least two cells stand together (a
drawn box of one row too). Rows that are no table are given back as lines of text.
"""

from __future__ import annotations

from site_gen.yearbook.readers.block import TABLE, Block
from site_gen.yearbook.rules.tables.label import LABEL
from site_gen.yearbook.table_model import FoundTables, Table
from site_gen.yearbook.text import PARAGRAPH_ENDS, compact, normalise_spaces

SENTENCE_ENDS = "。！？；…"  # a title's line may end with `（单位）` or a quote, never with these
TITLE_MAX = 60  # characters: a table title printed on the line above its number is no longer
MIN_ROWS = 2  # rows that make an unlabelled table (a header and a row)


def untabled(blocks: list[Block]) -> list[Block]:
    """The blocks with each run of delimited rows that is no table (one row, undrawn; or one column and no
    label) given back as its lines."""
    result: list[Block] = []
    for k, block in enumerate(blocks):
        if block.kind != TABLE or _is_table(block, _labelled(blocks, k) is not None):
            result.append(block)
        else:
            result += block.lines
    return result


def delimited_tables(blocks: list[Block]) -> FoundTables:
    """The table blocks as tables, each placed at its label (or its first row) and consuming its label."""
    found = FoundTables()
    for k, block in enumerate(blocks):
        if block.kind != TABLE:
            continue
        label = _labelled(blocks, k)
        start, number, title = label if label else (k, None, "")
        width = max(len(row) for row in block.rows)
        padded: list[list[str | None]] = [[*row, *[""] * (width - len(row))] for row in block.rows]
        found.at[start] = Table(number, title, [cell or "" for cell in padded[0]], padded[1:],
                                [blocks[start].number, block.last])
        found.consumed |= set(range(start, k + 1))
    return found


def _is_table(block: Block, labelled: bool) -> bool:
    return len(block.rows) >= (1 if block.drawn else MIN_ROWS) and (labelled or max(len(r) for r in block.rows) >= 2)


def _labelled(blocks: list[Block], k: int) -> tuple[int, str, str] | None:
    """(index of the label's first line, number, title) of the label the table at `k` follows: `表N title`
    right above it, or above the lines the title wrapped over (up to TITLE_MAX characters)."""
    for i in range(k - 1, -1, -1):
        if blocks[i].kind != "text":
            return None
        label = _label(blocks, i)
        if label is not None:
            start, number, title = label
            if i == k - 1:
                return label
            whole = _title_goes_on(blocks, i + 1, k, title) if title else None
            return (start, number, whole) if whole is not None else None
        if blocks[i].text[-1:] in SENTENCE_ENDS or len(compact("".join(b.text for b in blocks[i:k]))) > TITLE_MAX:
            return None
    return None


def _title_goes_on(blocks: list[Block], j: int, k: int, title: str) -> str | None:
    """A label's title wrapped over the lines `j`…`k-1` before the rows: the whole title, if it stays a title."""
    for m in range(j, k):
        if blocks[m].text[-1:] in SENTENCE_ENDS or \
                len(compact(title + "".join(block.text for block in blocks[j:m + 1]))) > TITLE_MAX:
            return None
    return normalise_spaces(" ".join([title, *(block.text for block in blocks[j:k])]))


def _label(blocks: list[Block], i: int) -> tuple[int, str, str] | None:
    """(index of the label's first line, number, title) of a table label on line `i`."""
    match = LABEL.match(blocks[i].text)
    if not match:
        return None
    if match.group(2):
        return i, match.group(1), normalise_spaces(match.group(2))
    above = blocks[i - 1] if i > 0 else None
    if above is not None and above.kind != TABLE and above.text and len(compact(above.text)) <= TITLE_MAX \
            and above.text[-1:] not in PARAGRAPH_ENDS:
        return i - 1, match.group(1), normalise_spaces(above.text)  # the title printed above its number
    return i, match.group(1), ""
