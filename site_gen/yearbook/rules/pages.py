"""Texts whose headings follow no hierarchy: a report, a list of awards, documents printed in full — a
paragraph a line, `#` levels set at random by the tool that made them.

Structure comes from what a block is and what follows it: a short title a section, a title over a `——在…`
line a report, a title over `表 N` a table, a heading after a document's closing date (in a section of
documents) the next document, a 【title】 over names an award list; a numbered line (`一、`, `（一）`, `1.`)
a heading inside the page, by its numbering. The blocks are written as they stand: such texts are not
wrapped.
"""

from __future__ import annotations

import re

from site_gen.yearbook.model import CONTINUATION, REPEATED_HEADER, Dropped, Entry, Section, SourceSpan
from site_gen.yearbook.readers.block import TABLE, TEXT, Block
from site_gen.yearbook.readers.delimited import cells_of
from site_gen.yearbook.rules.credit import name_grid
from site_gen.yearbook.rules.state import State
from site_gen.yearbook.rules.tables.label import table_number
from site_gen.yearbook.table_model import Table
from site_gen.yearbook.text import fullwidth_punctuation, normalise_spaces

_LIST_TITLE = re.compile(r"^【(.+?)】(.*)$")
_SECTION_TITLE = re.compile(r"^[\u4e00-\u9fff]{2,8}$")
_DATE_LINE = re.compile(r"^\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日$")
_SUBTITLE = "——"  # `——在…上的讲话`: the line under a report's title
_MARKED = re.compile(r"^(【|——)|^\*\*[^*]*\*\*$")
_SENTENCE_OPEN = re.compile(r"[^。！？；：.!?;:”」）)\]]$")
# `**注释 国家可持续发展实验区：**原名为…` opens a report's notes; `**省创新型城区：**…` continues them.
_NOTE_ITEM = re.compile(r"^\*\*(?:注释\s*)?(?P<term>[^*：:]{1,40})(?:[：:]\*\*|\*\*[：:])(?P<text>.+)$")
JOIN_MIN_LENGTH = 16  # a paragraph cut by a page break is a long line; short lines are titles or names
_NUMBERING_LEVELS = (  # heading level from the numbering: `一、` > `（一）` > `1.`
    (re.compile(r"^[一二三四五六七八九十]+、"), 2),
    (re.compile(r"^（[一二三四五六七八九十]+）"), 3),
    (re.compile(r"^\d{1,2}[.．、]\D"), 4),
)
NUMBERED_HEADING_MAX = 40  # a numbered plain line this short is a heading; a longer one is a lead-in paragraph


def prepared(blocks: list[Block]) -> list[Block]:
    """Half-width punctuation in Chinese text made full width, paragraphs a page break cut joined again."""
    result: list[Block] = []
    for block in blocks:
        if block.kind == TEXT and block.text:
            block = block._replace(text=fullwidth_punctuation(block.text))
        elif block.kind == TABLE:
            block = block._replace(lines=tuple(line._replace(text=fullwidth_punctuation(line.text))
                                               for line in block.lines))
        previous = result[-1] if result else None
        if previous is not None and _cut(previous, block):
            result[-1] = previous._replace(text=previous.text + block.text)
        elif block.text or block.kind != TEXT:
            result.append(block)
    return result


def _cut(previous: Block, block: Block) -> bool:
    """`block` goes on with the paragraph a page break cut: a long line open at its end, then plain text."""
    return previous.kind == block.kind == TEXT and len(previous.text) >= JOIN_MIN_LENGTH \
        and bool(_SENTENCE_OPEN.search(previous.text)) and not _marked(previous) and not _marked(block) \
        and not table_number(block.text) and name_grid(previous.text) is None and name_grid(block.text) is None \
        and (len(block.text) >= JOIN_MIN_LENGTH // 2 or block.text[-1:] in "。！？")


def _marked(block: Block) -> bool:
    """A heading, a line wholly in bold, a list title or a subtitle (as written): never a continuation."""
    return bool(block.level) or bool(_MARKED.search(_markup(block)))


def _markup(block: Block) -> str:
    """A plain block's text with the bold its start was set in, as the page keeps it."""
    return f"**{block.text[:block.bold]}**{block.text[block.bold:]}" if block.bold else block.text


def table(state: State, i: int) -> int | None:
    """`title` / `表 N` / rows, continued after `续表 N` with the header repeated: a page of its own."""
    blocks = state.blocks
    number = table_number(state.text_at(i + 1))
    if number is None or table_number(blocks[i].text) or blocks[i].kind != TEXT:
        return None
    title = normalise_spaces(blocks[i].text)
    page = _open_page(state, f"表{number['number']} {title}", blocks[i], "table")
    rows: list[list[str]] = []
    j = i + 2
    while j < len(blocks) and (blocks[j].kind == TABLE or table_number(blocks[j].text)):
        for line in blocks[j].lines or (blocks[j],):
            cells = cells_of(line.text) if blocks[j].kind == TABLE else None
            if cells is not None and (not rows or cells != rows[0]):
                rows.append(cells)
            else:  # `续表 N` and the header row a continuation repeats
                reason = CONTINUATION if cells is None else REPEATED_HEADER
                state.part.dropped.append(Dropped(line.number, line.text, reason))
            page.span.extend(line.number)
        j += 1
    if rows:
        width = max(len(row) for row in rows)
        found = Table(number["number"], title, _padded(rows[0], width), [list(_padded(row, width)) for row in rows[1:]],
                      [blocks[i].number, page.span.last])
        page.blocks.append(found.markdown())
    state.entry = None
    return j


def notes(state: State, i: int) -> int | None:
    """A report's 注释: `**注释 term：**definition`, then `**term：**definition` items → one glossary."""
    if not _NOTE_ITEM.match(_markup(state.blocks[i])):
        return None
    items: list[list[str]] = []
    j = i
    while j < len(state.blocks):
        block = state.blocks[j]
        if (match := _NOTE_ITEM.match(_markup(block))) is not None:
            items.append([match["term"], match["text"]])
        elif items[-1][1][-1:] not in "。！？" and block.kind == TEXT and not _marked(block):
            items[-1][1] += block.text  # the definition goes on after a page break
        else:
            break
        _extend(state, block)
        j += 1
    entries = [f"{normalise_spaces(term)}\n: {normalise_spaces(text)}" for term, text in items]
    _holder(state).blocks.append("::: glossary\n" + "\n\n".join([state.profile.notes_title, *entries]) + "\n:::")
    return j


def page_title(state: State, i: int) -> int | None:
    """A section's short title; a report's title over its `——` line; in a section of documents, a heading
    after the last document's date; a 【title】 that opens an award list."""
    block = state.blocks[i]
    title = normalise_spaces(block.text)
    following = state.text_at(i + 1)
    heading = bool(block.level)
    if block.kind != TEXT:
        return None
    if _SECTION_TITLE.match(title) and (heading or i == 0) and not following.startswith(_SUBTITLE):
        _open_section(state, title, block)
    elif following.startswith(_SUBTITLE) or (heading and _in_documents(state) and
                                             (state.after_date or state.entry is None)):
        _open_page(state, title, block, "document")
    elif (match := _LIST_TITLE.match(block.text)) is not None:
        _open_page(state, normalise_spaces(match.group(1)), block, "list")
        rest = match.group(2).strip()
        if rest:
            _add(state, Block(block.number, rest))
    else:
        return None
    state.after_date = bool(_DATE_LINE.match(title))
    return i + 1


def text(state: State, i: int) -> int:
    """Any other block, as it stands: a numbered line a heading by its numbering, a grid of names a list."""
    block = state.blocks[i]
    for line in block.lines if block.kind == TABLE else (block,):
        _add(state, line)
    state.after_date = bool(_DATE_LINE.match(normalise_spaces(block.text)))
    return i + 1


def _extend(state: State, line: Block) -> None:
    holder = _holder(state)
    holder.span.extend(line.number)
    if state.section:
        state.section.span.extend(line.number)


def _holder(state: State) -> Entry | Section:
    holder = state.entry or state.section or state.category
    assert holder is not None
    return holder  # type: ignore[return-value]


def _in_documents(state: State) -> bool:
    return state.section is not None and state.section.title == state.profile.documents_section


def _open_section(state: State, title: str, line: Block) -> None:
    assert state.category is not None
    state.section = Section(title, SourceSpan(state.file, line.number, line.number))
    state.category.sections.append(state.section)
    state.entry = None


def _open_page(state: State, title: str, line: Block, kind: str) -> Entry:
    if state.section is None:
        assert state.category is not None
        _open_section(state, state.category.title, line)
    assert state.section is not None
    state.entry = Entry(title, SourceSpan(state.file, line.number, line.number), kind=kind)
    state.section.entries.append(state.entry)
    return state.entry


def _add(state: State, line: Block) -> None:
    _extend(state, line)
    holder = _holder(state)
    raw = _markup(line)
    level = heading_level(line)
    names = name_grid(raw)
    if level:
        holder.blocks.append("#" * level + " " + normalise_spaces(line.text))
    elif names and state.grid_open and holder.blocks:
        holder.blocks[-1] += "、" + "、".join(names)  # the grid goes on: one list of names
    elif names:
        holder.blocks.append("、".join(names))
    else:
        holder.blocks.append(normalise_spaces(raw))
    state.grid_open = names is not None


def heading_level(block: Block) -> int:
    """The level a block gets as a heading inside a page (0: not a heading).

    The texts' own `#` levels are noise, so the level comes from the numbering; a plain line is a heading
    only if it is numbered and short (`（一）构建…体系建设。`), not a numbered lead-in paragraph.
    """
    plain = normalise_spaces(block.text)
    for pattern, level in _NUMBERING_LEVELS:
        if pattern.match(plain):
            return level if block.level or (len(plain) <= NUMBERED_HEADING_MAX and plain.count("。") <= 1
                                            and not block.bold) else 0
    return 2 if block.level else 0


def _padded(row: list[str], width: int) -> list[str]:
    return row + [""] * (width - len(row))
