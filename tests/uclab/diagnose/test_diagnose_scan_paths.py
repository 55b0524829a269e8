"""The three ways a file is scanned give the same report: decoded lines through
uclab.trace.reading (pasted text, bundles), the pure-Python byte scan (plain files), and the
grep-accelerated scan (large plain files, grep on the PATH)."""

import gzip
import shutil

import pytest

from uclab import faults
from uclab.diagnose import accelerated, diagnose, engine


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
    if shutil.which("grep"):
        monkeypatch.setattr(accelerated, "GREP_FROM", 0)
        assert _summary(diagnose(plain)) == by_bytes


def rule_step(fault_id: str) -> str:
    from uclab.diagnose import rule

    return rule(faults.get(fault_id).signature).step
