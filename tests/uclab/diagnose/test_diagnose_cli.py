"""``uclab diagnose``: exit 0 with no finding, 1 with findings, 2 with one line for unreadable
input; --format json/html, --host, --reveal and --output."""

import gzip
import json
import random

import pytest

from uclab import cli

FAILED_REFRESH = ("2021-03-30 14:21:49,631 WARN  [0x0000264c] [vices\\impl\\system\\SingleSi"
                  "gnOn.cpp(1186)] [Single-Sign-On-Logger] [CSFUnified::SingleSignOn::Impl::"
                  "handleRefreshTokenFailure] - Failed to get valid access token from refresh "
                  "token, maybe server issue.\n")
PLAIN = ("2016-05-24 15:51:32,777 [33] INFO XMPP - XMPPWrapper.IsValidLogin: Log Event:SEND: "
         "<auth mechanism=\"PLAIN\" xmlns=\"urn:ietf:params:xml:ns:xmpp-sasl\">"
         "AGFsaWNlAHNlY3JldC1wYXNz</auth>\n"
         "2016-05-24 15:51:32,900 [33] INFO XMPP - XMPPWrapper.IsValidLogin: Log Event:RECV: "
         "<failure xmlns='urn:ietf:params:xml:ns:xmpp-sasl'><not-authorized/></failure>\n")


def run(capsys, *argv):
    status = cli.main(["diagnose", *map(str, argv)])
    out, err = capsys.readouterr()
    return status, out, err


def test_a_finding_exits_1_and_a_clean_log_0(tmp_path, capsys):
    bad = tmp_path / "jabber.log"
    bad.write_text(FAILED_REFRESH, encoding="utf-8")
    status, out, _ = run(capsys, bad)
    assert status == 1 and "sig-32" in out and "first failing step" in out
    clean = tmp_path / "ok.log"
    clean.write_text("2021-03-30 14:21:49,631 INFO  [0x0000264c] [x.cpp(1)] [csf.log] [f] - "
                     "hello\n", encoding="utf-8")
    status, out, _ = run(capsys, clean)
    assert status == 0 and "no finding" in out


def test_json_html_and_output(tmp_path, capsys):
    log = tmp_path / "cuac.log.gz"
    log.write_bytes(gzip.compress(PLAIN.encode()))
    status, out, _ = run(capsys, log, "--format", "json")
    data = json.loads(out)
    assert status == 1 and data["findings"][0]["sig"] == "SIG-29"
    assert "AGFsaWNlAHNlY3JldC1wYXNz" not in out and data["warnings"]
    page = tmp_path / "report.html"
    status, out, _ = run(capsys, log, "--format", "html", "--output", page)
    html = page.read_text(encoding="utf-8")
    assert status == 1 and "wrote" in out and html.startswith("<!DOCTYPE html>")
    assert "<svg" in html and "<script" not in html and "http://" not in html.split("<svg")[0]
    digest = tmp_path / "expe.log"
    digest.write_text("checkDigestSAResponse: calculated response does not match supplied "
                      "response calculatedResponse=0a1b2c3d4e, response=9f8e7d6c5b\n",
                      encoding="utf-8")
    status, out, _ = run(capsys, digest)
    assert status == 1 and "sig-15" in out and "0a1b2c3d4e" not in out
    status, out, _ = run(capsys, digest, "--reveal")
    assert "0a1b2c3d4e" in out and "9f8e7d6c5b" in out and "revealed" in out


def test_host_keeps_only_that_hosts_logs(tmp_path, capsys):
    expc = tmp_path / "a.log"
    expc.write_text('2020-03-24T16:31:00.962-06:00 expc credentialmanager: UTCTime="2020-03-24 '
                    '22:31:00,962" Module="developer.credentialmanager.OAuthinspector" '
                    'Level="ERROR" Detail="Token validation" Reason="signing key: unknown kid '
                    "'x'\"\n", encoding="utf-8")
    status, out, _ = run(capsys, expc, "--host", "expc")
    assert status == 1 and "expc-unknown-kid" in out
    status, _, err = run(capsys, expc, "--host", "imp-pub")
    assert status == 2 and err.count("\n") == 1 and "host" in err


@pytest.mark.parametrize("content", [random.Random(1).randbytes(20000),
                                     b"\x1f\x8b\x08\x00trunc"])
def test_unreadable_input_exits_2_with_one_line(tmp_path, capsys, content):
    junk = tmp_path / "junk.log"
    junk.write_bytes(content)
    status, out, err = run(capsys, junk)
    assert status == 2 and out == "" and err.count("\n") == 1 and "junk.log" in err
    assert "Traceback" not in err


def test_a_missing_file_and_bad_options_exit_2(tmp_path, capsys):
    for argv in ([tmp_path / "none.log"], [tmp_path, "--format", "pdf"], []):
        status, _, err = run(capsys, *argv)
        assert status == 2 and err.count("\n") == 1


def test_a_terminal_gets_rich_progress_and_the_same_report(tmp_path, capsys, monkeypatch):
    import sys

    bad = tmp_path / "jabber.log"
    bad.write_text(FAILED_REFRESH, encoding="utf-8")
    plain = run(capsys, bad)
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True, raising=False)
    ticks = []
    import rich.progress

    real_update = rich.progress.Progress.update
    monkeypatch.setattr(rich.progress.Progress, "update",
                        lambda self, task, **kw: (ticks.append(kw), real_update(self, task, **kw)))
    status, out, _ = run(capsys, bad)
    assert (status, out) == plain[:2]
    assert ticks and all("description" in t for t in ticks)
