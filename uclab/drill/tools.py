"""The investigations of a drill: what each real tool shows on the lab, masked, with its cost.

Each tool renders what the product's own tool would show, in the format the simulator already
writes (the product logs of :mod:`uclab.trace`, the admin pages and CLI of :mod:`uclab.sim`),
always through :func:`uclab.trace.redact.redact`. Tools that need a reproduction (diagnostic
logging, tcpdump, a test login) re-run the user's own action, as an admin asks the user to try
again while logging runs (S16; FORMATS.md 1.1). Minute costs are the lab's
(:mod:`uclab.facts.drill`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from uclab import facts
from uclab.core.errors import ConfigError, UclabError
from uclab.drill.admin_views import (
    end_user,
    mra_page,
    ntp,
    oauth_params,
    refresh_servers,
    refresh_tokens,
    show_key,
    ucm_servers,
    xconfig,
)
from uclab.drill.scene import (
    Scene,
    expressway_nodes,
    host_of,
    imp_nodes,
    ntp_nodes,
    short,
    uc_nodes,
)
from uclab.lab import Lab
from uclab.trace.redact import redact

__all__ = ["STEPS", "TOOLS", "Scene", "Tool", "check_node", "get_tool", "run_tool", "step_of"]


@dataclass(frozen=True)
class Tool:
    """One investigation: id, what it is in the product, its cost, its nodes, how it runs."""

    id: str
    title: str
    where: str
    minutes: int
    run: Callable[[Scene, str], str] = field(repr=False)
    nodes: Callable[[Lab], list[str]] | None = field(default=None, repr=False)
    changes_state: bool = False
    reproduces: bool = False
    #: shows what a file or table kept from before the drill (an alert, a revoked row): its
    #: evidence is judged against a working lab, not against the repaired one
    history: bool = False

    def node_names(self, lab: Lab) -> list[str]:
        return self.nodes(lab) if self.nodes else []


# -- the tools ------------------------------------------------------------------------------------
def _logs(lab: Lab, since: int, hosts: set[str], dialect: str | None = None) -> str:
    lines = [ln for ln in lab.logs[since:] if ln.host in hosts
             and (dialect is None or ln.dialect == dialect)]
    return "\n".join(redact(ln.render()) for ln in lines)


def prt(scene: Scene, _: str) -> str:
    """The user's Jabber log since the drill began, as the PRT carries it (S8, S1)."""
    text = _logs(scene.lab, scene.since_log, {ln.host for ln in scene.lab.logs
                                              if ln.dialect == facts.PRT_LOG_NAME},
                 str(facts.PRT_LOG_NAME))
    return f"{facts.PRT_TOOL}: {facts.PRT_LOG_FILE}\n{text or '(no lines)'}"


def _diag(scene: Scene, node: str, tcpdump: bool) -> str:
    host = host_of(scene.lab, node)
    scene.reproduce()
    log0, ex0 = scene.window
    steps = (f"{facts.DIAG_LOGGING_PAGE}: {facts.DIAG_TAKE_TCPDUMP} = "
             f"{facts.ON if tcpdump else facts.OFF}; {facts.DIAG_START}, the user tries again, "
             f"{facts.DIAG_STOP}, "
             f"{facts.DIAG_COLLECT}, {facts.DIAG_DOWNLOAD}")
    text = [steps, _logs(scene.lab, log0, {host}) or "(no lines)"]
    if tcpdump:
        name = short(host)
        hops = [redact(ex.summary()) for ex in scene.lab.exchanges[ex0:]
                if name in (ex.src, ex.dst)]
        text += [f"--- {facts.TCPDUMP_MODELLED} ---", "\n".join(hops) or "(no packets)"]
    return "\n".join(text)


def diag_log(scene: Scene, node: str) -> str:
    return _diag(scene, node, False)


def diag_tcpdump(scene: Scene, node: str) -> str:
    return _diag(scene, node, True)


#: the steps a test login goes through, in order (a stage of :class:`Outcome` names one)
STEPS = (("network", "Reach Expressway-E"), ("discovery", "Find the edge (DNS SRV)"),
         ("sign-in", "Sign in (OAuth over MRA)"), ("refresh", "Stay signed in (token refresh)"),
         ("xmpp", "IM and presence (XMPP)"), ("uds", "Contacts and settings (UDS)"),
         ("voicemail", "Voicemail"))
_STEP_NAMES = {s for s, _ in STEPS}


def step_of(stage: str) -> str:
    """Which of :data:`STEPS` an Outcome's stage belongs to (the edge requests of the login:
    get_edge_sso, authorize, localauthentication, access_token, get_edge_config: sign-in)."""
    return stage if stage in _STEP_NAMES else "sign-in"


def test_login(scene: Scene, _: str) -> str:
    """The user's own action once more, as a tester sees it: the step where it stopped, the
    steps before it OK, the later ones not reached. A success lists no steps (which of them the
    action needed is not known from its outcome)."""
    outcome = scene.reproduce()
    lines = ["Test login (the user's own action, watched step by step):"]
    if outcome:
        return "\n".join([*lines, "  everything the user tried worked"])
    failed, reached = step_of(outcome.stage), True
    for step, label in STEPS:
        if not reached:
            state = "not reached"
        elif failed == step:
            state, reached = "FAILED", False
        else:
            state = "OK"
        lines.append(f"  {label:<32} {state}")
    return "\n".join(lines)


def imp_trace(scene: Scene, node: str) -> str:
    lab = scene.lab
    hosts = {host_of(lab, n) for n in ([node] if node else imp_nodes(lab))}
    text = _logs(lab, scene.since_log, hosts, str(facts.XCP_PROCESS))
    return f"IM&P {facts.SVC_XCP_AUTH} trace ({facts.IMP_TRACE_MODELLED})\n{text or '(no lines)'}"


def cuc_syslog(scene: Scene, _: str) -> str:
    """Unity Connection's CiscoSyslog file, all of it (the alerts stay in the file, S12)."""
    text = _logs(scene.lab, 0, {scene.lab.unity.host}, _CISCOSYSLOG)
    return f"{facts.CISCO_SYSLOG_PATH} ({short(scene.lab.unity.host)})\n{text or '(no lines)'}"


def cuc_traces(scene: Scene, _: str) -> str:
    """Unity Connection's Authz and voicemail REST traces since the drill began (modelled)."""
    lab = scene.lab
    procs = {str(facts.TRACE_AUTHZ).rstrip(":"), str(facts.TRACE_VMREST).rstrip(":")}
    lines = [ln for ln in lab.logs[scene.since_log:] if ln.host == lab.unity.host
             and ln.process.rstrip(":") in procs]
    text = "\n".join(redact(ln.render()) for ln in lines)
    return f"Unity Connection traces ({facts.CUC_TRACES_MODELLED})\n{text or '(no lines)'}"


#: the log dialect of CiscoSyslog lines (uclab.trace.logline)
_CISCOSYSLOG = "ciscosyslog"


TOOLS: dict[str, Tool] = {t.id: t for t in (
    Tool("prt", f"Collect a {facts.PRT_TOOL} from the user's Jabber", "Jabber",
         int(facts.MINUTES_PRT), prt),
    Tool("diaglog", "Expressway diagnostic log (user reproduces)", str(facts.DIAG_LOGGING_PAGE),
         int(facts.MINUTES_DIAG_LOG), diag_log, expressway_nodes, reproduces=True),
    Tool("tcpdump", f"Expressway diagnostic log with '{facts.DIAG_TAKE_TCPDUMP}'",
         str(facts.DIAG_LOGGING_PAGE), int(facts.MINUTES_DIAG_TCPDUMP), diag_tcpdump,
         expressway_nodes, reproduces=True),
    Tool("show-key", f"{facts.CLI_SHOW_SIGNING} / encryption on a node", "CUCM / IM&P CLI",
         int(facts.MINUTES_SHOW_KEY), show_key, uc_nodes),
    Tool("mra-page", "Expressway-C MRA Access Control page", str(facts.MRA_PAGE),
         int(facts.MINUTES_PAGE), mra_page),
    Tool("ucm-servers", "Expressway-C Unified CM servers page", str(facts.UCM_PAGE),
         int(facts.MINUTES_PAGE), ucm_servers),
    Tool("xconfig", f"{facts.XCONF_COMMAND} on Expressway-C", "Expressway-C CLI",
         int(facts.MINUTES_XCONF), xconfig),
    Tool("oauth-params", f"CUCM {facts.PARAM_SECTION} parameters",
         str(facts.CUCM_PAGE_ENTERPRISE_PARAMETERS), int(facts.MINUTES_PAGE), oauth_params),
    Tool("ntp", f"{facts.CLI_NTP_STATUS} (UC nodes) or {facts.TIME_PAGE} (Expressway)",
         "platform CLI / Expressway page", int(facts.MINUTES_NTP), ntp, ntp_nodes),
    Tool("refresh-servers", f"Click {facts.REFRESH_SERVERS} on Expressway-C (changes state)",
         str(facts.UCM_PAGE), int(facts.MINUTES_REFRESH), refresh_servers, changes_state=True),
    Tool("test-login", "A test login: the user tries again, step by step", "Jabber",
         int(facts.MINUTES_TEST_LOGIN), test_login, reproduces=True),
    Tool("refresh-tokens", "CUCM refresh-token table (run sql)", "CUCM publisher CLI",
         int(facts.MINUTES_SHOW_KEY), refresh_tokens, history=True),
    Tool("end-user", "CUCM End User page of the user", str(facts.CUCM_PAGE_END_USER),
         int(facts.MINUTES_PAGE), end_user),
    Tool("imp-trace", f"IM&P {facts.SVC_XCP_AUTH} trace (modelled)", "IM&P trace files",
         int(facts.MINUTES_IMP_TRACE), imp_trace, imp_nodes),
    Tool("cuc-syslog", "Unity Connection Cisco Syslog", str(facts.CISCO_SYSLOG_PATH),
         int(facts.MINUTES_SYSLOG), cuc_syslog, history=True),
    Tool("cuc-traces", "Unity Connection Authz and REST traces (modelled)",
         "Unity Connection trace files", int(facts.MINUTES_CUC_TRACES), cuc_traces),
)}


def run_tool(tool: Tool, scene: Scene, node: str) -> str:
    """What ``tool`` shows on ``node``, always masked (:func:`uclab.trace.redact.redact`); a
    tool that cannot run there says why in its output, as the product would."""
    try:
        return redact(tool.run(scene, node))
    except UclabError as exc:
        return f"{tool.id}: {' '.join(str(exc).split())}"


def get_tool(tool_id: object) -> Tool:
    tool = TOOLS.get(tool_id) if isinstance(tool_id, str) else None
    if tool is None:
        raise ConfigError(f"unknown action {tool_id!r}; actions: {', '.join(TOOLS)}")
    return tool


def check_node(tool: Tool, lab: Lab, node: object) -> str:
    """The node a tool runs on: required (and one of its nodes) for node tools, else none."""
    if node is not None and not isinstance(node, str):
        raise ConfigError(f"a node is a name such as cucm-pub, not {type(node).__name__}")
    names = tool.node_names(lab)
    if not names:
        if node:
            raise ConfigError(f"{tool.id} takes no node (got {node!r})")
        return ""
    if tool.id == "imp-trace" and not node:
        return ""
    if not node:
        raise ConfigError(f"{tool.id} needs a node: {', '.join(names)}")
    if node not in names:
        raise ConfigError(f"{tool.id}: unknown node {node!r}; nodes: {', '.join(names)}")
    return node
