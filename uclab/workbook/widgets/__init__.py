"""ipywidgets panels: fault toggles, a step-through replay player, a token inspector, a release
selector. Thin views: every decision is made by uclab logic (faults, trace, validation,
inspection, compat); the panels only call it and show the result.

House rules (NOTEBOOK-TOOLING.md findings 4, 6, 8, 9 and sections 4, 7):

* builders **return** their panel (a ``VBox`` subclass); nothing displays itself;
* output is written with ``Output.append_stdout`` / ``append_display_data`` and cleared with
  ``out.outputs = ()`` — never ``with out:``, which nbval and kernel-less tests do not capture
  (:mod:`.output`);
* figures are plain ``go.Figure`` objects (no FigureWidget/anywidget) redrawn into an Output;
* with JupyterLab 4 + ipykernel 7, comm callbacks run on a subshell thread: every callback holds
  the panel's ``lock`` and the lab's ``lab.lock`` (an RLock) around lab state;
* every method can be driven without a frontend (``panel.run()``, ``player.step(1)``), and bad
  input shows a message in the panel's ``status``, never a traceback.

Modules: :mod:`.fault_runner` (fault panel), :mod:`.replay` (replay player), :mod:`.inspector`
(token inspector), :mod:`.release_picker` (release selector), :mod:`.interview` (question
browser and mock interview), :mod:`.http_text` (raw HTTP as text, concealed), :mod:`.output`
(writing into Output and status widgets), :mod:`.snapshot` (the static picture a saved,
untrusted notebook shows in place of a panel) and :mod:`.sip` (notebook 11's SIP OAuth panel).

Used in: notebooks/00 (tour), 02 (tokens), 04 (releases), 05 (replay), 06-08 (faults), 10
(interview).
"""

from uclab.protocols.inspection import TokenFormatError, TokenReport, b64url_json
from uclab.workbook.widgets.drill import DrillPanel, drill_panel
from uclab.workbook.widgets.fault_runner import WORKING_LAB, FaultPanel, fault_panel
from uclab.workbook.widgets.http_text import conceal_http, render_exchange
from uclab.workbook.widgets.inspector import TokenInspector, inspect_with_lab, token_inspector
from uclab.workbook.widgets.interview import (
    MockPanel,
    QuestionBrowser,
    mock_panel,
    question_browser,
)
from uclab.workbook.widgets.release_picker import (
    CUCM_RELEASES,
    EXPRESSWAY_RELEASES,
    JABBER_RELEASES,
    ReleaseSelector,
    release_selector,
)
from uclab.workbook.widgets.replay import TRACES_DIR, ReplayPlayer, replay_player
from uclab.workbook.widgets.snapshot import register as _register_snapshots
from uclab.workbook.widgets.snapshot import snapshot_html

_register_snapshots()  # every displayed uclab panel also saves a static picture of itself

__all__ = [
    "CUCM_RELEASES", "EXPRESSWAY_RELEASES", "JABBER_RELEASES", "TRACES_DIR", "WORKING_LAB",
    "DrillPanel", "FaultPanel", "ReleaseSelector", "ReplayPlayer", "TokenFormatError",
    "TokenInspector", "TokenReport", "b64url_json", "conceal_http", "drill_panel", "fault_panel",
    "inspect_with_lab", "release_selector", "render_exchange", "replay_player", "snapshot_html",
    "token_inspector", "MockPanel", "QuestionBrowser", "mock_panel", "question_browser",
]
