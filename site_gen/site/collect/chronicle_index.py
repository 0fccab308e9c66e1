"""The chronicle (大事记) as dated events: each `- **1日** …` item under a `## 1月` heading gets its full
date, an anchor and a `<time>` element; `同日` takes the date of the event before it, `是月` the month.
A 志's chronicle runs over many years: a page titled by its year (`1949年`) or a `## 1949年` heading sets the
year, and each event carries its month (`- **1月10日** …`, `- **3月18～19日** …`, `- **5月** …`).

Runs on the parsed tokens of a page marked `chronicle: true`, with the year the yearbook covers (or the
page's own).
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

from markdown_it.token import Token

_MONTH = re.compile(r"^(?P<month>1[0-2]|[1-9])月$")
_YEAR = re.compile(r"^(?P<year>\d{4})年$")  # a 志's year, as a page's title or a heading
_DAY = re.compile(r"^(?P<day>\d{1,2})日起?$")
_DAYS = re.compile(r"^(?P<day>\d{1,2})日?[—–\-～~](?P<last>\d{1,2})日$")  # `2—3日`, `15日—16日`, `18～19日`
_UNTIL = re.compile(r"^(?P<day>\d{1,2})日至(?P<month>\d{1,2})月(?P<last>\d{1,2})日$")
_IN_MONTH = re.compile(r"^(?P<month>1[0-2]|[1-9])月(?P<rest>\d.*|[起间]?)$")  # a date printed with its month
SAME_DAY, SAME_MONTH = "同日", ("是月", "该月", "同月", "本月", "当月")


@dataclass(frozen=True, slots=True)
class Event:
    label: str  # as printed: `8日`, `2—3日`, `同日`, `是月`, `1月8日`
    start: date
    end: date  # == start for one day
    whole_month: bool
    text: str
    anchor: str

    @property
    def when(self) -> str:
        """ISO date, `2021-03` for a month, `2021-04-02/2021-05-06` for a range."""
        if self.whole_month:
            return self.start.strftime("%Y-%m")
        return self.start.isoformat() if self.end == self.start else f"{self.start}/{self.end}"

    @property
    def label_full(self) -> str:
        """The date as words, without the year: `1月8日`, `4月2日至5月6日`, `12月`."""
        if self.whole_month:
            return f"{self.start.month}月"
        first = f"{self.start.month}月{self.start.day}日"
        if self.end == self.start:
            return first
        return f"{first}至{self.end.month}月{self.end.day}日"

    @property
    def html(self) -> str:
        """The date a reader sees (the year is the yearbook's), machine-readable: `<time>1月8日</time>`;
        a range as two `<time>` elements, since one holds a single date."""
        if self.whole_month:
            return f'<time datetime="{self.start:%Y-%m}">{self.start.month}月</time>'
        first = f'<time datetime="{self.start}">{self.start.month}月{self.start.day}日</time>'
        if self.end == self.start:
            return first
        last = f"{self.end.day}日" if self.end.month == self.start.month else f"{self.end.month}月{self.end.day}日"
        return f'{first}—<time datetime="{self.end}">{last}</time>'


def mark_events(tokens: list[Token], year: int, title: str = "") -> list[Event]:
    """Give every event item its id, date and `<time>`; month headings get `m<N>` ids. Returns the events
    in print order; items whose label is not a date are left alone. `title`: the page's, which may be its
    year (`1949年`: a 志's chronicle), then the year of its events."""
    events: list[Event] = []
    taken: set[str] = set()
    month: int | None = None
    previous: Event | None = None
    if own := _YEAR.match(title):
        year = int(own["year"])
    for k, token in enumerate(tokens):
        if token.type == "heading_open" and (heading := _MONTH.match(tokens[k + 1].content.strip())):
            month = int(heading["month"])
            token.attrSet("id", f"m{month}")
            previous = None
        elif token.type == "heading_open" and (heading := _YEAR.match(tokens[k + 1].content.strip())):
            year, month, previous = int(heading["year"]), None, None
        elif token.type == "list_item_open":
            inline = next((t for t in tokens[k + 1:k + 4] if t.type == "inline"), None)
            children = inline.children if inline is not None and inline.children else []
            first = next((i for i, c in enumerate(children) if c.type != "text" or c.content), len(children))
            if len(children) < first + 3 or children[first].type != "strong_open":
                continue
            label = children[first + 1].content
            dates = _dates(label, year, month, previous)
            if dates is None:
                continue
            start, end, whole = dates
            anchor = _anchor(start, whole, taken)
            text = "".join(c.content for c in children[first + 3:] if c.type == "text").strip()
            event = Event(label, start, end, whole, text, anchor)
            token.attrSet("id", anchor)
            token.attrSet("class", "event")
            # the reader sees the date in full where the book prints `同日` or `是月`
            children[first + 1:first + 2] = [Token("html_inline", "", 0, content=event.html)]
            events.append(event)
            previous = event
    return events


def _dates(label: str, year: int, month: int | None, previous: Event | None) -> tuple[date, date, bool] | None:
    if dated := _IN_MONTH.match(label):  # `1月5日` under `## 1月`, or a 志's event with its month
        month, label = int(dated["month"]), dated["rest"] or SAME_MONTH[0]
    if label == SAME_DAY and previous is not None:
        return previous.start, previous.end, previous.whole_month
    if month is None and label in SAME_MONTH and previous is not None:
        month = previous.start.month
    if month is None:
        return None
    try:
        if label in SAME_MONTH:
            return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1]), True
        if match := _DAY.match(label):
            day = date(year, month, int(match["day"]))
            return day, day, False
        if match := _DAYS.match(label):
            return date(year, month, int(match["day"])), date(year, month, int(match["last"])), False
        if match := _UNTIL.match(label):
            return date(year, month, int(match["day"])), date(year, int(match["month"]), int(match["last"])), False
    except ValueError:  # a day the month does not have: leave the item as printed
        return None
    return None


def _anchor(start: date, whole_month: bool, taken: set[str]) -> str:
    base = f"e-{start:%m}" if whole_month else f"e-{start:%m%d}"
    anchor, n = base, 1
    while anchor in taken:
        n += 1
        anchor = f"{base}-{n}"
    taken.add(anchor)
    return anchor
