"""Indexing the built site with Pagefind's extended binary (the one that segments Chinese)."""

from __future__ import annotations

import asyncio
import base64
import contextlib
import json
import logging
import os
import tempfile
from collections.abc import Coroutine, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pagefind.index import IndexConfig
from pagefind.service import PagefindService

from site_gen.files import sync_tree
from site_gen.site.index.engine import BINARY_VARIABLE, Engine, engine

BUNDLE = "pagefind"
# The filters a reader narrows results by, named as the search page shows them (templates/facts.html).
YEARBOOK_FILTER, KIND_FILTER = "年鉴", "类型"  # and 类目, on pages only
SHARDS = "shards.json"  # the bundle paths (relative to pagefind/) the search page merges
MAX_INDEX_PAGES = 8000  # pages and records per Pagefind index (see plan_shards)
_SHARED_FIRST = ("", "people", "documents", "glossary", "compare", "search")  # the site-wide pages lead
log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Record:
    """A search result that is not a page of its own: a table or a chronicle event, at its anchor."""
    url: str  # site path with anchor, without base_url (Pagefind's baseUrl is applied in the browser)
    title: str
    content: str
    filters: dict[str, list[str]] = field(default_factory=dict)
    meta: dict[str, str] = field(default_factory=dict)
    sort: dict[str, str] = field(default_factory=dict)


class _PromptService(PagefindService):
    """Pagefind's service client, reading each response as it arrives. The client of pagefind 1.5.2
    sleeps 0.1 s before reading each one, which makes the 401 records of the bundled books take 40 s
    (10 s with this loop). The replies are handled as that client does: by message id, errors raised."""

    async def _wait_for_responses(self) -> None:
        assert self._backend.stdout is not None
        while True:
            output = await self._backend.stdout.readuntil(b",")
            response = json.loads(base64.b64decode(output[:-1]))
            if response is None:
                continue
            payload = response["payload"]
            message_id = response.get("message_id")
            if message_id is None and payload.get("original_message"):
                message_id = json.loads(payload["original_message"]).get("message_id")
            future = self._responses.get(message_id) if message_id is not None else None
            if future is None or future.done():
                continue
            if payload["type"] == "Error":
                future.set_exception(Exception(payload["message"], payload.get("original_message")))
            else:
                future.set_result(payload)


async def _write_index(site_dir: Path, out_dir: Path, globs: Sequence[str], records: Sequence[Record]) -> int:
    """One Pagefind index of the pages `globs` match under `site_dir`, plus `records`, into `out_dir`."""
    async with _PromptService() as service:
        index = await service.create_index(IndexConfig(output_path=str(out_dir)))
        pages = 0
        for glob in globs:
            result = await index.add_directory(str(site_dir), glob=glob)
            pages += int(result.get("page_count", 0))
        for record in records:
            await index.add_custom_record(url=record.url, content=record.content, language="zh-cn",
                                          meta={"title": record.title, **record.meta}, filters=record.filters,
                                          sort=record.sort)
        await index.write_files()
        return pages + len(records)


def plan_shards(site_dir: Path, records: Sequence[Record], limit: int) -> list[list[str]]:
    """Top-level folders of the site (`""` for its root files) grouped into indexes of at most `limit`
    pages and records each (a folder bigger than that alone). Pagefind's memory grows with the pages of
    one index (about 0.27 GB per 1000), so a site of many yearbooks is indexed yearbook by yearbook in
    groups, and the search page merges the groups (Pagefind's mergeIndex)."""
    sizes: dict[str, int] = {}
    for page in site_dir.rglob("*.html"):
        top = page.relative_to(site_dir).parts
        folder = top[0] if len(top) > 1 else ""
        if folder != BUNDLE:
            sizes[folder] = sizes.get(folder, 0) + 1
    for record in records:
        sizes[_folder(record)] = sizes.get(_folder(record), 0) + 1
    shards: list[list[str]] = [[]]
    filled = 0
    for folder in sorted(sizes, key=lambda f: (f not in _SHARED_FIRST, f)):
        if shards[-1] and filled + sizes[folder] > limit:
            shards.append([])
            filled = 0
        shards[-1].append(folder)
        filled += sizes[folder]
    return shards


def _folder(record: Record) -> str:
    """The site's top-level folder a record's page is in (its yearbook's)."""
    return record.url.strip("/").split("/", 1)[0]


def _run_to_end(job: Coroutine[Any, Any, int]) -> int:
    """Run a coroutine to completion, also when the caller already runs an event loop (a browser driver,
    an async server): then in a thread of its own, since a loop cannot be entered twice."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(job)
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, job).result()


@contextlib.contextmanager
def _binary(binary: Path) -> Iterator[None]:
    """Point Pagefind's Python API at `binary` (it reads $PAGEFIND_BINARY_PATH) while indexing, and put
    the variable back after: it must not leak into the processes a caller starts later."""
    before = os.environ.get(BINARY_VARIABLE)
    os.environ[BINARY_VARIABLE] = str(binary)
    try:
        yield
    finally:
        if before is None:
            os.environ.pop(BINARY_VARIABLE, None)
        else:
            os.environ[BINARY_VARIABLE] = before


def index_site(site_dir: Path, root: Path, records: Sequence[Record] = (),
               limit: int = MAX_INDEX_PAGES, found: Engine | None = None) -> tuple[int, int]:
    """Index `site_dir` (and `records`) into `site_dir/pagefind/`, rewriting only the files that changed.
    A site of more than `limit` pages gets more indexes, in `pagefind/shard-N/`, listed in
    `pagefind/shards.json` for the search page to merge. Returns (pages and records indexed, files written).
    """
    pages, files = make_index(site_dir, root, records, limit, found)
    return pages, write_index(site_dir, files)


def write_index(site_dir: Path, files: dict[str, bytes]) -> int:
    """The index `make_index` made, written into `site_dir/pagefind/`; returns the files written."""
    return len(sync_tree(site_dir / BUNDLE, files))


def make_index(site_dir: Path, root: Path, records: Sequence[Record] = (),
               limit: int = MAX_INDEX_PAGES, found: Engine | None = None) -> tuple[int, dict[str, bytes]]:
    """The search index of `site_dir` (and `records`) in memory, written nowhere in `site_dir`: (pages and
    records indexed, the bundle's files by their path in `pagefind/`)."""
    found = found or engine(root)
    log.debug("pagefind %s: %s", found.version, found.binary)
    shards = plan_shards(site_dir, records, limit)
    pages = 0
    with tempfile.TemporaryDirectory(prefix="site-gen-pagefind-") as tmp, _binary(found.binary):
        for number, folders in enumerate(shards, start=1):
            out = Path(tmp) / (f"shard-{number}" if number > 1 else "")
            globs = [f"{folder}/**/*.html" if folder else "*.html" for folder in folders]
            ours = [r for r in records if _folder(r) in folders]
            pages += _run_to_end(_write_index(site_dir, out, globs, ours))
        files = {path.relative_to(tmp).as_posix(): path.read_bytes()
                 for path in Path(tmp).rglob("*") if path.is_file()}
    files[SHARDS] = json.dumps([f"shard-{n}/" for n in range(2, len(shards) + 1)]).encode()
    return pages, files
