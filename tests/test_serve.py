"""The preview server over real HTTP."""

from __future__ import annotations

import logging
import socket
import struct
import threading
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import quote

import pytest


def test_serves_pages_and_a_404_page(served: str) -> None:
    with urllib.request.urlopen(f"{served}/shangcheng-2022/") as response:
        assert response.status == 200 and "《上城年鉴（2022）》" in response.read().decode("utf-8")
    with pytest.raises(urllib.error.HTTPError) as info:
        urllib.request.urlopen(f"{served}/no/such/page/")
    assert info.value.code == 404 and "页面不存在" in info.value.read().decode("utf-8")


def test_requests_cannot_leave_the_output_folder(served: str) -> None:
    with pytest.raises(urllib.error.HTTPError) as info:
        urllib.request.urlopen(f"{served}/../../site.yaml")
    assert info.value.code == 404


def test_an_impossible_path_is_a_404_not_a_dropped_connection(served: str) -> None:
    for path in ("/" + quote("页" * 200) + "/", "/a" * 3000, "/%ff%fe/"):  # a name too long for the disk; undecodable
        with pytest.raises(urllib.error.HTTPError) as info:
            urllib.request.urlopen(served + path, timeout=10)
        assert info.value.code == 404


def test_a_request_line_too_long_is_a_414(served: str) -> None:
    with pytest.raises(urllib.error.HTTPError) as info:
        urllib.request.urlopen(served + "/" + "a" * 70_000, timeout=10)
    assert info.value.code == 414


def _listen_drops() -> int:
    """The kernel's count of connections refused by a full listen queue (all sockets of the machine)."""
    lines = Path("/proc/net/netstat").read_text().split("\n")
    for names, values in zip(lines[::2], lines[1::2], strict=False):
        if names.startswith("TcpExt:"):
            return dict(zip(names.split()[1:], map(int, values.split()[1:]), strict=True))["ListenDrops"]
    raise AssertionError("no TcpExt counters")


def test_a_burst_of_300_connections_is_queued_not_dropped(served: str) -> None:
    """A page's worth of assets times a few readers at once: the listen backlog queues them all (a
    dropped connection is retried by the client only after a second or more)."""
    host, port = served.removeprefix("http://").split(":")
    ready = threading.Barrier(300)

    def get(_: int) -> bytes:
        ready.wait()
        with socket.create_connection((host, int(port)), timeout=60) as client:
            client.sendall(b"GET /robots.txt HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
            return client.recv(100)[:12]

    before = _listen_drops()
    with ThreadPoolExecutor(300) as pool:
        answers = list(pool.map(get, range(300)))
    assert answers == [b"HTTP/1.1 200"] * 300
    assert _listen_drops() == before


def test_a_client_that_goes_away_mid_answer_is_no_error(served: str, capfd: pytest.CaptureFixture[str],
                                                        caplog: pytest.LogCaptureFixture) -> None:
    host, port = served.removeprefix("http://").split(":")
    for _ in range(5):
        with socket.create_connection((host, int(port)), timeout=10) as client:
            client.sendall(b"GET /data/shangcheng-2022.json HTTP/1.1\r\nHost: x\r\n\r\n")
            client.recv(1024)  # the answer has begun
            client.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))  # reset, not close
    time.sleep(1)
    with urllib.request.urlopen(f"{served}/", timeout=10) as response:  # the server answers on
        assert response.status == 200
    assert "Traceback" not in capfd.readouterr().err
    assert not [record for record in caplog.records if record.levelno >= logging.WARNING]
