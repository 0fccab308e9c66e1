"""Tables as data: every table of the source texts rebuilt (SOURCES.md §4), scored against the 2022
book's table index, with every cell's characters conserved."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from site_gen.site.collect.tables import TableData, page_tables
from site_gen.site.render.markdown import parse
from site_gen.yearbook.profiles import load_profile
from site_gen.yearbook.readers.block import split_lines
from site_gen.yearbook.readers.decode import read_text
from site_gen.yearbook.report import all_blocks
from site_gen.yearbook.rules.book_index import parse_index, split_back_matter
from site_gen.yearbook.rules.furniture import drop_page_furniture
from site_gen.yearbook.rules.tables.columns import find_column_tables
from site_gen.yearbook.text import han_counts
from tests.bundled import bundled_source

ROOT = Path(__file__).resolve().parent.parent
GENRE = load_profile("年鉴")
BOOK = load_profile(ROOT / "sources" / "shangcheng.yaml")
DOC_NO = re.compile(r"^\S{1,12}?[〔﹝]\s*\d{4}\s*[〕﹞]\s*(第\s*)?\d+\s*号$")
DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def tables_of(prefix: str) -> dict[str, TableData]:
    """The tables of one source text as the site reads them: parsed from its generated pages."""
    part = bundled_source(prefix)
    result = {}
    for blocks in all_blocks(part):
        for table in page_tables(parse("\n\n".join(blocks))):
            result[table.number or table.title] = table
    return result


@pytest.fixture(scope="module")
def t2022() -> dict[str, TableData]:
    return tables_of("002")


def test_2022_has_every_table_of_its_table_index_with_its_exact_title(t2022: dict[str, TableData]) -> None:
    lines, _ = drop_page_furniture(split_lines(read_text(next((ROOT / "sources").glob("002_*.txt")), None)))
    index = parse_index(split_back_matter(lines, GENRE)[1], GENRE)
    assert index is not None and len(index.tables) == 23
    assert [f"表{t.number}{t.title}" for t in t2022.values()] == [t.term.replace(" ", "") for t in index.tables]


def test_2022_row_counts(t2022: dict[str, TableData]) -> None:
    counts = {number: len(table.rows) for number, table in t2022.items()}
    assert counts == {"1": 9, "2": 14, "3": 15, "4": 32, "5": 57, "6": 10, "7": 10, "8": 23, "9": 11, "10": 11,
                      "11": 61, "12": 43, "13": 14, "14": 11, "15": 9, "16": 15, "17": 5, "18": 39, "19": 110,
                      "20": 30, "21": 28, "22": 102, "23": 57}
    assert t2022["16"].rows[-1][0] == "合计" and t2022["17"].rows[-1][0] == "合计"


def test_document_registers_have_number_date_and_title_in_their_own_cells(t2022: dict[str, TableData]) -> None:
    registers = [t2022[n] for n in ("4", "5", "7", "8", "10")] + [tables_of("000")["2"], tables_of("001")["5"]]
    assert [len(t.rows) for t in registers] == [32, 57, 10, 23, 11, 26, 25]
    for table in registers:
        for number, date, title in table.rows:
            assert DOC_NO.match(number) and DATE.match(date) and len(title) >= 8, (number, date, title)
    assert t2022["4"].rows[0][:2] == ["上委﹝2021﹞ 1号", "2021-01-12"]
    assert t2022["10"].rows[-1][0].startswith("便笺")


def test_2019_projects_and_award_tables() -> None:
    projects = tables_of("001")["4"]
    assert [row[0] for row in projects.rows] == [str(n) for n in range(1, 11)]
    assert all(row[1].startswith("“") and "项目：" in row[1] and row[2] for row in projects.rows)
    assert projects.rows[2][1:] == ["“既有多层住宅加装电梯”项目：完成加装电梯60台",
                                    "完成加装电梯62台，加装电梯工作中探索形成的“三规范”工作法成为全市样板"]
    awards = tables_of("004")
    assert sorted(awards, key=int) == ["19", "20", "21", "22", "23", "24"]
    assert sum(len(t.rows) for t in awards.values()) == 211


def test_merged_cells_and_pinned_cells(t2022: dict[str, TableData]) -> None:
    postal = t2022["11"]
    assert postal.rows[0][:3] == ["1", "寄递网点", "东宝路投递组"]
    assert postal.rows[28][1] == "寄递网点" and postal.rows[29][:2] == ["1", "邮政营业网点"]
    assert postal.rows[-1][1] == "邮政营业网点"
    wetland = [row[0] for row in t2022["1"].rows]  # spans placed by the entry's `人工湿地（输水河、…）`
    assert wetland == ["近海与海岸湿地"] + ["河流湿地"] * 2 + ["湖泊湿地"] + ["人工湿地"] * 4 + ["总计"]
    assert t2022["1"].rows[4][1] == "输水河" and t2022["1"].rows[-1] == ["总计", "", "1638.24", "100"]
    assert t2022["3"].rows[-1] == ["合计", "867376", "778020"]
    assert t2022["12"].rows[28][0] == "29" and t2022["12"].rows[-1][0] == "43"  # the block printed in 移动服务
    assert t2022["13"].rows[0] == ["1", "杭海路营业厅", "杭海路223号兴业大厦1楼"]
    assert t2022["6"].rows[-1][0] == "“全民反诈”集中治理电信网络诈骗项目" and t2022["6"].rows[-1][2] == "足额完成"
    assert t2022["9"].columns[-1] == "办理情况满意度评价"
    assert t2022["21"].columns[1] == "获奖人姓名"
    assert all(re.fullmatch(r"\d{4}年\d{1,2}月", row[-1]) for n in ("18", "19", "20") for row in t2022[n].rows)


def test_every_character_of_a_table_region_reaches_its_cells() -> None:
    """The Han characters of the lines the 2022 tables were rebuilt from are the headers and cells, the
    repeated headers and 续表 marks reported as dropped, and the captions: nothing lost, nothing invented."""
    lines, _ = drop_page_furniture(split_lines(read_text(next((ROOT / "sources").glob("002_*.txt")), None)))
    body, back = split_back_matter(lines, GENRE)
    found = find_column_tables(body, parse_index(back, GENRE), BOOK)
    region = han_counts("".join(body[k].text for k in found.consumed))
    cells = han_counts("".join("".join(t.columns) + "".join(c or "" for r in t.rows for c in r)
                               for t in found.at.values()))
    dropped = han_counts("".join(body[k].text for k, _ in found.dropped))
    captions = han_counts("".join("表" + t.title for t in found.at.values()))
    assert not (cells + dropped) - region
    assert region - (cells + dropped) == captions - Counter({"表": 1})  # 表22 is printed without `表22`


def test_honours_tables_pinned_cells_and_levels(t2022: dict[str, TableData]) -> None:
    """表18–23: every row in the table of its level (a block printed between `续表N` and the caption of
    table N+1 opens N+1), several people in one cell separated by `、`, a month list joined."""
    level = {"18": "国家和部级", "19": "省级", "20": "市级", "21": "国家和部级", "22": "省级", "23": "市级"}
    for number, name in level.items():
        awarders = [row[-2] for row in t2022[number].rows]
        if name == "省级":
            assert sum("浙江" in a for a in awarders) >= len(awarders) - 3, number
        elif name == "市级":
            assert all("杭州" in a for a in awarders), number
        else:
            assert sum("浙江" in a or "杭州" in a for a in awarders) <= 1, number
    assert t2022["18"].rows[0][:2] == ["上城区", "中国楼宇经济高质量发展标杆范例"]
    assert t2022["18"].rows[-1] == ["杭州娃哈哈集团有限公司", "第19届全国质量奖", "中国质量协会", "2021年12月"]
    assert t2022["19"].rows[0][2] == "中共浙江省委、浙江省人民政府"
    assert t2022["20"].rows[0][1] == "2020年度全市平安创建工作考核结果良好区"
    assert t2022["21"].rows[8][1] == "刘金虎、寿国先、蔡节"
    assert t2022["21"].rows[-1][:2] == ["杭州娃哈哈集团有限公司", "宗庆后"]
    assert t2022["22"].rows[0][:2] == ["区委改革办", "俞杭钧、夏琳婧"]
    assert t2022["22"].rows[58][:2] == ["区文广旅体局", "王厚琦"] and t2022["22"].rows[59][-1] == "2021年4月、6月"
    assert t2022["23"].rows[0][:2] == ["区纪委区监委", "汪坚"] and t2022["23"].rows[-1][1] == "姚春宇"
    assert t2022["9"].rows[7][2] == "胡成敏、何奇、毛明秀、张建成、胡勇"


PINNED = {  # (source, table) → (row, the row as printed)
    ("002", "2"): (0, [
        "湖滨",
        "涌金门、青年路、东平巷、岳王路、东坡路、吴山路",
    ]),
    ("002", "5"): (-1, [
        "上人大常审议﹝2021﹞ 4号",
        "2021-12-27",
        "关于全区应急管理体系和能力建设情况的审议意见",
    ]),
    ("002", "7"): (0, [
        "上政办函〔2021〕7号",
        "2021-07-05",
        "杭州市上城区人民政府办公室关于印发上城区高水平推进交通强国示范区（交通治堵及综合交通）建设工作方案的通知",
    ]),
    ("002", "8"): (0, [
        "上政协〔2021〕1号",
        "2021-03-24",
        "关于表彰2019—2020年度上城区政协各项先进的决定",
    ]),
    ("002", "14"): (-1, [
        "总计",
        "学校、幼儿园（含校区、园区）",
        "270",
        "195576",
        "319930.4",
    ]),
    ("002", "15"): (0, [
        "卫生机构",
        "677家",
        "卫生技术人员",
        "38485",
    ]),
    ("000", "2"): (-1, [
        "上委〔2018〕44号",
        "2018-12-28",
        "中共杭州市上城区委关于同意召开杭州市上城区文学艺术界联合会成立大会暨第一次代表大会的批复",
    ]),
    ("001", "5"): (0, [
        "上政办函〔2018〕第9号",
        "2018-02-24",
        "杭州市上城区人民政府办公室关于印发《杭州市上城区政府投资项目分类管理实施办法（试行）》的通知",
    ]),
    ("004", "19"): (0, [
        "区检察院",
        "检察宣传片《青春的墨痕》获“平安中国”最佳微电影",
        "中共中央政法委员会",
        "2018年11月",
    ]),
    ("004", "20"): (0, [
        "上城区",
        "首批浙江省可持续发展创新示范区",
        "浙江省科学技术厅",
        "2018年12月",
    ]),
    ("004", "21"): (0, [
        "上城区",
        "2017年度外贸目标责任制考核鼓励奖",
        "杭州市人民政府办公厅",
        "2018年3月",
    ]),
    ("004", "22"): (0, [
        "区总工会",
        "朱新民",
        "全国优秀工会工作者",
        "中华全国总工会",
        "2018年10月",
    ]),
    ("004", "23"): (0, [
        "区委政法委",
        "周焕泽",
        "2017年度浙江省综治工作先进个人",
        "中共浙江省委、浙江省人民政府",
        "2018年3月",
    ]),
    ("004", "24"): (-1, [
        "杭州始版桥幼儿园",
        "章南",
        "杭州市中小学育人工作先进个人",
        "杭州市人民政府办公厅",
        "2018年1月",
    ]),
}


@pytest.mark.parametrize("source, number", sorted(PINNED))
def test_pinned_rows(source: str, number: str, t2022: dict[str, TableData]) -> None:
    table = t2022[number] if source == "002" else tables_of(source)[number]
    row, cells = PINNED[source, number]
    assert table.rows[row] == cells


# Another county's table printed column by column, with headers no bundled book uses: its caption (`title`
# / `表N`) after the block, as in the body of a book, or before it, as in 附录.
COLUMNS = """单位名称
县第一中学
县第二中学
县实验中学
班级数（个）
36
24
18
在校生（人）
1620
1080
810"""


@pytest.mark.parametrize("caption_after", [True, False])
def test_a_column_table_with_headers_of_another_book_is_a_table(caption_after: bool) -> None:
    caption = "全县中学基本情况\n表1"
    text = ("全县中学基本情况见表1。\n" + (COLUMNS + "\n" + caption if caption_after else caption + "\n" + COLUMNS)
            + "\n【师资】2023年，全县有专任教师1200人。\n")
    found = find_column_tables(split_lines(text), None, GENRE)
    (table,) = found.at.values()
    assert (table.number, table.columns) == ("1", ["单位名称", "班级数（个）", "在校生（人）"])
    assert table.rows == [["县第一中学", "36", "1620"], ["县第二中学", "24", "1080"], ["县实验中学", "18", "810"]]


def test_lines_ending_like_headers_away_from_a_table_number_stay_text() -> None:
    """`市直属单位` over its leaders, prose cut after `情况`: no `表N` wants a table, so no table."""
    text = "市直属单位\n上城区税务局\n党委书记、局长：朱剑波\n户籍人口按街道分布情况\n2021年，全区户籍人口86万人。\n"
    assert not find_column_tables(split_lines(text), None, GENRE).at


def test_a_table_numbered_by_its_chapter_keeps_its_number() -> None:
    """A 志 numbers its tables by chapter (`表1-1`): the site's list of tables and the CSV name show it whole."""
    page = "::: table 表1-1 2000—2005年人口统计\n| 年份 | 人口 |\n| --- | --- |\n| 2000 | 5.2 |\n:::\n"
    [table] = page_tables(parse(page))
    assert (table.number, table.title, table.rows) == ("1-1", "2000—2005年人口统计", [["2000", "5.2"]])
