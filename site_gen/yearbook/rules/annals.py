"""A 志's chronicle (大事记) by period and year: each event a paragraph opening with its date.

A 志 runs its 大事记 over centuries: under a period's heading, each year on a line of its own
(`公元前651年（晋献公二十六年）`, `1081年（宋元丰四年）`) over its events, or under year headings (`1949年`, or
a year's line over events dated by day: a heading of the page), each event opening with its day or month
(`1月10日，…`, `3月中旬，…`, `是月，…`, `8月14～22日 全县普降大暴雨`).
Written as a list, an event a line: `- **1月10日** 县委、县政府…`, the date as printed, for the site to date
(site/collect/chronicle_index.py) where the year is known.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from site_gen.yearbook.readers.block import Block
from site_gen.yearbook.rules.paragraphs import Placed, reflow
from site_gen.yearbook.text import compact

_NUMERAL = r"(?:\d{1,2}|[一二三四五六七八九十]{1,3})"
_TO = r"\s*[～~—–\-至到]\s*"
_DAY = rf"{_NUMERAL}(?:{_TO}(?:{_NUMERAL}\s*月\s*)?{_NUMERAL})?\s*日"  # `10日`, `18～19日`, `29日至2月3日`
_PART = r"上旬|中旬|下旬|月初|月中|月底|月末|初|底|末|中|上半月|下半月"
_MONTH_DAY = rf"{_NUMERAL}\s*月(?:\s*(?:{_DAY}|{_PART}))?(?:{_TO}{_NUMERAL}\s*月)?(?:\s*[起前后间])?"
_OTHER = r"(?:是|该|同|本|当)\s*[年月日]|年\s*[内初底末中]|[春夏秋冬]季?|(?:上|下)半年|月内|旬内"
# The date an event opens with, then its text after a comma or a space — or right after it (a 志 set the date in
# a column of its own, which the text's spaces no longer show), as long as no number goes on with the date.
EVENT = re.compile(rf"^(?P<when>{_MONTH_DAY}|{_OTHER})"
                   rf"(?:\s*[，,：:、]\s*(?P<after>\S.*)|\s*(?P<text>[^\d\s～~—–\-至到，,].*))$")
# A year standing alone over its events: `1081年（宋元丰四年）`, `公元前218年（秦赢政二十九年）`, `1949年`.
YEAR = re.compile(r"^(?:公元前?)?\s*\d{1,4}\s*年(?:\s*[（(][^（）()]{1,24}[）)])?$")
def annals_blocks(items: Sequence[Block | Placed]) -> list[str] | None:
    """A page of the chronicle: its paragraphs opening with a date (or under a year of their own) as dated
    events, others as they are; None if none is dated."""
    paragraphs = reflow(items)
    if not any(EVENT.match(text) or YEAR.match(text) for text in paragraphs):
        return None
    blocks: list[str] = []
    listed: list[str] = []
    label: str | None = None
    for k, paragraph in enumerate(paragraphs):
        following = paragraphs[k + 1] if k + 1 < len(paragraphs) else ""
        if paragraph.startswith((":::", "#")):  # a table, a caption, a heading inside the page
            _close(blocks, listed, label)
            label = None
            blocks.append(paragraph)
        elif YEAR.match(paragraph) and EVENT.match(following):  # a year over events dated by day: its heading
            _close(blocks, listed, label)
            label = None
            blocks.append(f"## {compact(paragraph)}")
        elif YEAR.match(paragraph):
            if label is not None:
                listed.append(f"- **{label}**")
            label = compact(paragraph)
        elif label is not None:
            listed.append(f"- **{label}** {paragraph}")
            label = None
        elif (event := EVENT.match(paragraph)) is not None:
            listed.append(f"- **{compact(event['when'])}** {event['after'] or event['text']}")
        else:
            _close(blocks, listed, None)
            blocks.append(paragraph)
    _close(blocks, listed, label)
    return blocks


def _close(blocks: list[str], listed: list[str], label: str | None) -> None:
    if label is not None:
        listed.append(f"- **{label}**")
    if listed:
        blocks.append("\n".join(listed))
        listed.clear()
