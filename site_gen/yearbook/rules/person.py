"""The 人物 category as person records: one page per record, under the category's printed groups.

In print each record starts `徐荣培 男，1970年 8月出生，…` (two-character names padded: `蔡 节`), records
run on without headings, a group title (`脱贫攻坚先进人物`, wrapped at most over a few short lines) opens
each group, and a credit `（张 三）` closes the records written by that author.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from site_gen.yearbook.model import Entry, Section, SourceSpan
from site_gen.yearbook.readers.block import Block
from site_gen.yearbook.rules.credit import credit_line
from site_gen.yearbook.rules.paragraphs import Placed, reflow
from site_gen.yearbook.text import compact, join_wrapped

RECORD = re.compile(r"^(?P<name>[\u4e00-\u9fff]{1,2}\s?[\u4e00-\u9fff]{1,2})\s+(?P<gender>[男女])，(?P<rest>.*)$")
_BORN = re.compile(r"(?P<year>\d{4})\s*年\s*(?P<month>\d{1,2})\s*月")
MIN_RECORDS = 3
GROUP_LINES = 3  # a group title wraps over at most this many lines
AFFILIATION_MAX = 40  # characters: a longer clause is a sentence about the person, not a post
_NOT_AFFILIATION = re.compile(r"\d{4}\s*年|党员|会员|团员|群众|[汉回壮满苗]族|^[\u4e00-\u9fff]{2,6}人$"
                              r"|已故|退役|入伍|出生|籍贯|荣誉")


@dataclass(frozen=True, slots=True)
class PersonRecord:
    name: str
    gender: str
    born: str | None  # `1970-08`

    def meta(self) -> dict[str, str | None]:
        return {"name": self.name, "gender": self.gender, "born": self.born}


def is_people(items: Sequence[Block | Placed]) -> bool:
    return sum(1 for item in items if isinstance(item, Block) and RECORD.match(item.text.strip())) >= MIN_RECORDS


def person_of(text: str) -> PersonRecord | None:
    match = RECORD.match(text.strip())
    if match is None:
        return None
    born = _BORN.match(match["rest"].replace(" ", ""))
    return PersonRecord(compact(match["name"]), match["gender"],
                  f"{born['year']}-{int(born['month']):02d}" if born else None)


def affiliation(text: str) -> str | None:
    """Where the person works, from the record's first sentence: its last clause that is not the name,
    a date, a birthplace, an ethnicity or a party membership
    (`…，中国民主促进会会员，某县某某实业有限公司董事长。` → 某县某某实业有限公司董事长)."""
    sentences = text.split("。", 2)
    clauses = [c.strip() for c in sentences[0].split("，")[1:]]
    kept = [c for c in clauses if c and not _NOT_AFFILIATION.search(c)]
    if kept:
        return kept[-1]
    # `…出生，籍贯浙江东阳市。某县…中心主任医师，…`: the post opens the next sentence
    after = sentences[1].split("，", 1)[0].strip() if len(sentences) > 1 else ""
    return after if after and not _NOT_AFFILIATION.search(after) and len(after) <= AFFILIATION_MAX else None


def split_people(items: Sequence[Block | Placed], file: str, group_title: str) -> tuple[list[str], list[Section]]:
    """(blocks of text before the first group, the groups as sections of person entries)."""
    before: list[Block | Placed] = []
    sections: list[Section] = []
    heading: list[Block] = []
    record: list[Block | Placed] = []
    uncredited: list[Entry] = []
    entry: Entry | None = None

    def close_record() -> None:
        nonlocal entry
        if entry is not None:
            entry.blocks = reflow(record)
            if entry.person is not None and entry.blocks:
                entry.person["affiliation"] = affiliation(entry.blocks[0])
            record.clear()
            entry = None

    lines = list(items)
    for k, item in enumerate(lines):
        text = item.text.strip() if isinstance(item, Block) else ""
        person = person_of(text) if isinstance(item, Block) else None
        names = credit_line(text) if isinstance(item, Block) else None
        if person is not None and isinstance(item, Block):
            close_record()
            if heading or not sections:
                title = join_wrapped([h.text for h in heading]) or group_title
                first = heading[0].number if heading else item.number
                sections.append(Section(title, SourceSpan(file, first, item.number)))
                heading.clear()
            entry = Entry(person.name, SourceSpan(file, item.number, item.number), kind="person")
            entry.person = person.meta()
            sections[-1].entries.append(entry)
            uncredited.append(entry)
            record.append(item)
        elif names is not None and isinstance(item, Block):
            close_record()
            for done in uncredited:
                done.authors = list(names)
                done.credit_line = item.number
            uncredited.clear()
        elif isinstance(item, Block) and _opens_group(lines, k, entry is None):
            heading.append(item)
        elif entry is not None:
            record.append(item)
            if isinstance(item, Block):
                entry.span.extend(item.number)
                sections[-1].span.extend(item.number)
        else:
            before.append(item)
    close_record()
    return reflow(before), sections


def _opens_group(lines: Sequence[Block | Placed], k: int, after_credit: bool) -> bool:
    """A short line after a credit (or after another title line) whose record follows within a few lines."""
    if not after_credit:
        return False
    for item in lines[k + 1:k + 1 + GROUP_LINES]:
        if not isinstance(item, Block):
            return False
        if RECORD.match(item.text.strip()):
            return True
    return False
