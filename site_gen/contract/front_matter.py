"""A content page's front matter, the contract between the halves: split from the body, parsed as YAML
(aliases refused: a few hundred bytes of them expand to gigabytes), every key the site reads checked for
its type, all problems reported at once with `file:line:col`, and the result typed (`PageMeta`): the one
place that knows the keys. Values are normalised where the intent is plain: a single author written as
text is a list of one name, a year written as text is a number."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from types import MappingProxyType
from typing import Any

import yaml

from site_gen.errors import Diagnostic, SiteGenError, did_you_mean, fail

_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when present: 10x faster
_KEY = re.compile(r"([A-Za-z_][\w-]*)\s*:[ \t]*")  # a top-level front matter key, up to its value
REQUIRED_KEYS = ("title", "kind")
DIGEST_KEY = "digest"  # the import's signature of a page it wrote: a page without it, or not matching, was edited
_NAMES = re.compile(r"\s*[、，,；;]\s*")  # what separates names written on one line


class Kind(StrEnum):
    """What a page is; the site lays each kind out with its own template."""

    YEARBOOK = "yearbook"
    CATEGORY = "category"  # 类目
    SECTION = "section"  # 分目
    ENTRY = "entry"  # 条目
    DOCUMENT = "document"  # 文件
    PERSON = "person"  # 人物
    TABLE = "table"
    LIST = "list"  # 名录
    PAGE = "page"
    INDEX = "index"  # the book's own index


@dataclass(frozen=True, slots=True)
class PageMeta:
    """A page's front matter, checked and typed. `keys` holds every key as written (normalised), the
    editor's own too, for templates (`page.meta`) and for telling what an edit changed."""

    title: str
    kind: Kind
    keys: Mapping[str, Any]
    yearbook: str | None = None  # the yearbook's id (on its _index.md)
    source: str | None = None  # `sources/x.txt:12-30`: the lines the import made the page from
    category: str | None = None
    section: str | None = None
    index_term: str | None = None  # the book's index's wording of the title, where it differs
    digest: str | None = None  # the import's signature (DIGEST_KEY)
    subtitle: str | None = None
    group: str | None = None  # the 子目 an entry stands under within its section
    weight: int = 0  # order among siblings
    authors: tuple[str, ...] = ()
    page: str | int | None = None  # the printed page: 12, 85b
    edition: int | None = None
    covers: int | None = None  # the year the edition records
    sources: tuple[str, ...] = ()
    chronicle: bool = False  # a page of the 大事记: its days are events
    person: Mapping[str, Any] | None = None  # a person record: name, gender, born, affiliation


@dataclass(frozen=True, slots=True)
class FrontMatter:
    meta: dict[str, Any]  # every key, normalised
    body: str  # Markdown
    body_line: int  # the file's line where the body starts
    key_lines: dict[str, int]  # key → its line in the file
    page: PageMeta


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
    twice: list[Diagnostic] = []  # YAML keeps the last of a key given twice: the editor meant one of them
    for number, line in enumerate(head.split("\n")[1:], start=2):
        found = _KEY.match(line)
        if found and found[1] in places:
            twice.append(Diagnostic(shown, f"'{found[1]}' is given twice in the front matter (first on line "
                                    f"{places[found[1]][0]})", number, 1, hint="keep one of them"))
        elif found:
            places[found[1]] = (number, found.end() + 1 if found.end() < len(line) else None)
    problems = sorted([*twice, *_check(meta, places, shown)], key=lambda d: d.line or 0)
    if problems:
        raise SiteGenError(problems)
    return FrontMatter(meta, body, head.count("\n") + 1, {key: line for key, (line, _) in places.items()},
                       page_meta(meta))


def page_meta(meta: dict[str, Any]) -> PageMeta:
    """The typed front matter of `meta`, once `_check` has normalised it."""
    typed = {key: meta[key] for key in KEYS if key in meta and key not in ("title", "kind")}
    for key in ("authors", "sources"):
        if key in typed:
            typed[key] = tuple(typed[key])
    if typed.get("person") is not None:
        typed["person"] = MappingProxyType(dict(typed["person"]))
    return PageMeta(meta["title"], Kind(meta["kind"]), MappingProxyType(meta), **typed)


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
    except Exception as exc:  # a value YAML parses but cannot make (2021-02-30, `!!bool maybe`): any error
        raise _unmade_value(head, shown, exc) from None
    if not isinstance(meta, dict):
        raise fail(shown, "front matter must be a mapping of keys to values", 2)
    return meta, text[end + 5:]


def _unmade_value(head: str, shown: str, exc: Exception) -> SiteGenError:
    """The error of the value that YAML read but could not make (a date that is no day), found by making
    each value in turn: the loader's own error names no place."""
    maker = yaml.SafeLoader("")
    try:
        nodes = _scalars(yaml.compose(head, Loader=_LOADER))  # (the loader that read it: libyaml reads more)
    except yaml.YAMLError:
        nodes = []
    for node in nodes:
        try:
            maker.construct_object(node, deep=True)
        except Exception as found:  # (what the loader raised above, for this value)
            tag = node.tag.rpartition(":")[2]
            what = "date" if tag == "timestamp" else tag
            reason = f" ({found})" if str(found) != repr(node.value) else ""  # (a KeyError says only the value)
            return fail(shown, f"invalid front matter: '{node.value}' is no {what}{reason}",
                        node.start_mark.line + 2, node.start_mark.column + 1,
                        hint="put it in quotes to keep it as text")
    return fail(shown, f"invalid front matter: {exc}", 1)


def _scalars(node: yaml.Node | None) -> list[yaml.ScalarNode]:
    if isinstance(node, yaml.ScalarNode):
        return [node]
    if isinstance(node, yaml.SequenceNode):
        return [scalar for item in node.value for scalar in _scalars(item)]
    if isinstance(node, yaml.MappingNode):
        return [scalar for pair in node.value for item in pair for scalar in _scalars(item)]
    return []


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


KINDS = [kind.value for kind in Kind]
# Every key the site reads, with what its value must be; other keys are the editor's own.
KEYS: dict[str, Callable[[Any], Any]] = {
    "title": _text, "kind": _text, "yearbook": _text, "source": _text, "category": _text, "section": _text,
    "index_term": _text, "digest": _text, "subtitle": _optional_text, "group": _optional_text,
    "weight": _whole_number,
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
            bad.add(key)
            line = places.get(key, (2, None))[0]
            problems.append((line, Diagnostic(shown, f"front matter needs a non-empty '{key}'", line)))
    if "kind" not in bad and meta["kind"] not in KINDS:
        line = places.get("kind", (2, None))[0]
        hint = did_you_mean(meta["kind"], KINDS) or f"one of: {', '.join(KINDS)}"
        problems.append((line, Diagnostic(shown, f"unknown kind '{meta['kind']}'", line, hint=hint)))
    return [diagnostic for _, diagnostic in sorted(problems, key=lambda item: item[0])]
