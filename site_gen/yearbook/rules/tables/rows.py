"""Tables printed row by row with space-separated cells (a PDF's text of a table without rules).

    2023 年中共某县委重要文件题录            ← title
    表 2                                     ← number (`续表 2` before or after a continuation)
    发文字号 发文日期 文件标题               ← header, repeated after a page break
    上委〔2018〕1号 2018-01-08               ← a row: number and date, then the title
    中共某县委关于…                          ← the title goes on over 1–3 lines

A document register's rows start at a 文号 and date; a numbered table's rows start at `1`, `2`, … and its
two text cells are told apart by where the first one stops short of the line width.
"""

from __future__ import annotations

import re

from site_gen.yearbook.model import CONTINUATION, REPEATED_HEADER
from site_gen.yearbook.readers.block import Block
from site_gen.yearbook.rules.credit import credit_line
from site_gen.yearbook.rules.tables.label import DOC_NUMBER, table_number
from site_gen.yearbook.table_model import FoundTables, Table
from site_gen.yearbook.text import compact, display_width, join_wrapped

DOC_ROW = re.compile(rf"^(?P<no>{DOC_NUMBER})\s+(?P<date>\d{{4}}-\d{{1,2}}-\d{{1,2}})\s*(?P<title>.*)$")
_HEADER_WORD = re.compile(r"^[\u4e00-\u9fff]{2,8}(（[^（）]{1,6}）)?$")  # `发文日期`, `面积（亩）`
RESULT_OPENER = "完成"  # the 完成情况 cell usually opens with it
SHORT_SLACK = 1.5  # cells: a line this much narrower than the row's widest line ends its cell


def is_header(text: str) -> bool:
    words = text.split()
    return len(words) >= 2 and all(_HEADER_WORD.match(word) for word in words)


def find_row_tables(lines: list[Block]) -> FoundTables:
    found = FoundTables()
    tables: dict[str, Table] = {}
    for i, line in enumerate(lines):
        match = table_number(line.text)
        if match is None or i + 1 >= len(lines) or not is_header(lines[i + 1].text) or i in found.consumed:
            continue
        header = lines[i + 1].text.split()
        number = match["number"]
        table = tables.get(number) if match["more"] else None
        if table is None:
            if match["more"] or i == 0:
                continue
            table = Table(number, join_wrapped([lines[i - 1].text]), [join_wrapped([w]) for w in header])
            tables[number] = table
            found.at[i - 1] = table
            found.consumed |= {i - 1, i, i + 1}
            table.lines += [lines[i - 1].number]
        else:
            found.dropped += [(i, CONTINUATION), (i + 1, REPEATED_HEADER)]
            found.consumed |= {i, i + 1}
        end = _read_rows(lines, i + 2, table, found)
        table.lines.append(lines[end - 1].number)
    return found


def _read_rows(lines: list[Block], j: int, table: Table, found: FoundTables) -> int:
    """Read rows from line `j`; returns the index after the table's last line."""
    header = compact("".join(table.columns))
    register = "文号" in table.columns[0] or "字号" in table.columns[0]
    rows: list[list[str]] = []  # a register's rows: number, date, title
    numbered: list[tuple[str, list[Block]]] = []  # a numbered table's rows: number, lines of its text cells
    while j < len(lines):
        line = lines[j]
        text = line.text
        number = table_number(text)
        if compact(text) == header:
            found.dropped.append((j, REPEATED_HEADER))
        elif number is not None and number["more"] and number["number"] == table.number and \
                not (j + 1 < len(lines) and is_header(lines[j + 1].text)):
            found.dropped.append((j, CONTINUATION))  # printed after the rows it continues
            found.consumed.add(j)
            j += 1
            break
        elif register and (row := DOC_ROW.match(text)) is not None:
            rows.append([join_wrapped([row["no"]]), row["date"], row["title"]])
        elif not register and (start := re.match(rf"^{len(numbered) + 1}(?:\s+(?P<rest>.+))?$", text)):
            numbered.append((str(len(numbered) + 1), [Block(line.number, start["rest"], False)]
                             if start["rest"] else []))
        elif (rows or numbered) and not line.indented and not text.startswith("【") and \
                credit_line(text) is None and table_number(text) is None:
            if register:
                rows[-1][2] = join_wrapped([rows[-1][2], text]) if rows[-1][2] else join_wrapped([text])
            else:
                numbered[-1][1].append(line)
        else:
            break
        found.consumed.add(j)
        j += 1
    if register:
        table.rows += [[no, date, join_wrapped([title])] for no, date, title in rows]
    else:
        table.rows += [[number, *_two_cells(cell_lines)] for number, cell_lines in numbered]
    return j


def _two_cells(lines: list[Block]) -> list[str]:
    """A project and its result, wrapped one after the other: the first cell ends at a line that
    stops short of the widest line, or where a line opens with 完成."""
    if not lines:
        return ["", ""]
    widest = max(display_width(line.text) for line in lines)
    for k in range(1, len(lines)):
        if display_width(lines[k - 1].text) <= widest - SHORT_SLACK or lines[k].text.startswith(RESULT_OPENER):
            return [join_wrapped([x.text for x in lines[:k]]), join_wrapped([x.text for x in lines[k:]])]
    return [join_wrapped([x.text for x in lines]), ""]
