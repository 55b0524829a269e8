"""The endpoint grammars read the real samples (``shared/real-logs/samples``, copied verbatim to
``tests/data/real-logs/samples``) into the records ``samples/EXPECTED.md`` implies: the product
from the grammar, the key lines, no time where the TAC copy printed none, relative TC times,
and the CUAC PLAIN password concealed and reported."""

import base64
from datetime import datetime
from pathlib import Path

import pytest

from uclab.trace.dialects import jabber_mobile, jabber_prt, tc_endpoint, xmpp_clients
from uclab.trace.parsing import UNKNOWN, split
from uclab.trace.redact import CONCEALED, redact

SAMPLES = Path(__file__).resolve().parents[3] / "data" / "real-logs" / "samples"
GRAMMARS = (*jabber_prt.GRAMMARS, *jabber_mobile.GRAMMARS, *tc_endpoint.GRAMMARS,
            *xmpp_clients.GRAMMARS)


def sections(name):
    """The sample's log lines by section (``## `` markers and the ``# source:`` line are not
    log content, EXPECTED.md), each as (first line number, lines)."""
    out, start, lines = [], 2, []
    for number, line in enumerate((SAMPLES / name).read_text("utf-8").splitlines(), 1):
        if number == 1:
            assert line.startswith("# source: ")
            continue
        if line.startswith("## "):
            if lines:
                out.append((start, lines))
            start, lines = number + 1, []
            continue
        lines.append(line)
    if lines:
        out.append((start, lines))
    return out


def records(name):
    found = []
    for start, lines in sections(name):
        found += list(split(lines, GRAMMARS, source=name, first_line=start))
    return found


def test_every_sample_line_lands_in_one_record_in_order():
    for path in sorted(SAMPLES.glob("*.log")):
        got = [ln for rec in records(path.name) for ln in rec.lines]
        want = [ln for _, lines in sections(path.name) for ln in lines if ln.strip()]
        assert got == want, path.name


JABBER_221845 = {
    "jabber-uds-home-cluster-not-found.log": (5, "NO_HOME_UDS_FOUND",
                                              "CUCM Result : Failed - User lookup failure."),
    "jabber-uds-403-end-user-role-missing.log": (4, "Home Uds query failed responseCode =[403]",
                                                 "HOME_UDS_QUERY_FAILED"),
    "jabber-cucm-tomcat-cert-untrusted-uds-version.log": (
        3, "Certificate Verification Result: FAILURE", "CERTIFICATE_VALIDATION_ERROR"),
    "jabber-dns-srv-cisco-uds-and-collab-edge-missing.log": (
        4, "FAILED_NO_SRV_RECORDS_FOUND", "(1005) ServiceDiscoveryNoSRVRecordsFound"),
}


@pytest.mark.parametrize("name", JABBER_221845)
def test_tac_221845_jabber_lines_are_timeless_prt_records(name):
    count, first_key, second_key = JABBER_221845[name]
    recs = records(name)
    assert len(recs) == count
    assert {(r.product, r.grammar) for r in recs} == {("jabber", "jabber-prt-bare")}
    assert all(r.time is None for r in recs)  # printed without times: never invent one
    for rec in recs:
        assert rec.level in ("DEBUG", "INFO", "WARN", "ERROR")
        assert rec.get("thread").startswith("0x") and len(rec.get("thread")) == 10
        assert len(rec.get("source")) == 40 and "\\" in rec.get("source")  # Windows build
        assert rec.component and rec.get("function") and rec.text
    texts = " | ".join(r.text for r in recs)
    assert first_key in texts and second_key in texts


def test_the_dns_sample_names_both_srv_records_and_the_discovery_code():
    recs = records("jabber-dns-srv-cisco-uds-and-collab-edge-missing.log")
    assert [r.component for r in recs] == ["csf.dns", "csf.dns", "service-discovery",
                                          "service-discovery"]
    assert "_cisco-uds._tcp" in recs[0].text and "_collab-edge._tls" in recs[1].text
    assert recs[2].get("function") == ("CSFUnified::DiscoveryHandlerImpl::"
                                       "evaluateServiceDiscoveryResult")
    assert recs[2].text == "ServiceDiscoveryHandlerResult return code FAILED_NO_SRV_RECORDS_FOUND"


def test_already_masked_jabber_values_are_kept():
    for name in JABBER_221845:
        for rec in records(name):
            assert redact(rec.raw) == rec.raw  # PII_CED_Exception{...}: the product's own mask


def test_the_xmppsdk_sample_reads_the_bind_conflict_without_a_time():
    recs = records("jabber-xmpp-resource-bind-409-conflict.log")
    assert [r.grammar for r in recs] == ["jabber-xmppsdk"] * 3
    assert all(r.time is None and r.component == "XmppSDK.dll" for r in recs)
    assert "<error code='409' type='cancel'><conflict" in recs[0].text
    assert recs[1].text == "CXmppClient::onResourceBindError"
    assert recs[2].text.endswith("HandleDisconnect, reason:16")


def test_tc_samples_keep_relative_uptimes():
    recs = records("tc-get-edge-config-cannot-resolve-expressway-e.log")
    assert [(r.product, r.uptime, r.time, r.component) for r in recs] == [
        ("tc", 15716.23, None, "HttpClient"), ("tc", 15716.23, None, "PROV"),
        ("tc", 15716.23, None, "PROV")]
    assert "Couldn't resolve host name" in recs[0].text
    assert "dGJ0cC5jb20/get_edge_config/" in recs[0].text
    assert base64.b64decode("dGJ0cC5jb20=").decode() == "tbtp.com"  # EXPECTED.md (unpadded)
    assert recs[2].level == "I" and recs[2].text.startswith("I: notify_http_done")


def test_the_san_sample_splits_the_endpoint_log_from_the_certificate_line():
    recs = records("tc-edge-domain-missing-from-expressway-e-san.log")
    tc, san = recs[:-1], recs[-1]
    assert [r.component for r in tc] == ["CertificateVerification"] + ["HttpClient"] * 4
    assert {r.uptime for r in tc} == {82850.02} and tc[0].level == "ERROR"
    assert "[verify_edge_domain_in_san]" in tc[0].text and "'tbtp.local'" in tc[0].text
    assert san.product == UNKNOWN and "SRV:_collab-edge._tls.tbtppppp.local" in san.text


CUAC = "cuac-xmpp-sasl-plain-not-authorized-wrong-domain.log"
PAYLOAD = "AGd3YXNoaW5ndG9uAFJUUCFhcHBz"


def test_the_cuac_sample_reads_as_an_xmpp_client_with_local_times():
    recs = records(CUAC)
    assert len(recs) == 14
    assert {r.product for r in recs} == {"xmpp-client"} and {r.grammar for r in recs} == {"cuac"}
    assert recs[0].time == datetime(2016, 5, 24, 15, 51, 19, 799000)  # naive: local time
    assert [r.component for r in recs] == ["XMPP"] * 13 + ["View"]
    assert recs[-1].level == "WARN" and recs[0].get("thread") == "1"
    assert "Domain:domain.ne" in recs[0].text
    features, auth, failure = recs[3], recs[4], recs[5]
    assert features.get("direction") == "RECV" and "<mechanism>CISCO-VTG-TOKEN" in features.text
    assert auth.get("direction") == "SEND" and auth.get("function") == "XMPPWrapper.IsValidLogin"
    assert auth.get("stanza").startswith('<auth mechanism="PLAIN"')
    assert "<not-authorized/>" in failure.get("stanza")
    assert 'Status id="403"' in recs[7].text


def test_the_cuac_plain_password_is_concealed_and_reported():
    recs = records(CUAC)
    shown = "\n".join(redact(r.raw) for r in recs)
    assert PAYLOAD not in shown
    assert f'xmlns="urn:ietf:params:xml:ns:xmpp-sasl">{CONCEALED}</auth>' in shown
    assert redact(f"payload {PAYLOAD} in prose") == f"payload {CONCEALED} in prose"
    ((rec, creds),) = xmpp_clients.clear_passwords(recs)
    assert rec is recs[4]
    assert creds.authcid == "gwashington" and creds.authzid is None
    assert "RTP!apps" not in repr(creds)  # the repr hides the password
