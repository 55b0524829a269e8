"""Opening logs and bundles (uclab.trace.reading.sources): by content, bounded, never raising."""

import gzip
import io
import tarfile
import zipfile

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from uclab.trace.reading import lines, sources
from uclab.trace.reading.sources import LogReadError, Reader

LOG = "2021-03-30 14:21:49,631 WARN  [0x0000264c] first\nsecond line\n"


def _read(path):
    reader = Reader()
    out = {s.name: list(s.lines()) for s in reader.path(path)}
    return out, [str(p) for p in reader.all_problems()]


def _tar_gz(members):
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w:gz") as tar:
        for name, data in members.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    return buf.getvalue()


def test_a_plain_file_is_read_line_by_line(tmp_path):
    (tmp_path / "a.log").write_text(LOG)
    out, problems = _read(tmp_path / "a.log")
    assert out == {str(tmp_path / "a.log"): LOG.splitlines()} and problems == []


def test_the_name_does_not_decide_what_a_file_is(tmp_path):
    (tmp_path / "looks-plain.txt").write_bytes(gzip.compress(LOG.encode()))
    out, _ = _read(tmp_path / "looks-plain.txt")
    assert list(out.values()) == [LOG.splitlines()]


def test_zip_and_tar_gz_bundles_open_member_by_member_with_nested_gz(tmp_path):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("prt/jabber.log", LOG)
        z.writestr("prt/jabber.log.1.gz", gzip.compress(b"old\n"))
    (tmp_path / "prt.zip").write_bytes(buf.getvalue())
    (tmp_path / "diag.tar.gz").write_bytes(_tar_gz({"x/auth-svc-1.log.gz": gzip.compress(
        b"a\nb\n"), "x/plain.log": b"c\n"}))
    out, problems = _read(tmp_path / "prt.zip")
    assert out == {f"{tmp_path}/prt.zip!prt/jabber.log": LOG.splitlines(),
                   f"{tmp_path}/prt.zip!prt/jabber.log.1.gz": ["old"]}
    out, problems = _read(tmp_path / "diag.tar.gz")
    assert out == {f"{tmp_path}/diag.tar.gz!x/auth-svc-1.log.gz": ["a", "b"],
                   f"{tmp_path}/diag.tar.gz!x/plain.log": ["c"]}
    assert problems == []


def test_utf16_and_latin1_text_are_decoded_and_latin1_is_said(tmp_path):
    (tmp_path / "u16.log").write_bytes(LOG.encode("utf-16"))
    (tmp_path / "u16nobom.log").write_bytes(LOG.encode("utf-16-le"))
    (tmp_path / "l1.log").write_bytes("Zürich ok\nnaïve\n".encode("latin-1"))
    assert list(_read(tmp_path / "u16.log")[0].values()) == [LOG.splitlines()]
    assert list(_read(tmp_path / "u16nobom.log")[0].values()) == [LOG.splitlines()]
    out, problems = _read(tmp_path / "l1.log")
    assert list(out.values()) == [["Zürich ok", "naïve"]]
    assert any("Latin-1" in p for p in problems)


def test_binary_junk_is_refused_with_a_reason(tmp_path):
    (tmp_path / "junk.bin").write_bytes(bytes(range(256)) * 40)
    out, problems = _read(tmp_path / "junk.bin")
    assert list(out.values()) == [[]]
    assert any("is binary" in p and "encrypted PRT" in p for p in problems)


def test_a_truncated_gzip_keeps_the_lines_before_the_cut(tmp_path):
    data = gzip.compress(("line\n" * 50_000).encode())
    (tmp_path / "cut.log.gz").write_bytes(data[: len(data) // 2])
    out, problems = _read(tmp_path / "cut.log.gz")
    (lines,) = out.values()
    assert 0 < len(lines) < 50_000 and set(lines) <= {"line"} | {ln for ln in lines[-1:]}
    assert any("cut off" in p for p in problems)


def test_a_huge_line_is_cut_and_the_next_lines_survive(tmp_path, monkeypatch):
    monkeypatch.setattr(lines, "MAX_LINE", 1000)
    monkeypatch.setattr(lines, "CHUNK", 256)
    (tmp_path / "long.log").write_bytes(b"x" * 5000 + b"\nafter\n")
    out, problems = _read(tmp_path / "long.log")
    assert list(out.values()) == [["x" * 1000, "after"]]
    assert any("longer than 1000 bytes" in p for p in problems)


def test_a_zip_bomb_is_stopped(tmp_path, monkeypatch):
    monkeypatch.setattr(sources, "_RATIO_FLOOR", 1 << 16)
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("bomb.log", b"a" * (8 << 20))
    (tmp_path / "bomb.zip").write_bytes(buf.getvalue())
    out, problems = _read(tmp_path / "bomb.zip")
    (lines,) = out.values()
    assert lines == [] or len(lines[0]) < 8 << 20
    assert any("zip bomb" in p for p in problems)


def test_a_missing_file_is_a_read_error(tmp_path):
    with pytest.raises(LogReadError, match="cannot be opened"):
        list(Reader().path(tmp_path / "nope.log"))


@settings(max_examples=60, deadline=None)
@given(st.binary(max_size=3000))
def test_any_bytes_are_read_without_an_exception(tmp_path_factory, data):
    path = tmp_path_factory.mktemp("any") / "f"
    path.write_bytes(data)
    out, _ = _read(path)
    assert len(out) <= 2
