"""Tables printed column by column (the 2022 text): each page block of a table is its first header, that
column's cells, the next header, its cells, …; the caption (`title` / `表N`) follows the block in the
body of the book and precedes it in 附录, and `续表N` marks the other blocks.

Headers are recognised by name (the yearbook's table vocabulary below). A block's row count comes from
its one-cell-per-line columns (numbers, dates, 文号); a wrapped text column is cut into that many cells
where its lines break short of the column width. A block belongs to the caption next to it; a block
printed away from its caption (表11, 表12) joins the table whose `续表` was left without a block and whose
headers it repeats.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from site_gen.yearbook.book_index import BookIndex
from site_gen.yearbook.captions import PHOTO_CREDIT, WIDE
from site_gen.yearbook.model import CONTINUATION, REPEATED_HEADER
from site_gen.yearbook.rules import credit_line, undoubled
from site_gen.yearbook.source import Line
from site_gen.yearbook.table_model import DOC_NUMBER, FoundTables, Table, table_number
from site_gen.yearbook.text import compact, display_width, join_wrapped

# Column headers of yearbook tables, as printed (spaces removed).
HEADERS = frozenset({
    "文号", "发文日期", "文件标题", "序号", "类别", "网点名称", "地址", "街道",
    "地区", "所辖社区（行政村）", "户籍人口（人）", "流动人口（人）", "湿地类", "湿地型",
    "面积（公顷）", "比例（%）", "实事项目名称", "完成情况", "完成度", "案由", "提案人",
    "提案归口", "办理情况", "满意度评价", "学校名称", "学校规模（班级数/个）", "占地面积",
    "建筑面积", "占地面积（平方米）", "建筑面积（平方米）", "卫生机构名称", "年末实有数",
    "卫生技术人员类别", "年末实有数（人）", "社区、村个数（个）", "人口数（人）", "年龄段",
    "人数（人）", "占总量比重（%）", "获奖单位", "获奖人", "获奖人姓名", "先进荣誉（称号）",
    "颁奖单位", "颁奖时间",
})
_ATOMIC = re.compile(rf"^(\d+|[\d.,]+%?|\d{{4}}-\d{{1,2}}-\d{{1,2}}|\d{{4}}年\d{{1,2}}月|—|-|{DOC_NUMBER})$")
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


def find_column_tables(lines: list[Line], index: BookIndex | None) -> FoundTables:
    found = FoundTables()
    titles = {m["number"]: m["title"] for t in (index.tables if index else ())
              if (m := re.match(r"^表\s*(?P<number>\d+)\s*(?P<title>.+)$", t.term))}
    markers = _markers(lines, titles)
    blocks = _blocks(lines, {m.index for m in markers} | {m.title_index for m in markers if m.title_index})
    if not blocks:
        return found
    owner = _assign(blocks, markers, lines)
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
        table.rows += _rows(lines, block)
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


def _markers(lines: list[Line], titles: dict[str, str]) -> list[_Marker]:
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
    for i, line in enumerate(lines):  # a caption printed without its `表N` line (表22)
        number = by_title.get(compact(line.text))
        if number is not None:
            result.append(_Marker(i, number, False, i))
    return sorted(result, key=lambda m: m.index)


def _header(lines: list[Line], i: int) -> tuple[str, int] | None:
    """(header, lines it takes) when line i is a column header; `获奖人` / `姓名` is one header."""
    text = compact(lines[i].text)
    if i + 1 < len(lines) and text + compact(lines[i + 1].text) in HEADERS:
        return text + compact(lines[i + 1].text), 2
    return (text, 1) if text in HEADERS else None


def _blocks(lines: list[Line], stops: set[int]) -> list[_Block]:
    blocks: list[_Block] = []
    i = 0
    while i < len(lines):
        head = _header(lines, i)
        if head is None:
            i += 1
            continue
        block = _Block(i, i)
        current: list[int] = []
        while i < len(lines) and i not in stops:
            head = _header(lines, i)
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


def _trim_last_column(lines: list[Line], block: _Block) -> None:
    """The last column stops where its cells stop: at the block's row count, or at prose."""
    if not block.columns:
        return
    rows = _row_count(lines, block.columns[:-1]) if len(block.columns) > 1 else None
    cells = block.columns[-1][1]
    if _atomic(lines, cells[:1]):
        keep = next((k for k, c in enumerate(cells) if not _ATOMIC.match(compact(lines[c].text))), len(cells))
    else:
        widest = max((display_width(lines[c].text) for c in cells[:rows or 0]), default=0)
        keep = next((k for k, c in enumerate(cells) if rows is not None and k >= rows and (
            lines[c].indented or PHOTO_CREDIT.search(lines[c].text) or display_width(lines[c].text) > widest * WIDE)),
            len(cells))  # running text or a photo caption after the table
    if rows is not None and _atomic(lines, cells[:keep]):
        keep = min(keep, rows)
    del cells[keep:]
    block.end = (cells[-1] + 1) if cells else block.header_lines[-1] + 1


def _atomic(lines: list[Line], cells: list[int]) -> bool:
    return bool(cells) and all(_ATOMIC.match(compact(lines[c].text)) for c in cells)


def _row_count(lines: list[Line], columns: list[tuple[str, list[int]]]) -> int | None:
    """Rows of a block: from its one-value-per-line columns (numbers, dates, 文号), else from a column
    of short values (`超额完成`), else from its first column."""
    counts = [len(cells) for _, cells in columns if _atomic(lines, cells)]
    if counts:
        return max(set(counts), key=counts.count)
    short = [len(cells) for _, cells in columns
             if cells and all(len(compact(lines[c].text)) <= SHORT_VALUE for c in cells)]
    if short:
        return max(short)
    return len(columns[0][1]) if columns and columns[0][1] else None


def _rows(lines: list[Line], block: _Block) -> list[list[str | None]]:
    rows = _row_count(lines, block.columns) or 0
    starts = _group_starts(lines, block, rows)
    columns = [_cells(lines, cells, rows, starts) for _, cells in block.columns]
    result: list[list[str | None]] = []
    for r in range(rows):
        result.append([column[r] if r < len(column) else None for column in columns])
    return result


def _group_starts(lines: list[Line], block: _Block, rows: int) -> list[int]:
    """Rows where a merged cell starts: where the numbering restarts at 1 (表11's 寄递网点, 邮政营业网点),
    and the total row (总计, 合计) when the first column ends with one."""
    numbering = next((cells for name, cells in block.columns if name == "序号" and len(cells) == rows), None)
    if numbering:
        return [r for r, c in enumerate(numbering) if compact(lines[c].text) == "1"]
    return [0]


def _cells(lines: list[Line], cells: list[int], rows: int, starts: list[int]) -> list[str | None]:
    """A column's lines as `rows` cells: one line each, wrapped lines joined, or merged cells spread."""
    texts = [lines[c].text for c in cells]
    if len(texts) == rows or _atomic(lines, cells):
        return [join_wrapped([t]) for t in texts]
    if len(texts) > rows:
        joins = _joins(lines, cells, len(texts) - rows)
        groups: list[list[str]] = []
        for k, text in enumerate(texts):
            if k and (k - 1) in joins:
                groups[-1].append(text)
            else:
                groups.append([text])
        return [join_wrapped(g) for g in groups]
    # fewer cells than rows: merged cells, each spanning down to the next
    result: list[str | None] = [None] * rows
    if texts and compact(texts[-1]) in TOTALS:
        result[-1] = join_wrapped([texts.pop()])
    places = starts if len(starts) == len(texts) else [k * (rows // max(len(texts), 1)) for k in range(len(texts))]
    for place, text in zip(places, texts, strict=True):
        result[place] = join_wrapped([text])
    return result


def _joins(lines: list[Line], cells: list[int], count: int) -> set[int]:
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


def _assign(blocks: list[_Block], markers: list[_Marker], lines: list[Line]) -> dict[int, str]:
    """Which table each block belongs to (by its start index).

    A table's caption comes after its first block when a block ends right before the caption and that
    block does not itself follow a caption printed above its data; otherwise the captions (`表N`, `续表N`)
    precede their blocks."""
    def skippable(k: int) -> bool:  # credits and running heads may sit between a caption and its block
        text = lines[k].text
        return credit_line(text) is not None or bool(lines[k].indented and len(compact(text)) <= 12
                                                     and _header(lines, k) is None)

    def next_to(a: int, b: int) -> bool:
        return a <= b and all(skippable(k) for k in range(a, b))

    def marker_before(block: _Block) -> _Marker | None:
        m = next((m for m in reversed(markers) if m.index < block.start), None)
        return m if m is not None and next_to(m.index + 1, block.start) else None

    def marker_after(block: _Block) -> _Marker | None:
        m = next((m for m in markers if (m.title_index if m.title_index is not None else m.index) >= block.end), None)
        start = (m.title_index if m.title_index is not None else m.index) if m else 0
        return m if m is not None and next_to(block.end, start) else None

    owner: dict[int, str] = {}
    caption_after: set[str] = set()
    for block in blocks:
        above, below = marker_before(block), marker_after(block)
        if above is not None and above.number not in caption_after:
            owner[block.start] = above.number
        elif below is not None and (not below.more or below.number in caption_after):
            owner[block.start] = below.number
            caption_after.add(below.number)
    names = {number: next(b.names for b in blocks if owner.get(b.start) == number) for number in set(owner.values())}
    used = {m.index for b in blocks if b.start in owner for m in (marker_before(b), marker_after(b)) if m}
    previous: _Block | None = None
    for block in blocks:  # further page blocks of a table; blocks printed away from their caption
        if block.start not in owner:
            if previous is not None and previous.start in owner and previous.names == block.names and \
                    next_to(previous.end, block.start):
                owner[block.start] = owner[previous.start]
            else:
                dangling = [m for m in markers if m.more and m.index not in used and m.index < block.start
                            and names.get(m.number) == block.names]
                if dangling:
                    owner[block.start] = dangling[-1].number
                    used.add(dangling[-1].index)
        previous = block
    return owner
