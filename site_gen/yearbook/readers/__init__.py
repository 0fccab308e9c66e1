"""The readers: one per shape a book's text comes in, each turning it into the one block stream the
structurer reads (structure.py). Readers know typography — lines, paragraphs, heading marks, bold, delimited
rows — and never the genre: they recognise no yearbook construct (an import contract in pyproject.toml).

- `wrapped`: hard-wrapped PDF text, any column width: a line is a fragment of a paragraph;
- `paragraphs`: a paragraph a line (Word/WPS "save as text", most OCR output);
- `markdown`: paragraphs with `#` heading levels, `**bold**` and pipe tables (PDF-to-Markdown tools);
  a Word manuscript (.docx) reaches it as Markdown (word.py).

The shape is told by what the lines are, never by their width: a wrapped text's lines mostly stop
mid-sentence, a paragraph's end one.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from site_gen.yearbook.readers.block import Block, paragraph_starts, split_lines
from site_gen.yearbook.readers.delimited import with_tables
from site_gen.yearbook.readers.markdown import hard_wrapped, read_markdown, read_paragraphs

SHAPES = ("wrapped", "paragraphs", "markdown")
_HEADING = re.compile(r"^#{1,6}\s+\S")
_BOLD_TITLE = re.compile(r"^\*\*[^*]+\*\*$")
_PIPE_RULE = re.compile(r"^\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?$")
WHOLE_LINES = 0.6  # share of lines ending a sentence above which lines are paragraphs, not wrapped
SHORT_LINE = 20  # characters: shorter lines (titles, names, cells) end anyhow and tell nothing of the shape


def read_wrapped(lines: list[Block]) -> list[Block]:
    """Hard-wrapped text: each line a block as it stands, marked where an indent shows a paragraph opens;
    rows a tool wrote delimited are rows whatever the width."""
    return with_tables(paragraph_starts(lines))


READERS: dict[str, Callable[[list[Block]], list[Block]]] = {
    "wrapped": read_wrapped, "paragraphs": read_paragraphs, "markdown": read_markdown}


def read_blocks(text: str, shape: str | None = None) -> tuple[str, list[Block]]:
    """The text's shape (`shape` if given, else detected) and its blocks."""
    lines = split_lines(text)
    shape = shape or detect_shape(lines)
    return shape, READERS[shape](lines)


def detect_shape(lines: list[Block]) -> str:
    """`markdown` if headings are marked with `#` (or set as lines wholly in bold, or tables as pipe rows
    over their rule), else `paragraphs` if most lines end a sentence, else `wrapped`."""
    if any(_HEADING.match(text) or _BOLD_TITLE.match(text) or ("|" in text and _PIPE_RULE.match(text))
           for text in (line.text for line in lines)):
        return "markdown"
    return "paragraphs" if hard_wrapped(lines) is False else "wrapped"
