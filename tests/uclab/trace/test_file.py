"""uclab.trace.file: versioned JSONL traces that round-trip byte for byte, concealed by default
(RFC 9700 §4.9.3; security checklist F9)."""

import json
import re
from urllib.parse import quote_plus

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from uclab.lab import LAB_PASSWORD
from uclab.testing import configured_lab, make_app, make_lab
from uclab.trace.file import FORMAT_VERSION, MIGRATIONS, Trace, TraceError
from uclab.trace.redact import CONCEALED

JWS_SHAPE = re.compile(r"eyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*\.[A-Za-z0-9_-]+")


def recorded(seed=1):
    lab = make_lab(seed)
    make_app(lab).tokens()
    return lab.trace("code-flow", note="test")


@pytest.mark.parametrize("reveal", [False, True])
def test_round_trip_is_byte_identical(tmp_path, reveal):
    trace = recorded()
    path = trace.save(tmp_path / "t.jsonl", reveal=reveal)
    again = Trace.load(path)
    assert again.hops() == trace.hops()
    assert again.revealed is reveal
    assert list(again.lines()) == path.read_text(encoding="utf-8").splitlines()
    assert again.dumps() == path.read_text(encoding="utf-8") == trace.dumps(reveal)
    assert again.meta["note"] == "test" and again.meta["seed"] == 1


def test_same_seed_same_bytes():
    assert list(recorded(2).lines()) == list(recorded(2).lines())


def test_header_and_kinds():
    rows = [json.loads(r) for r in recorded().lines()]
    assert rows[0]["format"] == "uclab-trace" and rows[0]["format_version"] == FORMAT_VERSION == 2
    assert rows[0]["concealed"] is True
    assert json.loads(next(iter(recorded().lines(reveal=True))))["concealed"] is False
    assert {r["kind"] for r in rows[1:]} <= {"exchange", "log"}


@pytest.mark.parametrize("text, why", [
    ("", "empty file"), ("not json\n", "line 1: not JSON"), ("[1]\n", "JSON object"),
    ('{"format": "other"}\n', "not a uclab trace header"),
    ('{"format": "uclab-trace", "format_version": 99}\n', "line 1: format_version 99"),
    ('{"format": "uclab-trace", "format_version": true}\n', "format_version True"),
    ('{"format": "uclab-trace", "format_version": 2, "concealed": "yes"}\n', "line 1: the header"),
    ('{"format": "uclab-trace", "format_version": 2, "concealed": true, "meta": 1}\n',
     "line 1: the header"),
    ('\n\n{"format": "uclab-trace", "format_version": 1}\n\n{"kind": "log"}\n', "line 5: bad"),
    ('{"format": "uclab-trace", "format_version": 1}\n' + "[" * 100000 + "\n", "line 2: not JSON"),
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

    monkeypatch.setattr(tr, "FORMAT_VERSION", 3)
    monkeypatch.setitem(MIGRATIONS, 2, lambda r: {**r, "format_version": 3}
                        if r.get("format") else r)
    old = "\n".join(recorded().lines())  # written as version 2 now; rewrite the header as 1
    rows = old.splitlines()
    head = json.loads(rows[0])
    head["format_version"] = 1
    del head["concealed"]
    text = "\n".join([json.dumps(head), *rows[1:]])
    assert Trace.loads(text).hops() == recorded().hops()


def v1_text(trace):
    """The file version 1 wrote: raw values, no "concealed" member."""
    rows = list(trace.lines(reveal=True))
    head = json.loads(rows[0])
    del head["concealed"]
    head["format_version"] = 1
    return "\n".join([json.dumps(head, separators=(",", ":")), *rows[1:]]) + "\n"


def test_a_version_1_file_loads_as_the_raw_trace_it_is():
    trace = recorded()
    old = Trace.loads(v1_text(trace))
    assert old.revealed and old.hops() == trace.hops()
    assert old.render_logs(reveal=True) == trace.render_logs(reveal=True)
    assert old.dumps() == trace.dumps(reveal=True)          # upgraded to v2, still raw
    assert old.dumps(reveal=False) == trace.dumps()         # and concealed on request
    assert MIGRATIONS[1]({"kind": "log", "x": 1}) == {"kind": "log", "x": 1}


def raw_secrets(lab):
    """Every token, code and password the lab handed out during the run."""
    found = {LAB_PASSWORD}
    for ex in lab.exchanges:
        body = ex.response.text if ex.response else ""
        found.update(JWS_SHAPE.findall(body))
        found.update(re.findall(r'"code": "([^"]+)"', body))
    return {s for s in found if len(s) >= 8}


def test_a_saved_trace_holds_no_raw_secret():
    lab = make_lab(1)
    make_app(lab).tokens()
    secrets = raw_secrets(lab)
    assert len(secrets) >= 3  # the password, a code and the tokens
    text = lab.trace("code-flow").dumps()
    assert not JWS_SHAPE.search(text)
    assert not [s for s in secrets if s in text or quote_plus(s) in text]
    raw = lab.trace("code-flow").dumps(reveal=True)
    assert all(s in raw or quote_plus(s) in raw for s in secrets)
    assert '"secrets":[["' not in text and CONCEALED in text


def test_a_concealed_trace_renders_what_the_live_one_shows():
    lab = configured_lab(1)
    assert lab.client.sign_in() and lab.client.use_service("uds")
    live = lab.trace("mra")
    saved = Trace.loads(live.dumps())
    assert saved.render_logs() == live.render_logs()
    assert saved.render_logs(reveal=True) == live.render_logs()  # nothing left to reveal
    assert saved.secrets() == [] and live.secrets()
    auth = [v for ex in saved.exchanges for k, v in ex.request.headers if k == "Authorization"]
    assert auth and {v.split()[0] for v in auth} <= {"Basic", "Bearer"}
    assert all(v.endswith(" " + CONCEALED) for v in auth)


# -- garbage in: a TraceError naming the line, never another exception ---------------------------
_json = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner,
                                                                max_size=4),
    max_leaves=12)
HEADER = '{"format":"uclab-trace","format_version":2,"concealed":true,"name":"t","meta":{}}'


def _records():
    return [json.loads(r) for r in list(recorded().lines())[1:]]


RECORDS = _records()


def _loads_or_trace_error(text):
    try:
        trace = Trace.loads(text)
    except TraceError as exc:
        assert re.search(r"line \d+|empty file", str(exc)), str(exc)
        return None
    trace.render_logs(), trace.hops(), trace.timeline(), trace.dumps()
    return trace


@given(st.text())
def test_random_text_is_a_trace_error(text):
    _loads_or_trace_error(text)


@given(st.lists(_json, min_size=1, max_size=3))
def test_random_records_are_trace_errors_naming_the_line(records):
    text = "\n".join([HEADER, *(json.dumps(r) for r in records)])
    _loads_or_trace_error(text)


@settings(max_examples=300)
@given(st.sampled_from(range(len(RECORDS))), st.data())
def test_a_damaged_record_is_a_trace_error_naming_its_line(i, data):
    record = json.loads(json.dumps(RECORDS[i]))
    target = record
    path = data.draw(st.lists(st.sampled_from(["request", "response", "fields", "headers", 0, 1]),
                              max_size=2))
    for step in path:  # walk into a nested part when it is there
        if isinstance(target, dict) and step in target and isinstance(target[step], dict | list):
            target = target[step]
        elif isinstance(target, list) and isinstance(step, int) and step < len(target) \
                and isinstance(target[step], dict | list):
            target = target[step]
    if isinstance(target, dict) and target:
        key = data.draw(st.sampled_from(sorted(target)))
        if data.draw(st.booleans()):
            del target[key]
        else:
            target[key] = data.draw(_json)
    elif isinstance(target, list) and target:
        target[data.draw(st.integers(0, len(target) - 1))] = data.draw(_json)
    text = "\n".join([HEADER, "", json.dumps(record)])
    try:
        Trace.loads(text).render_logs()
    except TraceError as exc:
        assert "line 3" in str(exc), str(exc)


def test_timeline_merges_in_time_order():
    items = recorded().timeline()
    times = [getattr(i, "started_ms", getattr(i, "ms", 0)) for i in items]
    assert times == sorted(times)
