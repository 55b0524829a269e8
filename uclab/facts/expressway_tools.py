"""Expressway troubleshooting tools the drill uses: diagnostic logging with tcpdump (S16, S8),
the ``xConfiguration`` listing (seed article) and the System > Time page (Expressway
Administrator Guide, outside the fact sheet [U])."""

from uclab.facts.entry import SEED, Fact

# --- Maintenance > Diagnostics > Diagnostic logging (S16, S8; FORMATS.md 1.1) ----------------
DIAG_LOGGING_PAGE = Fact("Maintenance > Diagnostics > Diagnostic logging", "S16, S8")
DIAG_TAKE_TCPDUMP = Fact("Take tcpdump while logging", "S16, S8")
DIAG_START = Fact("Start new log", "S16")
DIAG_STOP = Fact("Stop logging", "S16")
DIAG_COLLECT = Fact("Collect log", "S16")
DIAG_DOWNLOAD = Fact("Download log", "S16")

# --- the running configuration (seed article) ----------------------------------------------------
XCONF_COMMAND = Fact("xConfiguration CollaborationEdge", SEED, confirmed=False, kind="cli",
                     note="the seed article lists the running CollaborationEdge values with it")

# --- System > Time (Expressway Administrator Guide, 'Configuring time settings') -------------
_TIME_GUIDE = ("S8; Cisco Expressway Administrator Guide X8.x, 'Configuring time settings' "
               "(third-party mirror)")
TIME_PAGE = Fact("System > Time", _TIME_GUIDE, confirmed=False,
                 note="S8 says only that Expressway must be synchronised to NTP")
TIME_CONDITION = Fact("Condition", _TIME_GUIDE, confirmed=False)
TIME_REACHABILITY = Fact("Reachability", _TIME_GUIDE, confirmed=False,
                         note="the 8 most recent attempts, a tick for success, a cross for a "
                         "failure, newest on the right")
TIME_OFFSET = Fact("Offset", _TIME_GUIDE, confirmed=False)
TIME_STRATUM = Fact("Stratum", _TIME_GUIDE, confirmed=False)
TIME_SYS_PEER = Fact("sys.peer", _TIME_GUIDE, confirmed=False,
                     note="the server the Expressway uses")
TIME_LOCAL = Fact("Local time", _TIME_GUIDE, confirmed=False)
TIME_REJECTED = Fact("Reject", "lab model", confirmed=False,
                     note="the guide names only Candidate and sys.peer; what the page shows for "
                     "a server that never answers is the lab's")
