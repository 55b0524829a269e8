"""Opening what an admin collects: plain log files, ``.gz`` files, ``.zip`` and ``.tar(.gz)``
bundles (a Jabber PRT, an Expressway diagnostic archive, an IM&P ``file build log`` archive,
FORMATS.md §1.1, §1.2, §1.6), or pasted text — as a stream of text lines per member.

What a file is comes from its bytes (magic numbers, byte-order marks), never from its name.
Memory is bounded: bytes are read in chunks and lines are cut at ``MAX_LINE``
(:mod:`~uclab.trace.reading.lines`), archives are read member by member, and a
bundle that inflates past :data:`MAX_INFLATED` bytes or :data:`MAX_RATIO` times its own size
(a zip bomb) is stopped there. Nothing here raises on bad content: each problem becomes a
:class:`Problem` naming the file and what is wrong, and what was read before it is kept. Only
an input that cannot be opened at all raises :class:`LogReadError`.
"""

from __future__ import annotations

import io
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from uclab.core.errors import UclabError
from uclab.trace.reading.lines import CHUNK, MAX_LINE, Problem, Source, problem, why

__all__ = ["MAX_INFLATED", "MAX_LINE", "MAX_RATIO", "LogReadError", "Problem", "Reader",
           "Source"]

#: the most bytes all members of one input may inflate to
MAX_INFLATED = 8 << 30
#: the largest inflation ratio accepted for an archive or gzip stream bigger than 64 MB
MAX_RATIO = 200
#: how deep archives inside archives are opened (a .gz inside a .tar.gz inside a .zip)
MAX_DEPTH = 3
#: the largest zip inside an archive opened (a zip needs seeking, so it is read into memory)
MAX_NESTED_ZIP = 64 << 20
_RATIO_FLOOR = 64 << 20


class LogReadError(UclabError, OSError):
    """An input that cannot be read at all (no such file, a folder, a permission error)."""


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
            problem(self.source, f"is cut off or damaged ({why(exc)}); the lines before "
                    "that were read")
            return 0
        over = self.budget.check(len(data))
        if over:
            self.stopped = True
            problem(self.source, over)
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
            raise LogReadError(f"{name}: cannot be opened ({exc.strerror or why(exc)})"
                               ) from None
        with handle:
            budget = _Budget(name, p.stat().st_size)
            yield from self._stream(name, handle, budget, 0)

    def _stream(self, name: str, handle: IO[bytes], budget: _Budget, depth: int
                ) -> Iterator[Source]:
        magic = _peek(handle, 262)
        if depth < MAX_DEPTH and magic[:2] == b"\x1f\x8b":
            import gzip  # the archive modules load for an archive only

            inner = gzip.GzipFile(fileobj=handle)
            holder = self._source(name)
            counted = io.BufferedReader(_Counted(inner, budget, holder), CHUNK)
            if _peek_tar(counted):
                yield from self._tar(name, counted, budget, depth, stream_mode=True)
            else:
                yield from self._emit(counted, holder)
            return
        if depth < MAX_DEPTH and magic[:4] == b"PK\x03\x04" and handle.seekable():
            yield from self._zip(name, handle, budget, depth)
            return
        if depth < MAX_DEPTH and magic[257:262] == b"ustar":
            yield from self._tar(name, handle, budget, depth, stream_mode=not handle.seekable())
            return
        holder = self._source(name)
        yield from self._emit(handle, holder)

    def _source(self, name: str) -> Source:
        """A new stream's source, registered so that its problems are reported."""
        source = Source(name)
        self._sources.append(source)
        return source

    @staticmethod
    def _emit(stream: IO[bytes], holder: Source) -> Iterator[Source]:
        holder._stream = stream
        yield holder

    def _zip(self, name: str, handle: IO[bytes], budget: _Budget, depth: int
             ) -> Iterator[Source]:
        import zipfile

        try:
            archive = zipfile.ZipFile(handle)
        except (zipfile.BadZipFile, OSError, ValueError) as exc:
            self.problems.append(Problem(name, f"is not a readable zip archive ({why(exc)})"))
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
                        holder = self._source(member)
                        counted = io.BufferedReader(_Counted(raw, budget, holder), CHUNK)
                        yield from self._nested(member, counted, budget, depth, holder)
                except (zipfile.BadZipFile, OSError, ValueError, NotImplementedError,
                        EOFError, zlib.error) as exc:
                    self.problems.append(Problem(member, f"cannot be read ({why(exc)})"))

    def _tar(self, name: str, handle: IO[bytes], budget: _Budget, depth: int, *,
             stream_mode: bool) -> Iterator[Source]:
        import tarfile

        try:
            archive = tarfile.open(fileobj=handle, mode="r|" if stream_mode else "r:")
        except (tarfile.TarError, OSError, EOFError, zlib.error) as exc:
            self.problems.append(Problem(name, f"is not a readable tar archive ({why(exc)})"))
            return
        try:
            for info in archive:
                if not info.isfile():
                    continue
                member = f"{name}!{info.name}"
                raw = archive.extractfile(info)
                if raw is None:
                    continue
                holder = self._source(member)
                counted = io.BufferedReader(_Counted(raw, budget, holder), CHUNK)
                yield from self._nested(member, counted, budget, depth, holder)
        except (tarfile.TarError, OSError, EOFError, zlib.error) as exc:
            self.problems.append(Problem(name, f"is cut off or damaged ({why(exc)}); the "
                                         "members before that were read"))
        finally:
            archive.close()

    def _nested(self, member: str, stream: IO[bytes], budget: _Budget, depth: int,
                holder: Source) -> Iterator[Source]:
        magic = _peek(stream, 262)
        if magic[:2] == b"\x1f\x8b" or magic[257:262] == b"ustar":
            yield from self._stream(member, stream, budget, depth + 1)
        elif magic[:4] == b"PK\x03\x04":
            data = stream.read(MAX_NESTED_ZIP)
            yield from self._stream(member, io.BytesIO(data), budget, depth + 1)
        else:
            yield from self._emit(stream, holder)

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
