"""Reading the logs real products wrote (and the lab's own): :func:`read` opens files, folders,
bundles or pasted text (:mod:`~uclab.trace.reading.sources`), cuts every stream into
:class:`~uclab.trace.parsing.Record` objects with every grammar uclab knows
(:mod:`~uclab.trace.reading.grammars`), and keeps the problems it met instead of raising.

The product is detected from each line's grammar, so a file holding several products (a
paste of an Expressway-E and an Expressway-C log, a PRT with Swift and csf lines) is split into
them: each record carries its own ``product``. :meth:`Reading.products` summarises what was
seen per source. :func:`shown` is how a record's lines are displayed: concealed through
:func:`uclab.trace.redact.redact` unless ``reveal``.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

from uclab.trace.parsing import UNKNOWN, Grammar, Record, split
from uclab.trace.reading.grammars import all_grammars
from uclab.trace.reading.sources import LogReadError, Problem, Reader, Source
from uclab.trace.redact import redact

__all__ = ["LogReadError", "Problem", "Reading", "Source", "read", "shown"]

Input = str | Path


class Reading:
    """One pass over some inputs: iterate :meth:`records`, then ask :attr:`problems`."""

    def __init__(self, paths: Iterable[Input] = (), *, text: str | None = None,
                 name: str = "<text>", grammars: Sequence[Grammar] | None = None) -> None:
        self.paths = [paths] if isinstance(paths, str | Path) else list(paths)
        self.text, self.name = text, name
        self.grammars = tuple(all_grammars() if grammars is None else grammars)
        self.reader = Reader()
        self.seen: dict[str, Counter[str]] = {}
        for p in self.paths:
            if not isinstance(p, str | Path):
                raise LogReadError(f"a log input must be a path or text, not "
                                   f"{type(p).__name__}")
            if not Path(p).exists():
                raise LogReadError(f"{p}: no such file or folder")

    def sources(self) -> Iterator[Source]:
        if self.text is not None:
            yield from self.reader.text(self.text, self.name)
        for p in self.paths:
            yield from self.reader.path(p)

    def records(self) -> Iterator[Record]:
        """Every record of every input, in input and file order (streamed)."""
        for source in self.sources():
            counts = self.seen.setdefault(source.name, Counter())
            for record in split(source.lines(), self.grammars, source=source.name):
                counts[record.product] += 1
                yield record

    @property
    def problems(self) -> list[Problem]:
        """What was wrong with the inputs read so far (each names its file)."""
        return self.reader.all_problems()

    def products(self) -> dict[str, list[str]]:
        """For each source read so far, the products its records came from (most first),
        ``unknown`` last when some lines matched no grammar."""
        out = {}
        for name, counts in self.seen.items():
            known = [p for p, _ in counts.most_common() if p != UNKNOWN]
            out[name] = known + ([UNKNOWN] if UNKNOWN in counts else [])
        return out


def read(paths: Iterable[Input] | Input = (), *, text: str | None = None) -> Iterator[Record]:
    """The records of files, folders or bundles at ``paths`` and/or of pasted ``text``.

    Raises :class:`LogReadError` only for an input that cannot be opened at all; use
    :class:`Reading` to see the problems met while reading.
    """
    return Reading(paths, text=text).records()


def shown(record: Record, *, reveal: bool = False) -> list[str]:
    """The record's lines as they may be displayed: secrets concealed unless ``reveal``."""
    return redact(record.raw, reveal=reveal).split("\n")
