"""The record splitter every parser shares (uclab.trace.parsing)."""

import re
from collections.abc import Sequence
from datetime import datetime

from uclab.trace.parsing import MAX_RECORD_LINES, UNKNOWN, ReadState, Record, split

_STAMP = re.compile(r"(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d)")


class Dated:
    """A toy grammar: a record starts with a date; lines starting with '|' continue it."""

    name, product = "toy", "toy"

    def starts(self, line: str) -> bool:
        return bool(_STAMP.match(line))

    def continues(self, lines: Sequence[str], line: str) -> bool:
        return line.startswith("|")

    def parse(self, lines: Sequence[str], source: str, line: int, state: ReadState) -> Record:
        when = datetime.strptime(_STAMP.match(lines[0]).group(1), "%Y-%m-%d %H:%M:%S")
        return Record(source, line, tuple(lines), self.product, self.name, time=when,
                      text=lines[0][20:], block=tuple(lines[1:]))


class Broken(Dated):
    def parse(self, lines, source, line, state):
        raise ValueError("a grammar bug")


LOG = ["junk before", "2020-01-01 10:00:00 first", "|block", "", "not a start",
       "2020-01-01 10:00:01 second"]


def test_lines_that_start_nothing_join_the_record_before_them():
    records = list(split(LOG, [Dated()], source="a.log"))
    assert [r.grammar for r in records] == [UNKNOWN, "toy", "toy"]
    assert records[0].lines == ("junk before",)
    first = records[1]
    assert first.lines == ("2020-01-01 10:00:00 first", "|block", "not a start")
    assert (first.line, first.end, first.where) == (2, 5, "a.log:2-5")
    assert records[2].line == 6 and records[2].where == "a.log:6"


def test_a_grammar_that_raises_keeps_its_lines_as_unknown():
    records = list(split(LOG, [Broken()]))
    assert sum(len(r.lines) for r in records) == 5
    assert {r.grammar for r in records} == {UNKNOWN}


def test_a_huge_record_keeps_a_bounded_number_of_lines_and_counts_the_rest():
    lines = ["2020-01-01 10:00:00 big"] + ["|x"] * (MAX_RECORD_LINES + 5)
    (record,) = split(iter(lines), [Dated()])
    assert len(record.lines) == MAX_RECORD_LINES
    assert record.dropped == 6
    assert record.end == len(lines)


def test_an_empty_line_skipped_inside_a_record_still_counts_towards_its_end():
    (first, second) = split(["2020-01-01 10:00:00 a", "", "cont", "", "2020-01-01 10:00:01 b"],
                            [Dated()])
    assert first.lines == ("2020-01-01 10:00:00 a", "cont")
    assert (first.line, first.end, first.dropped) == (1, 3, 1)
    assert (second.line, second.end) == (5, 5)
