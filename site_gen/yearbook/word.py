"""A Word manuscript (.docx, as Word and WPS save it) read as the Markdown shape (readers.py) reads:
a heading style gives the level (`Heading 2`, `标题 2`), or an outline level (大纲级别) set on the
paragraph or its style; every other paragraph is a line, a Word table
is a pipe table. One line per paragraph, so a place in the manuscript is its paragraph's number.

python-docx reads the file: the Office Open XML format is large, and a reader of our own would miss
what it handles (styles by name or id, nested runs, merged cells)."""

from __future__ import annotations

import html
import re
import zipfile
from io import BytesIO
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # python-docx (and lxml under it) is imported only when a manuscript is read: 60 ms
    from docx.table import Table
    from docx.text.paragraph import Paragraph

_HEADING_STYLE = re.compile(r"^(?:heading|标题)\s*(\d)$", re.IGNORECASE)
_WORD = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_OUTLINE_LEVEL, _VALUE = _WORD + "outlineLvl", _WORD + "val"
BODY_TEXT_LEVEL = 9  # outline level 0–8 is a heading's (1–9); 9 is body text


def is_word(data: bytes) -> bool:
    """A ZIP archive holding a Word document's main part."""
    try:
        with zipfile.ZipFile(BytesIO(data)) as archive:
            return "word/document.xml" in archive.namelist()
    except zipfile.BadZipFile:
        return False


def word_text(data: bytes) -> str:
    """The manuscript as Markdown text: headings `#`, paragraphs, tables as pipe rows, in body order."""
    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    document = docx.Document(BytesIO(data))
    lines: list[str] = []
    for block in document.iter_inner_content():
        if isinstance(block, Paragraph):
            text = " ".join(block.text.split("\n")).strip()
            if text:
                lines.append(_heading(block) + text)
        elif isinstance(block, Table):
            lines += _rows(block)
    return "\n".join(lines) + "\n"


def _heading(paragraph: Paragraph) -> str:
    """`#`s for a heading's level: its heading style, else the outline level (大纲级别) set on the paragraph
    or its style, as offices mark headings without Word's heading styles."""
    style = paragraph.style
    match = _HEADING_STYLE.match(style.name or "" if style is not None else "")
    if match:
        return "#" * int(match.group(1)) + " "
    for properties in (paragraph._p.pPr, style.element.pPr if style is not None else None):
        level = properties.find(_OUTLINE_LEVEL) if properties is not None else None
        if level is not None and (value := level.get(_VALUE, "")).isdigit() and int(value) < BODY_TEXT_LEVEL:
            return "#" * (int(value) + 1) + " "
    return ""


def _rows(table: Table) -> list[str]:
    """Each row as `| a | b |`; a table with merged cells as one line of HTML with their row and column
    spans (python-docx repeats a merged cell's text in every cell it covers, and a pipe row cannot merge)."""
    placed = _placed(table)
    if any(span > 1 or merge is not None for cells in placed for _, span, merge, _ in cells):
        return ["<table>" + "".join("<tr>" + "".join(row) + "</tr>" for row in _merged_grid(placed)) + "</table>"]
    return ["| " + " | ".join(text.replace("|", "\\|") for *_, text in cells) + " |" for cells in placed]


def _placed(table: Table) -> list[list[tuple[int, int, str | None, str]]]:
    """Per row, each cell Word stores (`<w:tc>`, once however far it spans): (grid column, column span,
    `vMerge`, text with its spacing normalised)."""
    from docx.table import _Cell

    placed = []
    for row in table.rows:
        column, cells = row.grid_cols_before, []
        for tc in row._tr.tc_lst:
            cells.append((column, tc.grid_span, tc.vMerge, " ".join(_Cell(tc, table).text.split())))
            column += tc.grid_span
        placed.append(cells)
    return placed


def _merged_grid(placed: list[list[tuple[int, int, str | None, str]]]) -> list[list[str]]:
    """The rows as `<td>` cells with their spans. A cell Word merges down (`vMerge`) opens with `restart`
    and is continued in the rows below at the same grid column."""
    grid = []
    for r, cells in enumerate(placed):
        out = []
        for column, span, merge, text in cells:
            if merge == "continue":
                continue  # covered by the cell above
            down = 1
            while r + down < len(placed) and any(c == column and m == "continue" for c, _, m, _ in placed[r + down]):
                down += 1
            spans = (f' rowspan="{down}"' if down > 1 else "") + (f' colspan="{span}"' if span > 1 else "")
            out.append(f"<td{spans}>{html.escape(text)}</td>")
        grid.append(out)
    return grid
