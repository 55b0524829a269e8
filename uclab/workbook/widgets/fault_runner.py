"""The fault panel: pick a fault of :data:`uclab.faults.FAULTS` (or the working lab), run the
login, see the outcome, the hops, the log lines and the ladder, then apply the real fix.

Every decision is the fault's own (``build``, ``probe``, ``shows``, ``repair``); the panel only
calls it and shows the result. Used in: notebooks/00 and 06-08.
"""

from __future__ import annotations

import html
import threading
from typing import Any

import ipywidgets as widgets

from uclab import facts
from uclab.core.errors import UclabError
from uclab.core.wire import Exchange
from uclab.faults import FAULTS, Fault, sign_in_and_use
from uclab.lab import Lab
from uclab.sim.jabber.client import Outcome
from uclab.trace.hop_text import summary
from uclab.trace.logline import LogLine
from uclab.workbook.views.log_fold import folded_log
from uclab.workbook.widgets.output import set_status, show_html, show_ladder, show_text

WORKING_LAB = "no fault (working lab)"


class FaultPanel(widgets.VBox):
    """Pick a fault from :data:`uclab.faults.FAULTS`, run the login, apply the real fix.

    Drive it without clicks: ``select(fault_id)``, ``run()``, ``fix()``; read ``lab``,
    ``outcome``, ``exchanges``, ``figure`` and ``status`` (an HTML widget).
    """

    def __init__(self, seed: int = 1) -> None:
        self.seed = seed
        self.lock = threading.RLock()
        self.lab: Lab | None = None
        self.outcome: Outcome | None = None
        self.exchanges: list[Exchange] = []
        self.figure: Any = None
        self.dropdown = widgets.Dropdown(
            options=[(WORKING_LAB, "")] + [(f.title, f.id) for f in FAULTS.values()],
            value="", description="Fault", layout=widgets.Layout(width="95%"))
        self.details = widgets.HTML()
        self.run_button = widgets.Button(description="Run login", icon="play",
                                         button_style="primary")
        self.fix_button = widgets.Button(description="Apply the fix", icon="wrench")
        self.status = widgets.HTML()
        self.output = widgets.Output()
        self.ladder_output = widgets.Output()
        self.logs_output = widgets.Output(layout=widgets.Layout(max_height="360px",
                                                                overflow="auto"))
        logs = widgets.Accordion(children=[self.logs_output],
                                 titles=("Log lines written during the login (secrets "
                                         "concealed)",))
        super().__init__(children=[self.dropdown, self.details,
                                   widgets.HBox([self.run_button, self.fix_button]),
                                   self.status, self.output, self.ladder_output, logs])
        self.dropdown.observe(self._on_select, names="value")
        self.run_button.on_click(lambda _: self.run())
        self.fix_button.on_click(lambda _: self.fix())
        self._describe()
        set_status(self.status, "Pick a fault (or the working lab) and press 'Run login'.")

    def __repr__(self) -> str:
        return f"FaultPanel(fault={self.dropdown.value or None!r}, seed={self.seed!r})"

    @property
    def fault(self) -> Fault | None:
        """The selected fault (None: the working lab)."""
        return FAULTS.get(self.dropdown.value) if self.dropdown.value else None

    # -- selection ---------------------------------------------------------------------------
    def select(self, fault_id: str | None) -> bool:
        """Select a fault by id (``None`` or ``""``: the working lab); an unknown id is named in
        the status and changes nothing."""
        value = fault_id or ""
        if not isinstance(value, str) or (value and value not in FAULTS):
            set_status(self.status, f"Unknown fault {fault_id!r}. Known faults: "
                                 f"{', '.join(FAULTS)}", ok=False)
            return False
        if value == self.dropdown.value:
            self._reset()
        else:
            self.dropdown.value = value  # the observer resets the panel
        return True

    def _on_select(self, _change: dict[str, Any]) -> None:
        self._reset()

    def _reset(self) -> None:
        with self.lock:
            self.lab, self.outcome, self.exchanges, self.figure = None, None, [], None
            for out in (self.output, self.ladder_output, self.logs_output):
                out.outputs = ()
            self._describe()
            set_status(self.status, "Press 'Run login' to build the lab and sign Jabber in.")

    def _describe(self) -> None:
        fault = self.fault
        if fault is None:
            rows = [("Lab", "configured as the guides say (Lab.configure_oauth): "
                            f"'{facts.PARAM_REFRESH_FLOW}' {facts.ENABLED} on CUCM, "
                            "Expressway-C, IM&P and Unity Connection refreshed"),
                    ("Probe", "a fresh Jabber signs in over MRA, opens UDS and voicemail")]
        else:
            rows = [("Component", fault.component), ("What is wrong", fault.description),
                    ("Source", fault.source), ("Symptom", fault.symptom), ("Fix", fault.fix)]
            if fault.weakens:
                rows.append(("Weakens", fault.weakens))
        body = "".join(f"<tr><th style='text-align:left;vertical-align:top;padding-right:8px'>"
                       f"{html.escape(k)}</th><td>{html.escape(v)}</td></tr>" for k, v in rows)
        self.details.value = f"<table>{body}</table>"

    # -- actions -----------------------------------------------------------------------------
    def _probe(self, lab: Lab) -> tuple[Outcome, list[Exchange], list[LogLine]]:
        fault = self.fault
        with lab.lock:
            ex_start, log_start = len(lab.exchanges), len(lab.logs)
            outcome = fault.probe(lab) if fault else sign_in_and_use(lab)
            return outcome, list(lab.exchanges[ex_start:]), list(lab.logs[log_start:])

    def run(self) -> Outcome | None:
        """Build the lab of the selection (seeded) and run the fault's probe."""
        with self.lock:
            fault = self.fault
            try:
                if fault is None:
                    lab = Lab(seed=self.seed)
                    with lab.lock:
                        lab.configure_oauth()
                else:
                    lab = fault.build(self.seed)
                outcome, exchanges, logs = self._probe(lab)
            except UclabError as exc:
                self.lab, self.outcome, self.exchanges = None, None, []
                set_status(self.status, f"Could not run the login: {exc}", ok=False)
                return None
            self.lab = lab
            self._show("Run login", outcome, exchanges, logs)
            return outcome

    def fix(self) -> Outcome | None:
        """Apply the fault's fix (a real admin action) to the same lab and probe again."""
        with self.lock:
            fault, lab = self.fault, self.lab
            if fault is None:
                set_status(self.status, "The working lab has no fault to fix: pick a fault first.",
                        ok=None)
                return None
            if lab is None:
                set_status(self.status, "Press 'Run login' first, to see the failure before the "
                                     "fix.", ok=None)
                return None
            try:
                with lab.lock:
                    fault.repair(lab)
                outcome, exchanges, logs = self._probe(lab)
            except UclabError as exc:
                set_status(self.status, f"The fix could not be applied: {exc}", ok=False)
                return None
            self._show(f"Apply the fix: {fault.fix}", outcome, exchanges, logs)
            return outcome

    def _show(self, action: str, outcome: Outcome, exchanges: list[Exchange],
              logs: list[LogLine]) -> None:
        fault = self.fault
        self.outcome, self.exchanges = outcome, exchanges
        note = ""
        if fault is not None and not outcome and self.lab is not None:
            with self.lab.lock:
                seen = fault.shows(self.lab, outcome)
            note = " — the documented symptom" if seen else " — not the documented symptom"
        set_status(self.status, f"{outcome}{note}", ok=bool(outcome))
        title = fault.title if fault else WORKING_LAB
        lines = [f"{action}", f"Lab: {title} (seed {self.seed})", f"Outcome: {outcome}",
                 f"Hops ({len(exchanges)}):"]
        lines += [f"  {i:>3}  {summary(ex)}" for i, ex in enumerate(exchanges, 1)]
        show_text(self.output, "\n".join(lines))
        show_html(self.logs_output, folded_log([ln.render() for ln in logs],
                                               title="log lines written during the login"))
        self.figure = show_ladder(self.ladder_output, exchanges, title=f"{title}: {outcome}",
                                  outcome=outcome)


def fault_panel(seed: int = 1) -> FaultPanel:
    """A panel over every fault of :data:`uclab.faults.FAULTS` (plus the working lab)."""
    return FaultPanel(seed)
