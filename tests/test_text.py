import pytest

from site_gen.yearbook.text import (
    clean_line,
    escape_markdown,
    fullwidth_punctuation,
    join_wrapped,
    normalise_spaces,
)


def test_spaces_between_chinese_and_digits_are_removed() -> None:
    assert normalise_spaces("2021年 5月 11日，从 1607.9亿元") == "2021年5月11日，从1607.9亿元"


def test_letter_spaced_words_are_closed_up() -> None:
    assert normalise_spaces("工 作 的 通 知》（杭 政 办 函") == "工作的通知》（杭政办函"


def test_spaces_around_full_width_brackets_are_removed() -> None:
    assert normalise_spaces("区委全体 （扩大） 会议") == "区委全体（扩大）会议"


def test_spaces_between_latin_words_are_kept() -> None:
    assert normalise_spaces("省 Pepper robot 机器人") == "省Pepper robot机器人"


def test_junk_characters_and_full_width_digits_are_cleaned() -> None:
    assert clean_line("业收入首次达到\ufffd500\ufffd亿，皋塘６个区\u2003") == "业收入首次达到500亿，皋塘6个区"


def test_leading_space_survives_cleaning_as_break_marker() -> None:
    assert clean_line(" 州工作的重要指示精神") == " 州工作的重要指示精神"


def test_wrapped_lines_join_without_separator() -> None:
    assert join_wrapped(["深入学习贯彻习近平总书记对浙江和杭", " 州工作的重要指示精神"]) == \
        "深入学习贯彻习近平总书记对浙江和杭州工作的重要指示精神"


def test_soft_hyphenated_english_word_is_rejoined() -> None:
    assert join_wrapped(["ESG：是环境（En\u2010", "vironmental）"]) == "ESG：是环境（Environmental）"


def test_markdown_specials_are_escaped() -> None:
    assert escape_markdown("1. 第一 *重点* [注]") == "1\\. 第一 \\*重点\\* \\[注\\]"
    assert escape_markdown("# 不是标题") == "\\# 不是标题"


@pytest.mark.parametrize(("raw", "expected"), [
    ("全年完成85.87亿元,同比增长8%;其中:", "全年完成85.87亿元，同比增长8%；其中："),
    ("(2013年1月5日)", "（2013年1月5日）"),
    ("计划 (2017—2020)", "计划 （2017—2020）"),
    ("27,321 个 8:30", "27,321 个 8:30"),  # between digits: a thousands comma, a time
    ("PPN (test) ok", "PPN (test) ok"),  # Latin context stays half width
    ("这是什么?对!", "这是什么？对！"),
])
def test_half_width_punctuation_in_chinese_context_becomes_full_width(raw: str, expected: str) -> None:
    assert fullwidth_punctuation(raw) == expected
