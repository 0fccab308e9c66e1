"""The whole-paragraph shapes: a paragraph a line (Word/WPS "save as text", most OCR output) and Markdown
(`#` heading levels, `**bold**`, pipe tables: what PDF-to-Markdown tools and our Word reader write).

Marks become fields of the block (a heading's level, the bold at its start); what a converter leaves that
is no text of the book becomes a block of its own for the rules to report: an image link (`![](…)`), an
HTML comment (page anchors, notes of an OCR run), a `{{…}}` placeholder, a thematic break.
"""

from __future__ import annotations

import re
from collections import Counter

from site_gen.yearbook.readers.block import COMMENT, IMAGE, TEXT, Block, paragraph_starts
from site_gen.yearbook.readers.delimited import cells_of, with_tables
from site_gen.yearbook.text import PARAGRAPH_ENDS, normalise_spaces

_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*$")
_BOLD_LINE = re.compile(r"^\*\*(.+?)\*\*(.*)$")
_IMAGE = re.compile(r"^!\[[^\]]*\]\([^)]*\)$")
_COMMENT = re.compile(r"^<!--.*-->$|^\{\{[^{}]*\}\}$")  # an HTML comment on its line, a template placeholder
_ANCHOR = re.compile(r"^[A-Za-z][\w-]*\d[\w-]*$")  # `# ch914d1`: an anchor's id a scraper left as a heading
_OPENS_COMMENT, _CLOSES_COMMENT = "<!--", "-->"
HANGING = 4  # spaces beyond the paragraphs' indent that hang a line under the one before it
WHOLE_LINES = 0.6  # share of lines ending a paragraph above which lines are paragraphs, not wrapped
SHORT_LINE = 20  # characters: shorter lines (titles, names, cells) end anyhow and tell nothing of the shape
_BREAK = re.compile(r"^(?:\*\s*){3,}$|^(?:_\s*){3,}$|^(?:-\s*){3,}$")  # a thematic break: no text of the book


def read_markdown(lines: list[Block]) -> list[Block]:
    """Markdown. Most of its lines stopping mid-sentence, a tool kept the print's line breaks: its text lines
    are fragments of paragraphs, as in wrapped text, and indents or blank lines show where paragraphs open."""
    blocks = _blocks(lines, levels=True)
    if hard_wrapped(blocks):
        blocks = paragraph_starts([block._replace(whole=False) if block.kind == TEXT and not block.level else block
                                   for block in blocks])
    else:
        blocks = _hanging_joined(blocks)
    return with_tables(blocks)


def _hanging_joined(blocks: list[Block]) -> list[Block]:
    """A line indented further than the text's paragraphs, after a line that stops mid-sentence, goes on with
    that line: a long entry hanging under its date in a column of its own (`1月10日  …` / `         …`)."""
    indents = Counter(block.indent for block in blocks if block.kind == TEXT and not block.level and block.indent)
    if not indents:
        return blocks
    usual = indents.most_common(1)[0][0]
    result: list[Block] = []
    for block in blocks:
        previous = result[-1] if result else None
        if previous is not None and previous.kind == block.kind == TEXT and not (previous.level or block.level) \
                and block.indent >= usual + HANGING and previous.text[-1:] not in PARAGRAPH_ENDS:
            result[-1] = previous._replace(text=previous.text + block.text)
        else:
            result.append(block)
    return result


def read_paragraphs(lines: list[Block]) -> list[Block]:
    """A paragraph a line: no heading marks (a `#` is text), bold and converter leftovers as in Markdown."""
    return with_tables(_blocks(lines, levels=False))


def hard_wrapped(lines: list[Block]) -> bool | None:
    """Most long lines of text stop short of a paragraph's end: the lines are a wrapped paragraph's pieces.
    None if no line is long enough to tell."""
    long = [line.text for line in lines if line.kind == TEXT and not line.level and len(line.text) > SHORT_LINE
            and cells_of(line.text) is None]
    whole = sum(text.rstrip("*")[-1:] in PARAGRAPH_ENDS for text in long)
    return whole < WHOLE_LINES * len(long) if long else None


def _blocks(lines: list[Block], levels: bool) -> list[Block]:
    result: list[Block] = []
    k = 0
    while k < len(lines):
        line = lines[k]._replace(whole=True)
        text = line.text
        if text.startswith(_OPENS_COMMENT) and _CLOSES_COMMENT not in text:  # a comment over several lines
            end = next((j for j in range(k + 1, len(lines)) if _CLOSES_COMMENT in lines[j].text), None)
            if end is not None:
                result += [lines[j]._replace(kind=COMMENT, whole=True) for j in range(k, end + 1)]
                k = end + 1
                continue
        if _IMAGE.match(text):
            result.append(line._replace(kind=IMAGE))
        elif _COMMENT.match(text):
            result.append(line._replace(kind=COMMENT))
        elif not _BREAK.match(text):
            result.append(_unmarked(line, levels))
        k += 1
    return result


def _unmarked(line: Block, levels: bool) -> Block:
    """A Markdown line as text: a heading's level kept apart (where `levels`: `#` marks them), the bold
    around a whole line or its start dropped and counted."""
    heading = _HEADING.match(line.text) if levels else None
    if heading and _ANCHOR.match(heading.group(2)):
        return line._replace(kind=COMMENT)
    if heading:
        text = plain(heading.group(2))
        return line._replace(text=text, level=len(heading.group(1)), bold=len(text) if _is_bold(heading.group(2))
                             else 0)
    bold = _BOLD_LINE.match(line.text)
    if bold:
        return line._replace(text=bold.group(1) + bold.group(2), bold=len(bold.group(1)))
    return line


def _is_bold(text: str) -> bool:
    bold = _BOLD_LINE.match(text)
    return bold is not None and not bold.group(2)


def plain(text: str) -> str:
    """A heading's text without its bold marks and extraction spaces."""
    while (bold := _BOLD_LINE.match(text)) is not None and not bold.group(2):
        text = bold.group(1)
    return normalise_spaces(text)
