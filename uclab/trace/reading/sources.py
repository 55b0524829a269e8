"""Opening what an admin collects: plain log files, ``.gz`` files, ``.zip`` and ``.tar(.gz)``
bundles (a Jabber PRT, an Expressway diagnostic archive, an IM&P ``file build log`` archive,
FORMATS.md §1.1, §1.2, §1.6), or pasted text — as a stream of text lines per member.

What a file is comes from its bytes (magic numbers, byte-order marks), never from its name.
Memory is bounded: bytes are read in chunks, a line longer than :data:`MAX_LINE` bytes is cut
(the rest skipped, counted in a :class:`Problem`), archives are read member by member, and a
bundle that inflates past :data:`MAX_INFLATED` bytes or :data:`MAX_RATIO` times its own size
(a zip bomb) is stopped there. Nothing here raises on bad content: each problem becomes a
:class:`Problem` naming the file and what is wrong, and what was read before it is kept. Only
an input that cannot be opened at all raises :class:`LogReadError`.
"""

from __future__ import annotations

import codecs
import gzip
import io
import tarfile
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

from uclab.core.errors import UclabError

__all__ = ["MAX_INFLATED", "MAX_LINE", "MAX_RATIO", "LogReadError", "Problem", "Reader",
           "Source"]

#: the longest line kept, in bytes (the rest of such a line is skipped, not held in memory)
MAX_LINE = 1 << 20
#: the most bytes all members of one input may inflate to
MAX_INFLATED = 8 << 30
#: the largest inflation ratio accepted for an archive or gzip stream bigger than 64 MB
MAX_RATIO = 200
#: how deep archives inside archives are opened (a .gz inside a .tar.gz inside a .zip)
MAX_DEPTH = 3
_CHUNK = 1 << 20
_RATIO_FLOOR = 64 << 20


class LogReadError(UclabError, OSError):
    """An input that cannot be read at all (no such file, a folder, a permission error)."""


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


def _problem(source: Source, message: str) -> None:
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
        head = stream.read(_CHUNK)
    except (OSError, EOFError, zlib.error) as exc:
        _problem(source, f"cannot be read ({_why(exc)})")
        return
    encoding, skip = _sniff_encoding(head)
    source.encoding = encoding
    if encoding == "utf-8" and _looks_binary(head):
        _problem(source, "is binary, not a log: not text and not an archive uclab opens "
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
            chunk = stream.read(_CHUNK)
        except (OSError, EOFError, zlib.error) as exc:
            _problem(source, f"is cut off after {source.size} bytes ({_why(exc)}); the lines "
                     "before that were read")
            break
    if pending:
        text, latin1 = _text(pending, latin1, source)
        yield text
    if cut_lines:
        _problem(source, f"has {cut_lines} line(s) longer than {MAX_LINE} bytes: each was cut "
                 "there and the rest of it skipped")


def _text(raw: bytes, latin1: bool, source: Source) -> tuple[str, bool]:
    raw = raw[:-1] if raw.endswith(b"\r") else raw
    if not latin1:
        try:
            return raw.decode("utf-8"), False
        except UnicodeDecodeError:
            source.encoding = "latin-1"
            _problem(source, "is not UTF-8: read as Latin-1 from the first line that is not")
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
            chunk = stream.read(_CHUNK)
        except (OSError, EOFError) as exc:
            _problem(source, f"is cut off after {source.size} bytes ({_why(exc)})")
            break
    pending += decoder.decode(b"", final=True)
    if pending:
        yield pending.rstrip("\r")


def _why(exc: BaseException) -> str:
    text = str(exc) or type(exc).__name__
    return text.splitlines()[0][:120]


class _Budget:
    """Counts the bytes all members of one input inflate to, and stops a zip bomb."""

    def __init__(self, name: str, packed: int) -> None:
        self.name, self.packed, self.used = name, max(packed, 1), 0

    def check(self, more: int) -> str | None:
        self.used += more
        if self.used > MAX_INFLATED:
            return f"inflates past {MAX_INFLATED >> 30} GB: stopped there (a zip bomb?)"
        if self.used > _RATIO_FLOOR and self.used > MAX_RATIO * self.packed:
            return (f"inflates more than {MAX_RATIO} times its size: stopped there "
                    "(a zip bomb?)")
        return None


class _Counted(io.RawIOBase):
    """A byte stream that charges what it yields to a :class:`_Budget`."""

    def __init__(self, inner: IO[bytes], budget: _Budget, source: Source) -> None:
        self.inner, self.budget, self.source, self.stopped = inner, budget, source, False

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:  # type: ignore[no-untyped-def]
        if self.stopped:
            return 0
        try:
            # read1: one step of the inner stream, so a cut-off gzip loses nothing read so far
            read = getattr(self.inner, "read1", self.inner.read)
            data = read(len(buffer))
        except (OSError, EOFError, zlib.error) as exc:
            self.stopped = True
            _problem(self.source, f"is cut off or damaged ({_why(exc)}); the lines before "
                     "that were read")
            return 0
        why = self.budget.check(len(data))
        if why:
            self.stopped = True
            _problem(self.source, why)
            return 0
        buffer[:len(data)] = data
        return len(data)


class Reader:
    """Opens inputs into :class:`Source` streams; :attr:`problems` gathers what went wrong."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []
        self._sources: list[Source] = []

    def text(self, text: str, name: str = "<text>") -> Iterator[Source]:
        source = Source(name, _text=text)
        self._sources.append(source)
        yield source

    def path(self, path: str | Path) -> Iterator[Source]:
        p = Path(path)
        name = str(path)
        if p.is_dir():
            for child in sorted(c for c in p.rglob("*") if c.is_file()):
                yield from self.path(child)
            return
        try:
            handle = p.open("rb")
        except OSError as exc:
            raise LogReadError(f"{name}: cannot be opened ({exc.strerror or _why(exc)})"
                               ) from None
        with handle:
            budget = _Budget(name, p.stat().st_size)
            yield from self._stream(name, handle, budget, 0)

    def _stream(self, name: str, handle: IO[bytes], budget: _Budget, depth: int
                ) -> Iterator[Source]:
        magic = _peek(handle, 262)
        if depth < MAX_DEPTH and magic[:2] == b"\x1f\x8b":
            inner = gzip.GzipFile(fileobj=handle)
            holder = Source(name)
            counted = io.BufferedReader(_Counted(inner, budget, holder), _CHUNK)
            if _peek_tar(counted):
                yield from self._tar(name, counted, budget, depth, stream_mode=True)
            else:
                yield from self._emit(name, counted, holder)
            self._keep(holder)
            return
        if depth < MAX_DEPTH and magic[:4] == b"PK\x03\x04" and handle.seekable():
            yield from self._zip(name, handle, budget, depth)
            return
        if depth < MAX_DEPTH and magic[257:262] == b"ustar":
            yield from self._tar(name, handle, budget, depth, stream_mode=not handle.seekable())
            return
        holder = Source(name)
        yield from self._emit(name, handle, holder)
        self._keep(holder)

    def _emit(self, name: str, stream: IO[bytes], holder: Source) -> Iterator[Source]:
        holder._stream = stream
        self._sources.append(holder)
        yield holder

    def _keep(self, source: Source) -> None:
        if source not in self._sources:
            self._sources.append(source)

    def _zip(self, name: str, handle: IO[bytes], budget: _Budget, depth: int
             ) -> Iterator[Source]:
        try:
            archive = zipfile.ZipFile(handle)
        except (zipfile.BadZipFile, OSError, ValueError) as exc:
            self.problems.append(Problem(name, f"is not a readable zip archive ({_why(exc)})"))
            return
        with archive:
            for info in archive.infolist():
                if info.is_dir():
                    continue
                member = f"{name}!{info.filename}"
                if info.flag_bits & 0x1:
                    self.problems.append(Problem(member, "is encrypted: uclab cannot read it "
                                                 "(an encrypted PRT needs the admin's key)"))
                    continue
                try:
                    with archive.open(info) as raw:
                        holder = Source(member)
                        counted = io.BufferedReader(_Counted(raw, budget, holder), _CHUNK)
                        yield from self._nested(member, counted, budget, depth, holder)
                except (zipfile.BadZipFile, OSError, ValueError, NotImplementedError,
                        EOFError, zlib.error) as exc:
                    self.problems.append(Problem(member, f"cannot be read ({_why(exc)})"))

    def _tar(self, name: str, handle: IO[bytes], budget: _Budget, depth: int, *,
             stream_mode: bool) -> Iterator[Source]:
        try:
            archive = tarfile.open(fileobj=handle, mode="r|" if stream_mode else "r:")
        except (tarfile.TarError, OSError, EOFError, zlib.error) as exc:
            self.problems.append(Problem(name, f"is not a readable tar archive ({_why(exc)})"))
            return
        try:
            for info in archive:
                if not info.isfile():
                    continue
                member = f"{name}!{info.name}"
                raw = archive.extractfile(info)
                if raw is None:
                    continue
                holder = Source(member)
                counted = io.BufferedReader(_Counted(raw, budget, holder), _CHUNK)
                yield from self._nested(member, counted, budget, depth, holder)
        except (tarfile.TarError, OSError, EOFError, zlib.error) as exc:
            self.problems.append(Problem(name, f"is cut off or damaged ({_why(exc)}); the "
                                         "members before that were read"))
        finally:
            archive.close()

    def _nested(self, member: str, stream: IO[bytes], budget: _Budget, depth: int,
                holder: Source) -> Iterator[Source]:
        magic = _peek(stream, 262)
        if magic[:2] == b"\x1f\x8b" or magic[257:262] == b"ustar":
            yield from self._stream(member, stream, budget, depth + 1)
        elif magic[:4] == b"PK\x03\x04":
            data = stream.read(MAX_LINE * 64)
            yield from self._stream(member, io.BytesIO(data), budget, depth + 1)
        else:
            yield from self._emit(member, stream, holder)
            self._keep(holder)

    def all_problems(self) -> list[Problem]:
        """Problems of the inputs and of every stream read so far, in order."""
        out = list(self.problems)
        for source in self._sources:
            out.extend(source.problems)
        return out


def _peek(handle: IO[bytes], n: int) -> bytes:
    peek = getattr(handle, "peek", None)
    if peek is not None:
        try:
            return peek(n)[:n]
        except (OSError, EOFError, zlib.error):
            return b""
    if handle.seekable():
        pos = handle.tell()
        data = handle.read(n)
        handle.seek(pos)
        return data
    return b""


def _peek_tar(stream: io.BufferedReader) -> bool:
    try:
        return stream.peek(262)[257:262] == b"ustar"
    except (OSError, EOFError, zlib.error):
        return False
