"""The ``uclab`` verbs that build or load a lab and print it: the catalogues (faults, facts),
the working login, ``simulate`` and ``replay`` with the logs of the hosts ``--logs`` names
(concealed: :meth:`uclab.trace.file.Trace.render_logs`)."""

from __future__ import annotations

import argparse
from collections.abc import Sequence

from uclab import facts, faults
from uclab.core.errors import ConfigError
from uclab.lab import Lab
from uclab.trace.file import Trace

__all__ = ["GENERATOR", "fact_list", "fault_table", "login", "replay", "simulate"]

#: the ``generator`` a trace saved by ``uclab simulate --save`` names
GENERATOR = "uclab simulate"


# -- catalogues ----------------------------------------------------------------------------------
def fault_table() -> str:
    rows = ["| id | component | what breaks | fix | source |", "|---|---|---|---|---|"]
    for row in faults.table():
        cells = [f"`{row['id']}`", row["component"], row["symptom"], row["fix"], row["source"]]
        rows.append("| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |")
    return "\n".join(rows)


def fact_list(product: str | None = None, word: str | None = None) -> str:
    """The registry's entries (:func:`uclab.facts.listing`): ``NAME: <cite>`` under a
    ``# product (count)`` line per product, only ``product``'s and only those whose name, value,
    source or note contains ``word`` if given; a line saying so if nothing matches. An unknown
    product is a ConfigError naming the products."""
    return facts.listing(product, word)


def login() -> str:
    lab = Lab(seed=1)
    lab.configure_oauth()
    outcome = lab.client.sign_in()
    return "\n".join([*lab.hops(), str(outcome)])


# -- hosts and logs ------------------------------------------------------------------------------
def _short(host: str) -> str:
    """A host's short name: its first label; a lab Jabber client (``jabber-<user>.pc``, see
    :class:`uclab.sim.jabber.client.Jabber`) is ``jabber``."""
    label = host.split(".")[0]
    return "jabber" if label.startswith("jabber-") else label


def _hosts(products: Sequence[str], trace: Trace) -> tuple[list[str], dict[str, str]]:
    """The hosts to offer (products first, then any other host that logged) and the names
    ``--logs`` accepts for them: the short name and the first label (first host wins)."""
    ordered = list(dict.fromkeys([*products, *(ln.host for ln in trace.logs)]))
    names: dict[str, str] = {}
    for host in ordered:
        names.setdefault(_short(host), host)
        names.setdefault(host.split(".")[0], host)
    return ordered, names


def _pick(choice: str, products: Sequence[str], trace: Trace) -> list[str]:
    """The hosts ``--logs`` names: ``all``, a short name or a full host name."""
    ordered, names = _hosts(products, trace)
    if choice == "all":
        return ordered
    if choice in ordered:
        return [choice]
    if choice in names:
        return [names[choice]]
    known = ", ".join(dict.fromkeys(_short(h) for h in ordered)) or "none: nothing was logged"
    example = f" such as {ordered[0]}" if ordered else ""
    raise ConfigError(f"--logs: unknown host {choice!r}; use all or one of: {known} "
                      f"(or a full host name{example})")


def _report(trace: Trace, log_hosts: Sequence[str]) -> str:
    meta = trace.meta
    head = (f"{trace.name}: seed {meta.get('seed')!r}, CUCM {meta.get('cucm_version', '?')}, "
            f"{len(trace.exchanges)} exchanges, {len(trace.logs)} log entries")
    lines = [head, *trace.hops()]
    for key in ("title", "outcome", "symptom", "symptom_seen", "fix"):
        if meta.get(key) not in (None, ""):
            lines.append(f"{key.replace('_', ' ')}: {meta[key]}")
    for host in log_hosts:
        text = trace.render_logs(host=host)  # concealed (reveal=False)
        count = len(text.splitlines())
        lines.append(f"--- log of {host}: {count} line{'s' if count != 1 else ''} ---")
        if text:
            lines.append(text)
    return "\n".join(lines)


# -- simulate and replay ---------------------------------------------------------------------------
def simulate(args: argparse.Namespace) -> str:
    fault = faults.get(args.fault) if args.fault is not None else None
    options = dict(fault.lab_options) if fault else {}
    if args.release is not None:
        options["cucm_version"] = args.release
    lab = Lab(seed=args.seed, **options)
    lab.configure_oauth()
    if fault:
        fault.apply(lab)
    ex0, log0 = len(lab.exchanges), len(lab.logs)
    # the fault's own probe shows its symptom; without a fault, the probe most faults use
    outcome = fault.probe(lab) if fault else faults.sign_in_and_use(lab)
    meta: dict[str, object] = {"generator": GENERATOR, "outcome": str(outcome)}
    if fault:
        seen = fault.shows(lab, outcome)
        meta.update(fault=fault.id, title=fault.title, symptom=fault.symptom,
                    symptom_seen="yes" if seen else "no (this lab does not show it)",
                    fix=fault.fix, source=fault.source)
    trace = lab.trace(f"fault-{fault.id}" if fault else "login-ok", ex0, log0, **meta)
    products = [lab.cucm.publisher.host, lab.expc.host, lab.edge.host, lab.imp.host,
                lab.unity.host, lab.client.host]
    chosen = _pick(args.logs, products, trace) if args.logs is not None else []
    text = _report(trace, chosen)
    if args.save is not None:
        path = trace.save(args.save)
        text += f"\nsaved {trace.name} to {str(path)!r}"
    return text


def replay(args: argparse.Namespace) -> str:
    trace = Trace.load(args.file)
    return _report(trace, _pick(args.logs, [], trace))
