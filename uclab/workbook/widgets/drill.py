"""The drill panel: the user's report, the action menu with minutes, each output folded, the
answer form and the report card; after the answer each output marks its evidence lines (»).
Every decision is :mod:`uclab.drill`'s; the panel only calls it. Drive it without clicks:
``panel.act("diaglog", "expc")``, ``panel.submit(cause, fix)``. Used in: notebooks/08."""

from __future__ import annotations

import html
import threading

import ipywidgets as widgets

from uclab.core.errors import UclabError
from uclab.drill import FIXES, TOOLS, Drill, start
from uclab.faults import FAULTS
from uclab.workbook.widgets.output import set_status, show_text


class DrillPanel(widgets.VBox):
    """One drill in a panel (see :func:`uclab.drill.start`)."""

    def __init__(self, drill: Drill) -> None:
        self.drill = drill
        self.lock = threading.RLock()
        self.report = widgets.HTML(f"<b>The user says:</b> “{html.escape(drill.report)}”")
        options = [(f"{t.title} ({t.minutes} min)", t.id) for t in TOOLS.values()]
        self.action = widgets.Dropdown(options=options, description="Action",
                                       layout=widgets.Layout(width="95%"))
        self.node = widgets.Dropdown(options=[], description="Node")
        self.run_button = widgets.Button(description="Run", icon="play", button_style="primary")
        self.minutes = widgets.HTML()
        self.outputs = widgets.Accordion(children=[])
        self.cause = widgets.Dropdown(options=[(f.title, f.id) for f in FAULTS.values()],
                                      description="Cause", layout=widgets.Layout(width="95%"))
        self.fix = widgets.Dropdown(options=[(f"{f.id}: {f.text}", f.id) for f in FIXES.values()],
                                    description="Fix", layout=widgets.Layout(width="95%"))
        self.answer_button = widgets.Button(description="Answer", icon="check")
        self.status = widgets.HTML()
        self.card = widgets.Output()
        super().__init__(children=[self.report, self.action, widgets.HBox([self.node,
                         self.run_button]), self.minutes, self.outputs, self.cause, self.fix,
                         self.answer_button, self.status, self.card])
        self.action.observe(lambda _: self._nodes(), names="value")
        self.run_button.on_click(lambda _: self.act(self.action.value, self.node.value))
        self.answer_button.on_click(lambda _: self.submit(self.cause.value, self.fix.value))
        self._nodes()
        self._minutes()
        set_status(self.status, "Investigate, then name the cause and the fix.")

    def __repr__(self) -> str:
        return f"DrillPanel({self.drill!r})"

    def _nodes(self) -> None:
        names = TOOLS[self.action.value].node_names(self.drill.lab)
        self.node.options = names or ["-"]
        self.node.disabled = not names

    def _minutes(self) -> None:
        self.minutes.value = (f"{len(self.drill.steps)} actions, "
                              f"<b>{self.drill.minutes} minutes</b> so far")

    def act(self, action: str, node: str | None = None) -> bool:
        """Run an action; its output is added folded. Bad input is shown in the status."""
        with self.lock:
            try:
                step = self.drill.do(action, None if node in (None, "", "-") else node)
            except UclabError as exc:
                set_status(self.status, str(exc), ok=False)
                return False
            out = widgets.Output()
            show_text(out, step.output)
            self.outputs.children = [*self.outputs.children, out]
            self.outputs.set_title(len(self.outputs.children) - 1,
                                   f"{step.label} ({step.minutes} min)")
            self._minutes()
            set_status(self.status, f"{step.label}: done.")
            return True

    def submit(self, cause: str, fix: str) -> bool:
        """Answer; the fix is applied and the user tries again; the report card follows."""
        with self.lock:
            try:
                grade = self.drill.answer(cause, fix)
            except UclabError as exc:
                set_status(self.status, str(exc), ok=False)
                return False
            show_text(self.card, grade.card)
            for out, step in zip(self.outputs.children, self.drill.steps, strict=True):
                show_text(out, self.drill.marked(step))  # the lines that mattered, marked »
            set_status(self.status, "Solved." if grade.solved else "Not solved: read the card.",
                       ok=grade.solved)
            return True


def drill_panel(seed: int | str | None = 1, **options: object) -> DrillPanel:
    """A panel with a new drill of ``seed`` (options as for :func:`uclab.drill.start`)."""
    return DrillPanel(start(seed, **options))  # type: ignore[arg-type]
