"""data/traces/: the committed sample traces are exactly what scripts/make_traces.py writes, and
they are concealed."""

import base64
import json
import re
from pathlib import Path
from urllib.parse import quote_plus

import pytest
from repo_scripts import load_script

from uclab import faults
from uclab.lab import LAB_PASSWORD
from uclab.trace import roles
from uclab.trace.file import Trace
from uclab.trace.redact import CONCEALED, CREDENTIAL_HEADERS

ROOT = Path(__file__).resolve().parents[1]
TRACES = ROOT / "data" / "traces"


def make_traces():
    return load_script("scripts/make_traces.py")


def test_generator_reproduces_every_file_byte_for_byte(capsys):
    assert make_traces().main(["--check", "--out", str(TRACES)]) == 0
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


# -- concealed (security checklist F9: no token, code or password in a saved trace) -------------
JWS_SHAPE = re.compile(r"eyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*\.[A-Za-z0-9_-]+")
#: a base64 run long enough to carry a secret (a SASL payload, Basic or X-Credentials)
LONG_B64 = re.compile(r"[A-Za-z0-9+/]{16,}={0,2}")
FILES = sorted(TRACES.glob("*.jsonl"))


def unb64(run: str) -> str:
    """What a base64 run decodes to (a trailing odd character dropped), as Latin-1 text."""
    run = run.rstrip("=")
    run = run[:len(run) - (len(run) % 4 == 1)]
    return base64.b64decode(run + "=" * (-len(run) % 4)).decode("latin-1")


def test_every_fault_and_the_login_have_a_file():
    assert {p.stem for p in FILES} == {"login-ok", *(f"fault-{f}" for f in faults.FAULTS)}


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_no_committed_trace_holds_a_raw_secret(path):
    text = path.read_text(encoding="utf-8")
    assert json.loads(text.splitlines()[0])["concealed"] is True
    assert not JWS_SHAPE.search(text)
    assert LAB_PASSWORD not in text and quote_plus(LAB_PASSWORD) not in text
    for run in LONG_B64.findall(text):  # nor inside base64 (user:password, a SASL payload)
        decoded = unb64(run)
        assert LAB_PASSWORD not in decoded and not JWS_SHAPE.search(decoded), run
    trace = Trace.load(path)
    assert trace.secrets() == [] and all(not ln.secrets for ln in trace.logs)
    for ex in trace.exchanges:
        for name, value in [*ex.request.headers, *(ex.response.headers if ex.response else [])]:
            if name.lower() in CREDENTIAL_HEADERS:
                assert value.endswith(CONCEALED), (name, value)


def test_the_concealed_login_still_shows_its_roles():
    """roles.py reads a concealed trace as it reads the live run (the scheme of a concealed
    Authorization header and the names of concealed members are kept)."""
    script = make_traces()
    live = script.working_login()
    saved = Trace.load(TRACES / "login-ok.jsonl")
    assert roles.annotate(saved.exchanges) == roles.annotate(live.exchanges)
    assert roles.node_roles(saved) == roles.node_roles(live)
    assert roles.token_issuer(saved.exchanges) == "cucm-pub"
    assert saved.render_logs() == live.render_logs() and saved.hops() == live.hops()
