"""A genre profile: the levels and conventions of a kind of book, as data the rules read.

Two ship with the package: `年鉴` (nianjian.yaml: 类目 / 分目 / 条目, 【】 entries, credits, 资料 boxes, a
大事记 by month) and `志` (zhi.yaml: 编/章/节/目 and their kin, numbered headings, 【】 as run-in labels, a 大事记
by year). A book that departs from both names a profile file of its own in site.yaml, which `extends` one
of them and changes what differs: lists add to the genre's (`table_headers: [...]`), other keys replace.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any

import yaml

from site_gen.errors import Diagnostic, SiteGenError, did_you_mean, fail

HERE = Path(__file__).parent
BUILT_IN = {"年鉴": HERE / "nianjian.yaml", "志": HERE / "zhi.yaml"}
ALIASES = {"nianjian": "年鉴", "yearbook": "年鉴", "zhi": "志", "gazetteer": "志"}
ENTRY_KINDS = ("bracketed", "headings")
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when present: the same data, faster
CHRONICLES = ("month", "year")


@dataclass(frozen=True, slots=True)
class Profile:
    """What a kind of book is made of. Every field has a line in the YAML files; see nianjian.yaml."""

    name: str
    entries: str  # `bracketed`: 【title】 paragraphs are the entries; `headings`: the lowest headings are
    levels: tuple[tuple[str, ...], ...]  # numbering words per level, outermost first (`第X编`, `第X章`, …)
    book_parts: tuple[str, ...]  # titles of the parts around the body (序, 凡例, 大事记, 附录…)
    overviews: tuple[str, ...]  # titles of an overview opening a part (概述)
    categories: tuple[str, ...]  # categories every book of the genre names alike
    summary: str  # a section that opens a category with an overview (综述)
    notes_titles: tuple[str, ...]  # titles of the editors' notes before the first category
    front_title: str  # the page of the front matter nothing else claims
    gallery_title: str  # the page of the photos before the first category
    leaders_title: str  # how the list of institutions and their leaders is titled (its end)
    documents_section: str  # a section of full-text documents
    notes_title: str  # a document's notes
    default_category: str  # where a text that names no category goes
    index_title: str  # the book's own index
    index_terms: str  # its list of entries
    index_tables: str  # its list of tables
    chronicle_titles: tuple[str, ...]  # titles of the chronicle (大事记)
    chronicle: str  # `month` (a 年鉴's year by month) or `year` (a 志's periods and years)
    people_title: str
    table_headers: tuple[str, ...]  # column headers tables print one column at a time are known by
    name_columns: tuple[str, ...]  # columns holding one person's name a line
    running_heads: tuple[str, ...]  # patterns of running heads beyond the book's title (a book's own)
    source: str = ""  # the file the profile was read from


@functools.cache
def level_words(profile: Profile) -> dict[str, int]:
    """Each numbering word (`编`, `章`, …) → its level, 1 the outermost."""
    return {word: depth for depth, words in enumerate(profile.levels, start=1) for word in words}


@functools.cache
def running_head_patterns(profile: Profile) -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(pattern) for pattern in profile.running_heads)


def load_profile(name_or_path: str | Path, root: Path | None = None) -> Profile:
    """A built-in profile by name (`年鉴`, `志`), or a profile file (relative to `root`)."""
    key = ALIASES.get(str(name_or_path), str(name_or_path))
    if key in BUILT_IN:
        return _built_in(key)
    path = Path(name_or_path)
    path = path if path.is_absolute() or root is None else root / path
    return _read(path)


@functools.cache
def _built_in(name: str) -> Profile:
    return _read(BUILT_IN[name])


def _read(path: Path) -> Profile:
    try:
        stat = path.stat()
    except OSError:
        stat = None
    return _read_version(path, (stat.st_mtime_ns, stat.st_size) if stat else None)


@functools.cache
def _read_version(path: Path, version: tuple[int, int] | None) -> Profile:
    """A profile file as it is now (`version`: its time and size, so an edited file is read again)."""
    shown = str(path)
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_LOADER)
    except FileNotFoundError:
        raise fail(shown, "profile not found: name a built-in profile (年鉴, 志) or a YAML file") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise fail(shown, f"cannot read profile: {exc}") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise fail(shown, f"not valid YAML: {getattr(exc, 'problem', exc)}", mark.line + 1 if mark else None) from None
    except Exception as exc:  # a value YAML parses but cannot make (2021-02-30, `!!bool maybe`): any error
        raise fail(shown, f"not valid YAML: a value that is no value of its type ({exc})") from None
    if not isinstance(data, dict):
        raise fail(shown, "a profile is a mapping of keys (see the built-in nianjian.yaml)", 1)
    base_name = data.pop("extends", None)
    base = load_profile(base_name, path.parent) if base_name is not None else None
    return _profile(data, base, shown)


def _profile(data: dict[str, Any], base: Profile | None, shown: str) -> Profile:
    known = {f.name for f in fields(Profile)} - {"source"}
    problems = [Diagnostic(shown, f"unknown profile key '{key}'", hint=did_you_mean(key, known))
                for key in data if key not in known]
    values: dict[str, Any] = {}
    for key, value in data.items():
        if key not in known:
            continue
        current = getattr(base, key) if base is not None else None
        try:
            values[key] = _value(key, value, current)
        except ValueError as exc:
            problems.append(Diagnostic(shown, f"profile key '{key}': {exc}"))
    if base is None:
        missing = sorted(known - set(values))
        problems += [Diagnostic(shown, f"profile key '{key}' missing (or `extends: 年鉴`)") for key in missing]
    if problems:
        raise SiteGenError(problems)
    profile = replace(base, **values) if base is not None else Profile(**values)
    if profile.entries not in ENTRY_KINDS or profile.chronicle not in CHRONICLES:
        raise fail(shown, f"'entries' is one of {ENTRY_KINDS}, 'chronicle' one of {CHRONICLES}")
    for pattern in profile.running_heads:
        try:
            re.compile(pattern)
        except re.error as exc:
            raise fail(shown, f"not a valid pattern '{pattern}': {exc}") from None
    return replace(profile, source=shown)


def _value(key: str, value: Any, current: Any) -> Any:
    """A YAML value as the field's type: a list adds to the base profile's (a tuple), text replaces."""
    if key == "levels":
        if not isinstance(value, list) or not all(isinstance(v, (list, str)) for v in value):
            raise ValueError("a list of levels, each a word or a list of words (编, 卷, 篇)")
        return tuple(tuple([v] if isinstance(v, str) else [str(w) for w in v]) for v in value)
    if isinstance(current, tuple) or (current is None and isinstance(value, list)):
        if not isinstance(value, list):
            raise ValueError("a list")
        return tuple(dict.fromkeys([*(current or ()), *(str(v) for v in value)]))
    if not isinstance(value, str):
        raise ValueError("text")
    return value
