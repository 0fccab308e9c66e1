"""The block stream: what every reader emits and the structurer (structure.py) reads, whatever the shape.

A block is typography, never the genre: a line or paragraph of text, a heading at a marked level, a table's
delimited rows, an image, a comment a converter left. Whether a line is a category, an entry or a credit is
for the rules to say (rules/).
"""

from __future__ import annotations

from typing import NamedTuple

from site_gen.yearbook.text import clean_text

TEXT, TABLE, IMAGE, COMMENT = "text", "table", "image", "comment"  # the kinds of block


class Block(NamedTuple):  # a tuple: a source has ~100,000 lines, and a tuple is built ~5× faster
    number: int  # 1-based line of the source where it starts (a .docx: its paragraph's number)
    text: str  # cleaned, without leading or trailing spaces, marks (`#`, `**`) removed
    indented: bool = False  # began with a space: a page or column break in PDF text, a paragraph's indent
    level: int = 0  # a heading's level where the shape marks one (`#`, a Word heading style); 0: none
    whole: bool = False  # a whole paragraph (the shape writes a paragraph a line), not a wrapped fragment
    kind: str = TEXT
    bold: int = 0  # characters at its start the shape set in bold (`**【概况】**…`); len(text): all of it
    rows: tuple[tuple[str | None, ...], ...] = ()  # a table's cells, row by row (None: merged with the one above)
    lines: tuple[Block, ...] = ()  # a table's source lines, for the rules to read as text if they are no table
    drawn: bool = False  # a table whose borders are drawn (box characters): a table even of one row

    @property
    def last(self) -> int:
        """The last source line the block was read from."""
        return self.lines[-1].number if self.lines else self.number


def split_lines(text: str, keep_blank: bool = False) -> list[Block]:
    """The text's non-blank lines (all of them with `keep_blank`), each cleaned and stripped."""
    result: list[Block] = []
    for number, raw in enumerate(clean_text(text).splitlines(), start=1):
        cleaned = raw.rstrip()
        if cleaned.strip() or keep_blank:
            result.append(Block(number, cleaned.strip(), cleaned[:1] == " "))
    return result
