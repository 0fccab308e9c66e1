"""A page's outline: ids for its h2 and h3 headings, so that a reader can link into a long text and the
page can list them as its contents; and a speech's opening lines (subtitle, date, speaker), which print
sets apart from the text, marked as such."""

from __future__ import annotations

import re
from dataclasses import dataclass

from markdown_it.token import Token

MIN_HEADINGS = 3  # a page with fewer is short enough to read without contents of its own
_SUBTITLE = re.compile(r"^[—－]{1,2}[^—－\s]")  # ——在…会议上
_DATELINE = re.compile(r"^[（(]\d{4}年\d{1,2}月(?:\d{1,2}日)?[）)]$")  # （2022年2月14日）
_SPEAKER_MAX = 30  # 上城区人民政府代区长惠海涛: an office and a name, no sentence
_SENTENCE = re.compile(r"[。，；：！？]")


@dataclass(frozen=True, slots=True)
class Heading:
    level: int
    title: str
    id: str


def outline(tokens: list[Token]) -> tuple[Heading, ...]:
    """Give each h2 and h3 without an id one made of its text (spaces as `_`, as Wikipedia does: the
    address bar shows the heading a reader linked to), unique on the page; returns the headings."""
    taken = {str(t.attrGet("id")) for t in tokens if t.attrGet("id")}
    headings = []
    for k, token in enumerate(tokens):
        if token.type != "heading_open" or token.tag not in ("h2", "h3"):
            continue
        title = _text(tokens[k + 1])
        anchor = token.attrGet("id")
        if not anchor:
            anchor = unique_id(title, taken)
            token.attrSet("id", anchor)
        headings.append(Heading(int(token.tag[1]), title, str(anchor)))
    return tuple(headings)


def unique_id(title: str, taken: set[str]) -> str:
    """An id made of a heading's text, not among `taken` (which it joins)."""
    anchor = base = re.sub(r"\s+", "_", title) or "h"
    n = 2
    while anchor in taken:
        anchor, n = f"{base}_{n}", n + 1
    taken.add(anchor)
    return anchor


def mark_opening(tokens: list[Token]) -> None:
    """Class the opening paragraphs of a speech or report as print sets them apart: `——在…会议上`
    (subtitle), `（2022年2月14日）` (dateline) and, after either, a short line naming the speaker."""
    previous: str | None = None
    for k, token in enumerate(tokens[:12]):
        if token.type != "paragraph_open" or token.level != 0:
            if token.type.endswith("_open") and token.type != "paragraph_open" and token.level == 0:
                return  # the opening ends at the first heading, list or box
            continue
        text = _text(tokens[k + 1])
        if _SUBTITLE.match(text):
            kind = "subtitle"
        elif _DATELINE.match(text):
            kind = "dateline"
        elif previous in ("subtitle", "dateline") and len(text) <= _SPEAKER_MAX and not _SENTENCE.search(text):
            kind = "speaker"
        else:
            return
        token.attrSet("class", f"opening {kind}")
        previous = kind


def _text(inline: Token) -> str:
    return "".join(c.content for c in inline.children or () if c.type in ("text", "code_inline")).strip()
