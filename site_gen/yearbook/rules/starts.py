"""Wrapped lines with the starts a wider column (or a tool that merged lines) ran into them set on lines
of their own again, so the structurer sees each construct open a line, as print sets it.

One named rule per start, tried in order on each piece until none splits it (markdown-it's rule table
is the model). A rule splits only where the genre marks a start: a `【title】`, a credit, a photo
credit `（… 供稿）`, the 资料 box title, a table's `表 N`, a document register's `文号 date`, a repeat
of the table's header, the next row number of a numbered table.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable
from dataclasses import dataclass

from site_gen.yearbook.readers.block import TABLE, Block
from site_gen.yearbook.rules.caption import PHOTO_CREDIT
from site_gen.yearbook.rules.credit import credit_line, credit_names
from site_gen.yearbook.rules.glossary import GLOSSARY_TITLE
from site_gen.yearbook.rules.tables.delimited import TITLE_MAX
from site_gen.yearbook.rules.tables.label import NUMBER, table_number
from site_gen.yearbook.rules.tables.rows import is_header
from site_gen.yearbook.rules.titles import ends_block, heading_like, is_english_subtitle, is_title
from site_gen.yearbook.text import compact

_TITLE_THEN_ENGLISH = re.compile(r"^([^A-Za-z]{2,30}?)\s*([A-Z][A-Za-z ,.'’&()-]{7,})$")
_CREDIT_THEN_TITLE = re.compile(r"^(?P<text>.*?)\s*(?P<credit>[（(][^（）()]{1,40}[）)])\s*(?P<title>[^（）()]{1,16})$")
_CREDIT_OPENS = re.compile(r"^(?P<before>.*?)\s*(?P<open>[（(][^（）()]{0,40})$")
_CREDIT_CLOSES = re.compile(r"^(?P<close>[^（）()]{0,40}[）)])\s*(?P<rest>.*)$")
_PERSONAL_CREDIT = re.compile(r"[（(][^（）()]{1,40}[）)]")
_PHOTO_CREDIT_IN = re.compile(PHOTO_CREDIT.pattern.removesuffix("$"))
_LABEL_AT_END = re.compile(rf"^(?P<before>.*?\S)\s*(?P<label>(?P<more>续?)表\s*{NUMBER})$")
_LABEL_AT_START = re.compile(rf"^(?P<label>续?表\s*{NUMBER})(?!\d)\s*(?P<after>\S.*)$")
_HEADER_THEN_NUMBER = re.compile(r"^(?P<header>.*?\D)(?P<number>\d+)$")
_REGISTER_ROW = re.compile(r"(?P<bracket>[〔﹝])\s*\d{4}\s*[〕﹞]\s*(?:第\s*)?\d+\s*号\s+\d{4}-\d{1,2}-\d{1,2}")
# How a document's title (or a register's header) ends, before the next row's issuer code (`上委办`).
_TITLE_ENDS = ("知", "见", "定", "议", "复", "法", "案", "告", "要", "则", "》", "）", "”", "题", " ")
CREDIT_MAX = 40  # characters inside a credit's brackets
ISSUER_MAX = 6  # characters of an issuer's code: `上政办函`
_CAPTION_DATE = re.compile(r"\d{4}\s*年(?:\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*日)?)?\s*，")
_GLOSSARY_TITLE = re.compile(rf"{GLOSSARY_TITLE}\s*(?=“[^”]{{1,20}}”\s*[：:]|$)")  # before `“四提一争”：…`
_SENTENCES = re.compile(r"^(.*[。！？][”’）]*|)(.*)$")  # the prose before a table's title, and the title
_SENTENCE_END = re.compile(r"[。！？][”’」』]*$")  # (a register's title may end with `（…通过）`)
_TITLE_PUNCT = set("，。；：！？、")
_WORD_BEFORE_BIAO = set("代发列图报外仪电水手年课时填见如")  # 代表, 发表, 见表 …: a word, not a table number
# A line with none of these holds no start a rule splits off: most lines, passed over cheaply.
_CHEAP = re.compile(rf"【|[（(]|{GLOSSARY_TITLE}|表\s*\d|[〔﹝]|\d$|[A-Za-z]$|\d{{4}}\s*年")


@dataclass(slots=True)
class _State:
    previous: str = ""  # the line before's text
    following: str = ""  # the next line's text
    header: str = ""  # the last table header seen (compact), whose repeats end rows
    next_row: int = 0  # the number the next row of a numbered table opens with; 0 outside one


Start = Callable[[str, _State], list[str] | None]


def unmerged(lines: list[Block], interrupting: frozenset[str]) -> list[Block]:
    """`lines` with every piece a rule splits off on a line of its own (the first keeps the indent); only
    the starts of the `interrupting` constructs (those the rule table lets cut running text short)."""
    splitters = tuple(split for _, construct, split in STARTS if construct in interrupting)
    result: list[Block] = []
    state = _State()
    lines = _rejoined_credits(lines)
    for k, line in enumerate(lines):
        if line.kind == TABLE:
            result.append(line)
            continue
        state.previous = lines[k - 1].text if k else ""
        state.following = lines[k + 1].text if k + 1 < len(lines) else ""
        if not (_CHEAP.search(line.text) or state.following.startswith("【") or state.header):
            result.append(line)  # most lines: nothing ran into them (checked cheaply first: 100,000 lines)
            continue
        pieces = _split(line.text, state, splitters)
        if len(pieces) == 1:
            result.append(line)
        else:
            result += [line._replace(text=piece, indented=line.indented and n == 0) for n, piece in enumerate(pieces)]
    return result


def _rejoined_credits(lines: list[Block]) -> list[Block]:
    """A credit the wrap cut, whole again: a paragraph's closing credit (`…示范区。（占志` / `铖）`, or over
    three lines in a narrow column) on a line of its own, a photo credit (`…（玉皇山南基金` / `小镇管委会
    供稿）`) on a line of its own after its caption. A credit that opens its line is read as wrapped by
    the structurer."""
    result: list[Block] = []
    k = 0
    while k < len(lines):
        line = lines[k]
        opening = _CREDIT_OPENS.match(line.text) if "（" in line.text or "(" in line.text else None
        found = _credit_end(lines, k, opening["open"]) if opening else None
        pieces = _credit_pieces(opening["before"], [opening["open"], *found[1]]) if opening and found else None
        if pieces is None or found is None:
            result.append(line)
            k += 1
            continue
        end, _, rest = found
        result += [line._replace(text=pieces[0]), *[line._replace(text=piece, indented=False) for piece in pieces[1:]]]
        if rest:
            result.append(lines[end]._replace(text=rest, indented=False))
        k = end + 1
    return result


def _credit_end(lines: list[Block], k: int, opening: str) -> tuple[int, list[str], str] | None:
    """(index of the line closing the credit opened on line `k`, the credit's pieces after the opening,
    what follows the closing on its line): lines with no bracket between, the credit no longer than a
    credit is."""
    inner = len(opening)
    for end in range(k + 1, len(lines)):
        closing = _CREDIT_CLOSES.match(lines[end].text)
        if closing:
            return end, [line.text for line in lines[k + 1:end]] + [closing["close"]], closing["rest"]
        inner += len(lines[end].text)
        if set("（）()") & set(lines[end].text) or inner > CREDIT_MAX:
            return None
    return None


def _credit_pieces(before: str, parts: list[str]) -> list[str] | None:
    if PHOTO_CREDIT.fullmatch("".join(parts)):  # the caption's text, then its credit (as print sets it)
        return [before, "".join(parts)] if before.strip() else ["".join(parts)]
    if not ends_block(before):
        return None
    inner = [parts[0][1:], *parts[1:-1], parts[-1][:-1]]
    readings = (inner[0] + "".join(joint + part for joint, part in zip(joints, inner[1:], strict=True))
                for joints in itertools.product(("", " "), repeat=len(inner) - 1))  # each cut inside a name or not
    joined = [names for names in readings if credit_names(names)]
    if not joined:
        return None
    # Cut inside a name (`欧阳` / `明`) or between two (`张三` / `李四`): the reading with fewer 4-character names.
    names = min(joined, key=lambda names: sum(len(name) == 4 for name in credit_names(names) or []))
    return [before, f"（{names}）"]


def _split(text: str, state: _State, splitters: tuple[Start, ...]) -> list[str]:
    for split in splitters:
        pieces = split(text, state)
        if pieces:
            result: list[str] = []
            previous, following = state.previous, state.following
            for n, piece in enumerate(pieces):  # each piece sees its own neighbours
                state.previous = result[-1] if result else previous
                state.following = pieces[n + 1] if n + 1 < len(pieces) else following
                result += _split(piece, state, splitters)
            state.previous, state.following = previous, following
            return result
    _track_table(text, state)
    return [text]


def _track_table(text: str, state: _State) -> None:
    """A piece no rule splits: a header opens a table (numbered if its first column is 序号), a row
    number moves it on, and an entry's start or a table label ends it."""
    if is_header(text):
        state.header = compact(text)
        state.next_row = 1 if text.split()[0] == "序号" else 0
    elif state.next_row and re.fullmatch(rf"{state.next_row}(?:\s.*|“.*)?", text):
        state.next_row += 1
    elif text.startswith("【") or credit_line(text) is not None or _SENTENCE_END.search(text) \
            or _LABEL_AT_START.match(text) or table_number(text):
        state.header, state.next_row = "", 0  # prose again, or the next table's label


def _english_subtitle(text: str, state: _State) -> list[str] | None:
    """`文化体育Culture and Sports`: a category's title over its English subtitle."""
    subtitle = _TITLE_THEN_ENGLISH.match(text)
    if subtitle and heading_like(subtitle.group(1)) and is_english_subtitle(subtitle.group(2)):
        return [subtitle.group(1), subtitle.group(2)]
    return None


def _entry_start(text: str, state: _State) -> list[str] | None:
    """`…示范区。【领导体制完善】`, `综 述【概况】`: an entry's title after the end of a sentence, a
    credit or a title."""
    at = text.find("【", 1)
    before = text[:at].rstrip()
    if at > 0 and before and (ends_block(before) or heading_like(before)):
        return [before, text[at:]]
    return None


def _credit_then_title(text: str, state: _State) -> list[str] | None:
    """`…实事。（张小明）县政府重要会议` before a `【`: a credit, then the next section's title."""
    credit = _CREDIT_THEN_TITLE.match(text) if state.following.startswith("【") else None
    if credit and credit_line(credit["credit"]) and is_title(credit["title"]) and \
            (not credit["text"] or ends_block(credit["text"])):
        return [part for part in credit.group("text", "credit", "title") if part]
    return None


def _credit_then_more(text: str, state: _State) -> list[str] | None:
    """`（章 莉）2018 年 12 月 21 日，…`: an entry's credit ends it, whatever follows on the line; so does
    a credit after a table's last row (`…的通知（李小明）`)."""
    for credit in _PERSONAL_CREDIT.finditer(text):
        before, after = text[:credit.start()].rstrip(), text[credit.end():].strip()
        if credit_line(credit.group()) is None:
            continue
        if after and ends_block(before or state.previous):
            return [part for part in (before, credit.group(), after) if part]
        if not after and before and state.header and "，" not in before and not _LABEL_AT_START.match(before):
            return [before, credit.group()]  # (not the next table's title: `表3 …各部门（单位）`)
    return None


def _photo_credit(text: str, state: _State) -> list[str] | None:
    """`（区委统战部 供稿）经济社会建设。…`: a photo credit ends its caption; what follows is other text."""
    credit = _PHOTO_CREDIT_IN.search(text)
    if credit and text[credit.end():].strip():
        return [text[:credit.end()].rstrip(), text[credit.end():].strip()]
    return None


def _caption_date(text: str, state: _State) -> list[str] | None:
    """`…助推全区2018 年 5 月 23 日，…上线 （区委统战部 供稿）`: a dated caption opens mid-line when it (or
    the next line) ends with a photo credit."""
    opening = _PHOTO_CREDIT_IN.search(state.following)
    if not (PHOTO_CREDIT.search(text) or (opening and not compact(state.following[:opening.start()]).isalnum())):
        return None  # (a stray symbol from the PDF may stand before the credit: `� （区审管办 供稿）`)
    dates = [date.start() for date in _CAPTION_DATE.finditer(text) if date.start() > 0]
    return [text[:dates[-1]].rstrip(), text[dates[-1]:]] if dates else None  # the caption runs to the end


def _glossary_title(text: str, state: _State) -> list[str] | None:
    """`…挂职锻炼。资料`, `资料“四提一争”：…`, `…锻炼。资料“四提一争”：…`: the 资料 box's title, after
    the end of a sentence and before the box's first term (or the end of the line)."""
    for title in _GLOSSARY_TITLE.finditer(text):
        before, after = text[:title.start()].rstrip(), text[title.end():].strip()
        if (before or after) and (not before or ends_block(before)):
            return [part for part in (before, GLOSSARY_TITLE, after) if part]
    return None


def _table_label(text: str, state: _State) -> list[str] | None:
    """`2018 年…文件题录表 2` (a title before its number), `…的批复续表 2` (a continuation after the rows
    it continues), `表 4序号 实事项目内容 完成情况` (a number before its header)."""
    end = _LABEL_AT_END.match(text)
    if end and end["more"]:
        return [end["before"], end["label"]]
    if end:
        prose, title = _SENTENCES.match(end["before"]).groups()  # type: ignore[union-attr]
        if _is_table_title(title):
            return [part for part in (prose, title.strip(), end["label"]) if part]
    start = _LABEL_AT_START.match(text)
    if start and (is_header(start["after"]) or _header_then_number(start["after"]) or
                  start["label"].startswith("续")):
        return [start["label"], start["after"]]
    return None


def _header_then_number(text: str) -> list[str] | None:
    """`序号 实事项目内容 完成情况1`: a numbered table's header, then its first row's number."""
    match = _HEADER_THEN_NUMBER.match(text)
    if match and is_header(match["header"]) and match["number"] == "1":
        return [match["header"].rstrip(), match["number"]]
    return None


def _register_row(text: str, state: _State) -> list[str] | None:
    """`…的通知上委办〔2018〕第15号 2018-03-12`, `发文字号 发文日期 文件标题上委〔2018〕1号 2018-01-08`:
    a document register's row opens at its 文号 and date."""
    for row in _REGISTER_ROW.finditer(text):
        head = text[:row.start("bracket")]
        end = max(head.rfind(mark) for mark in _TITLE_ENDS)  # the issuer's code is no title, nor has its ends
        if end >= 0 and 1 <= len(head) - end - 1 <= ISSUER_MAX:
            return [head[:end + 1].rstrip(), text[end + 1:].lstrip()]
    return None


def _repeated_header(text: str, state: _State) -> list[str] | None:
    """`…的实施意见发文字号 发文日期 文件标题`: the header a page break repeats, after the row it cut."""
    if state.header and compact(text).endswith(state.header) and compact(text) != state.header:
        cut = _header_start(text, state.header)
        if cut:
            return [text[:cut].rstrip(), text[cut:]]
    return None


def _header_start(text: str, header: str) -> int:
    """Where the spaced header `header` (compact) begins at the end of `text`."""
    seen = 0
    for k in range(len(text) - 1, -1, -1):
        if not text[k].isspace():
            seen += 1
        if seen == len(header):
            return k
    return 0


def _row_number(text: str, state: _State) -> list[str] | None:
    """`…服务减量新模式2`, `…示范案例”3 “既有…`: the next row of a numbered table opens mid-line."""
    if not state.next_row:
        return None
    number = str(state.next_row)
    if text.startswith(number + "“"):
        return [number, text[len(number):]]  # the row's number, then its first cell (`4“公共停车场库建设”…`)
    match = re.search(rf"(?<=\D){number}(?=$|\s|“)", text)
    if match and match.start() > 0:
        return [text[:match.start()].rstrip(), text[match.start():].lstrip()]
    return None


def _is_table_title(text: str) -> bool:
    key = compact(text)
    return 2 <= len(key) <= TITLE_MAX and not (_TITLE_PUNCT & set(key)) and key[-1] not in _WORD_BEFORE_BIAO


# (name, the construct whose start it sets apart — a rule of the structurer's table — splitter)
STARTS: tuple[tuple[str, str, Start], ...] = (
    ("English subtitle", "category", _english_subtitle),
    ("entry start", "entry", _entry_start),
    ("credit before a title", "credit", _credit_then_title),
    ("credit, then more", "credit", _credit_then_more),
    ("photo credit", "caption", _photo_credit),
    ("caption date", "caption", _caption_date),
    ("资料 title", "glossary", _glossary_title),
    ("table label", "table", _table_label),
    ("header before a row", "table", lambda text, state: _header_then_number(text)),
    ("register row", "table", _register_row),
    ("repeated header", "table", _repeated_header),
    ("row number", "table", _row_number),
)
