"""uclab.trace.dialects.expressway.replay: the seed article's real Expressway lines as the
simulator's LogLines and Exchanges (what the ladder and replay views draw)."""

from pathlib import Path

import pytest

from uclab.trace.dialects.expressway import GRAMMARS, exchanges_of, log_lines_of, to_sim
from uclab.trace.parsing import split

SEED = Path("/work/shared/seed/000_b163ef8d0ccd633a.txt")
pytestmark = pytest.mark.skipif(not SEED.is_file(), reason="the seed article is not here")


@pytest.fixture(scope="module")
def seed():
    records = list(split(SEED.read_text().splitlines(), GRAMMARS, "seed"))
    return records, *to_sim(records)


def test_seed_records_become_log_lines_with_their_times(seed):
    records, lines, _ = seed
    ours = [r for r in records if r.product == "expressway"]
    assert len(lines) == len(ours) == len(log_lines_of(records))
    first = lines[0]
    assert (first.host, first.process, first.get("Txn-id")) == (
        "labucexpye01", "traffic_server[16087]:", "2004")
    assert first.ms == 1585089060962  # 2020-03-24 22:31:00,962 UTC
    assert lines[0].render().startswith(
        '2020-03-24T22:31:00.962+00:00 labucexpye01 traffic_server[16087]: UTCTime="2020-03-24 '
        '22:31:00,962"')
    edge_event = next(ln for ln in lines if ln.get("Event") == "Edge SSO")
    assert edge_event.process == "edgeconfigprovisioning:"


def test_traffic_server_requests_pair_with_responses_by_txn_id(seed):
    _, _, exchanges = seed
    by = {(e.dst, e.request.path): e for e in exchanges}
    sso = by[("labucexpye01", "/Ym91bGRlcm1lZGljYWxjZW50ZXIuY29t/get_edge_sso")]
    assert sso.src == "client" and sso.response.status == 200
    assert b"<SSOResult" in sso.response.body
    assert sso.request.headers.get("user-agent") == "Jabber/ (Windows;)"
    login = by[("labucexpye01", "/Ym91bGRlcm1lZGljYWxjZW50ZXIuY29t/localauthentication")]
    assert login.request.method == "POST" and login.response.status == 302
    assert login.response.location == "/OAuthcb#code=<CONCEALED>"
    assert login.ended_ms - login.started_ms == 294  # 22:31:22,729 -> 22:31:23,023
    callback = by[("labucexpye01", "/OAuthcb")]
    assert callback.response.status == 200
    inner = next(e for e in exchanges if e.dst == "labucexpyc01")
    assert inner.request.method == "POST" and inner.response.status == 302
    authorize = by[("labucexpye01", "/Ym91bGRlcm1lZGljYWxjZW50ZXIuY29t/authorize")]
    assert authorize.response is None and authorize.error == "no response in the log"


def test_edgeconfigprovisioning_send_pairs_with_the_next_received(seed):
    _, lines, exchanges = seed
    ecp = [e for e in exchanges if e.src == "labucexpyc01"]
    assert [(e.request.method, e.response.status if e.response else None) for e in ecp] == [
        ("?", 200), ("POST", 200), ("POST", None), ("POST", None)]  # the first Send: no block
    assert ecp[0].response.headers.get("content-type") == "application/xml"  # ['…'] unwrapped
    assert ecp[1].request.headers.get("authorization") == "<CONCEALED>"
    assert ecp[1].request.headers.get("user-agent") == \
        "TANDBERG-Video-Communication-Server/X12.5.7"
    linked = {ln.exchange_id for ln in lines if ln.exchange_id is not None}
    assert linked == {e.id for e in exchanges}
    assert [e.id for e in exchanges] == list(range(1, len(exchanges) + 1))


def test_names_map_addresses_to_lanes(seed):
    records, _, _ = seed
    assert {e.dst for e in exchanges_of(records, {"labucexpye01": "expe"})} >= {"expe"}
