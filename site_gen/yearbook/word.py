"""A Word manuscript (.docx, as Word and WPS save it) read as the Markdown shape (readers.py) reads:
a heading style gives the level (`Heading 2`, `标题 2`), every other paragraph is a line, a Word table
is a pipe table. One line per paragraph, so a place in the manuscript is its paragraph's number.

python-docx reads the file: the Office Open XML format is large, and a reader of our own would miss
what it handles (styles by name or id, nested runs, merged cells)."""

from __future__ import annotations

import re
import zipfile
from io import BytesIO
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # python-docx (and lxml under it) is imported only when a manuscript is read: 60 ms
    from docx.table import Table
    from docx.text.paragraph import Paragraph

_HEADING_STYLE = re.compile(r"^(?:heading|标题)\s*(\d)$", re.IGNORECASE)


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
    style = paragraph.style.name if paragraph.style is not None else ""
    match = _HEADING_STYLE.match(style or "")
    return "#" * int(match.group(1)) + " " if match else ""


def _rows(table: Table) -> list[str]:
    """Each row as `| a | b |`; a cell merged over rows repeats its text, as python-docx gives it."""
    rows = []
    for row in table.rows:
        cells = [" ".join(cell.text.split()).replace("|", "\\|") for cell in row.cells]
        rows.append("| " + " | ".join(cells) + " |")
    return rows
