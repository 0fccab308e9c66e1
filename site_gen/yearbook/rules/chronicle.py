"""The chronicle (大事记) as a list of events under month headings.

In print a month heading (`1月`) stands alone; each event starts at the line start with its day
(`1日`, `2—3日`, `29日至 2月 28日`, `同日`, `是月`), one space, then text hard-wrapped at about 12
characters. Reflowed as prose, events run into each other (`…一天。12日 县委…`), so the chronicle is
read as events instead: `## 1月`, then `- **1日** text` per event. Other books print no month headings
but each event's month (`1月5日　…`): the headings are made from those, and the events keep their dates as
printed (`- **1月5日** …`). Dates are resolved at build time (site/collect/chronicle_index.py), so an
editor can add or move an event by editing the list.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from site_gen.yearbook.readers.block import Block
from site_gen.yearbook.rules.glossary import GLOSSARY_TITLE
from site_gen.yearbook.rules.paragraphs import Placed, placed_block, reflow
from site_gen.yearbook.text import compact, escape_inline, join_wrapped

MIN_MONTHS = 3  # a text with fewer month headings followed by events is not a chronicle (unless titled one)
MONTH = re.compile(r"^(?P<month>1[0-2]|[1-9])\s?月$")
_DAY = r"\d{1,2}\s?日至\s?\d{1,2}\s?月\s?\d{1,2}\s?日|\d{1,2}\s?日?\s?[—–-]\s?\d{1,2}\s?日|\d{1,2}\s?日起?"
# The day an event line opens with, then a space: `1日`, `29 日`, `30日起`, `2—3日`, `29日至 2月 28日`, `同日`, `是月`.
EVENT = re.compile(rf"^(?P<when>{_DAY}|同日|是月)\s+(?P<text>\S.*)$")
# A chronicle printed without month headings gives each event its month: `1月5日　县人民医院…`.
DATED_EVENT = re.compile(rf"^(?P<when>(?P<month>1[0-2]|[1-9])\s?月\s?(?:{_DAY}))\s+(?P<text>\S.*)$")


def is_chronicle(items: Sequence[Block | Placed], least: int = MIN_MONTHS) -> bool:
    """Events under at least three month headings, or dated events of at least three months (`least`: a
    category titled as the chronicle needs only one)."""
    lines = [item for item in items if isinstance(item, Block)]
    months = sum(1 for k, line in enumerate(lines[:-1]) if MONTH.match(line.text.strip())
                 and EVENT.match(lines[k + 1].text.strip()))
    dated = {m["month"] for line in lines if (m := DATED_EVENT.match(line.text.strip()))}
    return max(months, len(dated)) >= least


def chronicle_blocks(items: Sequence[Block | Placed]) -> list[str]:
    """Markdown: text before the first month as paragraphs, then per month a heading and its events;
    a 资料 box inside the chronicle stays a glossary block after the event it explains."""
    blocks: list[str] = []
    events: list[str] = []
    event: list[str] = []
    box: list[Block | Placed] = []
    before: list[Block | Placed] = []
    started = False
    current: str | None = None  # the month of the heading last written

    def close_event() -> None:
        if event:
            when, text = event[0], join_wrapped(event[1:])
            events.append(f"- **{compact(when)}** {escape_inline(text)}")
            event.clear()

    def close_events() -> None:
        close_event()
        if events:
            blocks.append("\n".join(events))
            events.clear()

    def close_box() -> None:
        if box:
            blocks.extend(reflow(box))
            box.clear()

    for item in items:
        if not isinstance(item, Block):
            if started:
                close_events()
                blocks.append(placed_block(item))
            else:
                before.append(item)
            continue
        text = item.text.strip()
        dated = DATED_EVENT.match(text)
        month = MONTH.match(text) or (dated if dated and dated["month"] != current else None)
        start = dated or (EVENT.match(text) if started or month is None else None)
        if month:
            if not started:
                blocks.extend(reflow(before))
                started = True
            close_box()
            close_events()
            current = month["month"]
            blocks.append(f"## {current}月")
            if not dated:
                continue
        if start and started:
            close_box()
            close_event()
            event.extend([start["when"], start["text"]])
        elif not started:
            before.append(item)
        elif text == GLOSSARY_TITLE or box:
            if not box:
                close_events()
            box.append(item)
        else:
            event.append(text)
    close_box()
    close_events()
    if not started:
        return reflow(before)
    return blocks
