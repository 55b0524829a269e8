"""Deciding the rules on one file's scan (:class:`uclab.diagnose.engine.FileScan`): a rule
matches a hit when one of its patterns is in the hit's record and its conditions hold
(``all`` in the same record, ``in_file`` anywhere in the file, ``unless_later`` not in a later
hit, its ``check``; see ``rules/catalogue.toml``)."""

from __future__ import annotations

from collections.abc import Sequence

from uclab.diagnose.checks import CHECKS
from uclab.diagnose.engine import FileScan, shown
from uclab.diagnose.report import Evidence
from uclab.diagnose.ruleset import Rule
from uclab.trace.parsing import Record

__all__ = ["evaluate"]


def evaluate(scan: FileScan, rules: Sequence[Rule], *, reveal: bool = False
             ) -> dict[str, list[Evidence]]:
    """rule id -> the evidence lines of each record of this file the rule matches."""
    out: dict[str, list[Evidence]] = {}
    hits = scan.hits
    for hit in hits:
        text = hit.text
        for rule in rules:
            if rule.kind != "match":
                continue
            pattern = next((p for p in rule.patterns if p in text), None)
            if pattern is None or not all(a in text for a in rule.all):
                continue
            if rule.in_file and not all(any(a in h.text for h in hits) for a in rule.in_file):
                continue
            if rule.unless_later and any(all(a in h.text for a in rule.unless_later)
                                         for h in hits[hit.index + 1:]):
                continue
            if rule.check and not CHECKS[rule.check](hit, hits):
                continue
            out.setdefault(rule.id, []).append(_evidence(hit.record, pattern, reveal))
    return out


def _evidence(record: Record, pattern: str, reveal: bool) -> Evidence:
    for offset, line in enumerate(record.lines):
        if pattern in line:
            return Evidence(f"{record.source}:{record.line + offset}", shown(line, reveal))
    # the pattern spans lines (a wrapped record): show the first line, cite the record
    return Evidence(record.where, shown(record.lines[0] if record.lines else "", reveal))
