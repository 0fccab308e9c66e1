"""Indexing the built site with Pagefind's extended binary (the one that segments Chinese)."""

from __future__ import annotations

import asyncio
import base64
import json
import logging
import os
import tempfile
from collections.abc import Coroutine, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pagefind.index import IndexConfig
from pagefind.service import PagefindService

from site_gen.write import sync_tree

BUNDLE = "pagefind"
LOCAL_INSTALL = ".pagefind"  # `npm install --prefix .pagefind pagefind@1.6.0` (the nox sessions do it)
log = logging.getLogger(__name__)


def find_binary(root: Path) -> Path | None:
    """The Pagefind extended binary to use: $PAGEFIND_BINARY_PATH, else a project-local npm install.

    Pagefind 1.6 (npm) segments Chinese with ICU4X, as browsers segment queries; 1.5 (PyPI) indexes
    with jieba and misses queries the browser splits differently (e.g. 最美人墙). None means the
    PyPI binary that the `pagefind[extended]` dependency ships.
    """
    if os.environ.get("PAGEFIND_BINARY_PATH"):
        return Path(os.environ["PAGEFIND_BINARY_PATH"])
    found = sorted((root / LOCAL_INSTALL / "node_modules" / "@pagefind").glob("*/bin/pagefind_extended"))
    return found[0] if found else None


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


async def _write_index(site_dir: Path, out_dir: Path, records: Sequence[Record]) -> int:
    async with _PromptService() as service:
        index = await service.create_index(IndexConfig(output_path=str(out_dir)))
        result = await index.add_directory(str(site_dir))
        for record in records:
            await index.add_custom_record(url=record.url, content=record.content, language="zh-cn",
                                          meta={"title": record.title, **record.meta}, filters=record.filters,
                                          sort=record.sort)
        await index.write_files()
        return int(result.get("page_count", 0)) + len(records)


def _run_to_end(job: Coroutine[Any, Any, int]) -> int:
    """Run a coroutine to completion, also when the caller already runs an event loop (a browser driver,
    an async server): then in a thread of its own, since a loop cannot be entered twice."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(job)
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, job).result()


def index_site(site_dir: Path, root: Path, records: Sequence[Record] = ()) -> tuple[int, int]:
    """Index `site_dir` (and `records`) into `site_dir/pagefind/`, rewriting only the files that changed.

    Returns (pages and records indexed, files written).
    """
    binary = find_binary(root)
    if binary is not None:
        os.environ["PAGEFIND_BINARY_PATH"] = str(binary)  # how the Python API is told which binary to run
    log.debug("pagefind binary: %s", binary or "pagefind_bin_extended (PyPI)")
    with tempfile.TemporaryDirectory(prefix="site-gen-pagefind-") as tmp:
        pages = _run_to_end(_write_index(site_dir, Path(tmp), records))
        files = {path.relative_to(tmp).as_posix(): path.read_bytes()
                 for path in Path(tmp).rglob("*") if path.is_file()}
    return pages, len(sync_tree(site_dir / BUNDLE, files))
