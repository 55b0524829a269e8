"""The grep-accelerated scan of large plain files: the system's ``grep -F`` (a multi-string
matcher running at disk speed; Python's ``re`` runs an alternation of ~100 literals at about
10 MB/s) finds the anchors' byte offsets, and only the lines around the hits that matter are
read and parsed, as in :mod:`uclab.diagnose.engine`.

Used by :func:`uclab.diagnose.diagnose` for a plain text file of at least :data:`GREP_FROM`
bytes when ``grep`` is on the PATH and the ``hyperscan`` package does not load (with it,
:mod:`uclab.diagnose.hyperscanned` finds the same hits in one pass, and shares this module's
collector and record reading); otherwise the pure-Python byte scan
(:func:`uclab.diagnose.engine.scan_stream`) gives the same report, slower.
"""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Iterator, Sequence
from pathlib import Path

from uclab.diagnose import masking
from uclab.diagnose.checks import Hit
from uclab.diagnose.engine import (
    AHEAD,
    BACK,
    HEAD_LINES,
    RING,
    FileScan,
    _Anchors,
    _count,
    _lines_of,
    shown,
)
from uclab.diagnose.fallback import FallbackGrammar
from uclab.diagnose.report import Evidence
from uclab.diagnose.ruleset import Rule, Step
from uclab.trace.parsing import Grammar, split

__all__ = ["GREP_FROM", "grep", "scan_with_grep"]

#: files at least this large take the grep path (smaller ones are quick in Python)
GREP_FROM = 8 << 20
#: bytes read on each side of a hit to find its record (:data:`NEAR` first)
WINDOW = 64 << 10
NEAR = 8 << 10


def grep() -> str | None:
    """The path of ``grep``, or None."""
    import shutil  # on first use (it loads the bz2 and lzma modules)

    return shutil.which("grep")


def _stream(path: Path, args: list[str], literals: Sequence[str]) -> Iterator[bytes]:
    """grep's output rows (``line:offset:text``), streamed: memory stays flat."""
    import subprocess  # on first use: the Hyperscan scan, the usual one, needs neither
    import tempfile

    with tempfile.NamedTemporaryFile("wb", delete=False, suffix=".anchors") as f:
        f.write("\n".join(literals).encode())
        name = f.name
    try:
        with subprocess.Popen([grep() or "grep", "-F", "-a", "-b", "-n", *args, "-f", name,
                               "--", str(path)], stdout=subprocess.PIPE,
                              stderr=subprocess.DEVNULL,
                              env={**os.environ, "LC_ALL": "C"}) as child:
            assert child.stdout is not None
            for row in child.stdout:
                yield row.rstrip(b"\n")
    finally:
        os.unlink(name)


def _run(path: Path, args: list[str], literals: Sequence[str]) -> list[bytes]:
    return list(_stream(path, args, literals))


def _window(f, offset: int, number: int, back: int, ahead: int) -> tuple[bytes, int]:
    """The bytes of ``back`` lines before to ``ahead`` lines after the line at ``offset``
    (line ``number``), and the number of its first line: read :data:`NEAR` bytes each side
    first, :data:`WINDOW` when the lines are longer than that allows."""
    for reach in (NEAR, WINDOW):
        raw, first, whole = _read_window(f, offset, number, back, ahead, reach)
        if whole:
            break
    return raw, first


def _read_window(f, offset: int, number: int, back: int, ahead: int, reach: int
                 ) -> tuple[bytes, int, bool]:
    start = max(0, offset - reach)
    f.seek(start)
    raw = f.read(offset - start + reach)
    whole = True
    at = offset - start
    line_start = raw.rfind(b"\n", 0, at) + 1 if at else 0
    if line_start == 0 and start > 0:  # the hit's own line starts before the window
        whole = False
    s = line_start
    for _ in range(back):
        if s == 0:
            break
        prev = raw.rfind(b"\n", 0, s - 1) + 1
        if prev == 0 and start > 0:  # the window may cut the line: stop at the cut
            whole = False
            break
        s = prev
    first = number - raw.count(b"\n", s, line_start)
    e = line_start
    for _ in range(ahead):
        nxt = raw.find(b"\n", e)
        if nxt < 0:
            e = len(raw)
            whole = len(raw) < offset - start + reach  # the file ended, not the window
            break
        e = nxt + 1
    return raw[s:e], first, whole


class _Collector:
    """Turns anchor hits, in line order, into the records a scan keeps: every line holding a
    trigger with the :data:`~uclab.diagnose.engine.RING` lines before and after it that hold a
    context anchor (as :class:`uclab.diagnose.engine._Keeper` does); memory stays bounded."""

    def __init__(self, anchors: _Anchors) -> None:
        self.triggers = set(anchors.triggers)
        self.ring: deque[tuple[int, int, bool]] = deque(maxlen=RING)
        self.kept: list[tuple[int, int, bool]] = []
        self.pinned = 0
        self.current, self.offset, self.literals = -1, 0, set()

    def add(self, number: int, offset: int, literal: str) -> None:
        """A hit of ``literal`` at byte ``offset``, on line ``number`` (hits in line order)."""
        if number != self.current:
            self._take()
            self.current, self.offset, self.literals = number, offset, set()
        self.literals.add(literal)

    def pins(self) -> int:
        """How many lines with a hit after those added so far are still kept after a trigger
        (the line being added counts: a trigger there pins :data:`RING` more)."""
        if self.current < 0:
            return self.pinned
        if self.literals & self.triggers:
            return RING
        return max(self.pinned - 1, 0)

    def _take(self) -> None:
        if self.current < 0:
            return
        entry = (self.current, self.offset, bool(self.literals & self.triggers))
        if entry[2]:
            self.kept.extend(self.ring)
            self.ring.clear()
            self.kept.append(entry)
            self.pinned = RING
        elif self.pinned:
            self.kept.append(entry)
            self.pinned -= 1
        else:
            self.ring.append(entry)

    def finish(self) -> list[tuple[int, int, bool]]:
        self._take()
        self.current = -1
        self.kept.extend(self.ring)
        self.ring.clear()
        return self.kept


def _step_evidence(scan: FileScan, number: int, text: bytes, reveal: bool) -> Evidence:
    lines = _lines_of(text[:1 << 20], scan)
    return Evidence(f"{scan.name}:{number}", shown(lines[0] if lines else "", reveal))


def _head(f, scan: FileScan, grammars: Sequence[Grammar]) -> None:
    """Counts the products and hosts of the first lines (a file's header names its host)."""
    f.seek(0)
    head = b"".join(f.readline(1 << 20) for _ in range(HEAD_LINES))
    for record in split(_lines_of(head, scan), grammars, scan.name):
        _count(scan, record)


def _grep_hits(f, path: Path, anchors: _Anchors, steps: Sequence[Step], scan: FileScan,
               reveal: bool) -> _Collector:
    newlines = 0
    last = b""
    f.seek(0)
    while chunk := f.read(8 << 20):
        newlines += chunk.count(b"\n")
        last = chunk[-1:]
    scan.lines = newlines + (1 if last and last != b"\n" else 0)
    for step in steps:  # the first line of each step: grep stops there
        found = _run(path, ["-m", "1"], step.anchors)
        if found:
            number, _, text = found[0].split(b":", 2)
            scan.steps[step.id] = _step_evidence(scan, int(number), text, reveal)
    collector = _Collector(anchors)
    for row in _stream(path, ["-o"], sorted(anchors.fixed)):  # in line order
        number_b, offset_b, literal_b = row.split(b":", 2)
        collector.add(int(number_b), int(offset_b), literal_b.decode("latin-1"))
    return collector


def _records(f, scan: FileScan, kept: list[tuple[int, int, bool]],
             grammars: Sequence[Grammar], reveal: bool) -> None:
    """Reads and parses the records around the kept lines into the scan's hits.

    A trigger's record keeps the records around it (its context for the checks); of a context
    line only its own record is parsed. Past the first lines (:func:`_head`), the products and
    hosts are counted from these records."""
    seen: set[int] = set()
    for number, offset, trigger in kept:
        back, ahead = (BACK, AHEAD) if trigger else (8, 16)
        raw, first = _window(f, offset, number, back, ahead)
        parsed = split(_lines_of(raw, scan), grammars, scan.name, first_line=first)
        if trigger:
            records = list(parsed)
            record = next((r for r in records if r.line <= number <= r.end), None)
        else:  # the records stream: stop at the one that holds the line
            record = next((r for r in parsed if r.end >= number), None)
            if record is not None and record.line > number:
                record = None
            records = [record] if record is not None else []
        if record is None or record.line in seen:
            continue
        seen.add(record.line)
        if first > HEAD_LINES:
            for r in records:
                _count(scan, r)
        scan.hits.append(Hit(0, record, records if trigger else []))
        if trigger and masking.clear_passwords(record.raw):
            scan.plain_passwords.append(record.where)
    scan.hits.sort(key=lambda h: h.record.line)
    for i, hit in enumerate(scan.hits):
        hit.index = i


def _scan(path: Path, rules: Sequence[Rule], steps: Sequence[Step],
          grammars: Sequence[Grammar], reveal: bool, hits) -> FileScan:
    grammars = (*grammars, FallbackGrammar())
    anchors = _Anchors(rules, steps)
    scan = FileScan(str(path))
    with path.open("rb") as f:
        _head(f, scan, grammars)
        kept = hits(f, path, anchors, steps, scan, reveal).finish()
        _records(f, scan, kept, grammars, reveal)
    return scan


def scan_with_grep(path: Path, rules: Sequence[Rule], steps: Sequence[Step],
                   grammars: Sequence[Grammar], *, reveal: bool = False) -> FileScan:
    """Scan a plain file with grep's offsets (see the module docstring)."""
    return _scan(path, rules, steps, grammars, reveal, _grep_hits)
