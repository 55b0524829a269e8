"""One PRT grammar both ways: every line the simulated Jabber writes — at the lab's login and
under every fault of the catalogue, before and after its fix — renders as text that the PRT
grammars (uclab.trace.dialects.jabber_prt) read back whole, into the same fields, and that
``to_loglines`` turns into lines rendering the same text again."""

from datetime import UTC, datetime
from functools import cache

import pytest

from uclab import facts
from uclab.faults.catalogue import FAULTS
from uclab.faults.probes import sign_in_and_use
from uclab.lab import Lab
from uclab.trace.dialects import jabber_prt as prt
from uclab.trace.parsing import split


@cache
def prt_lines(case):
    if case == "login":
        lab = Lab(seed=1)
        lab.configure_oauth()
        sign_in_and_use(lab)
    else:
        fault = FAULTS[case]
        lab = fault.build(1)
        fault.probe(lab)
        fault.repair(lab)
        fault.probe(lab)
    return tuple(ln for ln in lab.logs if ln.dialect == facts.PRT_LOG_NAME)


CASES = ["login", *FAULTS]


@pytest.mark.parametrize("case", CASES)
def test_every_simulated_prt_line_parses_back_into_its_fields(case):
    lines = prt_lines(case)
    assert lines, case
    text = "\n".join(ln.render(reveal=True) for ln in lines).splitlines()
    records = list(split(text, prt.GRAMMARS, source=case))
    assert [r.grammar for r in records] == ["jabber-prt"] * len(lines)
    assert sum(len(r.lines) for r in records) == len(text)  # nothing left over
    for line, rec in zip(lines, records, strict=True):
        f = dict(line.fields)
        assert rec.product == prt.PRODUCT == "jabber"
        assert rec.time == datetime.fromtimestamp(line.ms / 1000, UTC).replace(tzinfo=None)
        assert (rec.level, rec.get("thread"), rec.get("source"), rec.component,
                rec.get("function")) == (f["level"], f["thread"], f["source"], f["logger"],
                                         f["function"])
        assert "\n".join((rec.text, *rec.block)) == f["message"]


@pytest.mark.parametrize("case", CASES)
def test_parsed_prt_records_render_as_the_simulator_renders(case):
    lines = prt_lines(case)
    for reveal in (True, False):
        text = "\n".join(ln.render(reveal=reveal) for ln in lines)
        back = prt.to_loglines(split(text.splitlines(), prt.GRAMMARS), host="jabber")
        assert "\n".join(ln.render(reveal=True) for ln in back) == text
        assert [ln.ms for ln in back] == [ln.ms for ln in lines]


def test_the_simulated_lines_keep_the_real_widths():
    for line in prt_lines("login"):
        f = dict(line.fields)
        head = line.render().split("] [", 1)[0]
        assert len(f["source"]) == facts.PRT_SOURCE_WIDTH  # FORMATS.md §1.2
        assert f["thread"].startswith("0x") and len(f["thread"]) == 2 + facts.PRT_THREAD_DIGITS
        assert head[24:29] == f"{f['level']:<5}"  # the level padded to 5 (S1)
