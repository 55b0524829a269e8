"""Log lines worked out when first read: what a node writes costs little until it is rendered.

A simulated login writes dozens of Expressway lines whose HTTP message text (headers, clipped
bodies, concealed secrets) nobody may ever read. :func:`defer` records lines now, with the times
taken now, and builds their content on first use of any attribute; the line then *is* a plain
:class:`~uclab.trace.logline.LogLine` (same class, same equality, same pickling), so whatever
renders, saves or compares lines sees exactly what eager writing gives.

The writer runs later against the same arguments; the objects it reads (requests and responses)
must not change after the call, which holds for the lab's records (nothing mutates a request or
response once sent).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import fields
from typing import Any

from uclab.core.errors import UclabError
from uclab.trace.logline import LogLine

__all__ = ["DeferredLine", "defer", "deferred"]

_FIELDS = tuple(f.name for f in fields(LogLine))
_LOCK = threading.RLock()


class _Batch:
    """The lines one writer call produces, made once when the first of them is read. Holds the
    function and its arguments (no closures: a lab keeps thousands of these, and the garbage
    collector walks every object they hold)."""

    __slots__ = ("_fn", "_args", "_kwargs", "_stamps", "_lines")

    def __init__(self, fn: Callable[..., Any], args: tuple, kwargs: dict[str, Any] | None,
                 stamps: tuple[int, ...] | None) -> None:
        self._fn: Callable[..., Any] | None = fn
        self._args = args
        self._kwargs = kwargs
        self._stamps = stamps
        self._lines: list[LogLine] | tuple = ()

    def line(self, index: int) -> LogLine:
        if self._fn is not None:
            if self._stamps is None:
                lines = [self._fn(*self._args, **(self._kwargs or {}))]
            else:
                lines = _replay(self._fn, self._args, self._stamps)
            self._lines = lines
            self._fn = self._args = self._kwargs = self._stamps = None
        return self._lines[index]


def _replay(write: Callable[..., None], args: tuple, stamps: tuple[int, ...]) -> list[LogLine]:
    out: list[LogLine] = []
    times = iter(stamps)

    def stamp() -> int:
        for ms in times:
            return ms
        raise UclabError(f"a deferred log writer wrote more than the {len(stamps)} line(s) "
                         "reserved (the writer changed: update the number of lines its "
                         "deferred caller reserves)")

    write(stamp, out.append, *args)
    if len(out) != len(stamps):
        raise UclabError(f"a deferred log writer wrote {len(out)} line(s) where {len(stamps)} "
                         "were reserved (the writer changed: update the number of lines its "
                         "deferred caller reserves)")
    return out


class DeferredLine(LogLine):
    """A :class:`LogLine` whose values are filled in on first access (then its class is
    ``LogLine``). Build them with :func:`defer`."""

    def __init__(self, batch: _Batch, index: int) -> None:  # noqa: D107 - no dataclass init
        object.__setattr__(self, "_batch", batch)
        object.__setattr__(self, "_index", index)

    def _resolve(self) -> LogLine:
        with _LOCK:
            if type(self) is DeferredLine:
                real = self.__dict__["_batch"].line(self.__dict__["_index"])
                state = self.__dict__
                for name in _FIELDS:  # into the instance dict: the properties below shadow
                    state[name] = getattr(real, name)
                del state["_batch"], state["_index"]
                object.__setattr__(self, "__class__", LogLine)
        return self

    def __getattr__(self, name: str) -> Any:  # only called for what the instance lacks
        if name.startswith("__") or type(self) is not DeferredLine:
            raise AttributeError(name)
        return getattr(self._resolve(), name)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, DeferredLine):
            other._resolve()
        return self._resolve() == other

    def __hash__(self) -> int:
        return hash(self._resolve())

    def __repr__(self) -> str:
        return repr(self._resolve())

    def __reduce_ex__(self, protocol: Any) -> Any:
        return self._resolve().__reduce_ex__(protocol)


def _field(name: str) -> property:
    return property(lambda self: getattr(self._resolve(), name),
                    doc=f"``{name}``, worked out on first read")


# fields with a default are class attributes of LogLine, which __getattr__ would never see
for _name in _FIELDS:
    if hasattr(LogLine, _name):
        setattr(DeferredLine, _name, _field(_name))


def defer(stamps: tuple[int, ...], write: Callable[..., None], args: tuple,
          sink: Callable[[LogLine], object]) -> None:
    """Reserve ``len(stamps)`` lines in ``sink`` now; ``write(stamp, out, *args)`` produces them
    on first read, ``stamp()`` handing out ``stamps`` in order and ``out`` taking each line."""
    batch = _Batch(write, args, None, stamps)
    for index in range(len(stamps)):
        sink(DeferredLine(batch, index))


def deferred(make: Callable[..., LogLine], *args: Any, **kwargs: Any) -> LogLine:
    """One line that ``make(*args, **kwargs)`` builds on first read; the arguments are the
    values taken now (the line's time, counters), which ``make`` must not read anew."""
    return DeferredLine(_Batch(make, args, kwargs or None, None), 0)
