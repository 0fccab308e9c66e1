"""The rule fixtures (`tests/fixtures/rules/<module>.txt`, one file per module of site_gen/yearbook/rules/): text
cases as markdown-it-py's fixtures are, read by a tiny helper, each a title, its input and the outline it gives.

    a 志's 编 over 章 over 节 [markdown 志]
    .
    # 第一编 自然环境
    …
    .
    category: 第一编 自然环境
    …
    .

Tags in the title's brackets choose how the input is read: its shape (`wrapped`, the default; `paragraphs`;
`markdown`), the profile (`年鉴`, the default; `志`; `detect`: as an import with no profile named) and the
category of a text that prints none (`category:附录`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from site_gen.config import SourceConfig
from site_gen.yearbook.model import Part
from site_gen.yearbook.parse import parse_text
from site_gen.yearbook.profiles import load_profile

FIXTURES = Path(__file__).parent / "fixtures" / "rules"
_TAGS = re.compile(r"\s*\[([^\]]*)\]\s*$")
SHAPES = ("wrapped", "paragraphs", "markdown")


@dataclass(frozen=True)
class Case:
    file: str  # the rule module's name
    title: str
    source: str
    expected: str
    tags: tuple[str, ...]

    def parse(self) -> Part:
        shape = next((tag for tag in self.tags if tag in SHAPES), "wrapped")
        profile_name = next((tag for tag in self.tags if tag in ("年鉴", "志", "detect")), "年鉴")
        category = next((tag.split(":", 1)[1] for tag in self.tags if tag.startswith("category:")), None)
        source = SourceConfig(Path("fixture.txt"), category, shape)
        return parse_text(source, self.source + "\n", None if profile_name == "detect" else load_profile(profile_name))


def read_cases(path: Path) -> list[Case]:
    """`title / . / input / . / expected / .` blocks."""
    cases = []
    lines = path.read_text(encoding="utf-8").split("\n")
    i = 0
    while i < len(lines):
        if not lines[i].strip():
            i += 1
            continue
        title, parts, i = lines[i], [], i + 2
        for _ in range(2):
            end = lines.index(".", i)
            parts.append("\n".join(lines[i:end]))
            i = end + 1
        tags = _TAGS.search(title)
        cases.append(Case(path.stem, _TAGS.sub("", title), parts[0], parts[1],
                          tuple(tags.group(1).split()) if tags else ()))
    return cases


def outline(part: Part) -> str:
    """What a case's expected text says: the pages in order, each with its text blocks, and what was left out."""
    result = [f"page: {page.title} | {' / '.join(page.blocks)}" for page in part.front]
    for category in part.categories:
        result.append(f"category: {category.title}" + (" [chronicle]" if category.chronicle else ""))
        if category.blocks:
            result.append(f"text: {' / '.join(category.blocks)}")
        for section in category.sections:
            result.append(f"section: {section.title}" + (" [chronicle]" if section.chronicle else ""))
            if section.blocks:
                result.append(f"text: {' / '.join(section.blocks)}")
            group = None
            for entry in section.entries:
                if entry.group != group:
                    group = entry.group
                    result.append(f"group: {group}")
                kind = "" if entry.kind == "entry" else f" [{entry.kind}]"
                page = f" @{entry.page}" if entry.page else ""
                authors, text = " ".join(entry.authors), " / ".join(entry.blocks)
                result.append(f"entry: {entry.title}{kind}{page} | {authors} | {text}")
    result += [f"page: {page.title} | {' / '.join(page.blocks)}" for page in part.back]
    if part.dropped:
        result.append("dropped: " + ", ".join(f"{d.text} {d.reason}" for d in part.dropped))
    return "\n".join(result)


def all_cases() -> list[Case]:
    return [case for path in sorted(FIXTURES.glob("*.txt")) for case in read_cases(path)]
