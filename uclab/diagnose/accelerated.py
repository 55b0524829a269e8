"""The grep-accelerated scan of large plain files: the system's ``grep -F`` (a multi-string
matcher running at disk speed; Python's ``re`` runs an alternation of ~100 literals at about
10 MB/s) finds the anchors' byte offsets, and only the lines around the hits that matter are
read and parsed, as in :mod:`uclab.diagnose.engine`.

Used by :func:`uclab.diagnose.diagnose` for a plain text file of at least :data:`GREP_FROM`
bytes when ``grep`` is on the PATH; otherwise the pure-Python byte scan
(:func:`uclab.diagnose.engine.scan_stream`) gives the same report, slower.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
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
#: bytes read on each side of a hit to find its record
WINDOW = 64 << 10


def grep() -> str | None:
    """The path of ``grep``, or None."""
    return shutil.which("grep")


def _stream(path: Path, args: list[str], literals: Sequence[str]) -> Iterator[bytes]:
    """grep's output rows (``line:offset:text``), streamed: memory stays flat."""
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


def _window(f, offset: int, number: int, size: int, back: int, ahead: int
            ) -> tuple[bytes, int]:
    """The bytes of ``back`` lines before to ``ahead`` lines after the line at ``offset``
    (line ``number``), and the number of its first line."""
    start = max(0, offset - WINDOW)
    f.seek(start)
    raw = f.read(offset - start + WINDOW)
    at = offset - start
    line_start = raw.rfind(b"\n", 0, at) + 1 if at else 0
    s = line_start
    for _ in range(back):
        if s == 0:
            break
        prev = raw.rfind(b"\n", 0, s - 1) + 1
        if prev == 0 and start > 0:  # the window may cut the line: stop at the cut
            break
        s = prev
    first = number - raw.count(b"\n", s, line_start)
    e = line_start
    for _ in range(ahead):
        nxt = raw.find(b"\n", e)
        if nxt < 0:
            e = len(raw)
            break
        e = nxt + 1
    return raw[s:e], first


def scan_with_grep(path: Path, rules: Sequence[Rule], steps: Sequence[Step],
                   grammars: Sequence[Grammar], *, reveal: bool = False) -> FileScan:
    """Scan a plain file with grep's offsets (see the module docstring)."""
    grammars = (*grammars, FallbackGrammar())
    anchors = _Anchors(rules, steps)
    name = str(path)
    scan = FileScan(name)
    size = path.stat().st_size
    with path.open("rb") as f:
        newlines = 0
        last = b""
        while chunk := f.read(8 << 20):
            newlines += chunk.count(b"\n")
            last = chunk[-1:]
        scan.lines = newlines + (1 if last and last != b"\n" else 0)
        f.seek(0)
        head = b"".join(f.readline(1 << 20) for _ in range(HEAD_LINES))
        for record in split(_lines_of(head, scan), grammars, name):
            _count(scan, record)
        for step in steps:  # the first line of each step: grep stops there
            found = _run(path, ["-m", "1"], step.anchors)
            if found:
                number, _, text = found[0].split(b":", 2)
                lines = _lines_of(text[:1 << 20], scan)
                scan.steps[step.id] = Evidence(f"{name}:{int(number)}",
                                               shown(lines[0] if lines else "", reveal))
        triggers = set(anchors.triggers)
        ring: deque[tuple[int, int, bool]] = deque(maxlen=RING)
        kept: list[tuple[int, int, bool]] = []
        pinned = 0

        def take(number: int, offset: int, literals: set[str]) -> None:
            nonlocal pinned
            if literals & triggers:
                kept.extend(ring)
                ring.clear()
                kept.append((number, offset, True))
                pinned = RING
            elif pinned:
                kept.append((number, offset, False))
                pinned -= 1
            else:
                ring.append((number, offset, False))

        current, current_offset, literals = -1, 0, set()
        for row in _stream(path, ["-o"], sorted(anchors.fixed)):  # in line order
            number_b, offset_b, literal_b = row.split(b":", 2)
            number = int(number_b)
            if number != current:
                if current >= 0:
                    take(current, current_offset, literals)
                current, current_offset, literals = number, int(offset_b), set()
            literals.add(literal_b.decode("latin-1"))
        if current >= 0:
            take(current, current_offset, literals)
        kept.extend(ring)
        seen: set[int] = set()
        for number, offset, trigger in kept:
            back, ahead = (BACK, AHEAD) if trigger else (8, 16)
            raw, first = _window(f, offset, number, size, back, ahead)
            records = list(split(_lines_of(raw, scan), grammars, name, first_line=first))
            record = next((r for r in records if r.line <= number <= r.end), None)
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
    return scan
