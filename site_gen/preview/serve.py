"""The preview server: the output folder over HTTP, with live reload and a build-error overlay.

HTML responses get a small script (`live.js`, injected as served: the files on disk stay deployable)
that listens on `/__site_gen/events` (server-sent events). After a rebuild the pages that changed reload;
after a failed one every open page shows the error over the last good site until a fix arrives.
Requests resolve inside the output folder only: `..`, encoded variants and symlinks out of it are 404.
"""

from __future__ import annotations

import http.server
import json
import logging
import mimetypes
import os
import sys
import threading
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

log = logging.getLogger(__name__)
LIVE_PREFIX = "/__site_gen/"
LIVE_SCRIPT = LIVE_PREFIX + "live.js"
EVENTS = LIVE_PREFIX + "events"
KEEPALIVE = 15.0  # seconds between comments on an idle event stream (finds closed connections)
RELOAD_ALL = 200  # more changed pages than this: every open page reloads
TYPES = {".html": "text/html; charset=utf-8", ".js": "text/javascript; charset=utf-8",
         ".css": "text/css; charset=utf-8", ".json": "application/json", ".wasm": "application/wasm",
         ".csv": "text/csv; charset=utf-8", ".xml": "application/xml", ".txt": "text/plain; charset=utf-8"}


@dataclass(slots=True)
class LiveState:
    """What open pages are told: a version that grows with each rebuild, the URL paths it changed,
    and the current build error (None when the last build succeeded)."""
    version: int = 0
    changed: list[str] = field(default_factory=list)
    reload_all: bool = False
    error: list[str] | None = None
    closed: bool = False
    _cond: threading.Condition = field(default_factory=threading.Condition)

    def publish(self, changed: list[str] | None = None, error: list[str] | None = None,
                reload_all: bool = False) -> None:
        with self._cond:
            recovered = self.error is not None and error is None
            if not changed and not reload_all and not recovered and error == self.error:
                return
            self.version += 1
            self.changed, self.error = list(changed or []), error
            self.reload_all = reload_all or recovered or len(self.changed) > RELOAD_ALL
            self._cond.notify_all()

    def message(self) -> str:
        return json.dumps({"version": self.version, "changed": self.changed, "all": self.reload_all,
                           "error": self.error}, ensure_ascii=False)

    def wait(self, version: int, timeout: float) -> bool:
        """Block until the version differs from `version` (True) or the timeout or close (False)."""
        with self._cond:
            return self._cond.wait_for(lambda: self.version != version or self.closed, timeout) \
                and not self.closed

    def close(self) -> None:
        with self._cond:
            self.closed = True
            self._cond.notify_all()


class PreviewServer(http.server.ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 1024  # the listen backlog: a page's burst of requests is queued, not refused

    def handle_error(self, request: Any, client_address: Any) -> None:
        """A client that goes away mid-answer (a reload, a closed tab) is no error; others are one line."""
        error = sys.exc_info()[1]
        if not isinstance(error, ConnectionError | TimeoutError):
            log.error("preview: cannot answer %s: %s: %s", client_address[0], type(error).__name__, error)

    def __init__(self, directory: Path, host: str, port: int, base_path: str = "/",
                 live: LiveState | None = None, writing: threading.Lock | None = None) -> None:
        self.directory = directory.resolve()
        self.base_path = base_path
        self.live = live
        self.writing = writing or threading.Lock()  # the builder's, while it writes files in place
        super().__init__((host, port), _Handler)

    def resolve(self, url_path: str) -> Path | None:
        """The file a URL path names inside the output folder, or None (outside it, or missing)."""
        path = unquote(url_path, errors="strict")
        if not path.startswith(self.base_path):
            return None
        parts = [part for part in path[len(self.base_path):].split("/") if part]
        if any(part in (".", "..") or "\\" in part or "\0" in part for part in parts):
            return None
        target = self.directory.joinpath(*parts)
        try:
            real = Path(os.path.realpath(target))
            if real != self.directory and self.directory not in real.parents:
                return None  # a symlink out of the folder
            if real.is_dir():
                real = real / "index.html"
            return real if real.is_file() else None
        except OSError:  # a name too long for the file system, a loop of links: no such page
            return None

    def server_close(self) -> None:
        if self.live is not None:
            self.live.close()
        super().server_close()


class _Handler(http.server.BaseHTTPRequestHandler):
    server: PreviewServer
    protocol_version = "HTTP/1.1"

    def do_GET(self) -> None:
        self._respond(send_body=True)

    def do_HEAD(self) -> None:
        self._respond(send_body=False)

    def _respond(self, send_body: bool) -> None:
        path = urlsplit(self.path).path
        live = self.server.live
        if live is not None and path == EVENTS:
            return self._stream(live)
        if live is not None and path == LIVE_SCRIPT:
            script = resources.files("site_gen.preview").joinpath("live.js").read_bytes()
            return self._send(200, TYPES[".js"], script, send_body)
        try:
            file = self.server.resolve(path)
        except UnicodeDecodeError:
            file = None
        base = self.server.base_path
        if file is None and path == "/" and base != "/":
            return self._redirect(base)
        if file is not None and file.name == "index.html" and not path.endswith(("/", ".html")):
            return self._redirect(path + "/")  # relative links on the page need the slash
        status = 200
        with self.server.writing:
            data = _read(file) if file is not None else None
        if file is None or data is None:  # missing, or gone since resolve (a build swapped the folder)
            status, file = 404, self.server.directory / "404.html"
            with self.server.writing:
                data = _read(file)
            if data is None:
                return self._send(404, TYPES[".txt"], b"404 Not Found\n", send_body)
        kind = TYPES.get(file.suffix) or mimetypes.guess_type(file.name)[0] or "application/octet-stream"
        if file.suffix == ".html" and live is not None:
            data = _inject(data, live.version)
        self._send(status, kind, data, send_body)

    def _send(self, status: int, kind: str, data: bytes, send_body: bool) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Cache-Control", "no-cache")  # a preview: always ask for the latest
        self.end_headers()
        if send_body:
            self.wfile.write(data)

    def _redirect(self, location: str) -> None:
        self.send_response(301)
        self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def _stream(self, live: LiveState) -> None:
        """Server-sent events: the state now, then each change until the client goes or the server stops."""
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream; charset=utf-8")
        self.send_header("Cache-Control", "no-cache")
        self.send_header("Connection", "close")
        self.end_headers()
        self.close_connection = True
        version = -1
        try:
            while not live.closed:
                if version != live.version:
                    version = live.version
                    self.wfile.write(f"event: state\ndata: {live.message()}\n\n".encode())
                elif not live.wait(version, KEEPALIVE):
                    self.wfile.write(b": keep-alive\n\n")
                self.wfile.flush()
        except (BrokenPipeError, ConnectionResetError):
            pass

    def log_message(self, format: str, *args: Any) -> None:
        log.debug("%s - %s", self.address_string(), format % args)


def _read(file: Path) -> bytes | None:
    try:
        return file.read_bytes()
    except OSError:
        return None


def _inject(html: bytes, version: int) -> bytes:
    tag = f'<script src="{LIVE_SCRIPT}" data-version="{version}"></script>'.encode()
    at = html.rfind(b"</body>")
    return html[:at] + tag + html[at:] if at >= 0 else html + tag


def url_paths(output_paths: list[str], base_path: str) -> list[str]:
    """Output file paths → the URL paths a browser shows for them (`a/b/index.html` → `/base/a/b/`)."""
    return [base_path + (p[:-len("index.html")] if p.endswith("index.html") else p) for p in output_paths]


def make_server(directory: Path, host: str, port: int, base_path: str = "/",
                live: LiveState | None = None, writing: threading.Lock | None = None) -> PreviewServer:
    return PreviewServer(directory, host, port, base_path, live, writing)
