"""uclab.trace.file: versioned JSONL traces that round-trip byte for byte."""

import json

import pytest

from uclab.testing import make_app, make_lab
from uclab.trace.file import FORMAT_VERSION, MIGRATIONS, Trace, TraceError


def recorded(seed=1):
    lab = make_lab(seed)
    make_app(lab).tokens()
    return lab.trace("code-flow", note="test")


def test_round_trip_is_byte_identical(tmp_path):
    trace = recorded()
    path = trace.save(tmp_path / "t.jsonl")
    again = Trace.load(path)
    assert again.hops() == trace.hops()
    assert "\n".join(again.lines()) == "\n".join(trace.lines())
    assert again.meta["note"] == "test" and again.meta["seed"] == 1


def test_same_seed_same_bytes():
    assert list(recorded(2).lines()) == list(recorded(2).lines())


def test_header_and_kinds():
    rows = [json.loads(r) for r in recorded().lines()]
    assert rows[0]["format"] == "uclab-trace" and rows[0]["format_version"] == FORMAT_VERSION
    assert {r["kind"] for r in rows[1:]} <= {"exchange", "log"}


@pytest.mark.parametrize("text, why", [
    ("", "empty file"), ("not json\n", "line 1: not JSON"), ("[1]\n", "JSON object"),
    ('{"format": "other"}\n', "not a uclab trace header"),
    ('{"format": "uclab-trace", "format_version": 99}\n', "format_version 99"),
    ('{"format": "uclab-trace", "format_version": 1}\n{"kind": "x"}\n', "line 2: bad record"),
    ('{"format": "uclab-trace", "format_version": 1}\n{"kind": "exchange"}\n', "line 2"),
])
def test_bad_files_say_what_is_wrong(text, why):
    with pytest.raises(TraceError, match=why):
        Trace.loads(text)


def test_missing_file_is_a_trace_error(tmp_path):
    with pytest.raises(TraceError, match="cannot read trace"):
        Trace.load(tmp_path / "nope.jsonl")


def test_migration_chain_is_applied(monkeypatch):
    import uclab.trace.file as tr

    monkeypatch.setattr(tr, "FORMAT_VERSION", 2)
    monkeypatch.setitem(MIGRATIONS, 1, lambda r: {**r, "format_version": 2}
                        if r.get("format") else r)
    old = "\n".join(recorded().lines())  # written as version 2 now; rewrite the header as 1
    rows = old.splitlines()
    head = json.loads(rows[0])
    head["format_version"] = 1
    text = "\n".join([json.dumps(head), *rows[1:]])
    assert Trace.loads(text).hops() == recorded().hops()


def test_timeline_merges_in_time_order():
    items = recorded().timeline()
    times = [getattr(i, "started_ms", getattr(i, "ms", 0)) for i in items]
    assert times == sorted(times)
