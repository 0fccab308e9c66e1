"""Work started in a forked child while this process goes on, its result sent back pickled.

A command spends its first half second importing its machinery (Jinja, markdown-it, pypinyin) on one
core; a child forked before those imports reads content/ or parses the largest yearbook on the other
meanwhile. Only from a process without threads (as render/pool.py): the commands, never the preview.
"""

from __future__ import annotations

import contextlib
import copyreg
import gc
import os
import pickle
import signal
from collections.abc import Callable
from types import MappingProxyType
from typing import Any, Generic, TypeVar

T = TypeVar("T")


def _mapping(items: dict[Any, Any]) -> MappingProxyType[Any, Any]:
    return MappingProxyType(items)


# A page's front matter is a read-only view (contract/front_matter.py), which pickle cannot save itself.
copyreg.pickle(MappingProxyType, lambda view: (_mapping, (dict(view),)))


class Forked(Generic[T]):
    """`work(*args)` running in a forked child; `result()` waits for it and returns it, or raises what
    the child raised. Closing without asking for the result stops the child.

    `after`: more work the child does once it has sent its result (for this process to find done later, as
    files); errors in it are the child's alone. It is stopped, if it still runs, when this is closed."""

    def __init__(self, work: Callable[..., T], *args: Any, after: Callable[[], object] | None = None) -> None:
        self._work, self._args, self._after = work, args, after
        self._pid = -1
        try:
            read, write = os.pipe()
        except OSError:  # no descriptor to spare: the work is done here, when asked for
            return
        try:
            self._pid = os.fork()
        except OSError:  # no process to spare (a limit on processes or memory): likewise
            os.close(read)
            os.close(write)
            return
        if self._pid == 0:  # the child: never returns
            os.close(read)
            _run_and_send(write, work, args, after)
        os.close(write)
        self._pipe = os.fdopen(read, "rb")

    def result(self) -> T:
        if self._pid <= 0:
            return self._work(*self._args)
        try:
            data = self._pipe.read()
        finally:
            if self._after is None:
                self.close()
            else:  # the child goes on with `after`: reaped on closing
                self._pipe.close()
        if not data:  # killed (the out-of-memory killer, a signal) before it could answer
            raise RuntimeError("a worker process ended without a result")
        done, value = pickle.loads(data)
        if not done:
            raise value
        return value  # type: ignore[no-any-return]

    def close(self) -> None:
        if self._pid <= 0:
            return
        self._pipe.close()  # a child still writing gets a broken pipe (closing twice is allowed)
        with contextlib.suppress(ProcessLookupError):
            os.kill(self._pid, signal.SIGKILL)
        os.waitpid(self._pid, 0)
        self._pid = -1

    def __enter__(self) -> Forked[T]:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _run_and_send(write: int, work: Callable[..., Any], args: tuple[Any, ...],
                  after: Callable[[], object] | None) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl+C: the parent stops and says so, alone
    gc.disable()  # a short life: what it builds is sent and dropped
    try:
        outcome: tuple[bool, Any] = (True, work(*args))
    except BaseException as exc:  # every failure goes to the parent, which raises it
        outcome = (False, exc)
    try:
        data = pickle.dumps(outcome, pickle.HIGHEST_PROTOCOL)
    except Exception as exc:  # e.g. an exception that cannot be pickled
        data = pickle.dumps((False, RuntimeError(f"a worker's result could not be sent: {exc}")))
    with contextlib.suppress(BrokenPipeError), os.fdopen(write, "wb") as pipe:
        pipe.write(data)
    if after is not None and outcome[0]:
        with contextlib.suppress(Exception):  # (what it failed to do, the parent does itself)
            after()
    os._exit(0)  # no cleanup of the parent's state (its lock, its temporary folders) from the copy
