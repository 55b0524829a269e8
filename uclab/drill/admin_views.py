"""The admin views a drill's tools print: ``show key authz`` (S5, S1), the MRA Access Control
and Unified CM servers pages (S6), ``xConfiguration CollaborationEdge`` (seed article), CUCM's
SSO and OAuth parameters (S23), ``utils ntp status`` and Expressway's System > Time page
(:mod:`uclab.facts.cucm_tools`, :mod:`uclab.facts.expressway_tools`), S1's refresh-token query
and the End User page. Each is what that page or command shows, masked."""

from __future__ import annotations

from datetime import UTC, datetime

from uclab import facts
from uclab.core.errors import ConfigError
from uclab.drill.scene import Scene, host_of, short
from uclab.lab import Lab
from uclab.trace.redact import redact


def show_key(scene: Scene, node: str) -> str:
    """``show key authz signing`` and ``... encryption`` on one CUCM or IM&P node (S5, S1)."""
    host = host_of(scene.lab, node)
    lab = scene.lab
    target = next((n for c in lab.clusters for n in c.nodes if n.host == host), None)
    if target is None:
        target = lab.imp if host == lab.imp.host else getattr(lab.central_imp, "publisher", None)
    if target is None or not hasattr(target, "show_key"):
        raise ConfigError(f"{node!r} is not a CUCM or IM&P node")
    out = []
    for command in (facts.CLI_SHOW_SIGNING, facts.CLI_SHOW_ENCRYPTION):
        out += [f"admin:{command}", redact(target.cli(str(command)))]
    return "\n".join(out)


def mra_page(scene: Scene, _: str) -> str:
    rows = scene.lab.expc.access.rows()
    return "\n".join([str(facts.MRA_PAGE), *(f"  {k:<52} {v}" for k, v in rows)])


def ucm_servers(scene: Scene, _: str) -> str:
    rows = scene.lab.expc.server_table()
    lines = [str(facts.UCM_PAGE)]
    for row in rows:
        lines.append("  " + "; ".join(f"{k}: {v}" for k, v in row.items()))
    return "\n".join(lines)


def xconfig(scene: Scene, _: str) -> str:
    return f"{facts.XCONF_COMMAND}\n{scene.lab.expc.xconfig.listing()}"


def oauth_params(scene: Scene, _: str) -> str:
    table = scene.lab.cucm.params.table()
    return f"{facts.CUCM_PAGE_ENTERPRISE_PARAMETERS}\n{table}"


def refresh_servers(scene: Scene, _: str) -> str:
    """The admin clicks Refresh servers on Expressway-C (S6): state changes, a fix attempt."""
    scene.lab.expc.refresh_servers()
    return f"{facts.REFRESH_SERVERS} clicked.\n{ucm_servers(scene, '')}"


def _uc_ntp(pid: int, upstream: str, stratum: int, refid: str) -> str:
    return "\n".join([
        f"admin:{facts.CLI_NTP_STATUS}", facts.NTP_DAEMON_RUNNING.format(pid=pid), "",
        str(facts.NTP_PEER_HEADER), str(facts.NTP_PEER_RULE),
        facts.NTP_PEER_ROW.format(mark="*", remote=upstream, refid=refid, stratum=stratum - 1),
        "", facts.NTP_SYNCHRONISED.format(server=upstream, stratum=stratum),
        facts.NTP_CORRECT_WITHIN.format(ms=21), facts.NTP_POLLING.format(seconds=64)])


def ntp(scene: Scene, node: str) -> str:
    """``utils ntp status`` on a UC node; the System > Time page on an Expressway [U model]."""
    lab = scene.lab
    host = host_of(lab, node)
    if host in (lab.expc.host, lab.edge.host):
        box = lab.expc if host == lab.expc.host else lab.edge
        synced = box.clock_offset_ms == 0
        local = lab.clock.iso() if synced else _shifted(lab, box.clock_offset_ms)
        reach = "✓" * 8 if synced else "✗" * 8
        return "\n".join([
            f"{facts.TIME_PAGE} ({short(host)})",
            f"  NTP server 1: {facts.LAB_NTP_SERVER}",
            f"    {facts.TIME_CONDITION}: {facts.TIME_SYS_PEER if synced else facts.TIME_REJECTED}",
            f"    {facts.TIME_REACHABILITY}: {reach}",
            f"    {facts.TIME_OFFSET}: {'0.2 ms' if synced else '-'}",
            f"    {facts.TIME_STRATUM}: {2 if synced else '-'}",
            f"  {facts.TIME_LOCAL}: {local}",
            f"(your own watch says {lab.clock.iso()})"])
    publisher = lab.cucm.publisher.host
    pid = 20000 + sum(map(ord, host)) % 9000
    if host == publisher:
        return _uc_ntp(pid, str(facts.LAB_NTP_SERVER), 2, str(facts.NTP_REFID_GPS))
    # the other UC nodes take their time from the publisher (TAC 215537)
    return _uc_ntp(pid, short(publisher), 3, str(facts.LAB_NTP_SERVER))


def _shifted(lab: Lab, offset_ms: int) -> str:
    when = datetime.fromtimestamp((lab.clock.ms + offset_ms) / 1000, tz=UTC)
    return when.strftime("%Y-%m-%dT%H:%M:%SZ")


def refresh_tokens(scene: Scene, _: str) -> str:
    """S1's ``run sql`` over ``refreshtokendetails`` on the home cluster's publisher."""
    rows = scene.lab.cucm.refresh_token_rows()
    cols = str(facts.REFRESH_TABLE_COLUMNS).split(",")
    out = [f"admin:{facts.CLI_REFRESH_TOKENS}", " ".join(cols),
           " ".join("=" * len(c) for c in cols)]
    for row in rows:
        cells = dict(row)
        cells["validity"] = datetime.fromtimestamp(int(cells["validity"]), tz=UTC).strftime(
            "%Y-%m-%d %H:%M:%S")
        out.append(" ".join(str(cells[c]) for c in cols))
    return "\n".join(out)


def end_user(scene: Scene, _: str) -> str:
    """The CUCM End User page of the user who reported the problem (S2; lab wording)."""
    user = scene.user
    active = _active(scene.lab, user)
    status = facts.END_USER_ACTIVE if active else facts.END_USER_INACTIVE
    return f"{facts.CUCM_PAGE_END_USER}: {user}\n  {facts.END_USER_STATUS}: {status}"


def _active(lab: Lab, user: str) -> bool:
    for cluster in lab.clusters:
        state = cluster.users.is_active(user)
        if state is not None:
            return bool(state)
    return False
