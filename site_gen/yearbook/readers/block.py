"""The block stream: what every reader emits and the structurer (structure.py) reads, whatever the shape.

A block is typography, never the genre: a line or paragraph of text, a heading at a marked level, a table's
delimited rows, an image, a comment a converter left. Whether a line is a category, an entry or a credit is
for the rules to say (rules/).
"""

from __future__ import annotations

from collections import Counter
from typing import NamedTuple

from site_gen.yearbook.text import PARAGRAPH_ENDS, clean_text

TEXT, TABLE, IMAGE, COMMENT = "text", "table", "image", "comment"  # the kinds of block
PARAGRAPH_INDENT = 2  # spaces that open a paragraph, where a text indents its paragraphs
MIN_STARTS = 3  # fewer indented lines (or blank lines) show no paragraphs
INDENT_AFTER_END = 0.5  # share of indented lines after a sentence's end above which indents open paragraphs
ASIDE = 24  # spaces before a line set to the right (a preface's signature, its date): a paragraph of its own
BLANK_SHARE = 0.5  # of lines after a blank line, above which blank lines are a tool's habit, not paragraphs


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
    indent: int = 0  # spaces (or tabs) before the text, as the source has them
    after_blank: bool = False  # a blank line stands before it in the source
    starts: bool = False  # opens a paragraph, as the shape shows it (an indent, a blank line before it)

    @property
    def last(self) -> int:
        """The last source line the block was read from."""
        return self.lines[-1].number if self.lines else self.number


def split_lines(text: str) -> list[Block]:
    """The text's non-blank lines, each cleaned and stripped, its indent and whether a blank line is before it
    kept as fields."""
    result: list[Block] = []
    blank = False
    new = tuple.__new__  # (a Block from its fields in order, as `_make` does: a keyword call is a fifth slower)
    for number, raw in enumerate(clean_text(text).splitlines(), start=1):
        cleaned = raw.rstrip()
        stripped = cleaned.lstrip()
        if stripped:
            result.append(new(Block, (number, stripped, cleaned[:1] == " ", 0, False, TEXT, 0, (), (), False,
                                      len(cleaned) - len(stripped), blank, False)))
            blank = False
        else:
            blank = True
    return result


def paragraph_starts(lines: list[Block]) -> list[Block]:
    """Lines that open a paragraph marked `starts`, where the text shows where paragraphs open: by an indent
    of two spaces or more (most indented lines following the end of a sentence), or else by blank lines
    between paragraphs (not after every line, as PDF tools write them). A single space (a PDF's page or
    column break) shows nothing; a line indented further than paragraphs are hangs under the line before
    (`1月10日     …` / `            …`), unless it is set far right (a signature, a date)."""
    indented = [k for k, line in enumerate(lines) if line.indent >= PARAGRAPH_INDENT and k]
    after_end = sum(1 for k in indented if lines[k - 1].text[-1:] in PARAGRAPH_ENDS)
    if len(indented) >= MIN_STARTS and after_end >= INDENT_AFTER_END * len(indented):
        usual = Counter(lines[k].indent for k in indented).most_common(1)[0][0]
        return [line._replace(starts=True) if PARAGRAPH_INDENT <= line.indent <= usual + 1 or line.indent >= ASIDE
                else line for line in lines]
    if MIN_STARTS <= sum(line.after_blank for line in lines) <= BLANK_SHARE * len(lines):  # (not blank after each)
        return [line._replace(starts=True) if line.after_blank else line for line in lines]
    return lines
