"""Trace.loads raises TraceError and nothing else, for any text; what it loads renders."""

from __future__ import annotations

import json
from pathlib import Path

from _fuzz import examples
from hypothesis import given
from hypothesis import strategies as st

from uclab.trace.file import Trace, TraceError

_SAVED = sorted((Path(__file__).resolve().parents[2] / "data" / "traces").glob("*.jsonl"))
_ROWS = _SAVED[0].read_text().splitlines()[:60]
_HEADER = _ROWS[0]

json_values = st.recursive(
    st.none() | st.booleans() | st.integers(-(2**70), 2**70) | st.floats() | st.text(max_size=12),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(
        st.sampled_from(["kind", "ms", "host", "dialect", "process", "fields", "message",
                         "secrets", "exchange_id", "id", "src", "dst", "request", "response",
                         "method", "url", "headers", "body", "status", "error", "started_ms",
                         "ended_ms", "metadata", "format", "format_version", "name", "meta",
                         "concealed", "x"]), inner, max_size=6),
    max_leaves=16)


def _mutate_record(row: str, data) -> str:
    """A saved record with one member replaced by any JSON value (or removed)."""
    record = json.loads(row)
    key = data.draw(st.sampled_from(sorted(record)))
    if data.draw(st.booleans()):
        record[key] = data.draw(json_values)
    else:
        del record[key]
    return json.dumps(record)


def _check(text: str) -> None:
    try:
        trace = Trace.loads(text)
    except TraceError as exc:
        assert str(exc)
        return
    for line in trace.logs:  # a loaded line renders, concealed and revealed
        line.render()
        line.render(reveal=True)
    trace.dumps()
    for ex in trace.exchanges:
        ex.summary()


@examples(200)
@given(st.data())
def test_a_saved_trace_with_one_member_changed_loads_or_is_a_trace_error(data) -> None:
    rows = list(_ROWS[:data.draw(st.integers(1, len(_ROWS)))])
    at = data.draw(st.integers(0, len(rows) - 1))
    rows[at] = _mutate_record(rows[at], data)
    _check("\n".join(rows))


@examples(100)
@given(st.lists(json_values.map(json.dumps), max_size=5))
def test_any_json_rows_after_a_header_are_loaded_or_a_trace_error(rows: list[str]) -> None:
    _check("\n".join([_HEADER, *rows]))


@examples(100)
@given(st.text(max_size=300))
def test_any_text_is_a_trace_or_a_trace_error(text: str) -> None:
    _check(text)


def test_deep_nesting_and_huge_numbers_are_trace_errors() -> None:
    for bad in ("[" * 100_000, '{"a":' * 50_000, json.dumps({"format": "uclab-trace",
                                                              "format_version": 10**400})):
        try:
            Trace.loads(bad)
        except TraceError:
            continue
        raise AssertionError("loaded")
