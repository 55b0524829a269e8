"""Evidence, computed from the fault: what each tool shows with the fault in place that it does
not show once the catalogue's own fix is applied (the same seed, the same steps; for a tool that
shows a file's or table's past, such as CiscoSyslog, what a working lab's does not show), and the
cheapest set of tools whose evidence tells the fault apart from every other fault a user would
report in the same words.

Lines are compared in a *normalised* form (times, ids, checksums, pids and ports replaced by
placeholders), so that two runs of the same situation agree and only a real difference counts.
Nothing here names a fault: every table is built by running the catalogue.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from functools import lru_cache

from uclab.drill.tools import TOOLS, Scene, run_tool
from uclab.faults import FAULTS, Fault, sign_in_and_use
from uclab.lab import Lab

_NORMALISE = (
    (re.compile(r"\d{4}-\d\d-\d\d[T ]\d\d:\d\d:\d\d(?:[.,]\d+)?(?:[+-]\d\d:\d\d|Z)?"), "<time>"),
    (re.compile(r"\b[A-Z][a-z]{2} [ \d]\d(?: \d{4})? \d\d:\d\d:\d\d(?:\.\d+)?\b"), "<time>"),
    (re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"), "<uuid>"),
    (re.compile(r"[0-9a-f-]*…[0-9a-f]*"), "<hex>"),
    (re.compile(r"\b(?:0x)?[0-9a-fA-F]{8,}\b"), "<hex>"),
    (re.compile(r"((?:Txn-id|Src-port|Dst-port|seq|pid)=?\"?) ?\d+"), r"\1#"),
    (re.compile(r"\[\d+\]"), "[#]"),
    (re.compile(r"\(pid \d+\)"), "(pid #)"),
    (re.compile(r" : \d+: "), " : #: "),
    (re.compile(r"(conauth|jtx_)\d+"), r"\1#"),
)


#: what a tool prints when it has nothing: an absence, not a line that shows something
_PLACEHOLDERS = {"(no lines)", "(no packets)"}


def normalise(line: str) -> str:
    """A line with its run-specific values (times, ids, checksums, pids, ports) replaced."""
    for pattern, repl in _NORMALISE:
        line = pattern.sub(repl, line)
    return line.strip()


#: an investigation with its node: ("show-key", "imp-pub"), ("mra-page", "")
Probe = tuple[str, str]


def label(probe: Probe) -> str:
    return f"{probe[0]} {probe[1]}".strip()


def minutes(probes: tuple[Probe, ...] | list[Probe]) -> int:
    return sum(TOOLS[p[0]].minutes for p in probes)


def _outputs(fault: Fault, seed: int | str | None, repaired: bool) -> dict[Probe, str]:
    """Every read-only tool, then one reproduction's tools, on a fresh drill of ``fault``."""
    lab = fault.build(seed)
    if repaired:
        fault.repair(lab)
    return _run_all(Scene(lab, fault.probe, len(lab.logs), len(lab.exchanges)))


@lru_cache(maxsize=16)
def _working(seed: int | str | None, options: tuple[tuple[str, str], ...]) -> dict[Probe, str]:
    """The history tools on a working lab where the user signed in and used Jabber."""
    lab = Lab(seed=seed, **dict(options))
    lab.configure_oauth()
    scene = Scene(lab, sign_in_and_use, len(lab.logs), len(lab.exchanges))
    return {p: text for p, text in _run_all(scene).items() if TOOLS[p[0]].history}


def _run_all(scene: Scene) -> dict[Probe, str]:
    lab = scene.lab
    scene.reproduce()  # what the user reported
    out: dict[Probe, str] = {}
    order = sorted(TOOLS.values(), key=lambda t: t.reproduces)  # read-only tools first
    for tool in order:
        if tool.changes_state:
            continue
        for node in tool.node_names(lab) or [""]:
            out[(tool.id, node)] = run_tool(tool, scene, node)
    return out


@dataclass(frozen=True)
class FaultEvidence:
    """For one fault and seed: per investigation, the lines that show the fault."""

    fault_id: str
    outputs: dict[Probe, str]
    lines: dict[Probe, tuple[str, ...]]

    def signature(self, probe: Probe) -> frozenset[str]:
        """The whole output of ``probe``, normalised: what two faults are compared on."""
        return frozenset(normalise(ln) for ln in self.outputs.get(probe, "").splitlines())

    def evidence_signature(self, probe: Probe) -> frozenset[str]:
        """The evidence lines of ``probe``, normalised."""
        return frozenset(normalise(ln) for ln in self.lines.get(probe, ()))

    @property
    def showing(self) -> list[Probe]:
        """The investigations whose output shows some evidence, cheapest first."""
        return sorted((p for p, ls in self.lines.items() if ls),
                      key=lambda p: (TOOLS[p[0]].minutes, label(p)))


@lru_cache(maxsize=64)
def evidence(fault_id: str, seed: int | str | None = 1) -> FaultEvidence:
    """What each investigation shows with ``fault_id`` in place and not after its fix."""
    fault = FAULTS[fault_id]
    broken = _outputs(fault, seed, repaired=False)
    fixed = _outputs(fault, seed, repaired=True)
    working = _working(seed, fault.lab_options)
    lines: dict[Probe, tuple[str, ...]] = {}
    for probe, text in broken.items():
        baseline = working if TOOLS[probe[0]].history else fixed
        healthy = {normalise(ln) for ln in baseline.get(probe, "").splitlines()}
        lines[probe] = tuple(ln for ln in text.splitlines()
                             if ln.strip() and normalise(ln) not in healthy
                             and normalise(ln) not in _PLACEHOLDERS)
    return FaultEvidence(fault_id, broken, lines)


def distinguishing(own: FaultEvidence, rival: FaultEvidence, probe: Probe) -> tuple[str, ...]:
    """The lines of ``own``'s output for ``probe`` that ``rival``'s output does not have."""
    theirs = rival.signature(probe)
    return tuple(ln for ln in own.outputs.get(probe, "").splitlines()
                 if ln.strip() and normalise(ln) not in theirs)


def tells_apart(a: FaultEvidence, b: FaultEvidence, probes: tuple[Probe, ...],
                whole: bool = False) -> bool:
    """Whether one of ``probes`` (run on both labs) shows ``a`` and ``b`` differently: their
    evidence lines, or with ``whole`` their whole outputs."""
    for p in probes:
        if p not in a.outputs or p not in b.outputs:
            continue
        if whole and a.signature(p) != b.signature(p):
            return True
        if not whole and a.evidence_signature(p) != b.evidence_signature(p):
            return True
    return False


def shortest_path(fault_id: str, rivals: list[str], seed: int | str | None = 1,
                  longest: int = 3) -> tuple[Probe, ...]:
    """The fewest-minute set of investigations (cheapest first) that shows ``fault_id``'s
    evidence and tells it apart from each of ``rivals``: by their evidence lines if any set of up
    to ``longest`` does, else by their whole outputs; () if neither does."""
    own = evidence(fault_id, seed)
    others = [evidence(r, seed) for r in rivals if r != fault_id]
    rank = {p: i for i, p in enumerate(own.showing)}
    candidates = own.showing + sorted(set(own.outputs) - set(own.showing),
                                      key=lambda p: (TOOLS[p[0]].minutes, label(p)))
    for whole in (False, True):
        pool = candidates if whole else own.showing
        best: tuple[Probe, ...] = ()
        best_key: tuple[int, int] | None = None
        for size in range(1, longest + 1):
            for combo in itertools.combinations(pool, size):
                key = (minutes(combo), sum(rank.get(p, 99) for p in combo))
                if best_key is not None and key >= best_key:
                    continue
                if not any(own.lines.get(p) for p in combo):
                    continue
                if all(tells_apart(own, o, combo, whole) for o in others):
                    best, best_key = combo, key
        if best:
            return tuple(sorted(best, key=lambda p: (TOOLS[p[0]].minutes, label(p))))
    return ()
