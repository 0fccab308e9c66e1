import pytest

from site_gen.yearbook.rules import credit, titles


@pytest.mark.parametrize(("line", "names"), [
    ("（仲 玥）", ["仲玥"]),
    ("（王 任 金小芳）", ["王任", "金小芳"]),
    ("（季玳弘 王禹舜 马天洋）", ["季玳弘", "王禹舜", "马天洋"]),
    ("（吕 啸 王 灵 何嘉成 刘佳楠）", ["吕啸", "王灵", "何嘉成", "刘佳楠"]),
])
def test_personal_credits_give_names(line: str, names: list[str]) -> None:
    assert credit.credit_line(line) == names


@pytest.mark.parametrize("line", ["（区委组织部 供稿）", "（吕上元 摄）", "（扩大）", "（区统计局）",
                                  "（年鉴编辑部）", "（女）"])
def test_photo_and_organisation_credits_are_not_authors(line: str) -> None:
    assert credit.credit_line(line) is None


def test_credit_at_end_of_a_body_line() -> None:
    assert credit.credit_at_end("塘区51人。 （马天洋）") == ("塘区51人。", ["马天洋"])


def test_wrapped_credit_over_two_lines() -> None:
    names = credit.wrapped_credit("（俞 蕾 田间清 潘晓雯", "周佳君 李冬梅）")
    assert names == ["俞蕾", "田间清", "潘晓雯", "周佳君", "李冬梅"]


@pytest.mark.parametrize(("line", "title"), [
    ("大事记大事记", "大事记"), (" 文 化文 化", "文化"), (" 纪检纪检··监察监察", "纪检·监察"), ("人人3小时", None),
])
def test_doubled_category_titles(line: str, title: str | None) -> None:
    assert titles.undoubled(line) == title


def test_heading_like_lines() -> None:
    assert titles.heading_like("非物质文化遗产")
    assert titles.heading_like("财 政")
    assert not titles.heading_like("续表4")
    assert not titles.heading_like("2021年，区委召开")
