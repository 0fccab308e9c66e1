"""Tables the reader found as delimited rows (tabs, pipes, box drawing, HTML: readers/delimited.py), with
their labels: a `表N title` (or a title line over `表N`) before the rows numbers and titles the table; rows
without one are still a table, unnumbered, if at least two rows of at least two cells stand together (a
drawn box of one row too), titled by a line over it that a 志 centres or ends with 表 (`…一览表`). A `续表N` (or a
bare `（续表）` over rows as wide) continues the table before: its rows join it, its repeated header and the
mark are reported as left out. Rows that are no table are given back as lines of text.
"""

from __future__ import annotations

import re

from site_gen.yearbook.model import CONTINUATION, REPEATED_HEADER, Dropped
from site_gen.yearbook.readers.block import TABLE, TEXT, Block
from site_gen.yearbook.rules.tables.label import LABEL
from site_gen.yearbook.table_model import FoundTables, Table
from site_gen.yearbook.text import PARAGRAPH_ENDS, compact, normalise_spaces

SENTENCE_ENDS = "。！？；…"  # a title's line may end with `（单位）` or a quote, never with these
_SENTENCE = set("，。；！？")
_CONTINUED = re.compile(r"^[（(]?续表[）)]?(?:\s*单\s*位\s*[:：].*)?$")  # a continuation's mark, no number
_UNIT = re.compile(r"^单\s*位\s*[:：]")
_BRACKETED = re.compile(r"^[（(][^（）()]{1,30}[）)]$")
_TABLE_WORDS = ("表", "一览", "统计", "情况")  # how a table's title ends
CENTRED = 8  # spaces before a line a 志 centres over its table
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
    """The table blocks as tables, each placed at its label (or its first row) and consuming its label; a
    continuation's rows joined to the table they continue."""
    found = FoundTables()
    last: Table | None = None
    for k, block in enumerate(blocks):
        if block.kind != TABLE:
            continue
        rows = _padded(block.rows)
        label = _labelled(blocks, k)
        mark = k - 1 if label is None and k and _CONTINUED.match(normalise_spaces(blocks[k - 1].text)) else None
        if label is not None and blocks[label[0]].text.startswith("续"):
            mark, label = label[0], None  # `续表4`: the table it continues, if it has as many columns
        if last is not None and mark is not None and len(rows[0]) == len(last.columns):
            _continue(found, last, rows, block, mark, k)
            continue
        titled = None
        if mark is not None:  # the columns a table too wide for the page continues with: a table of their own
            start, number = mark, None
            title = normalise_spaces(f"{last.title} {blocks[mark].text}" if last else blocks[mark].text)
        else:
            titled = _titled(blocks, k) if label is None else None
            start, number, title = label or titled or (k, None, "")
        last = Table(number, title, [cell or "" for cell in rows[0]], rows[1:], [blocks[start].number, block.last])
        found.at[start] = last
        found.consumed |= {start, k} | _subtitle(blocks, start, k) if titled else set(range(start, k + 1))
    return found


def _padded(rows: tuple[tuple[str | None, ...], ...]) -> list[list[str | None]]:
    width = max(len(row) for row in rows)
    return [[*row, *[""] * (width - len(row))] for row in rows]


def _continue(found: FoundTables, table: Table, rows: list[list[str | None]], block: Block, mark: int, k: int) -> None:
    """A continuation's rows joined to `table`, its mark and the header it repeats reported as left out."""
    found.dropped.append((mark, CONTINUATION))
    header = [cell or "" for cell in rows[0]]
    if header == table.columns:
        found.repeated.append(Dropped(block.number, " ".join(header), REPEATED_HEADER))
        rows = rows[1:]
    table.rows += rows
    table.lines.append(block.last)
    found.consumed |= set(range(mark, k + 1))


def _titled(blocks: list[Block], k: int) -> tuple[int, None, str] | None:
    """(index, no number, title) of an unnumbered table's title: the line over it (or over its unit note),
    centred as a 志 prints it or ending with 表, no sentence; with the bracketed line under it, if any
    (`（当年4-3月）`)."""
    subtitle = ""
    for i in (k - 1, k - 2, k - 3):
        if i < 0 or blocks[i].kind != TEXT or blocks[i].level:
            return None
        text = blocks[i].text
        if _UNIT.match(text) and i == k - 1:
            continue  # `单位：万元` stays text; the title is over it
        if _BRACKETED.match(text) and not subtitle and blocks[i].indent >= CENTRED:
            subtitle = text
            continue
        key = compact(text)
        if len(key) <= TITLE_MAX and text[-1:] not in PARAGRAPH_ENDS and not _SENTENCE & set(key) \
                and (blocks[i].indent >= CENTRED or key.endswith(_TABLE_WORDS)):
            return i, None, normalise_spaces(f"{text} {subtitle}")
        return None
    return None


def _subtitle(blocks: list[Block], start: int, k: int) -> set[int]:
    """The bracketed line under a title, read into it (a unit note stays text)."""
    return {i for i in range(start + 1, k) if _BRACKETED.match(blocks[i].text)}


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
    number = compact(match.group(1))
    if match.group(2):
        return i, number, normalise_spaces(match.group(2))
    above = blocks[i - 1] if i > 0 else None
    if above is not None and above.kind != TABLE and above.text and len(compact(above.text)) <= TITLE_MAX \
            and above.text[-1:] not in PARAGRAPH_ENDS:
        return i - 1, number, normalise_spaces(above.text)  # the title printed above its number
    return i, number, ""
