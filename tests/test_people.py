"""People: person records, leaders, honours and credits as one register of names across yearbooks."""

from __future__ import annotations

import json
import re
from pathlib import Path

from site_gen.contract.front_matter import page_meta
from site_gen.site.collect.people_index import People, Person, Role, is_name, link_people
from site_gen.site.load.pages import Page
from site_gen.site.render.markdown import parse, to_html
from site_gen.yearbook.readers.block import split_lines
from site_gen.yearbook.rules.paragraphs import reflow
from site_gen.yearbook.rules.person import affiliation, person_of, split_people

from .conftest import Built

ROOT = Path(__file__).resolve().parent.parent
RECORDS = """脱贫攻坚先进人物

徐荣培 男，1970年 8月出

生，中国民主促进会会员。

蔡 节 男，1981年 10月出

生，农工党党员。

（严 琰）

一等功现役军人及省、市“最

美退役军人”

丁光明 男，汉族，1949年

出生。
"""


def test_records_are_split_under_their_printed_groups() -> None:
    before, sections = split_people(split_lines(RECORDS), "f.txt", "人物")
    assert before == []
    assert [s.title for s in sections] == ["脱贫攻坚先进人物", "一等功现役军人及省、市“最美退役军人”"]
    first = sections[0].entries
    assert [(e.title, e.kind, e.authors) for e in first] == [("徐荣培", "person", ["严琰"]),
                                                             ("蔡节", "person", ["严琰"])]
    assert first[1].person == {"name": "蔡节", "gender": "男", "born": "1981-10", "affiliation": None}
    assert first[1].blocks == ["蔡节男，1981年10月出生，农工党党员。"]
    assert person_of("丁光明 男，汉族，1949年") is not None  # a record that gives its ethnicity first


def test_affiliation_is_the_post_not_the_party_or_birthplace() -> None:
    assert affiliation("徐荣培男，1970年8月出生，中国民主促进会会员，杭州特美刻实业有限公司董事长。他…") == \
        "杭州特美刻实业有限公司董事长"
    assert affiliation("马东男，1980年2月出生，1999年入伍，安徽宿州人，中共党员，空军某部飞行员。") == "空军某部飞行员"
    assert affiliation("卢跃棣男，1969年5月出生，籍贯浙江东阳市。杭州市上城区采荷街道社区卫生服务中心主任医师，"
                       "从事…") == "杭州市上城区采荷街道社区卫生服务中心主任医师"


def test_only_names_are_names() -> None:
    assert all(is_name(n) for n in ("陈瑾", "蔡节", "欧阳明", "王晨云"))
    assert not any(is_name(n) for n in ("书记对浙江", "工商联界别", "丁兰街道", "区委书记", "—", "上城区", "浙江"))


def test_names_link_where_they_stand_as_words() -> None:
    book = Page(source=Path("b"), url="/b/", front=page_meta({"title": "书", "kind": "yearbook"}), body="")
    page = Page(source=Path("p"), url="/b/p/", front=page_meta({"title": "条目", "kind": "entry"}), body="")
    people = People()
    for name in ("陈瑾", "王晨", "王晨云", "韦长春", "严峻", "张能庆"):
        people.person(name).roles.append(Role("书记", "区委", None, "/b/x/", book))
    tokens = parse("区委书记陈瑾讲话，王晨云、王晨参加。陈瑾珊不是她，王晨光也不是。因公牺牲的韦长春被评为模范。"
                   "面对严峻的形势，张能庆公益服务站启用。")
    named = link_people(tokens, page, people)
    assert [p.name for p in named] == ["陈瑾", "王晨云", "王晨", "韦长春"]
    html = to_html(tokens)
    assert html.count('class="person-link"') == 4 and "陈瑾珊" in html and "王晨光" in html
    assert "面对严峻的形势，张能庆公益服务站" in html  # a common word, and a name inside an organisation's
    assert isinstance(named[0], Person) and named[0].url == "/people/chen-jin/"


def test_2022_people_records(built: Built) -> None:
    """51 records in the text (SOURCES.md's regex missed two: `丁光明 男，汉族，…` and `房 翔 男， 1972`),
    49 people: 刘金虎 and 卢跃棣 are printed twice and get one page each."""
    content = ROOT / "content" / "shangcheng-2022" / "ren-wu"
    names = [m for f in content.rglob("*.md") if (m := re.search(r"^  name: (.+)$", f.read_text("utf-8"), re.M))]
    assert len(names) == 51 and len({m.group(1) for m in names}) == 49
    page = (built.output / "people" / "liu-jin-hu" / "index.html").read_text(encoding="utf-8")
    assert page.count("<h3>人物简介</h3>") == 1 and page.count("脱贫攻坚先进人物</a>") == 1


def test_person_pages_show_roles_records_and_mentions_across_yearbooks(built: Built) -> None:
    chen = (built.output / "people" / "chen-jin" / "index.html").read_text(encoding="utf-8")
    assert "书记</a> · 中国共产党杭州市上城区第十届委员会" in chen  # 2022: the leaders list
    y2019 = chen.split("《上城年鉴（2019）》")[1]
    assert "提及本人的页面" in y2019 and y2019.count("<li>") >= 4  # 2019: 区委书记陈瑾 in running text
    cai = (built.output / "people" / "cai-jie" / "index.html").read_text(encoding="utf-8")
    assert "脱贫攻坚先进人物</a>" in cai and "农工党中央脱贫攻坚先进个人</a> · 农工党上城区基层委员会" in cai


def test_people_index_holds_names_only(built: Built) -> None:
    """Every name on the people index comes from a register and looks like a name; the roles and
    phrases that role+name patterns would catch are not there."""
    index = (built.output / "people" / "index.html").read_text(encoding="utf-8")
    names = re.findall(r'<li><a href="/people/[^"]+">([^<]+)</a>', index)
    assert len(names) > 800 and all(is_name(n) for n in names)
    letters = re.findall(r'<h2 id="letter-([A-Z])">', index)  # pinyin order, grouped by initial
    assert letters == sorted(letters) and len(letters) > 15 and names.index("蔡节") < names.index("陈瑾")
    assert not {"书记对浙江", "区委书记", "工商联界别", "丁兰街道"} & set(names)
    assert {"陈瑾", "蔡节", "刘金虎", "金承涛", "严琰"} <= set(names)
    data = json.loads((built.output / "data" / "shangcheng-2022.json").read_text(encoding="utf-8"))
    exported = {p["name"]: p for p in data["people"]}
    assert set(exported) <= set(names) and len(exported["蔡节"]["roles"]) == 2 and exported["蔡节"]["records"]


def test_award_name_grids_become_lists_of_names() -> None:
    grid = "三等功\n\n戚晓峰 徐 枫\n\n记嘉奖\n\n薛杨东 罗天佑 郑华锋 孙雄飞 王 韬\n\n罗培江 乐 纯\n"
    assert reflow(split_lines(grid)) == ["三等功", "戚晓峰、徐枫", "记嘉奖",
                                         "薛杨东、罗天佑、郑华锋、孙雄飞、王韬、罗培江、乐纯"]
    prose = "人 工 湿 地\n\n（输水河、库塘）243.63公顷，占湿\n\n地总面积的14.9%。\n"
    assert reflow(split_lines(prose)) == ["人工湿地（输水河、库塘）243.63公顷，占湿地总面积的14.9%。"]
