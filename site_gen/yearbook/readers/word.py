"""A Word manuscript (.docx, as Word and WPS save it) read as the Markdown shape (readers.py) reads:
a heading style gives the level (`Heading 2`, `标题 2`), or an outline level (大纲级别) set on the
paragraph or its style; every other paragraph is a line, a Word table
is a pipe table. One line per paragraph, so a place in the manuscript is its paragraph's number.

python-docx reads the file: the Office Open XML format is large, and a reader of our own would miss
what it handles (styles by name or id, nested runs, merged cells)."""

from __future__ import annotations

import functools
import html
import re
import zipfile
from collections.abc import Callable
from io import BytesIO
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # python-docx (and lxml under it) is imported only when a manuscript is read: 60 ms
    from docx.document import Document
    from docx.oxml.xmlchemy import BaseOxmlElement
    from docx.table import Table
    from docx.text.paragraph import Paragraph

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
# Not text a reader sees: deletions, field codes, the copy of a drawing for old readers, run properties.
_SKIPPED = frozenset({_W + "del", _W + "delText", _W + "instrText", _W + "rPr", _W + "pPr",
                      "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"})
_NOTE_KINDS = ("footnotes", "endnotes")  # the parts a manuscript's notes are stored in
NOTE_MARK = "注："  # opens a note's text, after the paragraph that refers to it
_HEADING_STYLE = re.compile(r"^(?:heading|标题)\s*(\d)$", re.IGNORECASE)
_OUTLINE_LEVEL, _VALUE = _W + "outlineLvl", _W + "val"
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

    document = docx.Document(BytesIO(data))
    return "\n".join(_Reader(document).blocks(document.element.body)) + "\n"


class _Reader:
    """Reads a manuscript's XML: python-docx's `text` drops tracked insertions, content controls, text
    boxes and notes, which a manuscript under edit holds."""

    def __init__(self, document: Document) -> None:
        from docx.oxml import parse_xml

        self.document = document
        self.notes: dict[tuple[str, str], BaseOxmlElement] = {}  # (`footnote`/`endnote`, id) → the note
        for rel in document.part.rels.values():
            kind = rel.reltype.rsplit("/", 1)[-1]
            if kind in _NOTE_KINDS and not rel.is_external:
                for note in parse_xml(rel.target_part.blob).iterchildren(_W + kind[:-1]):
                    if note.get(_W + "type") is None:  # (not the separator lines Word stores as notes)
                        self.notes[(kind[:-1], note.get(_W + "id", ""))] = note

    def blocks(self, container: BaseOxmlElement) -> list[str]:
        """The lines of a body, a content control, a text box or a note: its paragraphs (each followed by
        the text boxes and notes anchored in it) and its tables."""
        from docx.table import Table
        from docx.text.paragraph import Paragraph

        lines: list[str] = []
        for element in container:
            if element.tag == _W + "p":
                anchored: list[BaseOxmlElement] = []
                text = " ".join(self.text(element, anchored).split("\n")).strip()
                if text:
                    lines.append(_heading(Paragraph(element, self.document)) + text)
                lines += self.anchored_lines(anchored)
            elif element.tag == _W + "tbl":
                in_cells: list[BaseOxmlElement] = []  # a footnote cited in a cell follows the table
                lines += _rows(Table(element, self.document), functools.partial(self.text, anchored=in_cells))
                lines += self.anchored_lines(in_cells)
            elif element.tag == _W + "sdt":
                content = element.find(_W + "sdtContent")
                if content is not None:
                    lines += self.blocks(content)
        return lines

    def anchored_lines(self, anchored: list[BaseOxmlElement]) -> list[str]:
        """The lines of the text boxes and notes anchored in a paragraph or a table (a 资料 box, a footnote),
        to follow it; a note's opening with `注：`."""
        lines: list[str] = []
        for inner in anchored:
            inner_lines = self.blocks(inner)
            if inner.tag != _W + "txbxContent" and inner_lines:
                inner_lines[0] = NOTE_MARK + inner_lines[0]
            lines += inner_lines
        return lines

    def text(self, element: BaseOxmlElement, anchored: list[BaseOxmlElement]) -> str:
        """A paragraph's text as the reader sees it: tracked insertions in, deletions out. Text boxes (once:
        Word writes each twice, for new readers and old) and notes go to `anchored`."""
        parts: list[str] = []
        for child in element:
            tag = child.tag
            if tag == _W + "t":
                parts.append(child.text or "")
            elif tag == _W + "tab":
                parts.append("\t")
            elif tag in (_W + "br", _W + "cr"):
                parts.append("\n")
            elif tag == _W + "txbxContent":
                anchored.append(child)
            elif tag in (_W + "footnoteReference", _W + "endnoteReference"):
                note = self.notes.get((tag.removeprefix(_W).removesuffix("Reference"), child.get(_W + "id", "")))
                if note is not None:
                    anchored.append(note)
            elif tag not in _SKIPPED:
                parts.append(self.text(child, anchored))
        return "".join(parts)


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


def _rows(table: Table, read: Callable[[BaseOxmlElement], str]) -> list[str]:
    """Each row as `| a | b |`; a table with merged cells as one line of HTML with their row and column
    spans (python-docx repeats a merged cell's text in every cell it covers, and a pipe row cannot merge)."""
    placed = _placed(table, read)
    if any(span > 1 or merge is not None for cells in placed for _, span, merge, _ in cells):
        return ["<table>" + "".join("<tr>" + "".join(row) + "</tr>" for row in _merged_grid(placed)) + "</table>"]
    return ["| " + " | ".join(text.replace("|", "\\|") for *_, text in cells) + " |" for cells in placed]


def _placed(table: Table, read: Callable[[BaseOxmlElement], str]) -> list[list[tuple[int, int, str | None, str]]]:
    """Per row, each cell Word stores (`<w:tc>`, once however far it spans): (grid column, column span,
    `vMerge`, text with its spacing normalised)."""
    placed = []
    for row in table.rows:
        column, cells = row.grid_cols_before, []
        for tc in row._tr.tc_lst:
            text = " ".join(read(paragraph) for paragraph in tc.iterchildren(_W + "p"))
            cells.append((column, tc.grid_span, tc.vMerge, " ".join(text.split())))
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
