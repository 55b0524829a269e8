"""data/traces/: the committed sample traces are exactly what scripts/make_traces.py writes."""

import importlib.util
from pathlib import Path

import pytest

from uclab import faults
from uclab.trace.file import Trace

ROOT = Path(__file__).resolve().parents[1]
TRACES = ROOT / "data" / "traces"


def load_script():
    spec = importlib.util.spec_from_file_location("make_traces", ROOT / "scripts" /
                                                  "make_traces.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_generator_reproduces_every_file_byte_for_byte(capsys):
    assert load_script().main(["--check", "--out", str(TRACES)]) == 0
    assert "up to date" in capsys.readouterr().out


@pytest.mark.parametrize("fault_id", list(faults.FAULTS))
def test_each_fault_has_a_trace_showing_its_failure(fault_id):
    trace = Trace.load(TRACES / f"fault-{fault_id}.jsonl")
    assert trace.meta["fault"] == fault_id and trace.meta["outcome"].startswith("FAILED")
    assert trace.exchanges and trace.logs


def test_login_trace_is_the_working_login():
    trace = Trace.load(TRACES / "login-ok.jsonl")
    assert trace.meta["outcome"] == "OK at xmpp: SASL OAUTHBEARER success"
    assert any("get_edge_sso" in h for h in trace.hops())
