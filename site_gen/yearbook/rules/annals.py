"""A 志's chronicle (大事记) by period and year: each event a paragraph opening with its date.

A 志 runs its 大事记 over centuries: under a period's heading, each year on a line of its own
(`公元前651年（晋献公二十六年）`, `1081年（宋元丰四年）`) over its events, or under year headings (`1949年`), each
event opening with its day or month (`1月10日，…`, `3月中旬，…`, `是月，…`, `8月14～22日 全县普降大暴雨`).
Written as a list, an event a line: `- **1月10日** 县委、县政府…`, the date as printed, for the site to date
(site/collect/chronicle_index.py) where the year is known.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from site_gen.yearbook.readers.block import Block
from site_gen.yearbook.rules.paragraphs import Placed, placed_block, reflow_paragraphs
from site_gen.yearbook.text import compact, escape_inline

_NUMERAL = r"(?:\d{1,2}|[一二三四五六七八九十]{1,3})"
_DAY = rf"{_NUMERAL}\s*日"
_RANGE = rf"(?:[～~—–\-至到]\s*(?:{_NUMERAL}\s*月\s*)?{_NUMERAL}\s*日?)"
_MONTH_DAY = rf"{_NUMERAL}\s*月(?:\s*{_DAY}{_RANGE}?|\s*(?:上旬|中旬|下旬|初|底|末|中|下半月|上半月))?(?:\s*[起前后间])?"
_OTHER = r"(?:是|该|同|本|当)\s*[年月日]|年\s*[内初底末中]|[春夏秋冬]季?|(?:上|下)半年|月内|旬内"
# The date an event opens with, then a comma or a space, then its text.
EVENT = re.compile(rf"^(?P<when>{_MONTH_DAY}|{_OTHER})\s*(?:[，,：:、]\s*|\s+)(?P<text>\S.*)$")
# A year standing alone over its events: `1081年（宋元丰四年）`, `公元前218年（秦赢政二十九年）`, `1949年`.
YEAR = re.compile(r"^(?:公元前?)?\s*\d{1,4}\s*年(?:\s*[（(][^（）()]{1,24}[）)])?$")
MIN_EVENTS = 3  # fewer dated paragraphs make no chronicle


def annals_blocks(items: Sequence[Block | Placed]) -> list[str] | None:
    """The page's text as a chronicle: its paragraphs, those opening with a date (or under a year of their
    own) as dated events; None if fewer than three are."""
    paragraphs = reflow_paragraphs(items)
    events = sum(1 for text in paragraphs if isinstance(text, str) and (EVENT.match(text) or YEAR.match(text)))
    if events < MIN_EVENTS:
        return None
    blocks: list[str] = []
    listed: list[str] = []
    label: str | None = None
    for paragraph in paragraphs:
        if not isinstance(paragraph, str):
            _close(blocks, listed)
            blocks.append(placed_block(paragraph))
            continue
        if YEAR.match(paragraph):
            if label is not None:
                listed.append(f"- **{label}**")
            label = compact(paragraph)
            continue
        event = EVENT.match(paragraph)
        if label is not None:
            listed.append(f"- **{label}** {escape_inline(paragraph)}")
            label = None
        elif event is not None:
            listed.append(f"- **{compact(event['when'])}** {escape_inline(event['text'])}")
        else:
            _close(blocks, listed)
            blocks.append(escape_inline(paragraph))
    if label is not None:
        listed.append(f"- **{label}**")
    _close(blocks, listed)
    return blocks


def _close(blocks: list[str], listed: list[str]) -> None:
    if listed:
        blocks.append("\n".join(listed))
        listed.clear()
