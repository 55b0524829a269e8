"""The four ways a file is scanned give the same report: decoded lines through
uclab.trace.reading (pasted text, bundles), the pure-Python byte scan (plain files), and, for
large plain files, one Hyperscan pass or grep's offsets."""

import gzip
import re
import shutil
import signal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import uclab.diagnose as diagnosing
from uclab import faults
from uclab.diagnose import accelerated, diagnose, engine, hyperscanned


def _logs(fault_id: str) -> dict[str, str]:
    fault = faults.get(fault_id)
    lab = fault.build(2)
    fault.probe(lab)
    return {f"{h}.log": lab.render_logs(host=h) + "\n" for h in sorted({x.host for x in lab.logs})}


def _summary(report):
    return (report.failing_step, [f.rule for f in report.findings],
            [[e.where.rsplit("/", 1)[-1] for e in f.evidence] for f in report.findings],
            [(s.id, s.reached, s.evidence.where.rsplit("/", 1)[-1] if s.evidence else None)
             for s in report.steps])


def _fast_and_slow(path, monkeypatch):
    """The report of ``path`` by the fast scan (any size takes it) and by the byte scan."""
    monkeypatch.setattr(accelerated, "GREP_FROM", 0)
    fast = diagnose([path])
    monkeypatch.setattr(accelerated, "GREP_FROM", 1 << 40)
    return fast, diagnose([path])


@pytest.mark.parametrize("fault_id", ["keys-regen-expc-stale", "ldap-user-deactivated",
                                      "unity-not-synced", "expressway-ntp"])
def test_every_scan_gives_the_same_report(fault_id, tmp_path, monkeypatch):
    logs = _logs(fault_id)
    for name, text in logs.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
        (tmp_path / (name + ".gz")).write_bytes(gzip.compress(text.encode()))
    plain = sorted(tmp_path.glob("*.log"))
    monkeypatch.setattr(engine, "BLOCK_LINES", 64)   # many blocks: the block seams are tried
    monkeypatch.setattr(engine, "CHUNK", 4096)       # many chunks: the chunk seams too
    by_bytes = _summary(diagnose(plain))
    by_lines = _summary(diagnose(sorted(tmp_path.glob("*.gz"))))
    assert by_bytes[0] == rule_step(fault_id)
    assert by_lines[:2] == by_bytes[:2]
    assert [[w.replace(".log.gz", ".log") for w in ev] for ev in by_lines[2]] == by_bytes[2]
    monkeypatch.setattr(accelerated, "GREP_FROM", 0)
    if shutil.which("grep"):
        monkeypatch.setattr(diagnosing, "_fast_scan", lambda size: accelerated.scan_with_grep)
        assert _summary(diagnose(plain)) == by_bytes
    if hyperscanned.available():
        monkeypatch.setattr(diagnosing, "_fast_scan",
                            lambda size: hyperscanned.scan_with_hyperscan)
        assert _summary(diagnose(plain)) == by_bytes
        monkeypatch.setattr(hyperscanned, "BLOCK", 4096)  # many blocks: their seams are tried
        assert _summary(diagnose(plain)) == by_bytes


def test_large_files_take_hyperscan_when_it_loads_else_grep(monkeypatch):
    big = accelerated.GREP_FROM
    assert diagnosing._fast_scan(big - 1) is None
    expected = (hyperscanned.scan_with_hyperscan if hyperscanned.available()
                else accelerated.scan_with_grep if shutil.which("grep") else None)
    assert diagnosing._fast_scan(big) is expected
    monkeypatch.setattr(hyperscanned, "available", lambda: False)
    monkeypatch.setattr(accelerated, "grep", lambda: None)
    assert diagnosing._fast_scan(big) is None


@pytest.mark.skipif(not hyperscanned.available(), reason="hyperscan does not load here")
def test_hyperscan_blocks_cut_a_line_longer_than_a_block(tmp_path, monkeypatch):
    """A line longer than a block is cut anyway; an anchor across the cut is found once, and
    the lines after it keep their numbers."""
    monkeypatch.setattr(hyperscanned, "BLOCK", 1024)
    logs = _logs("keys-regen-expc-stale")
    name, text = sorted(logs.items())[0]
    path = tmp_path / name
    # the anchor repeated along a 4 kB line: some of them straddle a cut
    path.write_text("x" * 1000 + "User lookup failure " * 150 + "\n" + text, encoding="utf-8")
    fast, slow = _fast_and_slow(path, monkeypatch)
    assert _summary(fast) == _summary(slow)


def rule_step(fault_id: str) -> str:
    from uclab.diagnose import rule

    return rule(faults.get(fault_id).signature).step


_PIECES = ["User lookup failure", "Access Token accepted", "HTTP/1.1 401", "SyncKeys",
           "mechanism=\"PLAIN\"", "<clusterUser", "unknown kid", "x", " ", "\n", "\n\n",
           "2026-12-03T10:00:00.000+00:00 expc tvcs: Module=\"network.http\" Level=\"INFO\" "]


@pytest.mark.skipif(not hyperscanned.available(), reason="hyperscan does not load here")
@settings(max_examples=30, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(parts=st.lists(st.sampled_from(_PIECES), max_size=300),
       block=st.integers(min_value=64, max_value=2048),
       span=st.integers(min_value=1, max_value=1024))
def test_hyperscan_and_the_python_scan_agree_on_any_soup_of_anchors(parts, block, span,
                                                                     tmp_path, monkeypatch):
    """Anchors, seams and lines of any length: the one-pass scan keeps what the byte scan
    keeps, at the same line numbers, whatever the block size and context span."""
    path = tmp_path / "soup.log"
    path.write_text("".join(parts), encoding="utf-8")
    monkeypatch.setattr(hyperscanned, "BLOCK", block)
    monkeypatch.setattr(hyperscanned, "SPAN", span)
    fast, slow = _fast_and_slow(path, monkeypatch)
    assert _summary(fast) == _summary(slow)
    assert fast.inputs[0].lines == slow.inputs[0].lines


#: step anchors (some on every few lines of a healthy log, matched for their first line only),
#: one that is also a trigger, a trigger, and filler
_STEP_SOUP = ["XCP_JABBERD", "/cucm-uds/", "Access Token accepted", "OAuthcb", "SIPMSG:",
              "grant_type=refresh_token", "User lookup failure", "z" * 30, " ", "\n", "\n"]


@pytest.mark.skipif(not hyperscanned.available(), reason="hyperscan does not load here")
@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(parts=st.lists(st.sampled_from(_STEP_SOUP), max_size=400),
       block=st.integers(min_value=64, max_value=1024))
def test_hyperscan_finds_the_first_line_of_each_step_in_any_block(parts, block, tmp_path,
                                                                   monkeypatch):
    """A step's anchor is matched for its first occurrence only in each block
    (HS_FLAG_SINGLEMATCH): each step is still reached at the line the byte scan names, and a
    step anchor that is also a trigger is still fed at every line."""
    path = tmp_path / "steps.log"
    path.write_text("".join(parts), encoding="utf-8")
    monkeypatch.setattr(hyperscanned, "BLOCK", block)
    fast, slow = _fast_and_slow(path, monkeypatch)
    assert _summary(fast) == _summary(slow)
    if shutil.which("grep"):  # every trigger hit kept, as grep's offsets keep them
        assert _collected(path, hyperscanned._hits) == _collected(path, accelerated._grep_hits)


def _collected(path, hits):
    from pathlib import Path

    from uclab.diagnose import rules, steps

    scan = engine.FileScan(str(path))
    with Path(path).open("rb") as f:
        kept = hits(f, path, engine._Anchors(rules(), steps()), steps(), scan, False).finish()
    return kept, scan.lines, {k: v.where for k, v in scan.steps.items()}


@pytest.mark.parametrize("scan", ["grep", "hyperscan"])
def test_a_hit_on_a_long_line_gets_its_whole_line_as_evidence(scan, tmp_path, monkeypatch):
    """Records are read 8 kB each side of a hit first: a longer line is read again, whole."""
    if scan == "grep" and not shutil.which("grep") or (
            scan == "hyperscan" and not hyperscanned.available()):
        pytest.skip(f"no {scan} here")
    logs = _logs("ldap-user-deactivated")
    name, text = sorted(logs.items())[-1]
    # the evidence line, padded 20 kB on both sides of its anchors
    lines = [line.replace(" - ", " - " + "y" * 20000 + " ").replace("\n", " " + "z" * 20000 + "\n")
             if "handleRefreshTokenFailure" in line else line
             for line in text.splitlines(keepends=True)]
    path = tmp_path / name
    path.write_text("".join(lines), encoding="utf-8")
    monkeypatch.setattr(accelerated, "GREP_FROM", 1 << 40)
    slow = diagnose([path])
    monkeypatch.setattr(accelerated, "GREP_FROM", 0)
    fast_scan = (accelerated.scan_with_grep if scan == "grep"
                 else hyperscanned.scan_with_hyperscan)
    monkeypatch.setattr(diagnosing, "_fast_scan", lambda size: fast_scan)
    fast = diagnose([path])
    assert _summary(fast) == _summary(slow)
    # evidence is shown cut, with the length of the whole line
    assert any(int(m.group(1)) > 40000 for f in slow.findings for e in f.evidence
               if (m := re.search(r"\[(\d+) chars\]$", e.line)))
    assert [[e.line for e in f.evidence] for f in fast.findings] == [
        [e.line for e in f.evidence] for f in slow.findings]


_CONTEXT_SOUP = ["Access Token accepted", "SyncKeys", "<clusterUser", "x" * 40, "\n", "\n",
                 "\n", "y", "grant_type=authorization_code"]


def _kept(path, monkeypatch, span):
    monkeypatch.setattr(hyperscanned, "SPAN", span)
    return _collected(path, hyperscanned._hits)


def _kept_as_when_every_hit_is_fed(path, monkeypatch, *, block, span, ring):
    """What the Hyperscan collector keeps of ``path`` with these sizes, asserted to be what it
    keeps when the span covers every block and (where grep runs) what grep's offsets keep."""
    monkeypatch.setattr(hyperscanned, "BLOCK", block)
    for module in (engine, accelerated, hyperscanned):
        monkeypatch.setattr(module, "RING", ring)
    kept = _kept(path, monkeypatch, span)
    assert kept == _kept(path, monkeypatch, 1 << 40)
    if shutil.which("grep"):
        assert kept == _collected(path, accelerated._grep_hits)
    return kept


@pytest.mark.skipif(not hyperscanned.available(), reason="hyperscan does not load here")
@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(parts=st.lists(st.sampled_from(_CONTEXT_SOUP * 6 + ["User lookup failure",
                                                             "2026-12-03 Successful "
                                                             "authorization\n"]),
                      max_size=600),
       block=st.integers(min_value=128, max_value=4096),
       span=st.integers(min_value=1, max_value=600), ring=st.integers(min_value=1, max_value=6))
def test_hyperscan_context_spans_keep_what_the_whole_block_keeps(parts, block, span, ring,
                                                                 tmp_path, monkeypatch):
    """Blocks without a trigger are matched for the context anchors only at the start of one
    that follows a trigger, and read again back from the next trigger (or the file's end):
    the collector keeps the same lines, at the same numbers, as when every hit is fed (grep's
    offsets feed every hit)."""
    path = tmp_path / "context.log"
    path.write_bytes("".join(parts).encode())
    _kept_as_when_every_hit_is_fed(path, monkeypatch, block=block, span=span, ring=ring)


@pytest.mark.skipif(not hyperscanned.available(), reason="hyperscan does not load here")
@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(lines=st.lists(st.sampled_from(["z" * 300 + "\n"] * 30 + ["Access Token accepted\n",
                                                                   "SyncKeys <clusterUser\n",
                                                                   "User lookup failure\n"]),
                      max_size=300),
       ring=st.integers(min_value=1, max_value=6))
def test_hyperscan_sparse_context_is_read_back_over_several_windows(lines, ring, tmp_path,
                                                                     monkeypatch):
    """Context lines far apart (long lines between them, more than a block): the region
    before a trigger is read back window by window, each at most a block, and the lines it
    keeps are numbered on across the windows."""
    path = tmp_path / "sparse.log"
    path.write_bytes("".join(lines).encode())
    _kept_as_when_every_hit_is_fed(path, monkeypatch, block=1024, span=64, ring=ring)


@pytest.mark.skipif(not hyperscanned.available(), reason="hyperscan does not load here")
@pytest.mark.parametrize("tail", ["User lookup failure\n",
                                  "y" * 20 + "Access Token accepted" + "y" * 120])
def test_hyperscan_reads_back_over_a_line_longer_than_a_block(tail, tmp_path, monkeypatch):
    """A block holds lines up to twice the longest anchor, which can be more than BLOCK: a
    window read back that holds no whole line grows past BLOCK (it went round for ever), and
    one in a last line with no newline is not matched from inside that line (an anchor
    across the window's start would be lost)."""
    path = tmp_path / "long.log"
    path.write_text("Access Token accepted\n" + "y" * 170 + "\n" + tail)
    signal.signal(signal.SIGALRM, lambda *_: pytest.fail("the read-back did not end"))
    signal.alarm(60)
    try:
        kept = _kept_as_when_every_hit_is_fed(path, monkeypatch, block=128, span=64, ring=4)
    finally:
        signal.alarm(0)
    assert [number for number, _, _ in kept[0]] == [1, 3]


@pytest.mark.skipif(not hyperscanned.available(), reason="hyperscan does not load here")
@pytest.mark.parametrize("ring", range(1, 7))
def test_hyperscan_blocks_each_with_a_trigger_feed_no_line_twice(ring, tmp_path, monkeypatch):
    """A trigger in every block: each block is fed whole, and the catch-up before the next
    one reads nothing already fed (the lines kept are grep's, none of them twice)."""
    lines = []
    for i in range(40):
        lines += [f"Access Token accepted {i}\n"] * 5 + ["User lookup failure\n"]
        lines += ["z" * 100 + "\n"] * 5
    path = tmp_path / "dense.log"
    path.write_text("".join(lines))
    kept = _kept_as_when_every_hit_is_fed(path, monkeypatch, block=1024, span=64, ring=ring)
    numbers = [number for number, _, _ in kept[0]]
    assert numbers == sorted(set(numbers))


@pytest.mark.skipif(not hyperscanned.available(), reason="hyperscan does not load here")
@pytest.mark.parametrize("trigger_at", range(150, 170))
def test_hyperscan_context_span_at_a_block_start_keeps_the_lines_pinned_by_a_trigger(
        trigger_at, tmp_path, monkeypatch):
    """A trigger near a block's end pins the context lines after it, in the next block: the
    span at that block's start keeps them."""
    lines = [f"Access Token accepted {i:04d}\n" for i in range(600)]
    lines.insert(trigger_at, "User lookup failure\n")  # 27-byte lines: near the 4 kB cut
    path = tmp_path / "pinned.log"
    path.write_bytes("".join(lines).encode())
    kept = _kept_as_when_every_hit_is_fed(path, monkeypatch, block=4096, span=64, ring=4)
    numbers = [number for number, _, _ in kept[0]]
    assert numbers[:9] == list(range(trigger_at - 3, trigger_at + 6))  # 4, trigger, 4


@pytest.mark.parametrize("scan", ["grep", "hyperscan"])
def test_a_product_first_seen_past_the_head_is_listed(scan, tmp_path, monkeypatch):
    """Past the first lines (parsed whole), products are counted from the records read for
    the hits: Jabber lines after 2,000 Expressway lines are still named."""
    if scan == "grep" and not shutil.which("grep") or (
            scan == "hyperscan" and not hyperscanned.available()):
        pytest.skip(f"no {scan} here")
    logs = _logs("keys-regen-expc-stale")
    expressway = logs["expc.example.com.log"]
    path = tmp_path / "mixed.log"
    path.write_text(expressway * (engine.HEAD_LINES // expressway.count("\n") + 1)
                    + logs["jabber-alice.pc.log"], encoding="utf-8")
    monkeypatch.setattr(accelerated, "GREP_FROM", 0)
    fast_scan = (accelerated.scan_with_grep if scan == "grep"
                 else hyperscanned.scan_with_hyperscan)
    monkeypatch.setattr(diagnosing, "_fast_scan", lambda size: fast_scan)
    report = diagnose([path])
    assert report.inputs[0].products[0] == "expressway"
    assert "jabber" in report.inputs[0].products


@pytest.mark.parametrize("size", [65, 4096, 123457, hyperscanned.BLOCK])
def test_the_block_buffer_starts_on_a_64_byte_boundary(size):
    """The kernel's copy into a misaligned buffer is several times slower on some CPUs (a
    buffer under 65 bytes is reallocated when cut, and may not be aligned: no matter)."""
    import ctypes

    buffer = hyperscanned._aligned(size)
    assert len(buffer) == size
    assert ctypes.addressof(ctypes.c_char.from_buffer(buffer)) % 64 == 0
