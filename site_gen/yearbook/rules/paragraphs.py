"""The text rule: a page's lines → Markdown blocks with no trace of the PDF's line wrapping.

Paragraphs are joined across line, column and page breaks; a photo caption or a table that interrupts a
sentence is moved after the paragraph it cut; a numbered line (`一、`, `（一）`) short of the column is a
heading of the page; an award list's grid of names is a list; a `资料` box becomes a glossary block.
"""

from __future__ import annotations

import re
import statistics
from collections.abc import Sequence
from typing import TYPE_CHECKING, NamedTuple

from site_gen.yearbook.readers.block import Block
from site_gen.yearbook.rules.caption import Caption, caption_block
from site_gen.yearbook.rules.credit import name_grid
from site_gen.yearbook.rules.glossary import GLOSSARY_TITLE, glossary_block
from site_gen.yearbook.table_model import Table
from site_gen.yearbook.text import SENTENCE_END, display_width, escape_markdown, join_wrapped

if TYPE_CHECKING:  # the state holds pages' text as read; only the rule below uses it
    from site_gen.yearbook.rules.state import State

# A short parenthetical line such as （年鉴编辑部） or （2021年1—3月） stands alone.
_OWN_PARAGRAPH = re.compile(r"^[（(][^（）()]{2,12}[）)]$")
SHORT_LINE_SLACK = 1.5  # cells: a line this much shorter than the text's measure ends its paragraph
GRID_ROW = 2  # names: fewer on a line is not a row of a name grid
GRID_LABEL = 6  # characters: the longest label a grid follows or precedes (`三等功`, `记嘉奖`)
HEADING_SLACK = 4  # cells: a numbered line this much shorter than the measure is a whole heading
# Numbered parts of a verbatim document: `一、` (level 2) and `（一）` (level 3).
_NUMBERED = re.compile(r"^(?:(?P<h2>[一二三四五六七八九十]+、)|(?P<h3>（[一二三四五六七八九十]+）))")
_OPENS_PART = "。！？：；"


class Heading(NamedTuple):
    """A heading inside a page (a 志's 目 within its 节, deeper than the levels that make pages)."""

    number: int  # its source line
    text: str
    level: int  # of the Markdown heading: 2 under the page's own title

    def markdown(self) -> str:
        return "#" * self.level + " " + escape_markdown(self.text)


Placed = Caption | Table | Heading  # set apart from the text: captions and tables after the paragraph they cut


def reflow(items: Sequence[Block | Placed]) -> list[str]:
    lines = [item for item in items if isinstance(item, Block)]
    if not lines:
        return [placed_block(item) for item in items if not isinstance(item, Block)]
    measure = statistics.median(display_width(line.text) for line in lines)
    blocks: list[str] = []
    paragraph: list[str] = []
    held: list[Placed] = []  # captions and tables wait for the end of the paragraph they interrupt

    def close() -> None:
        if paragraph:
            blocks.append(escape_markdown(join_wrapped(paragraph)))
            paragraph.clear()
        blocks.extend(placed_block(item) for item in held)
        held.clear()

    skip = 0
    for n, item in enumerate(items):
        if skip:
            skip -= 1
            continue
        if not isinstance(item, Block):
            if isinstance(item, Heading):
                close()
                blocks.append(item.markdown())
            else:
                held.append(item)
                if not paragraph:
                    close()
            continue
        if item.starts and paragraph:
            close()  # an indent (or a blank line) shows a paragraph opens
        if _NUMBERED.match(item.text) and (not paragraph or paragraph[-1].rstrip("”’）)")[-1:] in _OPENS_PART):
            close()
            heading = numbered_heading(items[n:], measure)
            if heading:
                level, size, title = heading
                blocks.append("#" * level + " " + escape_markdown(title))
                skip = size - 1
                continue
        grid = _name_grid(items[n:])
        if grid and (not paragraph or (len(paragraph) == 1 and len(paragraph[0].strip()) <= GRID_LABEL)):
            close()  # a label such as `三等功` stays a paragraph of its own
            size, names = grid
            blocks.append(escape_markdown("、".join(names)))
            skip = size - 1
            continue
        text = item.text
        if text == GLOSSARY_TITLE:
            close()
            rest = list(items[n + 1:])
            blocks.append(glossary_block([i for i in rest if isinstance(i, Block)]))
            blocks.extend(placed_block(i) for i in rest if not isinstance(i, Block))
            return blocks
        alone = bool(_OWN_PARAGRAPH.match(text))
        if alone:
            close()
        paragraph.append(text)
        ends = text.rstrip("”’」』）)")[-1:] in SENTENCE_END
        if alone or item.whole or (ends and display_width(text) <= measure - SHORT_LINE_SLACK):
            close()
    close()
    return blocks


def _name_grid(items: Sequence[Block | Placed]) -> tuple[int, list[str]] | None:
    """(lines, names) of an award list printed as a grid (`郑 远 潘泽林 卢海燕 任 渊 彭 伟`): rows of two
    names or more, followed by the end of the text, a label (`记嘉奖`) or a credit (`（年鉴编辑部）`).
    A list of names, not a paragraph of run-together characters."""
    names: list[str] = []
    size = 0
    for item in items:
        row = name_grid(item.text) if isinstance(item, Block) and " " in item.text.strip() else None
        if row is None or len(row) < GRID_ROW:
            break
        names += row
        size += 1
    after = items[size] if size < len(items) else None
    ends = not isinstance(after, Block) or len(after.text.strip()) <= GRID_LABEL \
        or bool(_OWN_PARAGRAPH.match(after.text))
    return (size, names) if size and ends else None


def numbered_heading(items: Sequence[Block | Placed], measure: float) -> tuple[int, int, str] | None:
    """(level, lines, title) of a numbered heading of one or two lines, or None for a lead-in paragraph.

    `（一） 聚焦亚运中心，全方位展现大气开` / `放的窗口新风采` is a heading wrapped onto a short line;
    `（一） 坚持实干担当，建设善作善成的有` / `为政府。牢记…` is a paragraph that opens with its number.
    """
    first = items[0]
    assert isinstance(first, Block)
    match = _NUMBERED.match(first.text)
    if match is None or "。" in first.text:
        return None
    level = 2 if match["h2"] else 3
    second = items[1] if len(items) > 1 else None
    if isinstance(second, Block) and display_width(second.text) <= measure / 2 \
            and not set("，。；：") & set(second.text) and not _NUMBERED.match(second.text):
        return level, 2, join_wrapped([first.text, second.text])
    if display_width(first.text) <= measure - HEADING_SLACK:
        return level, 1, join_wrapped([first.text])
    return None


def source_lines(item: Block | Placed) -> list[int]:
    """The source line numbers an item was read from."""
    if isinstance(item, Block | Heading):
        return [item.number]
    return [line.number for line in item.lines] if isinstance(item, Caption) else list(item.lines)


def placed_block(item: Placed) -> str:
    return caption_block(item) if isinstance(item, Caption) else item.markdown()


def text(state: State, i: int) -> int:
    """Any other line: text of the page open (which may end with the credit closing its entry group)."""
    state.text_or_credit(state.blocks[i])
    return i + 1
