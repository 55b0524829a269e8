"""uclab.workbook.widgets.replay: the step-through replay player, driven without a kernel."""

import importlib.resources
import importlib.util
import json
from pathlib import Path

import ipywidgets
import pytest

from uclab.lab import Lab
from uclab.trace.file import FORMAT, Trace
from uclab.trace.logline import CONCEALED
from uclab.workbook import widgets
from uclab.workbook.widgets import replay

HAS_VIEWS = importlib.util.find_spec("uclab.workbook.views") is not None
needs_views = pytest.mark.skipif(not HAS_VIEWS,
                                 reason="uclab.workbook.views (ladder) not written yet")


def text_of(out: ipywidgets.Output) -> str:
    """Everything an Output holds as text (stdout, or a display's text/plain)."""
    return "".join(o.get("text", "") if o.get("output_type") == "stream"
                   else o.get("data", {}).get("text/plain", "") for o in out.outputs)


@pytest.fixture(scope="module")
def signin_trace() -> Trace:
    lab = Lab(seed=1)
    lab.configure_oauth()
    ex_start, log_start = len(lab.exchanges), len(lab.logs)
    assert lab.client.sign_in()
    return lab.trace("mra-sign-in", ex_start, log_start)


def _hop_with(trace: Trace, header: str) -> int:
    """The hop number (from 1) of the first exchange that sends ``header``."""
    return next(i for i, ex in enumerate(trace.exchanges, 1) if ex.request.headers.get(header))


def test_replay_player_steps_through_the_hops_numbered_from_1(signin_trace):
    player = widgets.replay_player(signin_trace)
    n = len(signin_trace.exchanges)
    assert player.hop == 1 and player.index == 0
    assert (player.slider.min, player.slider.max, player.slider.value) == (1, n, 1)
    first = signin_trace.exchanges[0]
    assert f"Hop 1 of {n}" in player.text and "--- query (DNS, to " in player.text
    assert first.request.path.lstrip("/") in player.text and "HTTP 200" not in player.text
    assert player.step(1) == 2 and "Hop 2 of" in text_of(player.hop_output)
    player.next_button.click()
    assert player.hop == 3 and player.index == 2
    player.prev_button.click()
    assert player.hop == 2
    assert player.step(-5) == 1
    assert player.goto(10_000) == n and player.goto(0) == 1
    player.slider.value = 4
    assert player.hop == 4 and signin_trace.exchanges[3].request.method in player.text
    assert "--- response ---" in player.text and "HTTP " in player.text
    assert "hop 4: " in player.status.value


def test_replay_shows_xmpp_as_stanzas_without_the_lab_s_stream_header(signin_trace):
    player = widgets.replay_player(signin_trace)
    hops = [i for i, ex in enumerate(signin_trace.exchanges, 1) if ex.request.method == "XMPP"]
    assert hops
    for hop in hops:
        player.goto(hop)
        assert "--- sent (XMPP, to " in player.text and "--- received (XMPP) ---" in player.text
        assert "HTTP 200" not in player.text and "Content-Type" not in player.text
        assert "X-Uclab-Stream" not in player.text and "-> 200" not in player.status.value
    assert "&lt;success/&gt;" in player.status.value  # the last hop: SASL success


def test_replay_player_bad_steps_are_messages(signin_trace):
    player = widgets.replay_player(signin_trace)
    player.goto(2)
    assert player.goto("x") == 2 and "goto() takes a hop number" in player.status.value
    assert player.step(1.5) == 2 and "whole number" in player.status.value


def test_replay_conceals_secrets_until_revealed(signin_trace):
    hop = _hop_with(signin_trace, "Authorization")
    token_header = signin_trace.exchanges[hop - 1].request.headers["Authorization"]
    player = widgets.replay_player(signin_trace)
    player.goto(hop)
    assert f"Authorization: {CONCEALED}" in player.text and token_header not in player.text
    player.reveal.value = True
    assert token_header in player.text
    secrets = {raw for ln in signin_trace.logs for raw, _ in ln.secrets if raw}
    player.reveal.value = False
    for hop in range(1, len(signin_trace.exchanges) + 1):
        player.goto(hop)
        assert not any(s in player.text or s in player.logs_text for s in secrets), hop


def test_replay_shows_the_log_lines_until_the_next_hop(signin_trace):
    player = widgets.replay_player(signin_trace)
    exs = signin_trace.exchanges
    total = 0
    for i in range(len(exs)):
        lines = player.logs_for(i)
        total += len(lines)
        if i > 0:
            assert all(ln.ms >= exs[i].started_ms for ln in lines)
        if i + 1 < len(exs):
            assert all(ln.ms < exs[i + 1].started_ms for ln in lines)
    assert total == len(signin_trace.logs)  # every line belongs to exactly one hop
    busy = max(range(len(exs)), key=lambda i: len(player.logs_for(i)))
    player.goto(busy + 1)
    shown = player.logs_output.outputs[0]["data"]
    assert player.logs_for(busy)[0].render() in player.folded_logs().full
    assert f"log lines from hop {busy + 1}" in shown["text/plain"]
    assert "<details>" in shown["text/html"] or len(player.logs_for(busy)) <= 12


@needs_views
def test_replay_ladder_highlights_the_current_hop(signin_trace):
    player = widgets.replay_player(signin_trace)
    player.goto(5)
    assert player.figure.layout.meta["highlight"] == 5


def test_replay_from_a_jsonl_file(signin_trace, tmp_path, monkeypatch):
    path = signin_trace.save(tmp_path / "mra-sign-in.jsonl")
    player = widgets.replay_player(str(path))
    assert player.trace.name == "mra-sign-in" and player.error == ""
    assert len(player.exchanges) == len(signin_trace.exchanges)
    monkeypatch.setattr(replay, "TRACES_DIR", tmp_path)  # names resolve in data/traces/
    assert widgets.replay_player("mra-sign-in").trace is not None


def test_the_sample_traces_are_read_as_package_data():
    """TRACES_DIR is uclab.data's traces folder, not a path into the repository tree (a wheel
    has no data/ beside uclab/); notebook 05 joins a file name to it, so it is a Path."""
    assert widgets.TRACES_DIR == importlib.resources.files("uclab.data") / "traces"
    assert isinstance(widgets.TRACES_DIR, Path)
    sample = widgets.TRACES_DIR / "login-ok.jsonl"
    header = json.loads(sample.read_text(encoding="utf-8").splitlines()[0])
    assert header["format"] == FORMAT and header["name"] == "login-ok"
    assert replay._resolve_trace("login-ok") == sample
    assert replay._resolve_trace("login-ok.jsonl") == sample
    assert replay._resolve_trace("no-such-trace") == Path("no-such-trace")


@pytest.mark.parametrize(("content", "expected"), [
    (None, "cannot read trace"),
    ("", "empty file"),
    ("garbage\n", "not JSON"),
    ('{"format": "other"}\n', "not a uclab trace header"),
])
def test_replay_bad_path_or_file_shows_the_trace_error(tmp_path, content, expected):
    path = tmp_path / "t.jsonl"
    if content is not None:
        path.write_text(content)
    player = widgets.replay_player(path)
    assert player.trace is None and expected in player.status.value
    assert player.next_button.disabled and player.slider.disabled
    assert player.step(1) == 0 and player.goto(3) == 0
    assert widgets.replay_player(42).trace is None


def test_replay_of_an_empty_trace():
    player = widgets.replay_player(Trace("empty"))
    assert "has no exchanges" in player.status.value and player.step(1) == 0
