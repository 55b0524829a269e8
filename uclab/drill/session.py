"""A drill: a hidden fault, the user's report, investigations that cost minutes, an answer that
is applied to the lab, and the grade with its report card."""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field

from uclab import facts
from uclab.core.entropy import Entropy
from uclab.core.errors import ConfigError, UclabError
from uclab.drill.evidence import distinguishing, evidence, label, minutes, normalise
from uclab.drill.menu import (
    FIXES,
    HERRINGS,
    POOL,
    Fix,
    Herring,
    fix_of,
    resolve_cause,
    resolve_fix,
)
from uclab.drill.tools import TOOLS, Scene, check_node, get_tool, run_tool
from uclab.drill.triage import rivals, row_of, user_says
from uclab.faults import FAULTS, Fault
from uclab.lab import Lab


@dataclass
class Step:
    """One action of the learner: what ran, on which node, its output, its minutes."""

    action: str
    node: str
    output: str
    minutes: int
    fix_attempt: bool = False

    @property
    def label(self) -> str:
        return f"{self.action} {self.node}".strip()


@dataclass
class Grade:
    cause_right: bool
    fix_right: bool
    login_works: bool
    actions: int
    minutes: int
    herrings_chased: int
    fixed_by_attempt: str
    card: str = field(repr=False)

    @property
    def solved(self) -> bool:
        return self.cause_right and self.login_works


class Drill:
    """One blind troubleshooting drill (see :func:`start`). The fault stays hidden (``fault``
    refuses) until :meth:`answer` has run."""

    def __init__(self, seed: int | str | None, fault: Fault, herring: Herring | None) -> None:
        self.seed = seed
        self._fault = fault
        self._herring = herring
        lab = fault.build(seed)
        if herring is not None:
            herring.apply(lab)
        self.lab = lab
        self.scene = Scene(lab, fault.probe, len(lab.logs), len(lab.exchanges))
        self.report_outcome = self.scene.reproduce()
        self.report = user_says(self.report_outcome)
        self.steps: list[Step] = []
        self.grade: Grade | None = None

    def __repr__(self) -> str:
        state = "answered" if self.grade else "open"
        return f"Drill(seed={self.seed!r}, {len(self.steps)} actions, {self.minutes} min, {state})"

    # -- what the learner may see --------------------------------------------------------------
    @property
    def minutes(self) -> int:
        return sum(s.minutes for s in self.steps)

    def menu(self) -> str:
        """The actions with their nodes and minutes, then the fixes."""
        lines = ["Actions (minutes):"]
        for tool in TOOLS.values():
            nodes = tool.node_names(self.lab)
            where = f" NODE: {', '.join(nodes)}" if nodes else ""
            lines.append(f"  {tool.id:<16} {tool.minutes:>3}  {tool.title}{where}")
        lines.append("Fixes (answer CAUSE FIX):")
        lines += [f"  {f.id:<4} {f.text}" for f in FIXES.values()]
        return "\n".join(lines)

    @property
    def fault(self) -> Fault:
        if self.grade is None:
            raise ConfigError("the cause stays hidden until you answer (drill.answer(CAUSE, FIX))")
        return self._fault

    @property
    def herring(self) -> Herring | None:
        """The red herring (None if there is none); hidden until the answer like the fault."""
        if self.grade is None:
            raise ConfigError("the red herring stays hidden until you answer")
        return self._herring

    # -- actions ---------------------------------------------------------------------------
    def do(self, action: object, node: object = None) -> Step:
        """Run one investigation; its output is what that tool shows, masked."""
        if self.grade is not None:
            raise ConfigError("this drill is answered; start a new one")
        tool = get_tool(action)
        name = check_node(tool, self.lab, node)
        with self.lab.lock:
            output = run_tool(tool, self.scene, name)
        step = Step(tool.id, name, output, tool.minutes, fix_attempt=tool.changes_state)
        self.steps.append(step)
        return step

    def marked(self, step: Step) -> str:
        """After the answer: ``step``'s output with the evidence lines marked ``» ``."""
        if self.grade is None:
            raise ConfigError("the evidence is marked after you answer")
        wanted = {normalise(ln) for ln in
                  evidence(self._fault.id, self.seed).lines.get((step.action, step.node), ())}
        return "\n".join(("» " if normalise(ln) in wanted and ln.strip() else "  ") + ln
                         for ln in step.output.splitlines())

    # -- the answer ------------------------------------------------------------------------------
    def answer(self, cause: object, fix: object) -> Grade:
        """Name a cause and a fix; the fix is applied to the lab and the user tries again."""
        if self.grade is not None:
            raise ConfigError("this drill is already answered")
        named = resolve_cause(cause)
        chosen = resolve_fix(fix, named)
        with self.lab.lock:
            applied = _apply(chosen, self.lab)
            outcome = self.scene.reproduce()
        fault = self._fault
        fix_right = _fixes_fresh(fault, self.seed, chosen)
        attempt = next((s.label for s in self.steps if s.fix_attempt and
                        _fixes_fresh(fault, self.seed, None, s.action)), "")
        chased = 1 if chosen.herring else 0
        card = self._card(named, chosen, applied, bool(outcome), fix_right, attempt, chased)
        self.grade = Grade(named.id == fault.id, fix_right, bool(outcome), len(self.steps),
                           self.minutes + int(facts.MINUTES_FIX), chased, attempt, card)
        return self.grade

    def _card(self, named: Fault, chosen: Fix, applied: str, works: bool, fix_right: bool,
              attempt: str, chased: int) -> str:
        fault, seed = self._fault, self.seed
        path = row_of(fault.id, seed).tools[fault.id]
        own = evidence(fault.id, seed)
        lines = [f"Report card (seed {seed!r})",
                 f"  The user said: {self.report}",
                 f"  The cause: {fault.id} — {fault.title} ({fault.component}; source "
                 f"{fault.source})",
                 f"  You named: {named.id} — {'right' if named.id == fault.id else 'wrong'}",
                 f"  Your fix: {chosen.id} {chosen.text}{applied}",
                 f"  After your fix the user tried again: {'it works' if works else 'it fails'}"
                 f"; the fix {'repairs' if fix_right else 'does not repair'} this fault",
                 f"  The catalogue's fix: {fix_of(fault).id} {fault.fix}",
                 f"  Actions: {len(self.steps)}, {self.minutes} min (+{facts.MINUTES_FIX} for "
                 f"the fix): {', '.join(s.label for s in self.steps) or 'none'}"]
        if attempt:
            lines.append(f"  Your '{attempt}' was a fix attempt and repaired the fault before "
                         "you answered")
        herring = self._herring
        if herring is not None:
            looked = any(s.action == herring.shows_in for s in self.steps)
            lines.append(f"  Red herring (harmless, lab-only): {herring.what}; shown by "
                         f"{herring.shows_in}; you {'saw' if looked else 'did not see'} it"
                         f"{', and chased it' if chased else ''}")
        elif chased:
            lines.append("  Your fix reverted a harmless setting: there was no red herring")
        lines.append(f"  Shortest path: {', '.join(label(p) for p in path) or '(none)'} "
                     f"({minutes(path)} min)")
        others = [evidence(r, seed) for r in rivals(fault.id, seed) if r != fault.id]
        for probe in path:
            shown = own.lines.get(probe) or tuple(dict.fromkeys(
                ln for o in others for ln in distinguishing(own, o, probe)))
            for ln in shown[:4]:
                lines.append(f"    [{label(probe)}] {ln.strip()[:200]}")
        also = [p for p in own.showing if p not in path and p[0] != "test-login"][:3]
        if also:
            lines.append("  The evidence also shows in:")
            lines += [f"    [{label(p)}] {own.lines[p][-1].strip()[:200]}" for p in also]
        seen = [s.label for s in self.steps
                if _shows(s, own.lines.get((s.action, s.node), ()))]
        lines.append(f"  Your actions that showed evidence: {', '.join(seen) or 'none'}")
        lines.append(f"  Triage map: {row_of(fault.id, seed).name}")
        return "\n".join(lines)


def _shows(step: Step, lines: tuple[str, ...]) -> bool:
    wanted = {normalise(ln) for ln in lines}
    return bool(wanted & {normalise(ln) for ln in step.output.splitlines()})


def _apply(fix: Fix, lab: Lab) -> str:
    try:
        fix.apply(lab)
    except UclabError as exc:
        return f" (could not be applied: {' '.join(str(exc).split())[:160]})"
    return ""


def _fixes_fresh(fault: Fault, seed: int | str | None, fix: Fix | None,
                 action: str = "") -> bool:
    """Whether ``fix`` (or the state-changing ``action``) repairs ``fault`` on a fresh lab."""
    lab = fault.build(seed)
    scene = Scene(lab, fault.probe, len(lab.logs), len(lab.exchanges))
    scene.reproduce()
    try:
        if fix is not None:
            fix.apply(lab)
        else:
            TOOLS[action].run(scene, "")
    except UclabError:
        return False
    return bool(scene.reproduce())


def start(seed: int | str | None = 1, *, random_fault: bool = False,
          red_herring: bool | str | None = None) -> Drill:
    """A drill with a hidden fault drawn by ``seed`` (or by the OS with ``random_fault``).

    ``red_herring``: None draws whether there is one (by the seed, or the OS); True always one;
    False none; a herring id that one (:data:`uclab.drill.menu.HERRINGS`)."""
    if seed is not None and (isinstance(seed, bool) or not isinstance(seed, int | str)):
        raise ConfigError(f"seed must be an int or a string (got {type(seed).__name__})")
    if not isinstance(random_fault, bool):
        raise ConfigError(f"random_fault is True or False (got {random_fault!r})")
    if red_herring is not None and not isinstance(red_herring, bool | str):
        raise ConfigError(f"red_herring is None, True, False or one of: {', '.join(HERRINGS)}")
    if isinstance(red_herring, str) and red_herring not in HERRINGS:
        raise ConfigError(f"unknown red herring {red_herring!r}; herrings: {', '.join(HERRINGS)}")
    if random_fault or seed is None:
        pick = secrets.SystemRandom().randrange
    else:
        rng = Entropy(seed).child("drill")
        pick = rng.below
    fault = FAULTS[POOL[pick(len(POOL))]]
    herring_ids = list(HERRINGS)
    if isinstance(red_herring, str):
        herring = HERRINGS[red_herring]
    elif red_herring is False:
        herring = None
    else:
        roll = pick(2 * len(herring_ids))
        if red_herring is True:
            roll %= len(herring_ids)
        herring = HERRINGS[herring_ids[roll]] if roll < len(herring_ids) else None
    return Drill(seed, fault, herring)


def drill_for(fault_id: str, seed: int | str | None = 1, herring: str | None = None) -> Drill:
    """A drill with a chosen fault (for tests and trainers; the fault is not hidden from you)."""
    fault = FAULTS.get(fault_id) if isinstance(fault_id, str) else None
    if fault is None:
        raise ConfigError(f"unknown fault {fault_id!r}; known faults: {', '.join(FAULTS)}")
    if herring is not None and herring not in HERRINGS:
        raise ConfigError(f"unknown red herring {herring!r}; herrings: {', '.join(HERRINGS)}")
    return Drill(seed, fault, HERRINGS[herring] if herring else None)
