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
import sys
from collections.abc import Sequence

from uclab import facts
from uclab.core.errors import UclabError

__all__ = ["COMMANDS", "fact_list", "fault_table", "main", "parser"]


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


def _reports():
    """The simulator's verbs (:mod:`uclab.commands.reports`), loaded on use: ``diagnose``
    starts without the simulator."""
    from uclab.commands import reports

    return reports


def _inspect(args: argparse.Namespace) -> str:
    from uclab.commands.inspect_token import inspect

    return inspect(args)


def fault_table() -> str:
    """The fault registry as a Markdown table (:func:`uclab.commands.reports.fault_table`)."""
    return _reports().fault_table()


def fact_list(product: str | None = None, word: str | None = None) -> str:
    """The registry's entries (:func:`uclab.commands.reports.fact_list`)."""
    return _reports().fact_list(product, word)


COMMANDS = {"faults": lambda _: fault_table(),
            "facts": lambda ns: fact_list(ns.product, ns.word),
            "simulate": lambda ns: _reports().simulate(ns), "inspect": _inspect,
            "replay": lambda ns: _reports().replay(ns),
            "login": lambda _: _reports().login(), "drill": lambda ns: _drill(ns),
            "diagnose": lambda ns: _diagnose(ns)}


def _diagnose(args: argparse.Namespace) -> tuple[str, int]:
    from uclab.commands.diagnose import diagnose  # the analyser loads only for this verb

    return diagnose(args)


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
