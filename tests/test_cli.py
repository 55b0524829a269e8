"""The ``uclab`` command (uclab/cli.py): every verb, its help, and bad input -> one line, exit 2."""

from __future__ import annotations

import contextlib
import io
import json
import os
import shutil
import subprocess
import sys
import tempfile
import types
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from uclab import Lab, Trace, facts, faults
from uclab.cli import fact_list, fault_table, main
from uclab.core.errors import InvalidToken

ROOT = Path(__file__).resolve().parents[1]
TRACES = ROOT / "data" / "traces"
VERBS = ("faults", "facts", "simulate", "inspect", "replay", "login")
SHORT = ("cucm-pub", "expc", "expe", "imp-pub", "cuc-pub", "jabber")
HOSTS = ("cucm-pub.example.com", "expc.example.com", "expe.example.com", "imp-pub.example.com",
         "cuc-pub.example.com", "jabber-alice.pc")


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def assert_one_line_error(code: int, out: str, err: str, *words: str) -> None:
    assert code == 2
    assert len(err.splitlines()) == 1 and err.endswith("\n"), err
    assert "Traceback" not in err and out == ""
    for word in words:
        assert word in err


# -- catalogues ----------------------------------------------------------------------------------
def test_faults_prints_the_registry_table(capsys):
    code, out, err = run(capsys, "faults")
    assert (code, err) == (0, "") and out == fault_table() + "\n"
    assert all(f"| `{fid}` |" in out for fid in faults.FAULTS)


def _listed(out: str) -> list[str]:
    """The entry names of a ``uclab facts`` listing (its ``# product (n)`` lines aside)."""
    return [line.split(": ", 1)[0] for line in out.splitlines() if not line.startswith("# ")]


def _headings(out: str) -> list[str]:
    return [line for line in out.splitlines() if line.startswith("# ")]


def test_facts_lists_every_entry_with_its_source(capsys):
    code, out, err = run(capsys, "facts")
    assert (code, err) == (0, "") and out == fact_list() + "\n" == facts.listing() + "\n"
    assert f"LAB_JWKS: {facts.LAB_JWKS.cite()}\n" in out
    assert f"CUCM_HTTPS_PORT: {facts.CUCM_HTTPS_PORT.cite()}\n" in out  # ports are listed too
    assert _listed(out) == [e.name for p in facts.PRODUCTS for e in facts.entries()
                            if e.product == p]
    assert all(f"{e.name}: {e.cite()}" in out.splitlines() for e in facts.entries())
    assert _headings(out) == [f"# {p} ({len(facts.find(p))})" for p in facts.PRODUCTS]


@pytest.mark.parametrize("product", facts.PRODUCTS)
def test_facts_by_product_lists_that_product_only(capsys, product):
    code, out, err = run(capsys, "facts", "--product", product.upper())  # any case
    assert (code, err) == (0, "")
    mine = [e.name for e in facts.entries() if e.product == product]
    assert _headings(out) == [f"# {product} ({len(mine)})"] and _listed(out) == mine


def test_facts_by_word_keeps_the_entries_that_contain_it(capsys):
    code, out, err = run(capsys, "facts", "8443")
    assert (code, err) == (0, "")
    names = _listed(out)
    assert {"CUCM_HTTPS_PORT", "EDGE_HTTPS_PORT", "IMP_HTTPS_PORT",
            "CUCM_SP_ENTITY_ID"} <= set(names)
    assert names == [e.name for e in facts.find(word="8443")]
    assert "LAB_JWKS" not in names and len(_headings(out)) > 1


def test_facts_by_product_and_word(capsys):
    code, out, err = run(capsys, "facts", "--product", "cucm", "SSOSP")
    assert (code, err) == (0, "")
    names = _listed(out)
    assert {"SSOSP_BASE", "SSOSP_TOKEN", "SSOSP_REVOKE"} <= set(names)
    assert names == [e.name for e in facts.find("cucm", "ssosp")]
    assert _headings(out) == [f"# cucm ({len(names)})"]
    assert "EDGE_HTTPS_PORT" not in names


@pytest.mark.parametrize("argv, line", [
    (("no-such-fact-word",), "no fact matches 'no-such-fact-word'"),
    (("--product", "unity", "OAUTHBEARER"), "no fact matches 'OAUTHBEARER' in unity"),
])
def test_facts_without_a_match_says_so_and_exits_0(capsys, argv, line):
    """Nothing found is an answer, not bad input: one line on stdout, exit 0."""
    assert run(capsys, "facts", *argv) == (0, line + "\n", "")


def test_facts_unknown_product_is_one_line_naming_the_products(capsys):
    assert_one_line_error(*run(capsys, "facts", "--product", "webex", "8443"),
                          "unknown product 'webex'", *facts.PRODUCTS)


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(max_size=12).filter(lambda t: t.strip().lower() not in facts.PRODUCTS))
def test_facts_any_other_product_is_exit_2(capsys, product):
    assert_one_line_error(*run(capsys, "facts", f"--product={product}"))


def test_facts_help_names_every_product(capsys):
    code, out, err = run(capsys, "facts", "--help")
    assert (code, err) == (0, "")
    assert "[--product P] [WORD]" in out
    assert all(p in " ".join(out.split()) for p in facts.PRODUCTS)


@pytest.mark.parametrize("verb", VERBS)
def test_every_verb_has_help(capsys, verb):
    code, out, err = run(capsys, verb, "--help")
    assert (code, err) == (0, "")
    assert out.startswith(f"usage: uclab {verb}")


def test_top_level_help_lists_every_verb(capsys):
    code, out, _ = run(capsys, "--help")
    assert code == 0 and all(f"    {verb} " in out for verb in VERBS)


@pytest.mark.parametrize("argv, words", [
    ((), ["choose a verb", "simulate"]),
    (("nonsense",), ["invalid choice: 'nonsense'"]),
    (("faults", "extra"), ["unrecognized arguments: extra"]),
    (("simulate", "--bogus"), ["unrecognized arguments: --bogus"]),
    (("simulate", "--sa", "x"), ["unrecognized arguments"]),  # no abbreviations
    (("simulate", "--seed"), ["--seed", "expected one argument"]),
    (("simulate", "--seed", "x"), ["a seed is a whole number", "'x'"]),
    (("simulate", "--fault", "nope"), ["unknown fault 'nope'", "expc-oauthlocal-off"]),
    (("simulate", "--release", "garbage"), ["'garbage' is not a CUCM release"]),
    (("simulate", "--save", ""), ["not a file name"]),
    (("inspect",), ["TOKEN"]),
    (("replay",), ["FILE"]),
    (("replay", "/nonexistent/trace.jsonl"), ["cannot read trace", "/nonexistent/trace.jsonl"]),
])
def test_bad_input_is_one_line_and_exit_2(capsys, argv, words):
    assert_one_line_error(*run(capsys, *argv), *words)


def test_login_is_kept(capsys):
    code, out, _ = run(capsys, "login")
    assert code == 0 and out.splitlines()[-1].startswith("OK at xmpp")


# -- simulate ------------------------------------------------------------------------------------
def test_simulate_without_a_fault_is_the_sample_login(capsys, tmp_path):
    sample = Trace.load(TRACES / "login-ok.jsonl")
    code, out, err = run(capsys, "simulate", "--save", str(tmp_path / "run.jsonl"))
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert lines[0] == (f"login-ok: seed 1, CUCM 14.0(1)SU3, {len(sample.exchanges)} exchanges, "
                        f"{len(sample.logs)} log entries")
    assert lines[1:1 + len(sample.exchanges)] == sample.hops()
    assert f"outcome: {sample.meta['outcome']}" in lines
    saved = Trace.load(tmp_path / "run.jsonl")
    assert list(saved.lines())[1:] == list(sample.lines())[1:]
    assert saved.meta["generator"] == "uclab simulate"


@pytest.mark.parametrize("fault_id", list(faults.FAULTS))
def test_simulate_a_fault_shows_its_symptom_and_saves_its_sample_trace(capsys, tmp_path,
                                                                        fault_id):
    sample = Trace.load(TRACES / f"fault-{fault_id}.jsonl")
    code, out, err = run(capsys, "simulate", "--fault", fault_id, "--save",
                         str(tmp_path / "f.jsonl"))
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert lines[0].startswith(f"fault-{fault_id}: seed 1, CUCM {sample.meta['cucm_version']}")
    assert lines[1:1 + len(sample.exchanges)] == sample.hops()
    assert f"outcome: {sample.meta['outcome']}" in lines
    assert "symptom seen: yes" in lines
    assert f"fix: {faults.get(fault_id).fix}" in lines
    assert list(Trace.load(tmp_path / "f.jsonl").lines())[1:] == list(sample.lines())[1:]


def test_simulate_seed_and_release_change_the_lab(capsys):
    _, one, _ = run(capsys, "simulate")
    code, two, _ = run(capsys, "simulate", "--seed", "2")
    assert code == 0 and "seed 2," in two.splitlines()[0] and one != two
    code, old, _ = run(capsys, "simulate", "--release", "11.5(1)SU2")
    assert code == 0 and "CUCM 11.5(1)SU2" in old.splitlines()[0]
    assert "outcome: FAILED at localauthentication" in old
    code, fixed, _ = run(capsys, "simulate", "--fault", "cucm-below-11-5-su3", "--release",
                         "14.0(1)SU3")
    assert code == 0 and "symptom seen: no (this lab does not show it)" in fixed


@pytest.mark.parametrize("name, host", [*zip(SHORT, HOSTS, strict=True),
                                        ("expc.example.com", "expc.example.com")])
def test_simulate_logs_of_one_host_by_short_or_full_name(capsys, name, host):
    sample = Trace.load(TRACES / "login-ok.jsonl")
    code, out, _ = run(capsys, "simulate", "--logs", name)
    assert code == 0
    assert [ln for ln in out.splitlines() if ln.startswith("--- log of ")] == [
        f"--- log of {host}: {len(sample.render_logs(host=host).splitlines())} "
        f"line{'s' if len(sample.render_logs(host=host).splitlines()) != 1 else ''} ---"]
    assert out.rstrip("\n").endswith(sample.render_logs(host=host) or "---")


def test_simulate_logs_all_are_concealed(capsys):
    code, out, _ = run(capsys, "simulate", "--fault", "expc-oauthlocal-off", "--logs", "all")
    assert code == 0
    assert [ln.split(":")[0] for ln in out.splitlines() if ln.startswith("--- log of ")] == [
        f"--- log of {h}" for h in HOSTS]
    assert "<CONCEALED>" in out
    assert "eyJ" not in out  # no JWS/JWT (base64url of '{"') is printed raw


def test_simulate_unknown_host_lists_the_short_names(capsys):
    code, out, err = run(capsys, "simulate", "--logs", "nope")
    assert_one_line_error(code, out, err, "unknown host 'nope'", ", ".join(SHORT))


def test_simulate_save_to_an_unwritable_place_is_one_line(capsys, tmp_path):
    assert_one_line_error(*run(capsys, "simulate", "--save", str(tmp_path)), str(tmp_path))


# -- replay --------------------------------------------------------------------------------------
def test_replay_prints_hops_and_every_log(capsys):
    sample = Trace.load(TRACES / "fault-imp-stale-keys.jsonl")
    code, out, err = run(capsys, "replay", str(TRACES / "fault-imp-stale-keys.jsonl"))
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert lines[1:1 + len(sample.exchanges)] == sample.hops()
    assert f"title: {sample.meta['title']}" in lines
    hosts = list(dict.fromkeys(ln.host for ln in sample.logs))
    assert [ln.split(":")[0] for ln in lines if ln.startswith("--- log of ")] == [
        f"--- log of {h}" for h in hosts]
    for host in hosts:
        assert sample.render_logs(host=host) in out


def test_replay_one_host(capsys):
    code, out, _ = run(capsys, "replay", str(TRACES / "login-ok.jsonl"), "--logs", "jabber")
    assert code == 0 and [ln for ln in out.splitlines() if ln.startswith("--- log")] == [
        "--- log of jabber-alice.pc: 8 lines ---"]
    assert_one_line_error(*run(capsys, "replay", str(TRACES / "login-ok.jsonl"), "--logs", "x"),
                          "unknown host 'x'", "jabber, expe, expc, imp-pub")


def test_replay_a_broken_file_names_the_file_and_line(capsys, tmp_path):
    good = (TRACES / "login-ok.jsonl").read_text(encoding="utf-8").splitlines()
    broken = tmp_path / "broken.jsonl"
    broken.write_text("\n".join([*good[:2], "{not json", *good[2:]]) + "\n", encoding="utf-8")
    assert_one_line_error(*run(capsys, "replay", str(broken)), f"{broken} line 3", "not JSON")
    (tmp_path / "bin.jsonl").write_bytes(b"\xff\xfe\x00")
    assert_one_line_error(*run(capsys, "replay", str(tmp_path / "bin.jsonl")), "cannot read")
    assert_one_line_error(*run(capsys, "replay", str(tmp_path)), "cannot read trace")


# -- inspect (uclab.protocols.inspection is written in another branch: a stand-in here) ----------
@dataclass
class FakeReport:
    token: str
    error: str = ""

    def text(self) -> str:
        return f"report on {self.token}: fine"


@pytest.fixture
def inspection(monkeypatch):
    calls = []

    def inspect_any(token, keys=None, *, pem=None):
        calls.append((token, keys, pem))
        if token.startswith("raise"):
            raise InvalidToken(f"cannot use {token}")
        return FakeReport(token, "the header (part 1) is not base64url" if "!" in token else "")

    module = types.ModuleType("uclab.protocols.inspect_any")
    module.inspect_any = inspect_any
    monkeypatch.setitem(sys.modules, "uclab.protocols.inspect_any", module)
    return calls


TOKEN = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9.c2ln"


def test_inspect_prints_the_report_and_masks_the_token(capsys, inspection):
    code, out, err = run(capsys, "inspect", TOKEN)
    assert (code, err) == (0, "") and inspection == [(TOKEN, None, None)]
    assert out == f"report on <the token, {len(TOKEN)} characters>: fine\n"


def test_inspect_reads_stdin_and_a_jwks(capsys, inspection, monkeypatch, tmp_path):
    jwks = {"keys": [{"kty": "RSA", "n": "AQAB", "e": "AQAB", "kid": "k"}]}
    (tmp_path / "jwks.json").write_text(json.dumps(jwks), encoding="utf-8")
    monkeypatch.setattr(sys, "stdin", io.StringIO(f"  {TOKEN[:20]}\n {TOKEN[20:]}\n"))
    code, out, _ = run(capsys, "inspect", "-", "--jwks", str(tmp_path / "jwks.json"))
    assert code == 0 and inspection == [(TOKEN, jwks, None)] and TOKEN not in out


def test_inspect_passes_a_pem_file_and_names_an_unreadable_one(capsys, inspection, tmp_path):
    (tmp_path / "key.pem").write_bytes(b"-----BEGIN PUBLIC KEY-----\n")
    code, _, _ = run(capsys, "inspect", TOKEN, "--pem", str(tmp_path / "key.pem"))
    assert code == 0 and inspection == [(TOKEN, None, b"-----BEGIN PUBLIC KEY-----\n")]
    assert_one_line_error(*run(capsys, "inspect", TOKEN, "--pem", str(tmp_path / "no.pem")),
                          "--pem: cannot read")


@pytest.mark.parametrize("content, words", [
    (None, ["--jwks: cannot read"]),
    ("{nope", ["is not JSON"]),
    ('{"kty": "RSA"}', ["is not a JWKS"]),
    ('[1]', ["is not a JWKS"]),
])
def test_inspect_bad_jwks_is_one_line(capsys, inspection, tmp_path, content, words):
    path = tmp_path / "jwks.json"
    if content is not None:
        path.write_text(content, encoding="utf-8")
    assert_one_line_error(*run(capsys, "inspect", TOKEN, "--jwks", str(path)), *words)
    assert inspection == []


def test_inspect_garbage_is_one_line_and_never_echoes_the_token(capsys, inspection,
                                                                monkeypatch):
    garbage = "abc!def.ghi.jkl"
    code, out, err = run(capsys, "inspect", garbage)
    assert_one_line_error(code, out, err, "not a token (15 characters)", "not base64url")
    assert garbage not in err
    code, out, err = run(capsys, "inspect", "raise-" + TOKEN)
    assert_one_line_error(code, out, err, "<the token,")
    assert TOKEN not in err
    monkeypatch.setattr(sys, "stdin", io.StringIO(" \n"))
    assert_one_line_error(*run(capsys, "inspect", "-"), "no token given")


def test_inspect_with_the_real_module(capsys, tmp_path):
    """Runs once uclab.protocols.inspection is merged: a lab token checked with its JWKS."""
    pytest.importorskip("uclab.protocols.inspection")
    lab = Lab(seed=1)
    lab.configure_oauth()
    assert lab.client.sign_in()
    token = lab.client.tokens.access_token
    (tmp_path / "jwks.json").write_text(json.dumps(lab.cucm.publisher.keys.public_jwks()),
                                        encoding="utf-8")
    code, out, err = run(capsys, "inspect", token, "--jwks", str(tmp_path / "jwks.json"))
    assert (code, err) == (0, "") and out and token not in out
    assert_one_line_error(*run(capsys, "inspect", "not-a-token"))


# -- a real process ------------------------------------------------------------------------------
def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT), *filter(None, [env.get("PYTHONPATH")])])
    return env


def test_python_dash_m_uclab_in_a_real_process():
    done = subprocess.run([sys.executable, "-m", "uclab", "faults"], capture_output=True,
                          text=True, env=_env(), cwd=ROOT, timeout=120)
    assert (done.returncode, done.stderr) == (0, "") and done.stdout == fault_table() + "\n"
    bad = subprocess.run([sys.executable, "-m", "uclab", "simulate", "--fault", "nope"],
                         capture_output=True, text=True, env=_env(), cwd=ROOT, timeout=120)
    assert bad.returncode == 2 and bad.stdout == "" and len(bad.stderr.splitlines()) == 1


def test_the_console_script_in_a_real_process():
    script = shutil.which("uclab", path=str(Path(sys.executable).parent))
    if script is None:
        pytest.skip("the uclab console script is not installed next to this interpreter")
    done = subprocess.run([script, "simulate", "--logs", "expc"], capture_output=True,
                          text=True, env=_env(), cwd=ROOT, timeout=120)
    assert (done.returncode, done.stderr) == (0, "")
    assert "--- log of expc.example.com: " in done.stdout


def test_a_closed_pipe_ends_quietly(monkeypatch):
    class Closed(io.StringIO):
        def write(self, text):
            raise BrokenPipeError(32, "Broken pipe")

    monkeypatch.setattr(sys, "stdout", Closed())
    assert main(["faults"]) == 1


# -- any argv ------------------------------------------------------------------------------------
WORDS = [*VERBS, "--fault", "--seed", "--release", "--logs", "--save", "--jwks", "--help", "-h",
         "-", "all", "expc", "jabber", "nope", "1", "0", "-7", "x", "11.5(1)SU2", "14.0",
         "expc-oauthlocal-off", "unity-not-synced", "sample.jsonl", "jwks.json", TOKEN, "a!b.c.d"]
# no "/" or "\\": every file name stays inside the test's temporary folder
ARG = st.one_of(st.sampled_from(WORDS),
                st.text(st.characters(blacklist_characters="/\\", blacklist_categories=("Cs",)),
                        max_size=12))


#: mostly a verb and then anything, sometimes anything at all
ARGV = st.one_of(st.lists(ARG, max_size=6),
                 st.builds(lambda verb, rest: [verb, *rest], st.sampled_from(VERBS),
                           st.lists(ARG, max_size=5)))


@settings(max_examples=150, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(argv=ARGV)
def test_any_argv_returns_0_or_2_and_never_raises(inspection, monkeypatch, argv):
    with tempfile.TemporaryDirectory() as folder, contextlib.chdir(folder):
        shutil.copy(TRACES / "login-ok.jsonl", "sample.jsonl")
        Path("jwks.json").write_text('{"keys": []}', encoding="utf-8")
        monkeypatch.setattr(sys, "stdin", io.StringIO(TOKEN))
        out, err = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = main(argv)
    assert code in (0, 2)
    if code == 2:
        assert len(err.getvalue().splitlines()) == 1
    else:
        assert err.getvalue() == "" and out.getvalue()
