"""The page contract: each key the site reads, of the wrong type, is named with its line and column;
plain intents are normalised; YAML aliases are refused before they expand."""

from __future__ import annotations

import pytest

from site_gen.contract.front_matter import KEYS, Kind, read_front_matter
from site_gen.errors import SiteGenError

HEAD = "---\ntitle: 概况\nkind: entry\n"


def problems(text: str) -> list[str]:
    with pytest.raises(SiteGenError) as info:
        read_front_matter(text, "x.md")
    return [str(d) for d in info.value.diagnostics]


@pytest.mark.parametrize("key", list(KEYS))
def test_every_key_of_the_wrong_type_is_named_with_its_place(key: str) -> None:
    text = "---\n" + "".join(f"{k}: {v}\n" for k, v in {"title": "概况", "kind": "entry"}.items() if k != key)
    text += f"{key}:  {{a: [1]}}\n---\n正文\n"  # a mapping: no key takes one without a name in it
    line = text.count("\n", 0, text.index(f"{key}:")) + 1
    [problem] = problems(text)
    assert problem.startswith(f"x.md:{line}:{len(key) + 4}: error: '{key}' must be ") and problem.endswith(
        ", not a mapping")


@pytest.mark.parametrize(("written", "names"), [
    ("authors: 干静", ["干静"]),
    ("authors: 干静、李明", ["干静", "李明"]),
    ("authors: 干静， 李明", ["干静", "李明"]),
    ("authors: [干静, 李明]", ["干静", "李明"]),
    ("authors:", []),
])
def test_authors_are_names_never_characters(written: str, names: list[str]) -> None:
    assert read_front_matter(f"{HEAD}{written}\n---\n", "x.md").meta["authors"] == names


def test_years_written_as_text_are_numbers_and_others_are_refused() -> None:
    assert read_front_matter(f"{HEAD}edition: '2022'\ncovers: 2021\n---\n", "x.md").meta["edition"] == 2022
    assert problems(f"{HEAD}edition: 22\n---\n") == [
        "x.md:4:10: error: 'edition' must be a four-digit year, not the number 22"]
    assert problems(f"{HEAD}covers: true\n---\n") == ["x.md:4:9: error: 'covers' must be a four-digit year, not true"]


def test_every_problem_is_reported_at_once_in_file_order() -> None:
    assert problems("---\nweight: x\ntitle: [a]\nauthors: 5\n---\n") == [
        "x.md:2:9: error: 'weight' must be a whole number, not 'x'",
        "x.md:2: error: front matter needs a non-empty 'kind'",  # a missing key is named at the first line
        "x.md:3:8: error: 'title' must be text, not a list",
        "x.md:4:10: error: 'authors' must be a list of names, not the number 5",
    ]


def test_an_alias_is_refused_where_it_stands() -> None:
    bomb = "a: &a [x, x, x]\nb: &b [*a, *a, *a]\n"
    assert problems(f"{HEAD}{bomb}---\n") == ["x.md:5:8: error: YAML alias '*a' in front matter: write the value out"]
    assert read_front_matter(f"{HEAD}note: '*重要* & 其他'\n---\n", "x.md").meta["note"] == "*重要* & 其他"


def test_a_byte_order_mark_and_windows_line_ends_are_read_as_absent() -> None:
    front = read_front_matter("\ufeff---\r\ntitle: 概况\r\nkind: entry\r\n---\r\n\r\n正文\r\n", "x.md")
    assert front.meta == {"title": "概况", "kind": "entry"} and front.body == "\n正文\n" and front.body_line == 5


@pytest.mark.parametrize("key", ["title", "kind"])
@pytest.mark.parametrize("written", ["", "''", "'  '"])
def test_a_required_key_missing_or_empty_is_named_with_its_line(key: str, written: str) -> None:
    others = "".join(f"{k}: {v}\n" for k, v in {"title": "概况", "kind": "entry"}.items() if k != key)
    text = "---\n" + others + (f"{key}: {written}\n" if written else "") + "---\n正文\n"
    line = text.count("\n", 0, text.index(f"{key}:")) + 1 if written else 2  # missing: the first line
    assert problems(text) == [f"x.md:{line}: error: front matter needs a non-empty '{key}'"]


def test_an_unknown_kind_is_refused_on_load_with_a_hint() -> None:
    assert problems("---\ntitle: 概况\nkind: entyr\n---\n") == [
        "x.md:3: error: unknown kind 'entyr' (did you mean 'entry'?)"]
    front = read_front_matter(f"{HEAD}weight: 3\nauthors: 干静\n---\n正文\n", "x.md").page
    assert (front.kind, front.weight, front.authors, front.keys["weight"]) == (Kind.ENTRY, 3, ("干静",), 3)
