"""Tables printed column by column (a PDF's text of a ruled table loses its rows): each page block of a
table is its first header, that column's cells, the next header, its cells, …; the caption (`title` /
`表N`) follows the block in the body of the book and precedes it in 附录, and `续表N` marks the other blocks.

Headers are recognised by name (the profile's `table_headers`; the genre's header words for a `表N` no
table answers). A block's row count comes from its one-cell-per-line columns (numbers, dates, 文号); a
wrapped text column is cut into that many cells where its lines break short of the column width. A block
belongs to the caption next to it; a block printed away from its caption joins the table whose `续表` was
left without a block and whose headers it repeats. A block between `续表N` and the caption of a new table
opens that table (its rows are of the new table's level), and a block with no caption above it takes a
`续表N` printed after it. Merged cells start at the rows the numbering restarts, or at the first member the
entry's text lists for them.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from site_gen.yearbook.model import CONTINUATION, REPEATED_HEADER, BookIndex
from site_gen.yearbook.profiles import Profile
from site_gen.yearbook.readers.block import Block
from site_gen.yearbook.rules.caption import PHOTO_CREDIT, WIDE
from site_gen.yearbook.rules.credit import credit_line
from site_gen.yearbook.rules.tables.label import DOC_NUMBER, NUMBER, table_number
from site_gen.yearbook.rules.titles import undoubled
from site_gen.yearbook.table_model import FoundTables, Table
from site_gen.yearbook.text import compact, display_width, join_wrapped

# What the genre's column headers end in, beyond one book's vocabulary: the name of what a column holds.
_HEADER_END = re.compile(
    r"(?:名称|单位|时间|日期|年份|年度|地址|地点|序号|编号|类别|类型|人数|户数|个数|次数|面积|比例|比重|情况|"
    r"评价|姓名|称号|职务|职称|性别|级别|规模|文号|标题|案由|归口|地区|年龄段|备注|金额|数量|产量|"
    r"总量|增长|增幅|负责人|联系人|电话|荣誉|奖项|说明|指标|数值|数额|数据)$")
_UNIT = re.compile(  # `（人）`, `（万元）`, `（%）`, `（班级数/个）`
    r"[（(](?:[万亿千百]?(?:人|人次|户|个|元|美元|吨|件|次|所|家|名|辆|套|台|座|张|册|项|班|床|间|岁|年|天|"
    r"小时|米|千米|公里|平方米|平方公里|公顷|亩|千瓦时|立方米)|%|‰)(?:/[^（）()]{1,4})?[）)]$")
_HEADER_PUNCT = set("，。；：！？、,;:!?【】《》“”")
HEADER_MIN, HEADER_MAX = 2, 12  # characters of a column header
_ATOMIC = re.compile(rf"^(\d+|[\d.,]+%?|\d{{4}}-\d{{1,2}}-\d{{1,2}}|\d{{4}}年\d{{1,2}}月|—|-|{DOC_NUMBER})$")
# A list of months wrapped over lines (`2021年 4月、` / `6月`): one value; the line after a `、` continues it.
# `2021月7月` is a misprint of a month, still one value.
_MONTH_LIST = re.compile(r"^(\d{4}[年月])?\d{1,2}月(、\d{1,2}月)*、?$")
_OPEN, _CLOSE = "（(《“", "）)》”"
TOTALS = {"合计", "总计"}
SHORT_VALUE = 6  # characters: a value such as `超额完成` that never wraps


@dataclass(slots=True)
class _Block:
    start: int  # index of its first header
    end: int  # index after its last cell
    columns: list[tuple[str, list[int]]] = field(default_factory=list)  # header → cell line indexes
    header_lines: list[int] = field(default_factory=list)

    @property
    def names(self) -> list[str]:
        return [name for name, _ in self.columns]


@dataclass(slots=True)
class _Marker:
    index: int  # the `表N` / `续表N` line (or the title line of a table the book leaves unnumbered)
    number: str
    more: bool
    title_index: int | None  # the title line before `表N`


def find_column_tables(lines: list[Block], index: BookIndex | None, profile: Profile) -> FoundTables:
    """Tables printed column by column, their headers known by the profile's `table_headers`."""
    found = FoundTables()
    headers = frozenset(profile.table_headers)
    titles = {m["number"]: m["title"] for t in (index.tables if index else ())
              if (m := re.match(rf"^表\s*(?P<number>{NUMBER})(?!\d)\s*(?P<title>.+)$", t.term))}
    markers = _markers(lines, titles)
    stops = {m.index for m in markers} | {m.title_index for m in markers if m.title_index}
    blocks = _blocks(lines, stops, headers, headers.__contains__)
    owner = _assign(blocks, markers, lines, headers) if blocks else {}
    blocks += _unnamed_blocks(lines, stops, markers, blocks, owner, headers)
    if not blocks:
        return found
    blocks.sort(key=lambda block: block.start)
    tables: dict[str, Table] = {}
    for block in blocks:
        number = owner.get(block.start)
        if number is None:
            continue
        first = next((m for m in markers if m.number == number and not m.more), None)
        table = tables.get(number)
        if table is None:
            title = titles.get(number) or (join_wrapped([lines[first.title_index].text])
                                           if first and first.title_index is not None else "")
            table = Table(number, title, block.names)
            tables[number] = table
            place = first.title_index if first and first.title_index is not None else block.start
            found.at[min(place, block.start)] = table
        else:
            found.dropped += [(k, REPEATED_HEADER) for k in block.header_lines]
        table.rows += _rows(lines, block, _context(lines, block.start), profile.name_columns)
        found.consumed |= set(range(block.start, block.end))
        table.lines += [lines[block.start].number, lines[block.end - 1].number]
    for marker in markers:
        if marker.number in tables:
            found.consumed.add(marker.index)
            if marker.title_index is not None:
                found.consumed.add(marker.title_index)
                tables[marker.number].lines.append(lines[marker.title_index].number)
            if marker.more:
                found.dropped.append((marker.index, CONTINUATION))
    return found


def _unnamed_blocks(lines: list[Block], stops: set[int], markers: list[_Marker], named: list[_Block],
                    owner: dict[int, str], headers: frozenset[str]) -> list[_Block]:
    """Blocks of headers the vocabulary does not name, each right before the caption (or right after the
    `表N`) of a table no block answers; `owner` learns their tables."""
    wanting = [m for m in markers if not m.more and m.number not in owner.values()]
    if not wanting:
        return []
    taken = {k for block in named for k in range(block.start, block.end)}
    found = []
    for block in _blocks(lines, stops, headers, lambda key: is_any_header(key, headers)):
        if taken & set(range(block.start, block.end)):
            continue
        caption = next((m for m in wanting if (m.title_index if m.title_index is not None else m.index) == block.end
                        or m.index + 1 == block.start), None)
        if caption is not None:
            owner[block.start] = caption.number
            wanting.remove(caption)
            found.append(block)
    return found


def _markers(lines: list[Block], titles: dict[str, str]) -> list[_Marker]:
    result = []
    numbered = set()
    for i, line in enumerate(lines):
        match = table_number(line.text)
        if match:
            more = bool(match["more"])
            title = i - 1 if not more and i > 0 else None
            result.append(_Marker(i, match["number"], more, title))
            if not more:
                numbered.add(match["number"])
    by_title = {compact(t): n for n, t in titles.items() if n not in numbered}
    for i, line in enumerate(lines):  # a caption printed without its `表N` line
        number = by_title.get(compact(line.text))
        if number is not None:
            result.append(_Marker(i, number, False, i))
    return sorted(result, key=lambda m: m.index)


def is_any_header(key: str, headers: frozenset[str] = frozenset()) -> bool:
    """A column header of any yearbook's table: a short name for what the column holds that ends in its
    unit (`在校生（人）`) or in a word the genre's headers end in (`单位名称`, `负责人`, `开工日期`). Prose
    lines and titles end so too (`市直属单位`): such headers are tried only for a `表N` no table answers."""
    return key in headers or (HEADER_MIN <= len(key) <= HEADER_MAX and not _HEADER_PUNCT & set(key)
                              and not _ATOMIC.match(key) and bool(_UNIT.search(key) or _HEADER_END.search(key)))


def _header(lines: list[Block], i: int, headers: frozenset[str],
            accept: Callable[[str], bool]) -> tuple[str, int] | None:
    """(header, lines it takes) when line i is a column header; `获奖人` / `姓名` is one header."""
    text = compact(lines[i].text)
    if i + 1 < len(lines) and text + compact(lines[i + 1].text) in headers:
        return text + compact(lines[i + 1].text), 2
    return (text, 1) if accept(text) else None


def _blocks(lines: list[Block], stops: set[int], headers: frozenset[str],
            accept: Callable[[str], bool]) -> list[_Block]:
    blocks: list[_Block] = []
    i = 0
    while i < len(lines):
        head = _header(lines, i, headers, accept)
        if head is None:
            i += 1
            continue
        block = _Block(i, i)
        current: list[int] = []
        while i < len(lines) and i not in stops:
            head = _header(lines, i, headers, accept)
            if head is not None:
                name, size = head
                if block.columns and name == block.columns[0][0] and any(c for _, c in block.columns):
                    break  # the next page's block starts
                if block.columns and not block.columns[-1][1]:  # two header lines: one wrapped header
                    previous, _ = block.columns.pop()
                    name = previous + name
                current = []
                block.columns.append((name, current))
                block.header_lines += list(range(i, i + size))
                i += size
                continue
            text = lines[i].text
            if text.startswith("【") or credit_line(text) is not None or undoubled(text) is not None:
                break
            current.append(i)
            i += 1
        block.end = i
        _trim_last_column(lines, block)
        if len(block.columns) >= 2:
            blocks.append(block)
            i = max(block.end, block.start + 1)
        else:
            i = block.start + 1
    return blocks


def _trim_last_column(lines: list[Block], block: _Block) -> None:
    """The last column stops where its cells stop: at the block's row count, or at prose."""
    if not block.columns:
        return
    rows = _row_count(lines, block.columns[:-1]) if len(block.columns) > 1 else None
    cells = block.columns[-1][1]
    if _atomic(lines, cells[:1]):
        keep = next((k for k, c in enumerate(cells) if not _value_line(lines, cells, k)), len(cells))
    else:
        widest = max((display_width(lines[c].text) for c in cells[:rows or 0]), default=0)
        keep = next((k for k, c in enumerate(cells) if rows is not None and k >= rows and (
            lines[c].indented or PHOTO_CREDIT.search(lines[c].text) or display_width(lines[c].text) > widest * WIDE)),
            len(cells))  # running text or a photo caption after the table
    values = _values(lines, cells[:keep])
    if rows is not None and values is not None and len(values) > rows:
        keep = len([c for value in values[:rows] for c in value])
    del cells[keep:]
    block.end = (cells[-1] + 1) if cells else block.header_lines[-1] + 1


def _value_line(lines: list[Block], cells: list[int], k: int) -> bool:
    """Block k of a column is (part of) a one-line value: a number, a date, a 文号, a list of months."""
    text = compact(lines[cells[k]].text)
    return bool(_ATOMIC.match(text) or _MONTH_LIST.match(text))


def _values(lines: list[Block], cells: list[int]) -> list[list[int]] | None:
    """The column's lines grouped into values when every line is a one-line value, else None."""
    if not cells or not all(_value_line(lines, cells, k) for k in range(len(cells))):
        return None
    groups: list[list[int]] = []
    for c in cells:
        if groups and compact(lines[groups[-1][-1]].text).endswith("、"):
            groups[-1].append(c)
        else:
            groups.append([c])
    return groups


def _atomic(lines: list[Block], cells: list[int]) -> bool:
    return _values(lines, cells) is not None


def _row_count(lines: list[Block], columns: list[tuple[str, list[int]]]) -> int | None:
    """Rows of a block: from its one-value-per-line columns (numbers, dates, 文号), else from a column
    of short values (`超额完成`), else from its first column."""
    counts = [len(values) for _, cells in columns if (values := _values(lines, cells)) is not None]
    if counts:
        return max(set(counts), key=counts.count)
    short = [len(cells) for _, cells in columns
             if cells and all(len(compact(lines[c].text)) <= SHORT_VALUE for c in cells)]
    if short:
        return max(short)
    return len(columns[0][1]) if columns and columns[0][1] else None


def _rows(lines: list[Block], block: _Block, context: str, name_columns: tuple[str, ...]) -> list[list[str | None]]:
    rows = _row_count(lines, block.columns) or 0
    columns: list[list[str | None] | None] = [
        _cells(lines, cells, rows, "、" if name in name_columns else "") for name, cells in block.columns]
    for j, (_, cells) in reversed(list(enumerate(block.columns))):  # a merged cell is placed by the column beside it
        if columns[j] is None:  # fewer cells than rows: merged cells
            texts = [join_wrapped([lines[c].text]) for c in cells]
            beside = columns[j + 1] if j + 1 < len(columns) else None
            total = j > 0 and bool(block.columns[0][1]) and compact(lines[block.columns[0][1][-1]].text) in TOTALS
            spanned = _merged(texts, rows - total, _numbering_starts(lines, block, rows), beside or [], context)
            columns[j] = spanned + [""] * total  # the total row's empty cell, not part of a span
    return [[column[r] if column and r < len(column) else None for column in columns] for r in range(rows)]


def _numbering_starts(lines: list[Block], block: _Block, rows: int) -> list[int]:
    """Rows where the numbering restarts at 1 (a list of outlets by kind): the starts of merged cells."""
    numbering = next((cells for name, cells in block.columns if name == "序号" and len(cells) == rows), None)
    return [r for r, c in enumerate(numbering) if compact(lines[c].text) == "1"] if numbering else []


def _merged(texts: list[str], rows: int, numbering: list[int], beside: list[str | None],
            context: str) -> list[str | None]:
    """Merged cells, each spanning down to the next. Where each starts: at a 总计/合计 row (the last),
    at the numbering's restarts, at the first member the surrounding text lists for it
    (`人工湿地（输水河、库塘、水产养殖场和稻田）` starts at the row of 输水河), else spread evenly."""
    result: list[str | None] = [None] * rows
    texts = list(texts)
    if texts and texts[-1] in TOTALS:
        result[-1] = texts.pop()
    places = numbering if len(numbering) == len(texts) else _listed_starts(texts, beside, context)
    if places is None:
        places = [k * (rows // max(len(texts), 1)) for k in range(len(texts))]
    for place, text in zip(places, texts, strict=True):
        result[place] = text
    return result


def _listed_starts(texts: list[str], beside: list[str | None], context: str) -> list[int] | None:
    keys = [compact(cell or "") for cell in beside]
    places = []
    for text in texts:
        listed = re.search(re.escape(compact(text)) + r"（([^（）]+)）", context)
        first = re.split(r"[、，和及与]", listed.group(1))[0] if listed else None
        if first not in keys:
            return None
        places.append(keys.index(first))
    return places if places == sorted(set(places)) and places[:1] == [0] else None


def _cells(lines: list[Block], cells: list[int], rows: int, joiner: str) -> list[str | None] | None:
    """A column's lines as `rows` cells: one value each, wrapped lines joined; None when the column has
    fewer cells than rows (merged cells)."""
    values = _values(lines, cells)
    if values is not None:
        return [join_wrapped([lines[c].text for c in value]) for value in values]
    texts = [lines[c].text for c in cells]
    if len(texts) == rows:
        return [join_wrapped([t]) for t in texts]
    if len(texts) < rows:
        return None
    joins = _joins(lines, cells, len(texts) - rows)
    groups: list[list[str]] = []
    for k, text in enumerate(texts):
        if k and (k - 1) in joins:
            groups[-1].append(text)
        else:
            groups.append([text])
    return [joiner.join(join_wrapped([t]) for t in g) if joiner else join_wrapped(g) for g in groups]


def _context(lines: list[Block], start: int) -> str:
    """The entry text before a block (from its `【title】`), without line breaks or spaces."""
    first = next((k for k in range(start - 1, max(start - 300, 0) - 1, -1) if lines[k].text.startswith("【")), start)
    return compact("".join(line.text for line in lines[first:start]))


def _joins(lines: list[Block], cells: list[int], count: int) -> set[int]:
    """The `count` places (k: line k continues on line k+1) most likely to be wrapped lines."""
    widest = max(display_width(lines[c].text) for c in cells)
    scores = []
    for k in range(len(cells) - 1):
        text = lines[cells[k]].text
        score = display_width(text) / widest
        if sum(text.count(c) for c in _OPEN) > sum(text.count(c) for c in _CLOSE):
            score += 1  # an open bracket carries on
        if lines[cells[k + 1]].number == lines[cells[k]].number + 1:
            score += 0.5  # wrapped lines are printed without a blank line between
        if lines[cells[k + 1]].text[:1] in _CLOSE + "、，。；":
            score += 1
        scores.append((score, k))
    return {k for _, k in sorted(scores, reverse=True)[:count]}


def _assign(blocks: list[_Block], markers: list[_Marker], lines: list[Block],
            headers: frozenset[str]) -> dict[int, str]:
    """Which table each block belongs to (by its start index).

    A table's caption comes after its first block when a block ends right before the caption and that
    block does not itself follow a caption printed above its data; otherwise the captions (`表N`, `续表N`)
    precede their blocks."""
    def skippable(k: int) -> bool:  # credits and running heads may sit between a caption and its block
        text = lines[k].text
        return credit_line(text) is not None or bool(lines[k].indented and len(compact(text)) <= 12
                                                     and _header(lines, k, headers, headers.__contains__) is None)

    def next_to(a: int, b: int) -> bool:
        return a <= b and all(skippable(k) for k in range(a, b))

    def marker_before(block: _Block) -> _Marker | None:
        m = next((m for m in reversed(markers) if m.index < block.start), None)
        return m if m is not None and next_to(m.index + 1, block.start) else None

    def marker_after(block: _Block) -> _Marker | None:
        m = next((m for m in markers if (m.title_index if m.title_index is not None else m.index) >= block.end), None)
        start = (m.title_index if m.title_index is not None else m.index) if m else 0
        return m if m is not None and next_to(block.end, start) else None

    def continues(previous: _Block, block: _Block) -> bool:
        """`block` is the next page block of `previous`: same headers, nothing between but furniture and
        the table's own caption."""
        own = {k for m in markers if m.number == owner.get(previous.start)
               for k in (m.index, m.title_index) if k is not None}
        return previous.names == block.names and all(k in own or skippable(k) for k in range(previous.end, block.start))

    owner: dict[int, str] = {}
    caption_after: set[str] = set()
    taken: set[int] = set()  # `续表N` lines printed after the page block they label
    for block in blocks:
        above, below = marker_before(block), marker_after(block)
        opens = below is not None and not below.more and below.number not in owner.values()
        if above is not None and above.index not in taken and above.number not in caption_after and \
                not (above.more and opens):  # a new table's caption right after a block heads it
            owner[block.start] = above.number
        elif below is not None and (not below.more or below.number in caption_after):
            owner[block.start] = below.number
            caption_after.add(below.number)
        elif above is None and below is not None and below.number in owner.values() and \
                not any(b.end <= block.start and continues(b, block) for b in blocks) and \
                block.names == next(b.names for b in blocks if owner.get(b.start) == below.number):
            owner[block.start] = below.number  # a page block without caption, its `续表N` after it
            taken.add(below.index)
    names = {number: next(b.names for b in blocks if owner.get(b.start) == number) for number in set(owner.values())}
    used = {m.index for b in blocks if b.start in owner for m in (marker_before(b), marker_after(b)) if m}
    previous: _Block | None = None
    for block in blocks:  # further page blocks of a table; blocks printed away from their caption
        if block.start not in owner:
            if previous is not None and previous.start in owner and continues(previous, block):
                owner[block.start] = owner[previous.start]
            else:
                dangling = [m for m in markers if m.more and m.index not in used and m.index < block.start
                            and names.get(m.number) == block.names]
                if dangling:
                    owner[block.start] = dangling[-1].number
                    used.add(dangling[-1].index)
        previous = block
    return owner
