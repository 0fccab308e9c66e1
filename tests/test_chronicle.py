"""The chronicle (大事记): events read from the hard-wrapped text, dated at build time, exported."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

from site_gen.site.collect.chronicle_index import mark_events
from site_gen.site.render.markdown import parse, to_html
from site_gen.yearbook.readers.block import split_lines
from site_gen.yearbook.rules.chronicle import chronicle_blocks, is_chronicle

from .conftest import Built

ROOT = Path(__file__).resolve().parent.parent

WRAPPED = """1月

1日 上城区启动“清洁

楼道·喜迎新春”行动。

2—3日 街舞大赛

举行。

同日 上城区启动抗雪防

冻Ⅳ级响应。

29日至 2月 28日 江干区举办

年货节活动。

资料

ESG：是环境（En‐

vironmental）的缩写。

30日起 上城区统一颁

发证书。

2月

是月 上城区杨柳郡社区

入选案例。

3月

5 日 人 人 3 小 时 公 益

活动启动。
"""


def test_events_are_read_from_wrapped_lines() -> None:
    lines = split_lines(WRAPPED)
    assert is_chronicle(lines)
    blocks = chronicle_blocks(lines)
    assert blocks[0] == "## 1月"
    assert blocks[1].split("\n") == [
        "- **1日** 上城区启动“清洁楼道·喜迎新春”行动。",
        "- **2—3日** 街舞大赛举行。",
        "- **同日** 上城区启动抗雪防冻Ⅳ级响应。",
        "- **29日至2月28日** 江干区举办年货节活动。",
    ]
    assert blocks[2].startswith("::: glossary\n资料\n\nESG\n: 是环境（Environmental）的缩写。")
    assert blocks[3:] == ["- **30日起** 上城区统一颁发证书。", "## 2月", "- **是月** 上城区杨柳郡社区入选案例。",
                          "## 3月", "- **5日** 人人3小时公益活动启动。"]


def test_prose_with_a_date_is_not_a_chronicle() -> None:
    assert not is_chronicle(split_lines("1月\n\n1日 开会。\n\n会议决定：\n\n2月 的工作。\n"))


def test_events_get_full_dates_anchors_and_time_elements() -> None:
    tokens = parse("\n\n".join(chronicle_blocks(split_lines(WRAPPED))))
    events = mark_events(tokens, 2021)
    assert [(e.label, e.when, e.anchor) for e in events] == [
        ("1日", "2021-01-01", "e-0101"),
        ("2—3日", "2021-01-02/2021-01-03", "e-0102"),
        ("同日", "2021-01-02/2021-01-03", "e-0102-2"),  # the same day as the event before: a range here
        ("29日至2月28日", "2021-01-29/2021-02-28", "e-0129"),
        ("30日起", "2021-01-30", "e-0130"),
        ("是月", "2021-02", "e-02"),
        ("5日", "2021-03-05", "e-0305"),
    ]
    html = to_html(tokens)
    assert '<li id="e-0129" class="event"><strong><time datetime="2021-01-29">1月29日</time>—' \
           '<time datetime="2021-02-28">2月28日</time></strong> 江干区举办年货节活动。</li>' in html
    assert '<time datetime="2021-02">2月</time>' in html
    assert '<h2 id="m2">2月</h2>' in html


def test_2022_chronicle_has_every_event() -> None:
    """SOURCES.md §7: 228 dated events, 134 `同日`, 7 `是月` under 12 month headings."""
    text = (ROOT / "content" / "shangcheng-2022" / "da-shi-ji" / "_index.md").read_text(encoding="utf-8")
    labels = [line.split("**")[1] for line in text.splitlines() if line.startswith("- **")]
    kinds = Counter(label if label in ("同日", "是月") else "dated" for label in labels)
    assert kinds == {"dated": 228, "同日": 134, "是月": 7}
    assert [line for line in text.splitlines() if line.startswith("## ")] == [f"## {m}月" for m in range(1, 13)]


def test_events_are_exported_with_their_page_anchor(built: Built) -> None:
    data = json.loads((built.output / "data" / "shangcheng-2022.json").read_text(encoding="utf-8"))
    events = data["events"]
    assert len(events) == 369 and len({e["url"] for e in events}) == 369
    assert events[0]["date"] == "2021-01-01" and events[-1]["label"] == "是月" and events[-1]["date"] == "2021-12"
    html = (built.output / "shangcheng-2022" / "da-shi-ji" / "index.html").read_text(encoding="utf-8")
    assert all(f'id="{e["url"].split("#")[1]}"' in html for e in events)
    assert '<nav class="months"' in html


# Another county's chronicle: no month headings, each event printed with its month, one set by an
# ideographic space, a range printed with both days' 日.
DATED = """1月1日　县委召开全县经济工作会议，部署
2023年经济工作。
1月5日　县人民医院新院区开工建设。
2月10日　县政府召开全县安全生产工作会议。
3月15日—16日 县人大常委会开展执法检查。
同日　县妇联召开大会。
"""


def test_events_printed_with_their_month_get_month_headings() -> None:
    lines = split_lines(DATED)
    assert is_chronicle(lines)
    assert chronicle_blocks(lines) == [
        "## 1月",
        "- **1月1日** 县委召开全县经济工作会议，部署2023年经济工作。\n- **1月5日** 县人民医院新院区开工建设。",
        "## 2月", "- **2月10日** 县政府召开全县安全生产工作会议。",
        "## 3月", "- **3月15日—16日** 县人大常委会开展执法检查。\n- **同日** 县妇联召开大会。"]
    events = mark_events(parse("\n\n".join(chronicle_blocks(lines))), 2023)
    assert [(e.label, e.when) for e in events] == [
        ("1月1日", "2023-01-01"), ("1月5日", "2023-01-05"), ("2月10日", "2023-02-10"),
        ("3月15日—16日", "2023-03-15/2023-03-16"), ("同日", "2023-03-15/2023-03-16")]


def test_two_months_of_dated_lines_are_no_chronicle() -> None:
    assert not is_chronicle(split_lines("1月5日 开会。\n2月3日 再开会。\n2月9日 又开会。\n"))


def test_a_zhi_year_dates_its_events_and_same_day_follows_the_event_before() -> None:
    """A 志's events carry their month; `同日` (no month of its own) is the day of the event before it."""
    events = mark_events(parse("## 1949年\n\n- **5月1日** 青石解放。\n- **同日** 成立军管会。\n- **该月** 开办学校。"),
                         1990, "大事记")
    assert [(e.label, e.when) for e in events] == [
        ("5月1日", "1949-05-01"), ("同日", "1949-05-01"), ("该月", "1949-05")]
