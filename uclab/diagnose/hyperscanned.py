"""The one-pass scan of large plain files with Hyperscan (Intel's multi-literal matcher, the
``hyperscan`` package): every anchor of the rules and every login step's anchor in one pass
over the file in blocks of :data:`BLOCK` bytes, five to seven times faster than ``grep -F -f``
with the same ~90 literals (measured on the bench's 210 MB log). Only the lines around the
hits that matter are then read and parsed, as in :mod:`uclab.diagnose.accelerated`, which
gives the same report.

Each block is matched first for the triggers and the steps not reached yet. A step's anchors
leave that matcher once the step is reached (a healthy log reaches every step on its first
page; each set of literals is compiled once, in a few milliseconds). The context anchors, which
hit every few lines of a healthy log, are matched over the whole block only when it holds a
trigger. Of a block without one, the collector needs only the first lines still pinned by a
trigger before it (matched in a span from its start) and the last :data:`RING` lines before
the next trigger or the file's end: that region is read again backwards from there, in
windows that grow until they hold enough lines with a hit, so a healthy log is matched for
its context anchors once, at its end. Line numbers come from counting the newlines between
hits, so memory stays bounded by the block.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

from uclab.diagnose.accelerated import _Collector, _scan, _step_evidence
from uclab.diagnose.engine import RING, FileScan, _Anchors
from uclab.diagnose.ruleset import Rule, Step
from uclab.trace.parsing import Grammar

__all__ = ["BLOCK", "available", "scan_with_hyperscan"]

#: bytes matched at a time (cut at a line end; the newline count copies a block once more)
BLOCK = 8 << 20
#: bytes first matched for the context anchors at a block's start, or read back before a trigger
SPAN = 64 << 10


def available() -> bool:
    """True when the ``hyperscan`` package loads (it ships wheels for x86-64)."""
    try:
        import hyperscan  # noqa: F401
    except ImportError:
        return False
    return True


@lru_cache(maxsize=64)
def _database(literals: tuple[bytes, ...], once: frozenset[bytes] = frozenset()):
    import hyperscan

    db = hyperscan.Database(mode=hyperscan.HS_MODE_BLOCK)
    # every byte escaped as \xHH: each anchor is matched as a literal, whatever it holds;
    # those in ``once`` report their first occurrence only (HS_FLAG_SINGLEMATCH)
    db.compile(expressions=["".join(f"\\x{b:02x}" for b in lit).encode() for lit in literals],
               ids=list(range(len(literals))), elements=len(literals),
               flags=[hyperscan.HS_FLAG_SINGLEMATCH if lit in once else 0
                      for lit in literals])
    return db


def _match(live: tuple[bytes, ...], view: memoryview, once: frozenset[bytes] = frozenset()
           ) -> list[tuple[int, int]]:
    """(start offset, literal index) of every occurrence of the literals, in order; of a
    literal in ``once``, only its first occurrence."""
    found: list[tuple[int, int]] = []
    sizes = [len(lit) for lit in live]
    _database(live, once & frozenset(live)).scan(
        view, match_event_handler=lambda i, _s, end, _f, _c: found.append((end - sizes[i], i)))
    found.sort()
    return found


def _hits(f, path: Path, anchors: _Anchors, steps: Sequence[Step], scan: FileScan,
          reveal: bool) -> _Collector:
    fixed = {a.encode(): a for a in anchors.fixed}
    step_of = {a.encode(): s for a, s in anchors.step_of.items()}
    triggers = {a.encode() for a in anchors.triggers}
    context = tuple(sorted(set(fixed) - triggers))
    # a step's anchor that is no trigger matters by its first line only: in a healthy log
    # some are on every few lines, each match a call back into Python
    once = frozenset(step_of) - triggers
    longest = max(map(len, [*fixed, *step_of]), default=1)
    size = max(BLOCK, 2 * longest)
    collector = _Collector(anchors)
    lines = 0          # newlines before the block
    base = 0           # file offset of the block
    skip = 0           # hits ending at or before this offset were found in the last block
    last = b""
    unfed = 0          # the hits from this offset on have not been fed (a line start)
    buffer = _aligned(size)
    while True:
        # each block starts where the last one was cut: the cut-off line is read again rather
        # than joined to the next read (a copy of the block, which cost more)
        f.seek(base)
        got = f.readinto(buffer)
        if not got:
            break
        data = buffer if got == size else buffer[:got]  # the file's last block: a copy
        last = data[-1:]
        end = len(data) < size
        cut = len(data) if end else data.rfind(b"\n") + 1
        # a line longer than a block: the whole block is matched, and the next one starts
        # early enough to find what crosses its end (skipping what this one found)
        forced = cut == 0
        if forced:
            cut = len(data) - (longest - 1)
        view = memoryview(data) if forced else memoryview(data)[:cut]
        # the triggers and the steps not reached yet first; the context anchors (frequent in
        # a healthy log) only where the collector needs them
        live = tuple(sorted({*triggers, *(a for a, s in step_of.items()
                                          if s not in scan.steps)}))
        found = _match(live, view, once)
        if any(s not in scan.steps for s in step_of.values()):  # a step not reached yet
            _steps(scan, found, live, step_of, data, cut, lines, reveal)
        hits = [(st, live[i]) for st, i in found if live[i] in triggers]
        total = lines + _newlines(data, 0, cut)
        if hits or forced or skip or not context:  # every hit of the block is fed
            hits = sorted([*hits, *((st, context[i]) for st, i in _match(context, view))])
            if skip:  # a line across the seam: what the last block fed is not fed again
                hits = [(st, lit) for st, lit in hits if st + len(lit) > skip]
            _catch_up(f, collector, context, fixed, unfed, base, lines)
            _number(collector, hits, fixed, data, base, 0, lines)
            unfed = base + cut
        elif pinned := collector.pins():
            unfed = _feed_head(collector, pinned, context, fixed, data, cut, lines, base)
        lines = total
        base += cut
        skip = len(data) - cut if forced else 0
        if end:
            break
    _catch_up(f, collector, context, fixed, unfed, base, lines)  # the last lines' context
    scan.lines = lines + (1 if last and last != b"\n" else 0)
    return collector


def _aligned(size: int) -> bytearray:
    """A reusable block buffer whose bytes start on a 64-byte boundary. The kernel copies a
    file into a misaligned buffer (as a fresh ``bytes`` is: its data sits 48 bytes into a
    page) several times slower on some CPUs (3-4x measured on AMD EPYC). From 65 bytes on,
    cutting the ends leaves the bytes where they are (a smaller buffer may be moved)."""
    import ctypes

    buffer = bytearray(size + 64)
    address = ctypes.addressof(ctypes.c_char.from_buffer(buffer))
    del buffer[:-address % 64]  # moves the buffer's start, not its bytes
    del buffer[size:]
    return buffer


def _feed_head(collector: _Collector, pinned: int, context: tuple[bytes, ...],
               fixed: dict[bytes, str], data: bytes, cut: int, lines: int, base: int) -> int:
    """A block without a trigger, after one that pinned lines: its first ``pinned`` lines
    with a hit are fed, matched for the context anchors in a span from the block's start
    that grows until it holds enough of them. Returns the file offset from which its hits
    are not fed (the start of the first line not fed, or the block's end)."""
    view = memoryview(data)
    reach = SPAN
    while True:
        stop = min(_line_end(data, reach), cut)
        head = [(st, context[i]) for st, i in _match(context, view[:stop])]
        fed = _first_lines(head, data, pinned)
        if fed < len(head) or stop == cut:
            break
        reach = _wider(reach, head, data, pinned)
    _number(collector, head[:fed], fixed, data, base, 0, lines)
    return base + (_line_start(data, head[fed][0]) if fed < len(head) else cut)


def _catch_up(f, collector: _Collector, context: tuple[bytes, ...], fixed: dict[bytes, str],
              start: int, end: int, lines: int) -> None:
    """Feeds what the collector needs of the region ``[start, end)`` whose hits were not fed
    (blocks without a trigger): the context anchors on its last :data:`RING` lines holding
    one, which a trigger right after it (or the file's end) keeps. ``start`` and ``end`` are
    line starts, ``lines`` newlines come before ``end``. The region is read again from its
    end, in windows that grow until they hold enough lines with a hit (up to :data:`BLOCK`
    bytes; wider only while a window holds no whole line): a healthy log, fed nothing
    between its triggers, is matched for the context anchors only here."""
    if start >= end or not context:
        return
    found: list[tuple[int, int, str]] = []  # (line number, offset, literal), the last first
    numbers: set[int] = set()  # the lines they are on
    reach = SPAN
    while end > start and len(numbers) < RING:
        low = max(start, end - reach)
        at = max(start, low - 1)  # a byte more: the newline before a line that starts at low
        f.seek(at)
        window = f.read(end - at)
        first = window.find(b"\n") + 1 if low > start else 0  # the window's first line start
        if low > start and not 0 < first < len(window):  # no whole line in it: wider
            reach *= 2  # past BLOCK if need be: a line of a block can be longer (see size)
            continue
        hits = [(first + st, context[i])
                for st, i in _match(context, memoryview(window)[first:])]
        wanted = RING - len(numbers)
        if low > start and reach < BLOCK and len(
                {_line_start(window, st) for st, _ in hits}) < wanted:
            reach = min(BLOCK, _wider(reach, hits, window, wanted))
            continue
        below, pos = lines, len(window)  # numbered back from the window's end
        for st, literal in reversed(hits):
            below -= _newlines(window, st, pos)
            pos = st
            found.append((below + 1, at + st, fixed[literal]))
            numbers.add(below + 1)
        lines = below - _newlines(window, first, pos)
        end, reach = at + first, SPAN
    if not found:
        return
    keep = sorted(numbers)[-RING:][0]
    for number, offset, literal in reversed(found):
        if number >= keep:
            collector.add(number, offset, literal)


def _steps(scan: FileScan, found, live, step_of, data: bytes, cut: int, lines: int,
           reveal: bool) -> None:
    """The first line of each step not yet reached whose anchor is in this block."""
    pending = {i for i, lit in enumerate(live) if lit in step_of
               and step_of[lit] not in scan.steps}
    first: dict[str, int] = {}
    for start, i in [hit for hit in found if hit[1] in pending]:
        step = step_of[live[i]]
        if step not in first:
            first[step] = start
    pos, count = 0, lines
    for step, start in sorted(first.items(), key=lambda kv: kv[1]):
        count += _newlines(data, pos, start)
        pos = start
        s = data.rfind(b"\n", 0, start) + 1
        e = data.find(b"\n", start)
        scan.steps[step] = _step_evidence(scan, count + 1, data[s:e if e >= 0 else cut], reveal)


def _newlines(data: bytes, start: int, end: int) -> int:
    """The newlines in ``data[start:end]``; on long spans deleting them and comparing lengths
    (memchr and memcpy) is about twice as fast as ``bytes.count``."""
    if end - start < len(data) // 2:
        return data.count(b"\n", start, end)
    # no slice: a fresh copy of a large span costs more than the count saves
    return (len(data) - len(data.replace(b"\n", b""))
            - data.count(b"\n", 0, start) - data.count(b"\n", end))


def _wider(reach: int, hits: list[tuple[int, bytes]], data: bytes, lines: int) -> int:
    """The next span: wide enough, at the density of lines with a hit seen so far, to hold
    a quarter more than the ``lines`` wanted (at least twice as wide)."""
    held = len({_line_start(data, start) for start, _ in hits})
    return max(2 * reach, reach * (lines + 1) * 5 // (4 * held) if held else 4 * reach)


def _line_start(data: bytes, start: int) -> int:
    return data.rfind(b"\n", 0, start) + 1


def _line_end(data: bytes, at: int) -> int:
    """The offset just past the line end at or after ``at`` (the data's end if none)."""
    end = data.find(b"\n", at)
    return len(data) if end < 0 else end + 1


def _first_lines(hits, data: bytes, n: int) -> int:
    """How many of the hits fall on the block's first ``n`` lines holding a hit."""
    seen, last = 0, -1
    for k, (start, _) in enumerate(hits):
        ls = _line_start(data, start)
        if ls != last:
            if seen == n:
                return k
            seen, last = seen + 1, ls
    return len(hits)


def _number(collector, hits, fixed, data: bytes, base: int, pos: int, count: int) -> None:
    """Feeds ``hits`` numbering their lines on from ``count`` newlines before ``pos``."""
    for start, literal in hits:
        count += _newlines(data, pos, start)
        pos = start
        collector.add(count + 1, base + start, fixed[literal])


def scan_with_hyperscan(path: Path, rules: Sequence[Rule], steps: Sequence[Step],
                        grammars: Sequence[Grammar], *, reveal: bool = False) -> FileScan:
    """Scan a plain file in one Hyperscan pass (see the module docstring)."""
    return _scan(path, rules, steps, grammars, reveal, _hits)
