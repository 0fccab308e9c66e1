"""A property-based campaign (hypothesis) over what a user can type: a page's front matter, site.yaml's values
and a source's bytes. Whatever they hold, every command ends with exit 0 or 1 (never 70, an internal error) and
writes nowhere but its own folders (content/, the output folder, the cache, backups/).

The commands run in this process (`cli.main`, as the installed `site-gen` runs it) so that hundreds of cases
fit in a minute. `SITE_GEN_CAMPAIGN=N` runs N cases per property with a fresh random seed (the note's large
run; `SITE_GEN_CAMPAIGN_TALLY=FILE` writes each command's exit code); the suite's are fewer and derandomised.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from .project import BOOK, ENTRY, SOURCE, make_project, run_here

pytestmark = pytest.mark.slow  # 300 cases, half a minute
CASES = int(os.environ.get("SITE_GEN_CAMPAIGN", "0"))
TALLY = os.environ.get("SITE_GEN_CAMPAIGN_TALLY")  # a file: each command run and its exit code, a line each
CAMPAIGN = settings(max_examples=CASES or 100, deadline=None, derandomize=not CASES, database=None,
                    suppress_health_check=list(HealthCheck))
MINE = (".site-gen-cache", "backups")  # the program's own folders beside the output and content/

# What trips YAML and the values the site reads: nothing, types, dates that are no day, anchors, tags, quotes,
# control characters, paths out of the project (within the sandbox: an output folder is the user's to name),
# encodings that are no text's.
NASTY = ["", "~", "null", "true", "no", "0", "-1", "1e400", "2021-13-01", "2021-02-30", "2021-02-29 25:61:00",
         "[]", "{}", "[a, [b, {c: d}]]", "&a x", "*a", "!!binary AAAA", "!!python/object:os.system x", "!!int x",
         "!!float y", "!!timestamp 2021-99-99", "!!bool maybe", "!!set {a}", "'", '"', "'unclosed", "|", ">",
         "- a", "? x", ": y", "? [a]", "#", "@x",
         "`x`", "%YAML 1.1", "\t", "\x07", "\x1b[31m", "\ufeff", "\u2028", "..", "../..", "../outside",
         "a#b", "a?b", "%2e%2e", "content", "sources", "templates", "public", ".git", "search", "pagefind",
         "hex", "rot13", "utf-7", "idna", "gb18030", "utf-16", "markdown", "wrapped", "paragraphs", "7", "年鉴", "志",
         "上城年鉴（2022）", "yearbook", "entry", "category", "section", "person", "index",
         "x" * 300, "年" * 3000]
SCALAR = st.one_of(st.sampled_from(NASTY), st.text(max_size=12), st.integers(-10**6, 10**20).map(str),
                   st.sampled_from(NASTY).map(lambda v: f'"{v}"'))
VALUE = st.one_of(SCALAR, st.lists(SCALAR, max_size=3).map(lambda items: "[" + ", ".join(items) + "]"),
                  st.lists(SCALAR, min_size=1, max_size=3).map(lambda items: "".join(f"\n  - {i}" for i in items)),
                  st.tuples(st.sampled_from(["name", "gender", "born", "x"]), SCALAR).map(
                      lambda pair: f"\n  {pair[0]}: {pair[1]}"))
PAGE_KEYS = ["title", "kind", "yearbook", "weight", "authors", "page", "edition", "covers", "sources", "chronicle",
             "person", "date", "subtitle", "group", "digest", "index_term", "source", "category", "section", "x"]


@pytest.fixture(scope="module")
def base() -> Iterator[Path]:
    """An imported project (no templates of its own: the theme's), copied for each case."""
    root = Path(tempfile.mkdtemp(prefix="site-gen-campaign-base-"))
    make_project(root)
    shutil.rmtree(root / "templates")
    assert run_here("--config", str(root / "site.yaml"), "-q", "import") == 0
    yield root
    shutil.rmtree(root)


def state(folder: Path) -> dict[str, tuple[int, int]]:
    """Every file under `folder` with its size and time (what a write changes)."""
    found = {}
    for path in folder.rglob("*"):
        if path.is_file() or path.is_symlink():
            info = path.lstat()
            found[path.relative_to(folder).as_posix()] = (info.st_size, info.st_mtime_ns)
    return found


def attempt(base: Path, change: dict[str, bytes], commands: list[list[str]]) -> None:
    """Copy the project into a sandbox, write `change` (path → bytes) into it, run each command: each exits 0
    or 1, and every file written is under one of the folders it may write."""
    sandbox = Path(tempfile.mkdtemp(prefix="site-gen-campaign-"))
    try:
        root = sandbox / "project"
        shutil.copytree(base, root, symlinks=True)
        for name, data in change.items():
            (root / name).parent.mkdir(parents=True, exist_ok=True)
            (root / name).write_bytes(data)
        for command in commands:
            before = state(sandbox)
            code = run_here("--config", str(root / "site.yaml"), "-q", *command)
            if TALLY:  # the large run's figures: each command's exit codes
                with open(TALLY, "a", encoding="utf-8") as tally:
                    tally.write(f"{command[0]}\t{code}\n")
            assert code in (0, 1), f"{command}: exit {code} on {change!r}"
            allowed = ("project/content/", *(f"project/{name}/" for name in MINE), *_outputs(root))
            written = {path for path, info in state(sandbox).items() if before.get(path) != info}
            assert [p for p in written if not p.startswith(allowed)] == [], f"{command} on {change!r}"
    finally:
        shutil.rmtree(sandbox, ignore_errors=True)


def _outputs(root: Path) -> tuple[str, ...]:
    """Where the project's output folder may be, relative to the sandbox: `public`, or what site.yaml names."""
    found = ["project/public/"]
    try:  # as site.yaml's reader takes it: the scalar's text (`output: &a x` is `x`, `output: true` is `true`)
        site = next(v for k, v in yaml.compose((root / "site.yaml").read_text(encoding="utf-8")).value
                    if k.value == "site")
        value = next(v.value for k, v in site.value if k.value == "output")
    except Exception:  # no such key, or no YAML the config would take: the default
        return tuple(found)
    resolved = (root / Path(str(value).strip()).expanduser()).resolve()
    if resolved.is_relative_to(root.parent):
        found.append(resolved.relative_to(root.parent).as_posix() + "/")
    return tuple(found)


@CAMPAIGN
@given(keys=st.lists(st.tuples(st.sampled_from(PAGE_KEYS), VALUE), max_size=8),
       body=st.text(max_size=60), closed=st.booleans(), required=st.booleans())
def test_any_front_matter_ends_in_a_page_or_one_line(base: Path, keys: list[tuple[str, str]], body: str,
                                                     closed: bool, required: bool) -> None:
    lines = ["title: 概况", "kind: entry"] if required else []
    lines += [f"{key}: {value}" for key, value in keys]
    text = "---\n" + "\n".join(lines) + ("\n---\n" if closed else "\n") + body
    attempt(base, {ENTRY: text.encode("utf-8", "surrogatepass")}, [["build", "--no-search"], ["import"]])


SITE_KEYS = ["title", "base_url", "output", "language", "description", "footer", "x"]
BOOK_KEYS = ["id", "title", "edition", "covers", "publisher", "place", "profile", "sources", "y"]
SOURCE_KEYS = ["file", "encoding", "format", "category", "category_level", "z"]


@CAMPAIGN
@given(site=st.lists(st.tuples(st.sampled_from(SITE_KEYS), SCALAR), max_size=4),
       book=st.lists(st.tuples(st.sampled_from(BOOK_KEYS), SCALAR), max_size=4),
       source=st.lists(st.tuples(st.sampled_from(SOURCE_KEYS), SCALAR), max_size=3))
def test_any_site_yaml_ends_in_a_site_or_one_line(base: Path, site: list[tuple[str, str]],
                                                  book: list[tuple[str, str]], source: list[tuple[str, str]]) -> None:
    """The bundled project's site.yaml with values replaced or added: each key given a hostile value."""
    site_map = {"title": "测试年鉴", **dict(site)}
    book_map = {"id": BOOK, "title": "测试年鉴（2022）", "edition": "2022", "covers": "2021", **dict(book)}
    source_map = {"file": "a.txt", **dict(source)}
    text = "site:\n" + "".join(f"  {k}: {v}\n" for k, v in site_map.items()) + "yearbooks:\n"
    text += "  - " + "\n    ".join(f"{k}: {v}" for k, v in book_map.items() if k != "sources") + "\n"
    text += "    sources:\n      - " + "\n        ".join(f"{k}: {v}" for k, v in source_map.items()) + "\n"
    attempt(base, {"site.yaml": text.encode("utf-8", "surrogatepass")},
            [["check"], ["import"], ["build", "--no-search"]])


def _spliced(data: bytes, at: int, more: bytes) -> bytes:
    """The project's source with bytes put in at `at`: a text that goes wrong part of the way in."""
    return data[:at] + more + data[at:]


ENCODINGS = ["utf-8", "utf-8-sig", "gb18030", "gbk", "big5", "utf-16", "utf-16-be", "utf-32", "latin-1"]


@CAMPAIGN
@given(data=st.one_of(st.binary(max_size=600),
                      st.tuples(st.text(max_size=200), st.sampled_from(ENCODINGS)).map(
                          lambda pair: pair[0].encode(pair[1], "replace")),
                      st.tuples(st.sampled_from(ENCODINGS), st.integers(0, len(SOURCE)), st.binary(max_size=8)).map(
                          lambda t: _spliced(SOURCE.encode(t[0], "replace"), t[1], t[2]))))
def test_any_source_bytes_end_in_pages_or_one_line(base: Path, data: bytes) -> None:
    attempt(base, {"sources/a.txt": data}, [["check"], ["import"], ["build", "--no-search"]])
