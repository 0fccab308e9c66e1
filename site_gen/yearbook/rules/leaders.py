"""The 附录 list of institutions and their leaders (`2021年区级主要机构及负责人`) as structured lists.

In print it is a narrow column: an institution, then `职务：姓名（注）` lines, each further holder of
the role on a line of its own. Joined as prose it would read as one run-on paragraph.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from site_gen.yearbook.readers.block import Block
from site_gen.yearbook.rules.paragraphs import Placed
from site_gen.yearbook.text import escape_markdown, join_wrapped

_ROLE = re.compile(r"^(?P<role>[^，。：:（(]{1,24})[：:](?P<rest>.*)$")
_NAME = re.compile(r"^[\u4e00-\u9fff]{1,2}\s?[\u4e00-\u9fff]{1,2}(?:（[^（）]*）)*$")
_NOTE = re.compile(r"^（[^（）]*）$")
ORG_MAX = 30  # an institution's name fits on one line of the list


def split_leaders(items: Sequence[Block | Placed],
                  title_end: str) -> tuple[list[Block | Placed], list[str], list[Block | Placed]]:
    """(items before the list, the list as Markdown blocks, items after it); no list → (items, [], [])."""
    start = next((k for k, item in enumerate(items) if isinstance(item, Block) and item.text.endswith(title_end)), None)
    if start is None:
        return list(items), [], []
    end = start + 1
    while end < len(items) and isinstance(item := items[end], Block) and _in_list(item):
        end += 1
    title = items[start]
    assert isinstance(title, Block)
    return list(items[:start]), [f"## {escape_markdown(join_wrapped([title.text]))}",
                                 *_blocks([i for i in items[start + 1:end] if isinstance(i, Block)])], \
        list(items[end:])


def _in_list(line: Block) -> bool:
    text = line.text
    return bool(_ROLE.match(text) or _NAME.match(text) or _NOTE.match(text)) \
        or (len(text) <= ORG_MAX and not set("，。；") & set(text))


def _blocks(lines: list[Block]) -> list[str]:
    blocks: list[str] = []
    roles: list[list[str]] = []  # [role, name, name…] of the institution being listed

    def close() -> None:
        if roles:
            blocks.append("\n".join(f"- {escape_markdown(r[0])}：{escape_markdown('、'.join(r[1:]))}"
                                    for r in roles))
            roles.clear()

    for line in lines:
        text = join_wrapped([line.text])
        role = _ROLE.match(text)
        if role:
            roles.append([role["role"], *([role["rest"]] if role["rest"] else [])])
        elif roles and _NOTE.match(text) and len(roles[-1]) > 1:
            roles[-1][-1] += text  # a holder's note wrapped onto its own line
        elif roles and (_NAME.match(text) or _NOTE.match(text)):
            roles[-1].append(text)
        elif _NOTE.match(text):
            close()
            blocks.append(escape_markdown(text))  # the period an institution's list covers
        else:
            close()
            blocks.append(f"### {escape_markdown(text)}")
    close()
    return blocks
