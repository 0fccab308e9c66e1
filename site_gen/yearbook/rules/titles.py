"""What a title line looks like, for the rules that open categories and sections: short, no sentence
punctuation; a title printed twice as a PDF's shadow (`大事记大事记`); ornaments around it; an English
subtitle under a category's title; a line that ends a block, after which a title may stand."""

from __future__ import annotations

import re
from functools import lru_cache

from site_gen.yearbook.rules.credit import credit_at_end, credit_line
from site_gen.yearbook.rules.glossary import GLOSSARY_TITLE
from site_gen.yearbook.rules.tables.label import table_number
from site_gen.yearbook.text import compact

# Ornaments some books print around a category's or a section's title: `★ 教育 ★`, `■ 综述`, `◎基础教育`.
_ORNAMENTS = re.compile(r"^[■□◆◇●○★☆▲△▼▽◎※►▶◢◣❖\s]+|[■□◆◇●○★☆▲△▼▽◎※◀◤◥❖\s]+$")
ENGLISH_SHARE, ENGLISH_MIN_LETTERS = 0.8, 6  # of a subtitle's marks, Latin letters; and at least so many
_HEADING_PUNCT = set("，。；：！？、,;:!?【】")
TITLE_MAX = 16  # characters of a title line
_ENDS_SENTENCE = re.compile(r"[。！？][”’」』）)]*$")


def unornamented(title: str) -> str:
    return _ORNAMENTS.sub("", title) or title


@lru_cache(maxsize=1 << 16)  # asked of each line by several rules in turn (a third of a parse's calls)
def heading_like(text: str) -> bool:
    """A short line with no sentence punctuation: a candidate section (分目) heading line."""
    key = compact(text)
    return (1 <= len(key) <= TITLE_MAX and not (_HEADING_PUNCT & set(key)) and not key.startswith(("（", "("))
            and not table_number(key) and not key.isdigit() and not key.isascii())


def ends_block(text: str) -> bool:
    """The line ends a sentence or an entry group, so a heading may follow it."""
    return bool(_ENDS_SENTENCE.search(text)) or credit_line(text) is not None \
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


def is_title(text: str) -> bool:
    """A line that may be a category or section title: short, no sentence punctuation, no credit, no
    table number, not the 资料 box's title."""
    return heading_like(text) and credit_line(text) is None and not table_number(text) and text != GLOSSARY_TITLE
