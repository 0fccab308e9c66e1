"""Credits: the authors an entry group names at its end, `（王小红　陈东）`, on a line of their own, at the end
of the last line, wrapped over two lines, or after a label (`撰稿：`); and the names of an award list's grid."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the state imports the recognisers above; the rules below only use it
    from site_gen.yearbook.rules.state import State

_HAN = re.compile(r"^[\u4e00-\u9fff]+$")
_CREDIT_LINE = re.compile(r"^[（(]([^（）()]{1,40})[）)]$")
_CREDIT_AT_END = re.compile(r"^(?P<text>.*[。！？”）》；])\s*[（(](?P<names>[^（）()]{1,40})[）)]$")
_ORGS = "局|办|会|室|部|院|委|队|所|街道|公司|中心|组|站|馆|处|社|厅|府|团|校|单位"
_ORG_SUFFIX = re.compile(rf"(区|{_ORGS})$")
# A unit named before the person (`（区教育局　孙涛）`, `（城关镇　李华）`): a longer token with a unit's suffix.
_UNIT_SUFFIX = re.compile(rf"(区|县|市|省|镇|乡|{_ORGS})$")
_NOT_NAMES = {"扩大", "草案", "试行", "摘要", "筹", "村", "女", "男", "续", "续表", "暂行", "修订", "节选",
              "供稿", "提供", "整理", "撰稿", "供图", "摄影"}
_AUTHOR_LABEL = re.compile(r"^\s*(?:撰稿人?|撰文|执笔人?|作者)\s*[:：]?\s*")


def credit_names(inner: str) -> list[str] | None:
    """The author names of a credit's inner text (after its label, if any: `撰稿：林晓`), or None if it is
    not a personal credit.

    Two-character names are padded to three cells with a space (`仲 玥`), so consecutive
    single characters are paired back into names.
    """
    names = pair_names(inner[len(label[0]):] if (label := author_label(inner)) else inner)
    names = names[len(credit_units(names)):]
    if not 1 <= len(names) <= 6:
        return None
    for name in names:
        if not (2 <= len(name) <= 4 and _HAN.match(name)) or name in _NOT_NAMES or _ORG_SUFFIX.search(name):
            return None
    return names


def credit_units(tokens: list[str]) -> list[str]:
    """The units a credit names before its people (`区教育局` of `区教育局　孙涛`); none if no person follows."""
    units = []
    for token in tokens:
        if len(token) < 3 or not _UNIT_SUFFIX.search(token) or not _HAN.match(token):
            break
        units.append(token)
    return units if len(units) < len(tokens) else []


def author_label(inner: str) -> re.Match[str] | None:
    """The label some books print before a credit's names: `撰稿：`, `撰稿人：`, `撰文 `, `执笔：`."""
    return _AUTHOR_LABEL.match(inner)


def pair_names(text: str) -> list[str]:
    """Space-separated names, with padded two-character names (`徐 斌`) paired back together."""
    tokens = text.split()
    names: list[str] = []
    i = 0
    while i < len(tokens):
        token = tokens[i]
        if len(token) == 1 and i + 1 < len(tokens) and len(tokens[i + 1]) == 1:
            token, i = token + tokens[i + 1], i + 1
        names.append(token)
        i += 1
    return names


def name_grid(text: str) -> list[str] | None:
    """A line of an award list's name grid (`罗天佑 徐 斌 严国庆 曹天艳 程 艳`) → its names."""
    names = pair_names(text)
    least = 1 if " " in text.strip() else 2  # one padded name (`李 军`) is a grid line too
    if len(names) < least or not all(2 <= len(name) <= 4 and _HAN.match(name) for name in names):
        return None
    return names


def credit_line(text: str) -> list[str] | None:
    """Names of a credit standing alone on a line: `（林 晓）`, `（王 红 欧阳明）`."""
    match = _CREDIT_LINE.match(text)
    return credit_names(match.group(1)) if match else None


def credit_at_end(text: str) -> tuple[str, list[str]] | None:
    """A credit closing the last body line: `…共51人。 （张小明）` → (text, names)."""
    match = _CREDIT_AT_END.match(text)
    if not match:
        return None
    names = credit_names(match.group("names"))
    return (match.group("text"), names) if names else None


def wrapped_credit(first: str, second: str) -> list[str] | None:
    """A credit wrapped over two lines: `（张 三 李小明 王晓红` / `赵 四 孙丽丽）`."""
    if not (first.startswith("（") and "）" not in first and second.endswith("）") and "（" not in second):
        return None
    return credit_names(first[1:] + " " + second[:-1])


def credit(state: State, i: int) -> int | None:
    """A credit on a line of its own closes the entries since the last one."""
    names = credit_line(state.blocks[i].text) if state.profile.entries == "bracketed" else None
    if names is None:
        return None
    state.credit(names, state.blocks[i])
    return i + 1


def wrapped(state: State, i: int) -> int | None:
    """A credit cut over two lines."""
    lines = state.blocks
    names = wrapped_credit(lines[i].text, lines[i + 1].text) \
        if i + 1 < len(lines) and state.profile.entries == "bracketed" else None
    if names is None:
        return None
    state.credit(names, lines[i], lines[i + 1])
    return i + 2
