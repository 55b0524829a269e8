"""No traceback from the command line (issue 12 item 1): any arguments give exit 0, or exit 2
with one line on stderr (uclab: error ... or argparse's usage + one error line)."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from _fuzz import INTERNAL, examples
from hypothesis import given
from hypothesis import strategies as st

from uclab import cli

words = st.sampled_from(["faults", "facts", "inspect", "replay", "simulate", "login", "--fault",
                         "--seed", "--release", "--logs", "--save", "--jwks", "--product", "-",
                         "--help", "x", "", "-1", "99999999999999999999", "12.5(1)", "nope",
                         "expressway-ntp", "cucm", "a.b.c", "e30.e30.e30", "/nonexistent/f",
                         "--", "\x00", "é"])


@pytest.fixture()
def junk(tmp_path: Path) -> list[str]:
    (tmp_path / "bad.jsonl").write_text('{"format": "uclab-trace", "format_version": 99}\n')
    (tmp_path / "bad.json").write_text(json.dumps({"keys": [{"kty": "RSA", "n": "AQAB"}]}))
    (tmp_path / "deep.json").write_text("[" * 100_000)
    return [str(tmp_path / n) for n in ("bad.jsonl", "bad.json", "deep.json", "missing")]


@examples(120)
@given(data=st.data())
def test_any_arguments_exit_0_or_2_with_one_line(junk: list[str], data,
                                                 monkeypatch: pytest.MonkeyPatch,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    argv = data.draw(st.lists(words | st.sampled_from(junk) | st.text(max_size=12), max_size=5))
    if "simulate" in argv or "login" in argv:  # each runs a whole lab: keep those few
        argv = [a for a in argv if a not in ("--save",)]
    monkeypatch.setattr("sys.stdin", io.StringIO(data.draw(st.text(max_size=60))))
    try:
        code = cli.main(argv)
    except SystemExit as exc:  # argparse: --help exits 0, a usage error exits 2
        code = exc.code
    out, err = capsys.readouterr()
    assert code in (0, 2), (argv, code, err)
    assert not INTERNAL.search(err) and not INTERNAL.search(out), (argv, err)
    if code == 2:
        lines = [ln for ln in err.splitlines() if ln.strip()]
        assert lines and lines[-1].startswith("uclab") and "error" in lines[-1], (argv, err)
        assert len([ln for ln in lines if "error" in ln]) == 1, (argv, err)
