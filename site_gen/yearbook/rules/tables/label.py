"""A table's label: `表 4` or `续表4` (a continuation), the title printed with it or on the line above, and the
document numbers (文号) a register's rows open with. The one place the genre's table numbering is read."""

from __future__ import annotations

import re

from site_gen.yearbook.text import compact

# A document number (文号) as printed: `区委﹝2021﹞ 1号`, `区委办〔2018〕第7号`.
DOC_NUMBER = r"\S{1,12}?[〔﹝]\s*\d{4}\s*[〕﹞]\s*(?:第\s*)?\d+\s*号"
NUMBER = r"\d+(?:\s*[-－—–]\s*\d+)*"  # `4`, or a 志's number by chapter: `2-1`
_TABLE_NUMBER = re.compile(rf"^(?P<more>续?)表(?P<number>{NUMBER})$")
LABEL = re.compile(rf"^续?表\s*({NUMBER})(?!\d)\s*(.*)$")  # `表4`, `续表 4`, `表 4 title`, `表2-1 title`


def table_number(text: str) -> re.Match[str] | None:
    """`表 4` or `续表4` (groups `more`, `number`)."""
    return _TABLE_NUMBER.match(compact(text))
