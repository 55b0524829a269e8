"""Bad input never raises past diagnose: binary junk, a truncated gzip, a huge line, an unknown
grammar, UTF-16 and Latin-1 files give a report that names the problem and keeps what was
read; hypothesis drives diagnose with arbitrary text."""

import gzip

from hypothesis import given, settings
from hypothesis import strategies as st

from uclab.diagnose import diagnose, render_html, render_json, render_text

SIG05 = ("2022-05-04 10:00:00,001 ERROR [0x00001234] [s\\impl\\ucm90\\UdsProvider.cpp(123)] "
         "[csf.config] [csf::ucm90::UdsProvider::f] - LocatorUdsQuery has failed with result: "
         "NO_HOME_UDS_FOUND\n")


def test_a_truncated_gzip_keeps_what_was_read(tmp_path):
    whole = gzip.compress((SIG05 + "x" * 200_000 + "\n").encode())
    cut = tmp_path / "jabber.log.gz"
    cut.write_bytes(whole[: len(whole) // 2])
    report = diagnose(cut)
    assert report.first is not None and report.first.rule == "sig-05"
    assert any("cut off" in p for p in report.problems)


def test_a_huge_line_is_cut_and_said(tmp_path):
    log = tmp_path / "big.log"
    log.write_text("A" * (3 << 20) + "\n" + SIG05, encoding="utf-8")
    report = diagnose(log)
    assert report.first.rule == "sig-05"
    assert any("longer than" in p for p in report.problems)
    assert all(len(e.line) < 1000 for f in report.findings for e in f.evidence)


def test_utf16_and_latin1_logs_are_read(tmp_path):
    wide = tmp_path / "wide.log"
    wide.write_bytes(SIG05.encode("utf-16"))
    latin = tmp_path / "latin.log"
    latin.write_bytes("Benutzer M\u00fcller\n".encode("latin-1") + SIG05.encode())
    for path in (wide, latin):
        report = diagnose(path)
        assert report.first.rule == "sig-05", path
    assert diagnose(latin).inputs[0].encoding == "latin-1"


def test_an_unknown_grammar_is_said_and_gives_no_finding():
    report = diagnose(text="hello world\nthis is not a Cisco log\n")
    assert report.findings == [] and report.inputs[0].products == ("unknown",)


def test_binary_junk_is_a_problem_not_a_crash(tmp_path):
    junk = tmp_path / "prt.zip.enc"
    junk.write_bytes(bytes(range(256)) * 64)
    report = diagnose(junk)
    assert report.unreadable and "binary" in report.problems[0]


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=2000))
def test_any_text_gives_a_report(text):
    report = diagnose(text=text)
    for render in (render_text, render_json, render_html):
        assert isinstance(render(report), str)
    assert all(f.kind in ("match", "hint") for f in report.findings)
    assert (report.failing_step is None) == (report.matches == [])


ANCHORS = st.sampled_from(["NO_HOME_UDS_FOUND", "get_edge_sso", "grant_type=refresh_token",
                           "Response-code=\"401\"", "<homeCluster>", "Token validation",
                           "unknown kid", "EvtAuthzKeyRotation", "mechanism=\"PLAIN\"",
                           "<auth mechanism=\"PLAIN\">AGEAYg==</auth>", "SyncKeys",
                           "2020-03-24T16:31:00.962-06:00 h traffic_server[1]: ", "\n", " |"])


@settings(max_examples=150, deadline=None)
@given(st.lists(st.one_of(ANCHORS, st.text(max_size=40)), max_size=60))
def test_text_made_of_anchors_gives_a_report(parts):
    report = diagnose(text="".join(parts))
    assert isinstance(render_json(report), str)
    for f in report.matches:
        assert f.evidence, f.rule


def test_a_zip_bomb_is_stopped_and_named(tmp_path):
    import zipfile

    bomb = tmp_path / "prt.zip"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("jabber.log", SIG05)
        with z.open("zeros.log", "w") as member:
            block = b"0" * (1 << 20)
            for _ in range(80):
                member.write(block)
    report = diagnose(bomb)
    assert report.first is not None and report.first.rule == "sig-05"
    assert any("zeros.log" in p for p in report.problems), report.problems
