"""read(): every input cut into records of the known grammars, problems kept, display masked."""

import pytest

from uclab.trace.parsing import UNKNOWN
from uclab.trace.reading import LogReadError, Reading, read, shown
from uclab.trace.reading.grammars import DIALECT_MODULES, all_grammars


def test_unrecognised_text_becomes_unknown_records_in_file_order():
    reading = Reading(text="no grammar\nknows this\n", name="paste")
    records = list(reading.records())
    assert records and all(r.product == UNKNOWN or r.product for r in records)
    assert [ln for r in records for ln in r.lines] == ["no grammar", "knows this"]
    assert reading.products()["paste"][-1] in {UNKNOWN, records[0].product}


def test_every_grammar_module_listed_is_a_dialect_module():
    assert all(m.startswith("uclab.trace.dialects.") for m in DIALECT_MODULES)
    names = [g.name for g in all_grammars()]
    assert len(names) == len(set(names))


def test_a_missing_input_and_a_wrong_type_are_read_errors(tmp_path):
    with pytest.raises(LogReadError, match="no such file"):
        list(read(tmp_path / "missing.log"))
    with pytest.raises(LogReadError, match="path or text"):
        Reading([42])


def test_shown_conceals_secrets_unless_revealed():
    token = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9.c2lnbmF0dXJl"
    (record,) = [r for r in read(text=f"Authorization: Bearer {token}")]
    assert token not in "\n".join(shown(record))
    assert token in "\n".join(shown(record, reveal=True))


from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402


@settings(max_examples=80, deadline=None)
@given(st.text(max_size=2000))
def test_any_text_reads_without_error_and_keeps_every_non_empty_line_in_order(text):
    records = list(read(text=text))
    kept = [ln for r in records for ln in r.lines]
    assert [ln for ln in kept if ln.strip()] == [ln for ln in text.splitlines() if ln.strip()]
