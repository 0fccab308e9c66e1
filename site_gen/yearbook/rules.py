"""One recogniser per construct of the hard-wrapped texts: credits, headings, titles, furniture."""

from __future__ import annotations

import re

from site_gen.yearbook.text import compact

_HAN = re.compile(r"^[\u4e00-\u9fff]+$")
_CREDIT_LINE = re.compile(r"^[（(]([^（）()]{1,40})[）)]$")
_CREDIT_AT_END = re.compile(r"^(?P<text>.*[。！？”）》；])\s*[（(](?P<names>[^（）()]{1,40})[）)]$")
_ORG_SUFFIX = re.compile(r"(区|局|办|会|室|部|院|委|队|所|街道|公司|中心|组|站|馆|处|社|厅|府|团|校|单位)$")
_NOT_NAMES = {"扩大", "草案", "试行", "摘要", "筹", "村", "女", "男", "续", "暂行", "修订", "节选"}
_CAPTION = re.compile(r"^续?表\s*\d+$")
_FOLIO = re.compile(r"^\d{1,3}$")
# A book's title as a running head prints it: `上城年鉴（2019）`, `某县年鉴 2023`, `某县年鉴·2023`, `2023某县年鉴`
# (not text cut before `…部署《上城年鉴（2018）`).
_BOOK = r"[^\s【《“\d]{1,12}年鉴"
_RUNNING_HEAD = re.compile(rf"^(?:{_BOOK}(?:（\d{{4}}）|\(\d{{4}}\)|[·•・]?\d{{4}})|\d{{4}}[·•・]?{_BOOK})$")
# A page number its decoration sets apart from any number of the text: `· 12 ·`, `- 12 -`, `—12—`, `第12页`.
_DECORATED_FOLIO = re.compile(r"^(?:[·•・\-—–]\s*\d{1,4}\s*[·•・\-—–]|第\s*\d{1,4}\s*页)$")
# Ornaments some books print around a category's or a section's title: `★ 教育 ★`, `■ 综述`, `◎基础教育`.
_ORNAMENTS = re.compile(r"^[■□◆◇●○★☆▲△▼▽◎※►▶◢◣❖\s]+|[■□◆◇●○★☆▲△▼▽◎※◀◤◥❖\s]+$")
_AUTHOR_LABEL = re.compile(r"^\s*(?:撰稿人?|撰文|执笔人?|作者)\s*[:：]?\s*")
ENGLISH_SHARE, ENGLISH_MIN_LETTERS = 0.8, 6  # of a subtitle's marks, Latin letters; and at least so many
_HEADING_PUNCT = set("，。；：！？、,;:!?【】")
SUMMARY = "综述"


def credit_names(inner: str) -> list[str] | None:
    """The author names of a credit's inner text (after its label, if any: `撰稿：林晓`), or None if it is
    not a personal credit.

    Two-character names are padded to three cells with a space (`仲 玥`), so consecutive
    single characters are paired back into names.
    """
    names = pair_names(inner[len(label[0]):] if (label := author_label(inner)) else inner)
    if not 1 <= len(names) <= 6:
        return None
    for name in names:
        if not (2 <= len(name) <= 4 and _HAN.match(name)) or name in _NOT_NAMES or _ORG_SUFFIX.search(name):
            return None
    return names


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
    """Names of a credit standing alone on a line: `（仲 玥）`, `（王 任 金小芳）`."""
    match = _CREDIT_LINE.match(text)
    return credit_names(match.group(1)) if match else None


def credit_at_end(text: str) -> tuple[str, list[str]] | None:
    """A credit closing the last body line: `…塘区51人。 （马天洋）` → (text, names)."""
    match = _CREDIT_AT_END.match(text)
    if not match:
        return None
    names = credit_names(match.group("names"))
    return (match.group("text"), names) if names else None


def wrapped_credit(first: str, second: str) -> list[str] | None:
    """A credit wrapped over two lines: `（俞 蕾 田间清 潘晓雯` / `周佳君 李冬梅）`."""
    if not (first.startswith("（") and "）" not in first and second.endswith("）") and "（" not in second):
        return None
    return credit_names(first[1:] + " " + second[:-1])


def is_caption(text: str) -> bool:
    return bool(_CAPTION.match(compact(text)))


def is_folio(text: str) -> bool:
    return bool(_FOLIO.match(text))


def is_decorated_folio(text: str) -> bool:
    return bool(_DECORATED_FOLIO.match(text.strip()))


def is_running_head(text: str) -> bool:
    return bool(_RUNNING_HEAD.match(compact(text)))


def unornamented(title: str) -> str:
    return _ORNAMENTS.sub("", title) or title


def heading_like(text: str) -> bool:
    """A short line with no sentence punctuation: a candidate section (分目) heading line."""
    key = compact(text)
    return (1 <= len(key) <= 16 and not (_HEADING_PUNCT & set(key)) and not key.startswith(("（", "("))
            and not is_caption(key) and not key.isdigit() and not key.isascii())


def ends_block(text: str) -> bool:
    """The line ends a sentence or an entry group, so a heading may follow it."""
    return bool(re.search(r"[。！？][”’」』）)]*$", text)) or credit_line(text) is not None \
        or credit_at_end(text) is not None or text.endswith(("）", ")"))


def undoubled(text: str) -> str | None:
    """`大事记大事记` → `大事记`; `纪检纪检··监察监察` → `纪检·监察`; None if the line is not doubled."""
    key = compact(text)
    if len(key) < 4 or key[0] not in key[1:len(key) // 2 + 1]:
        return None
    result, pos = "", 0
    while pos < len(key):
        for size in range(1, (len(key) - pos) // 2 + 1):
            if key[pos:pos + size] == key[pos + size:pos + 2 * size]:
                result, pos = result + key[pos:pos + size], pos + 2 * size
                break
        else:
            return None
    return result if len(result) >= 2 and not result.isascii() else None


def is_english_subtitle(text: str) -> bool:
    """A category's English subtitle: mostly Latin letters (`Health`, `Culture · Sports`, `People’s`)."""
    marks = [ch for ch in text if not ch.isspace()]
    letters = sum(ch.isascii() and ch.isalpha() for ch in marks)  # (not `“1+240+2+7`: digits and signs)
    return letters >= ENGLISH_MIN_LETTERS and letters / len(marks) > ENGLISH_SHARE
