"""One grammar both ways: every Expressway line the lab renders (the login and every fault of the
catalogue) parses back with :data:`uclab.trace.dialects.expressway.GRAMMARS` into exactly one
record of those grammars, with the fields, time, block, level and module that were rendered."""

from datetime import UTC, datetime

import pytest

from uclab import faults
from uclab.faults.catalogue import FAULTS
from uclab.lab import Lab
from uclab.trace.dialects.expressway import GRAMMARS, to_sim
from uclab.trace.logline import render_all
from uclab.trace.parsing import UNKNOWN, split
from uclab.trace.redact import redact

NAMES = {g.name for g in GRAMMARS}


def _runs():
    lab = Lab(seed=1)
    lab.configure_oauth()
    faults.sign_in_and_use(lab)
    yield "login-ok", lab
    for fault in FAULTS.values():
        lab = fault.build(1)
        fault.probe(lab)
        yield fault.id, lab


@pytest.fixture(scope="module")
def runs():
    return list(_runs())


def _expressway_logs(lab):
    for host in (lab.edge.host, lab.expc.host):
        yield host, [ln for ln in lab.logs if ln.host == host]


def test_every_fault_is_simulated(runs):
    assert {name for name, _ in runs} == {"login-ok", *FAULTS}


def test_rendered_expressway_logs_parse_back_with_nothing_left_over(runs):
    checked = 0
    for name, lab in runs:
        for host, lines in _expressway_logs(lab):
            text = render_all(lines)  # blank lines part the records after a block
            records = list(split(text.split("\n"), GRAMMARS, host))
            assert len(records) == len(lines), (name, host)
            for n, (ln, rec) in enumerate(zip(lines, records, strict=True)):
                where = (name, host, rec.where)
                assert rec.grammar in NAMES and rec.grammar != UNKNOWN, where
                blank = [""] if ln.message and n < len(lines) - 1 else []
                assert list(rec.lines) == ln.render().split("\n") + blank, where
                utc = datetime.fromtimestamp(ln.ms / 1000, tz=UTC)
                assert rec.time == utc, where
                assert rec.host == ln.host.split(".")[0], where
                expected = [(k, redact(utc.strftime("%Y-%m-%d %H:%M:%S,") + f"{ln.ms % 1000:03d}"
                                       if v is None else str(v), ln.secrets))
                            for k, v in ln.fields]
                assert list(rec.fields) == expected, where
                assert rec.level == (str(ln.get("Level")).strip() if ln.get("Level") else None)
                assert rec.component == ln.get("Module"), where
                if ln.message:
                    assert list(rec.block) == redact(ln.message, ln.secrets).split("\n"), where
                    assert rec.extra["terminated"] is True, where
                else:
                    assert rec.block == (), where
                checked += 1
    assert checked > 500


def test_grammar_kinds_are_all_exercised(runs):
    seen = set()
    for _, lab in runs:
        for host, lines in _expressway_logs(lab):
            text = "\n".join(ln.render() for ln in lines)
            seen |= {r.grammar for r in split(text.split("\n"), GRAMMARS, host)}
    assert {"expressway-kv", "expressway-event", "expressway-xcp"} <= seen


def test_parsed_login_gives_back_the_simulated_http_hops(runs):
    """The replayed exchanges of the rendered Expressway-E log are the lab's Jabber -> expe
    hops: same method, path, status, in the same order."""
    _, lab = runs[0]
    text = render_all([ln for ln in lab.logs if ln.host == lab.edge.host])
    lines, exchanges = to_sim(split(text.split("\n"), GRAMMARS, lab.edge.host))
    sim = [ex for ex in lab.exchanges if ex.dst == "expe" and ex.request.scheme == "https"]
    assert len(sim) >= 5
    assert [(e.request.method, e.request.path, e.response.status) for e in exchanges] == [
        (e.request.method, e.request.path, e.response.status) for e in sim]
    assert all(e.started_ms <= e.ended_ms for e in exchanges)
    assert {ln.exchange_id for ln in lines if ln.exchange_id} == {e.id for e in exchanges}


def test_parsed_expressway_c_log_pairs_its_cucm_requests(runs):
    """Expressway-C's edgeconfigprovisioning Send/Received lines replay as its requests to
    CUCM (clusterUser, authorize_proxy, token), each with CUCM's status; the token answer's
    tokens stay concealed."""
    _, lab = runs[0]
    text = render_all([ln for ln in lab.logs if ln.host == lab.expc.host])
    _, exchanges = to_sim(split(text.split("\n"), GRAMMARS, lab.expc.host))
    ecp = [(e.request.path, e.response.status if e.response else None) for e in exchanges
           if e.src == "expc"]
    sim = [(e.request.path, e.response.status) for e in lab.exchanges
           if e.src == "expc" and e.dst == "cucm-pub" and "/ssosp/" in e.request.path]
    assert [p for p in ecp if "/ssosp/" in p[0]] == sim and len(sim) == 2
    token = next(e for e in exchanges if e.request.path.endswith("/token"))
    assert b'"access_token": "<CONCEALED>"' in token.response.body
