"""``uclab``: the simulator, its traces and its catalogues from a shell (``python -m uclab`` is
the same command).

    uclab faults                  the fault registry as a Markdown table (the README's copy)
    uclab facts [--product P] [WORD]
                                  every registry entry (product name, default, port, path,
                                  log text ...) with its source and [C]/[U] label, by product
    uclab simulate [--fault ID] [--seed N] [--release V] [--logs HOST|all] [--save FILE]
                                  run a seeded lab's MRA login (with a fault), print its hops
    uclab inspect TOKEN|- [--jwks FILE] [--pem FILE]
                                  decode a token, verify it, say why it is rejected
    uclab replay FILE [--logs HOST|all]
                                  print a saved trace's hops and product logs
    uclab login                   the working MRA login and its hops (seed 1)
    uclab diagnose PATH... [--format text|json|html] [--host H] [--reveal] [--output FILE]
                                  read real logs: the login steps reached, the first failing
                                  step, the findings (exit 0 none, 1 findings, 2 unreadable)
    uclab drill [--seed N] [--random] [--herring yes|no|ID] [--do ACTION[:NODE]]...
                [--answer CAUSE FIX]
                                  a blind troubleshooting drill: interactive on stdin, or
                                  scripted with --do/--answer

Every verb has ``--help``. Bad input (an unknown verb or option, an unknown fault id, a bad
seed, an unreadable file, a token that does not decode) ends with exactly one line on stderr
and exit code 2, never a traceback. Logs are printed with their secrets concealed, and a token
given to ``inspect`` is never printed back.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from uclab import facts, faults
from uclab.core.errors import ConfigError, UclabError
from uclab.lab import Lab
from uclab.trace.file import Trace

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


# -- verbs ---------------------------------------------------------------------------------------
def _simulate(args: argparse.Namespace) -> str:
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


def _replay(args: argparse.Namespace) -> str:
    trace = Trace.load(args.file)
    return _report(trace, _pick(args.logs, [], trace))


def _read_token(arg: str) -> str:
    text = sys.stdin.read() if arg == "-" else arg
    token = "".join(text.split())
    if not token:
        raise ConfigError("inspect: no token given (pass it as TOKEN, or - to read stdin)")
    return token


def _read_jwks(path: str) -> dict:
    try:
        jwks = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"--jwks: cannot read {path!r} ({exc.__class__.__name__})") from None
    except ValueError as exc:
        raise ConfigError(f"--jwks: {path!r} is not JSON ({exc})") from None
    if not isinstance(jwks, dict) or not isinstance(jwks.get("keys"), list):
        raise ConfigError(f"--jwks: {path!r} is not a JWKS (RFC 7517 §5: an object with a "
                          "\"keys\" array)")
    return jwks


def _inspect(args: argparse.Namespace) -> str:
    from uclab.protocols.inspect_any import inspect_any  # written beside this, loaded on use

    token = _read_token(args.token)
    keys = _read_jwks(args.jwks) if args.jwks is not None else None
    pem = _read_pem(args.pem) if args.pem is not None else None
    try:
        report = inspect_any(token, keys, pem=pem)
    except UclabError as exc:
        raise ConfigError(f"inspect: {_mask(str(exc), token)}") from None
    error = getattr(report, "error", "")
    if error:
        raise ConfigError(f"inspect: not a token ({len(token)} characters): "
                          f"{_mask(str(error), token)}")
    return _mask(report.text(), token)


def _read_pem(path: str) -> bytes:
    try:
        return Path(path).read_bytes()
    except OSError as exc:
        raise ConfigError(f"--pem: cannot read {path!r} ({exc.__class__.__name__})") from None


def _mask(text: str, token: str) -> str:
    """Never echo the token back: each copy of it becomes its length."""
    return text.replace(token, f"<the token, {len(token)} characters>") if token else text


def _progress():
    """The bar of large inputs: rich's, on stderr, only when stderr is a terminal and rich is
    installed. rich is optional, not a dependency of uclab: it is looked up, never required."""
    if not sys.stderr.isatty():
        return None, None
    import importlib

    try:
        console = importlib.import_module("rich.console")
        progress = importlib.import_module("rich.progress")
    except ImportError:
        return None, None
    bar = progress.Progress(progress.SpinnerColumn(), progress.TextColumn("{task.description}"),
                            transient=True, console=console.Console(stderr=True))
    task = bar.add_task("reading", total=None)

    def tick(name: str, lines: int) -> None:
        bar.update(task, description=f"{name}: {lines:,} lines" if lines >= 0 else name)
    return bar, tick


def _diagnose(args: argparse.Namespace) -> tuple[str, int]:
    from uclab import diagnose as dg  # the analyser, loaded on use

    bar, tick = _progress()
    if bar is not None:
        bar.start()
    try:
        report = dg.diagnose(args.paths, host=args.host, reveal=args.reveal, progress=tick)
    finally:
        if bar is not None:
            bar.stop()
    if report.unreadable:
        raise ConfigError("diagnose: nothing could be read: " + "; ".join(report.problems))
    if not report.inputs:
        raise ConfigError(f"diagnose: no input is of host {args.host!r}")
    render = {"text": dg.render_text, "json": dg.render_json, "html": dg.render_html}
    out = render[args.format](report)
    status = 1 if report.findings else 0
    if args.output is not None:
        Path(args.output).write_text(out + "\n", encoding="utf-8")
        out = (f"uclab diagnose: wrote {args.output} ({len(report.matches)} match(es), "
               f"failing step: {report.failing_step or 'none'})")
    return out, status


# -- the parser ----------------------------------------------------------------------------------
class _Exit(Exception):
    """How the parser ends instead of calling sys.exit: a status and one line."""

    def __init__(self, status: int, message: str = "") -> None:
        super().__init__(message)
        self.status = status
        self.message = message


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        raise _Exit(2, f"{self.prog}: error: {' '.join(message.split())} "
                       f"(see {self.prog} --help)")

    def exit(self, status: int = 0, message: str | None = None) -> None:  # type: ignore[override]
        raise _Exit(status, " ".join((message or "").split()))


def _seed(text: str) -> int:
    try:
        return int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"a seed is a whole number such as 1, not {text!r}"
                                         ) from None


def _path(text: str) -> str:
    if not text or "\0" in text:
        raise argparse.ArgumentTypeError(f"not a file name: {text!r}")
    return text


def parser() -> argparse.ArgumentParser:
    top = _Parser(prog="uclab", allow_abbrev=False,
                  description="OAuth in Cisco UC, simulated: the lab, its traces and catalogues.",
                  epilog="Each verb has its own help: uclab VERB --help.")
    verbs = top.add_subparsers(dest="verb", metavar="VERB", title="verbs")

    def verb(name: str, summary: str, details: str = "") -> argparse.ArgumentParser:
        return verbs.add_parser(name, help=summary, description=details or summary,
                                allow_abbrev=False)

    verb("faults", "the fault registry as a Markdown table (the README's copy)")
    products = ", ".join(facts.PRODUCTS)
    fac = verb("facts", "every product fact the lab uses, with its source and [C]/[U] label",
               "List the facts registry (uclab.facts): every product-facing name, default, "
               "range, port, URL path, log module and text the lab uses, one line per entry "
               "(NAME: value [C]/[U] (source)) under a line per product. Products: "
               f"{products}. A WORD keeps the entries whose name, value, source or note "
               "contains it (any case); when none does, one line says so (exit 0).")
    fac.add_argument("--product", metavar="P", help=f"only this product's entries: {products}")
    fac.add_argument("word", metavar="WORD", nargs="?",
                     help="only the entries whose name, value, source or note contains WORD")
    sim = verb("simulate", "run a seeded lab's MRA login, with a fault if given",
               "Build Lab(seed, cucm_version), turn OAuth with refresh on, apply the fault, "
               "then run its probe (without a fault: Jabber signs in and opens UDS and "
               "voicemail). Prints one line per exchange and the outcome; logs are concealed.")
    sim.add_argument("--fault", metavar="ID", help="a fault id (see: uclab faults)")
    sim.add_argument("--seed", metavar="N", type=_seed, default=1,
                     help="the lab's seed (default 1): same seed, same bytes")
    sim.add_argument("--release", metavar="V", help="CUCM release, e.g. 12.5(1) or "
                     "11.5(1)SU2 (default: the fault's, else the lab's 14.0(1)SU3)")
    sim.add_argument("--logs", metavar="HOST", help="print this host's log: all, a short "
                     "name (cucm-pub, expc, expe, imp-pub, cuc-pub, jabber) or a full name")
    sim.add_argument("--save", metavar="FILE", type=_path,
                     help="write the run as a trace file (uclab replay reads it)")
    ins = verb("inspect", "decode a token, verify it and say why it is rejected",
               "Decode an access or refresh token, a bare JWE, or a foreign JWT / OpenID "
               "Connect ID token (said to be not a CUCM token, and what it is); with --jwks or "
               "--pem, verify its signature. The token is never printed back.")
    ins.add_argument("token", metavar="TOKEN", help="the token, or - to read it from stdin")
    ins.add_argument("--jwks", metavar="FILE", type=_path,
                     help="a JWKS file (RFC 7517) with the signing key to verify against")
    ins.add_argument("--pem", metavar="FILE", type=_path,
                     help="a PEM public key or certificate to verify the signature with")
    rep = verb("replay", "print a saved trace's hops and its product logs (concealed)")
    rep.add_argument("file", metavar="FILE", type=_path, help="a uclab trace (.jsonl)")
    rep.add_argument("--logs", metavar="HOST", default="all",
                     help="only this host's log (default all)")
    verb("login", "the working MRA login (seed 1) and its hops")
    dia = verb("diagnose", "read real logs: login steps, first failing step, findings",
               "Read Expressway, Jabber PRT, Webex, TC, CUCM, IM&P and Unity logs (files, "
               "folders, .gz/.zip/.tar.gz bundles; products told by grammar), show the login "
               "steps reached, the first failing step and the findings (FORMATS.md "
               "signatures), evidence masked. Exit 0: no finding; 1: findings; 2: unreadable "
               "input.")
    dia.add_argument("paths", metavar="PATH", nargs="+", type=_path, help="a log, folder or "
                     "bundle")
    dia.add_argument("--format", choices=("text", "json", "html"), default="text",
                     help="text (default), json (schema uclab/diagnose/schema/report-v1.json) "
                     "or html (one self-contained page)")
    dia.add_argument("--host", metavar="H", help="only the logs of this host")
    dia.add_argument("--reveal", action="store_true",
                     help="show secrets unmasked (your own logs only; never share the output)")
    dia.add_argument("--output", metavar="FILE", type=_path, help="write the report here")
    dri = verb("drill", "a blind troubleshooting drill: find the hidden fault, fix it",
               "A hidden fault (drawn by the seed) and what the user reports. Run "
               "investigations (each costs lab minutes), then answer CAUSE FIX; the fix is "
               "applied and the user tries again; a report card follows. Without --do or "
               "--answer the session reads one action per line from stdin.")
    dri.add_argument("--seed", metavar="N", type=_seed, default=1,
                     help="the drill's seed (default 1): same seed, same fault and outputs")
    dri.add_argument("--random", action="store_true",
                     help="draw the fault with OS randomness instead of the seed")
    dri.add_argument("--herring", metavar="H",
                     help="red herring: yes, no, or a herring id (default: drawn)")
    dri.add_argument("--do", metavar="ACTION", action="append", default=[],
                     help="an action, ACTION or ACTION:NODE (repeatable)")
    dri.add_argument("--answer", metavar=("CAUSE", "FIX"), nargs=2,
                     help="the cause (a fault id) and the fix (a menu id such as F3)")
    return top


COMMANDS = {"faults": lambda _: fault_table(),
            "facts": lambda ns: fact_list(ns.product, ns.word),
            "simulate": _simulate, "inspect": _inspect, "replay": _replay,
            "login": lambda _: login(), "drill": lambda ns: _drill(ns),
            "diagnose": _diagnose}


def _drill(args: argparse.Namespace) -> str:
    from uclab.drill.console import run  # the drill loads only for this verb

    answer = tuple(args.answer) if args.answer else None
    return run(args.seed, random_fault=args.random, herring=args.herring, actions=args.do,
               answer=answer)


def main(argv: Sequence[str] | None = None) -> int:
    """Run one verb; 0 when it ran, 2 with one line on stderr for bad input."""
    args = list(sys.argv[1:] if argv is None else argv)
    try:
        ns = parser().parse_args(args)
        if ns.verb is None:
            raise _Exit(2, f"uclab: error: choose a verb: {', '.join(COMMANDS)} "
                           "(see uclab --help)")
        out = COMMANDS[ns.verb](ns)
        out, status = out if isinstance(out, tuple) else (out, 0)
        print(out)
    except _Exit as done:
        if done.message:
            print(done.message, file=sys.stderr)
        return done.status
    except BrokenPipeError:  # the reader went away (| head): stop quietly
        _silence_stdout()
        return 1
    except (UclabError, OSError) as exc:
        print(f"uclab: error: {' '.join(str(exc).split())}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    return status


def _silence_stdout() -> None:
    """Point stdout at devnull so that the interpreter's final flush does not fail again."""
    import os

    try:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    except (AttributeError, OSError, ValueError):  # a stdout without a descriptor (tests)
        pass


if __name__ == "__main__":
    sys.exit(main())
