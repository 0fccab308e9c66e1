"""A build killed half-way (SIGKILL: no clean-up runs) leaves the output folder serving the complete
previous site: builds write into a stage beside it and swap it in only when it is whole (stage.py)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

import pytest

from site_gen.preview.serve import make_server
from site_gen.site.write.stage import stage_path

from ..preview import copy_project, override
from .project import snapshot

pytestmark = pytest.mark.slow  # a build killed half-way

MARK = "<!-- 第二版 -->"


def build(root: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "site_gen", "build", "--no-search"], cwd=root,
                          capture_output=True, text=True, timeout=600)


def test_a_build_killed_half_way_leaves_the_previous_site_whole(tmp_path: Path) -> None:
    root = copy_project(tmp_path)
    assert build(root).returncode == 0
    output, stage = root / "public", stage_path(root / "public")
    before = snapshot(output)
    base = override(root, "base.html")
    base.write_text(base.read_text(encoding="utf-8").replace("</footer>", "</footer>" + MARK), encoding="utf-8")

    process = subprocess.Popen([sys.executable, "-m", "site_gen", "build", "--no-search"], cwd=root,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    deadline = time.monotonic() + 300
    try:
        while sum(len(files) for _, _, files in os.walk(stage)) < 500:  # well into writing the new site
            assert process.poll() is None and time.monotonic() < deadline, "the build ended before it was killed"
            time.sleep(0.01)
    finally:  # killed here, or on the way out of a failed wait: it never outlives the test
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
        process.wait()

    assert snapshot(output) == before
    server = make_server(output, "127.0.0.1", 0)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{server.server_address[1]}/", timeout=10) as response:
            assert response.read() == before["index.html"]
    finally:
        server.shutdown()
        server.server_close()

    again = build(root)  # the next build clears the killed one's stage and completes
    assert again.returncode == 0, again.stderr
    assert not stage.exists()
    assert MARK in (output / "index.html").read_text(encoding="utf-8")
    assert set(snapshot(output)) == set(before)
