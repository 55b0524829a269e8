"""Jabber's problem report (PRT), as a troubleshooting tool (fact sheet 3.3; S8, S1)."""

from uclab.facts.entry import Fact

PRT_TOOL = Fact("Problem Report Tool (PRT)", "S8, S1", confirmed=False,
                note="the fact sheet writes 'PRT'; the expansion is the common one, not quoted "
                "from a source")
PRT_LOG_FILE = Fact("csf-unified.log", "S8", kind="process",
                    note="Jabber for Windows' log, collected into the PRT")
