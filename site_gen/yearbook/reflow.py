"""Hard-wrapped lines → Markdown paragraphs with no trace of the PDF's line wrapping."""

from __future__ import annotations

import re
import statistics

from site_gen.yearbook.source import Line
from site_gen.yearbook.text import SENTENCE_END, display_width, escape_markdown, join_wrapped

# A 资料 box title, a photo credit, or a short parenthetical line such as （年鉴编辑部） or （2021年1—3月）.
_OWN_PARAGRAPH = re.compile(r"^(资料|[（(][^（）()]*(供稿|摄)[）)]|[（(][^（）()]{2,12}[）)])$")
SHORT_LINE_SLACK = 1.5  # cells: a line this much shorter than the text's measure ends its paragraph


def reflow(lines: list[Line]) -> list[str]:
    if not lines:
        return []
    measure = statistics.median(display_width(line.text) for line in lines)
    paragraphs: list[list[str]] = [[]]
    for line in lines:
        alone = bool(_OWN_PARAGRAPH.match(line.text))
        if alone and paragraphs[-1]:
            paragraphs.append([])
        paragraphs[-1].append(line.text)
        ends = line.text.rstrip("”’」』）)")[-1:] in SENTENCE_END
        if alone or (ends and display_width(line.text) <= measure - SHORT_LINE_SLACK):
            paragraphs.append([])
    return [escape_markdown(join_wrapped(p)) for p in paragraphs if p]
