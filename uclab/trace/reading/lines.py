"""Text lines out of a byte stream, bounded: the encoding sniffed from the first bytes (BOMs,
UTF-16 without a BOM), Latin-1 from the first line that is not UTF-8, binary content refused,
a line longer than :data:`MAX_LINE` bytes cut (the rest skipped, not held in memory). Each
problem becomes a :class:`Problem` of the :class:`Source`; nothing here raises on bad content.
"""

from __future__ import annotations

import codecs
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import IO

__all__ = ["MAX_LINE", "Problem", "Source"]

#: the longest line kept, in bytes (the rest of such a line is skipped, not held in memory)
MAX_LINE = 1 << 20
#: how many bytes are read at a time
CHUNK = 1 << 20


@dataclass(frozen=True, slots=True)
class Problem:
    """Something wrong with one input, said in words an engineer can act on."""

    source: str
    message: str

    def __str__(self) -> str:
        return f"{self.source}: {self.message}"


@dataclass(slots=True)
class Source:
    """One readable text stream: a plain file, a member of a bundle, or pasted text.

    ``name`` is how findings cite it (``bundle.zip!logs/jabber.log`` for a member);
    :meth:`lines` yields its text lines without line ends; :attr:`encoding` says how its bytes
    were decoded once the first bytes were read.
    """

    name: str
    _stream: IO[bytes] | None = None
    _text: str | None = None
    problems: list[Problem] = field(default_factory=list)
    encoding: str = "utf-8"
    size: int = 0

    def lines(self) -> Iterator[str]:
        if self._text is not None:
            self.size = len(self._text)
            yield from self._text.splitlines()
            return
        assert self._stream is not None
        yield from _decoded_lines(self, self._stream)


def problem(source: Source, message: str) -> None:
    source.problems.append(Problem(source.name, message))


def _sniff_encoding(head: bytes) -> tuple[str, int]:
    """The encoding of a text stream from its first bytes, and the BOM length to skip."""
    for bom, name in ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"),
                      (codecs.BOM_UTF16_BE, "utf-16-be")):
        if head.startswith(bom):
            return name, len(bom)
    sample = head[:4096]
    if len(sample) >= 8:
        even, odd = sample[0::2], sample[1::2]
        if odd.count(0) > 0.4 * len(odd) and even.count(0) < 0.1 * len(even):
            return "utf-16-le", 0
        if even.count(0) > 0.4 * len(even) and odd.count(0) < 0.1 * len(odd):
            return "utf-16-be", 0
    return "utf-8", 0


def _looks_binary(chunk: bytes) -> bool:
    sample = chunk[:8192]
    if not sample:
        return False
    bad = sum(1 for b in sample if b < 9 or 13 < b < 32 and b != 27)
    return bad > 0.1 * len(sample)


def _decoded_lines(source: Source, stream: IO[bytes]) -> Iterator[str]:
    """Lines of ``stream``, decoded, each at most :data:`MAX_LINE` bytes; problems noted."""
    try:
        head = stream.read(CHUNK)
    except (OSError, EOFError, zlib.error) as exc:
        problem(source, f"cannot be read ({why(exc)})")
        return
    encoding, skip = _sniff_encoding(head)
    source.encoding = encoding
    if encoding == "utf-8" and _looks_binary(head):
        problem(source, "is binary, not a log: not text and not an archive uclab opens "
                 "(an encrypted PRT must be decrypted with the admin's private key first)")
        return
    if encoding != "utf-8":
        yield from _wide_lines(source, head[skip:], stream, encoding)
        return
    latin1 = False
    cut_lines = 0
    pending = b""
    skipping = False
    chunk = head[skip:]
    while chunk:
        source.size += len(chunk)
        parts = chunk.split(b"\n")
        for i, part in enumerate(parts):
            last = i == len(parts) - 1
            if skipping:
                if not last:
                    skipping = False
                continue
            pending += part
            if len(pending) > MAX_LINE:
                cut_lines += 1
                line, pending = pending[:MAX_LINE], b""
                skipping = last
                text, latin1 = _text(line, latin1, source)
                yield text
                continue
            if not last:
                text, latin1 = _text(pending, latin1, source)
                pending = b""
                yield text
        try:
            chunk = stream.read(CHUNK)
        except (OSError, EOFError, zlib.error) as exc:
            problem(source, f"is cut off after {source.size} bytes ({why(exc)}); the lines "
                     "before that were read")
            break
    if pending:
        text, latin1 = _text(pending, latin1, source)
        yield text
    if cut_lines:
        problem(source, f"has {cut_lines} line(s) longer than {MAX_LINE} bytes: each was cut "
                 "there and the rest of it skipped")


def _text(raw: bytes, latin1: bool, source: Source) -> tuple[str, bool]:
    raw = raw[:-1] if raw.endswith(b"\r") else raw
    if not latin1:
        try:
            return raw.decode("utf-8"), False
        except UnicodeDecodeError:
            source.encoding = "latin-1"
            problem(source, "is not UTF-8: read as Latin-1 from the first line that is not")
    return raw.decode("latin-1"), True


def _wide_lines(source: Source, first: bytes, stream: IO[bytes], encoding: str
                ) -> Iterator[str]:
    decoder = codecs.getincrementaldecoder(encoding)(errors="replace")
    pending = ""
    chunk = first
    while chunk:
        source.size += len(chunk)
        text = pending + decoder.decode(chunk)
        *whole, pending = text.split("\n")
        for line in whole:
            yield line[:MAX_LINE].rstrip("\r")
        if len(pending) > MAX_LINE:
            yield pending[:MAX_LINE]
            pending = ""
        try:
            chunk = stream.read(CHUNK)
        except (OSError, EOFError) as exc:
            problem(source, f"is cut off after {source.size} bytes ({why(exc)})")
            break
    pending += decoder.decode(b"", final=True)
    if pending:
        yield pending.rstrip("\r")


def why(exc: BaseException) -> str:
    text = str(exc) or type(exc).__name__
    return text.splitlines()[0][:120]
