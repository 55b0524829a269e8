"""A blind troubleshooting drill (issue 10): a hidden fault of :mod:`uclab.faults`, the user's
report, investigations that mirror the real tools (PRT, Expressway diagnostic log with or
without tcpdump, ``show key authz``, the MRA and OAuth pages, ``utils ntp status``, Refresh
servers, a test login, an IM&P trace ...) each costing lab minutes, an answer applied to the
lab, a grade and a report card with the shortest path, computed from the fault.

>>> d = start(7)                          # doctest: +SKIP
>>> d.report                              # what the user says
>>> d.do("diaglog", "expc").output        # what the tool shows, masked
>>> d.answer("expc-not-refreshed", "F3")  # the fix is applied; the user tries again

:func:`triage_map` is the symptom -> step -> faults -> tools map the report card points into.
"""

from uclab.drill.evidence import evidence, shortest_path
from uclab.drill.menu import FIXES, HERRINGS, Fix, Herring, fix_of, resolve_cause, resolve_fix
from uclab.drill.session import Drill, Grade, Step, drill_for, start
from uclab.drill.tools import STEPS, TOOLS, Tool
from uclab.drill.triage import TriageRow, path_for, row_of, triage_map, triage_text

__all__ = ["FIXES", "HERRINGS", "STEPS", "TOOLS", "Drill", "Fix", "Grade", "Herring", "Step",
           "Tool", "TriageRow", "drill_for", "evidence", "fix_of", "path_for", "resolve_cause",
           "resolve_fix", "row_of", "shortest_path", "start", "triage_map", "triage_text"]
