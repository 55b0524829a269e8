"""Deferred log lines: once read they are plain LogLines, equal to what eager writing gives."""

from __future__ import annotations

import copy
import dataclasses
import pickle

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from uclab.core.errors import UclabError
from uclab.trace.deferred import DeferredLine, defer, deferred
from uclab.trace.logline import LogLine


def _write(stamp, out, lines: list[LogLine]) -> None:
    for line in lines:
        out(dataclasses.replace(line, ms=stamp()))


def _line(i: int = 0, message: str = "GET / HTTP/1.1") -> LogLine:
    return LogLine(0, "expe.example.com", "traffic_server", "traffic_server[1]:",
                   (("UTCTime", None), ("Module", f"m{i}")), message, (("s3cr3t-value", "X"),))


def _deferred(lines: list[LogLine], stamps: list[int]) -> list[LogLine]:
    book: list[LogLine] = []
    defer(tuple(stamps), _write, (lines,), book.append)
    return book


def test_a_deferred_line_reads_as_the_line_it_stands_for() -> None:
    eager = [dataclasses.replace(_line(0), ms=5), dataclasses.replace(_line(1), ms=6)]
    book = _deferred([_line(0), _line(1)], [5, 6])
    assert [type(x) for x in book] == [DeferredLine, DeferredLine]
    # defaulted fields (class attributes of LogLine) resolve too, not only the required ones
    assert book[0].secrets == (("s3cr3t-value", "X"),)
    assert type(book[0]) is LogLine and type(book[1]) is DeferredLine
    assert book == eager and book[1] == eager[1] and eager[1] == book[1]
    assert type(book[1]) is LogLine


@pytest.mark.parametrize("use", [
    repr, hash, pickle.dumps, copy.copy, copy.deepcopy, lambda x: x.render(),
    lambda x: x.to_state(), lambda x: dataclasses.replace(x, host="h"), lambda x: x.get("Module"),
    lambda x: x.message, lambda x: x.exchange_id, lambda x: x == _line(0),
])
def test_any_first_use_resolves_it(use) -> None:
    line = _deferred([_line(0)], [7])[0]
    use(line)
    assert type(line) is LogLine and line == dataclasses.replace(_line(0), ms=7)
    assert copy.deepcopy(line) == line and pickle.loads(pickle.dumps(line)) == line


def test_a_missing_attribute_is_an_attribute_error_after_resolving() -> None:
    line = _deferred([_line(0)], [1])[0]
    assert not hasattr(line, "no_such_thing")
    assert type(line) is LogLine


def test_a_writer_that_writes_another_number_of_lines_is_named() -> None:
    book = _deferred([_line(0), _line(1)], [1])  # one line reserved, the writer writes two
    with pytest.raises(UclabError, match="wrote more than the 1 line"):
        book[0].render()


def test_the_writer_runs_once_for_all_its_lines() -> None:
    runs = []

    def write(stamp, out) -> None:
        runs.append(1)
        out(dataclasses.replace(_line(0), ms=stamp()))
        out(dataclasses.replace(_line(1), ms=stamp()))

    book: list[LogLine] = []
    defer((1, 2), write, (), book.append)
    assert runs == []
    assert [ln.ms for ln in book] == [1, 2] and runs == [1]


@settings(max_examples=40, deadline=None)
@given(st.lists(st.text(max_size=30), min_size=1, max_size=4),
       st.lists(st.integers(0, 2**40), min_size=4, max_size=4))
def test_deferred_equals_eager_for_any_content(messages: list[str], stamps: list[int]) -> None:
    lines = [_line(i, m) for i, m in enumerate(messages)]
    stamps = stamps[:len(lines)]
    eager = [dataclasses.replace(ln, ms=s) for ln, s in zip(lines, stamps, strict=True)]
    book = _deferred(lines, stamps)
    assert [ln.render(reveal=True) for ln in book] == [ln.render(reveal=True) for ln in eager]
    assert [ln.render() for ln in book] == [ln.render() for ln in eager]


def test_a_writer_that_writes_fewer_lines_is_named() -> None:
    book = _deferred([_line(0)], [1, 2])
    with pytest.raises(UclabError, match="wrote 1 line"):
        book[1].render()


def test_a_single_deferred_line_calls_its_maker_with_the_values_given() -> None:
    line = deferred(dataclasses.replace, _line(0), ms=9, host="later")
    assert type(line) is DeferredLine
    assert line.host == "later" and line.ms == 9 and type(line) is LogLine
