"""A content page's front matter: split from the body, parsed as YAML (aliases refused: a few hundred
bytes of them expand to gigabytes), and every key the site reads checked for its type, all problems
reported at once with `file:line:col`. Values are normalised where the intent is plain: a single
author written as text is a list of one name, a year written as text is a number."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import yaml

from site_gen.errors import Diagnostic, SiteGenError, fail

_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when present: 10x faster
_KEY = re.compile(r"([A-Za-z_][\w-]*)\s*:[ \t]*")  # a top-level front matter key, up to its value
REQUIRED_KEYS = ("title", "kind")
DIGEST_KEY = "digest"  # the import's signature of a page it wrote: a page without it, or not matching, was edited
_NAMES = re.compile(r"\s*[、，,；;]\s*")  # what separates names written on one line


@dataclass(frozen=True, slots=True)
class FrontMatter:
    meta: dict[str, Any]
    body: str  # Markdown
    body_line: int  # the file's line where the body starts
    key_lines: dict[str, int]  # key → its line in the file


class _Bad(ValueError):
    """A value of the wrong type; its message says what the key must be."""


def read_front_matter(text: str, shown: str) -> FrontMatter:
    """Parse and check a content file's text (`shown`: its path in messages). A byte-order mark and
    Windows line ends, as some editors save, are read as if absent."""
    if text.startswith("\ufeff"):
        text = text[1:]
    if "\r" in text:
        text = text.replace("\r\n", "\n")
    meta, body = split_front_matter(text, shown)
    head = text[: len(text) - len(body)]
    places: dict[str, tuple[int, int | None]] = {}  # key → (line, column of its value if on that line)
    for number, line in enumerate(head.split("\n")[1:], start=2):
        found = _KEY.match(line)
        if found:
            places.setdefault(found[1], (number, found.end() + 1 if found.end() < len(line) else None))
    problems = _check(meta, places, shown)
    if problems:
        raise SiteGenError(problems)
    return FrontMatter(meta, body, head.count("\n") + 1, {key: line for key, (line, _) in places.items()})


def split_front_matter(text: str, shown: str) -> tuple[dict[str, Any], str]:
    """(front matter, body) of a content file; errors name file and line."""
    if not text.startswith("---\n"):
        raise fail(shown, "missing front matter: the file must start with a '---' line", 1)
    end = text.find("\n---\n", 3)
    if end < 0:
        end = text.find("\n---", 3) if text.endswith("\n---") else -1
        if end < 0:
            raise fail(shown, "front matter is not closed by a '---' line", 1)
    head = text[4:end + 1]
    if "*" in head:  # cheap test first: few pages hold a '*' at all
        _refuse_aliases(head, shown)
    try:
        meta = yaml.load(head, Loader=_LOADER)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise fail(shown, f"invalid front matter: {getattr(exc, 'problem', exc)}",
                   mark.line + 2 if mark else 1, mark.column + 1 if mark else None) from None
    if not isinstance(meta, dict):
        raise fail(shown, "front matter must be a mapping of keys to values", 2)
    return meta, text[end + 5:]


def _refuse_aliases(head: str, shown: str) -> None:
    try:
        for event in yaml.parse(head, Loader=_LOADER):
            if isinstance(event, yaml.AliasEvent):
                mark = event.start_mark
                raise fail(shown, f"YAML alias '*{event.anchor}' in front matter: write the value out",
                           mark.line + 2 if mark else None, mark.column + 1 if mark else None)
    except yaml.YAMLError:
        pass  # the load that follows reports it with its place


def _describe(value: object) -> str:
    if isinstance(value, bool):
        return f"{'true' if value else 'false'}"
    if isinstance(value, int | float):
        return f"the number {value}"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return f"'{value}'"


def _text(value: object) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)  # a title or section written as a bare number
    raise _Bad("text")


def _optional_text(value: object) -> str | None:
    return None if value is None else _text(value)


def _whole_number(value: object) -> int:
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    raise _Bad("a whole number")


def _year(value: object) -> int:
    if isinstance(value, int | str) and not isinstance(value, bool) and re.fullmatch(r"\d{4}", str(value)):
        return int(value)
    raise _Bad("a four-digit year")


def _names(value: object) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):  # one line of names: never split into characters
        return [name for name in _NAMES.split(value.strip()) if name]
    if isinstance(value, list) and all(isinstance(name, str) for name in value):
        return value
    raise _Bad("a list of names")


def _files(value: object) -> list[str]:
    if isinstance(value, list) and all(isinstance(item, str) for item in value):
        return value
    raise _Bad("a list of files")


def _flag(value: object) -> bool:
    if isinstance(value, bool):
        return value
    raise _Bad("true or false")


def _page_number(value: object) -> object:
    if value is None or (isinstance(value, str | int) and not isinstance(value, bool)):
        return value  # as printed: 12, 85b
    raise _Bad("a printed page number")


def _person(value: object) -> dict[str, Any]:
    if isinstance(value, dict) and all(isinstance(v, str | int | float) or v is None for v in value.values()) \
            and isinstance(value.get("name"), str):
        return value
    raise _Bad("a mapping of name, gender, born, affiliation")


# Every key the site reads, with what its value must be; other keys are the editor's own.
KEYS: dict[str, Callable[[Any], Any]] = {
    "title": _text, "kind": _text, "yearbook": _text, "source": _text, "category": _text, "section": _text,
    "index_term": _text, "digest": _text, "subtitle": _optional_text, "weight": _whole_number,
    "authors": _names, "page": _page_number, "edition": _year, "covers": _year, "sources": _files,
    "chronicle": _flag, "person": _person,
}


def _check(meta: dict[str, Any], places: dict[str, tuple[int, int | None]], shown: str) -> list[Diagnostic]:
    """Normalise each known key's value in place; the problems, in the file's order."""
    problems: list[tuple[int, Diagnostic]] = []
    bad: set[str] = set()
    for key, value in meta.items():
        check = KEYS.get(key)
        if check is None:
            continue
        try:
            meta[key] = check(value)
        except _Bad as exc:
            bad.add(key)
            line, col = places.get(key, (2, None))
            problems.append((line, Diagnostic(shown, f"'{key}' must be {exc}, not {_describe(value)}", line, col)))
    for key in REQUIRED_KEYS:
        if key not in bad and (not isinstance(meta.get(key), str) or not meta[key].strip()):
            line = places.get(key, (2, None))[0]
            problems.append((line, Diagnostic(shown, f"front matter needs a non-empty '{key}'", line)))
    return [diagnostic for _, diagnostic in sorted(problems, key=lambda item: item[0])]
