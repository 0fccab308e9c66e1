"""The rule fixtures: every module of the import's rules has a file of text cases (tests/fixtures/rules/), each
case read as an import reads it and its outline compared whole; at least one case of every file is not cut
from the bundled books."""

from __future__ import annotations

from pathlib import Path

import pytest

from site_gen.yearbook.rules import RULES, interrupting
from site_gen.yearbook.rules.starts import STARTS
from site_gen.yearbook.text import compact

from .rule_cases import FIXTURES, Case, all_cases, outline, read_cases

ROOT = Path(__file__).resolve().parent.parent
RULES_DIR = ROOT / "site_gen" / "yearbook" / "rules"
NOT_RULES = {"__init__", "state", "titles"}  # the table, the walk's state, the title recognisers the rules share
CASES = all_cases()
FROM_BOOK = 8  # characters of an input line found in a bundled source: the line was cut from it


@pytest.mark.parametrize("case", CASES, ids=[f"{case.file}: {case.title}" for case in CASES])
def test_rule_fixture(case: Case) -> None:
    assert outline(case.parse()) == case.expected


def _modules() -> set[str]:
    names = {path.stem for path in RULES_DIR.glob("*.py")} - NOT_RULES
    return names | {"tables"}  # the table rules (rules/tables/) share one file


def test_every_rule_module_has_a_fixture_file_and_nothing_else_has() -> None:
    assert {path.stem for path in FIXTURES.glob("*.txt")} == _modules()


@pytest.fixture(scope="module")
def bundled_text() -> str:
    return compact("".join(path.read_text(encoding="utf-8") for path in (ROOT / "sources").glob("*.txt")))


def _from_bundled_books(case: Case, text: str) -> bool:
    lines = [compact(line.lstrip("#*> ")) for line in case.source.split("\n")]
    long = [line for line in lines if len(line) >= FROM_BOOK]
    return bool(long) and sum(line in text for line in long) * 2 >= len(long)


@pytest.mark.parametrize("module", sorted(_modules()))
def test_every_rule_has_a_case_not_cut_from_the_bundled_books(module: str, bundled_text: str) -> None:
    cases = read_cases(FIXTURES / f"{module}.txt")
    assert any(not _from_bundled_books(case, bundled_text) for case in cases)


def test_every_start_set_apart_is_of_a_rule_that_interrupts_text() -> None:
    """The starts pass splits a wrapped line only where the rule table lets a construct cut running text."""
    assert {construct for _, construct, _ in STARTS} <= interrupting("text")
    assert {construct for _, construct, _ in STARTS} <= {rule.name for rule in RULES}
