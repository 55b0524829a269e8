"""``uclab drill``: the drill as a text session (one action per line on stdin) or scripted
(``--do ACTION[:NODE]`` ... ``--answer CAUSE FIX``). Bad input in a script is a ConfigError
(the command line prints one line and exits 2); in a session it is one line and the session
goes on."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TextIO

from uclab.core.errors import ConfigError, UclabError
from uclab.drill.session import Drill, start

HELP = ("Type an action (e.g. 'prt', 'diaglog expc', 'show-key imp-pub'), 'menu', 'help', or "
        "'answer CAUSE FIX' (e.g. 'answer expc-not-refreshed F3'); 'quit' ends without an "
        "answer.")


def parse_action(text: str) -> tuple[str, str | None]:
    """``ACTION``, ``ACTION NODE`` or ``ACTION:NODE``."""
    words = text.replace(":", " ").split()
    if not words or len(words) > 2:
        raise ConfigError(f"an action is ACTION or ACTION NODE, not {text!r}")
    return words[0], words[1] if len(words) == 2 else None


def opening(drill: Drill) -> str:
    return "\n".join([f"Drill (seed {drill.seed!r}). The user says: \"{drill.report}\"",
                      drill.menu(), HELP])


def scripted(drill: Drill, actions: Iterable[str], answer: tuple[str, str] | None) -> str:
    out = [opening(drill)]
    for text in actions:
        step = drill.do(*parse_action(text))
        out += [f"--- {step.label} ({step.minutes} min, {drill.minutes} so far) ---", step.output]
    if answer is not None:
        out.append(drill.answer(*answer).card)
    return "\n".join(out)


def interactive(drill: Drill, stdin: TextIO, stdout: TextIO) -> str:
    print(opening(drill), file=stdout, flush=True)
    for raw in stdin:
        line = raw.strip()
        if not line:
            continue
        words = line.split()
        try:
            if words[0] in ("quit", "exit"):
                return "no answer given: the cause stays hidden"
            if words[0] in ("help", "?"):
                print(HELP, file=stdout)
            elif words[0] == "menu":
                print(drill.menu(), file=stdout)
            elif words[0] == "answer":
                if len(words) != 3:
                    raise ConfigError("answer takes CAUSE FIX, e.g. answer expc-not-refreshed F3")
                return drill.answer(words[1], words[2]).card
            else:
                step = drill.do(*parse_action(line))
                print(f"--- {step.label} ({step.minutes} min, {drill.minutes} so far) ---\n"
                      f"{step.output}", file=stdout)
        except UclabError as exc:
            print(f"error: {' '.join(str(exc).split())}", file=stdout)
        stdout.flush()
    return "no answer given: the cause stays hidden"


def run(seed: int, *, random_fault: bool = False, herring: str | None = None,
        actions: list[str] | None = None, answer: tuple[str, str] | None = None,
        stdin: TextIO | None = None, stdout: TextIO | None = None) -> str:
    """Start a drill and play it: scripted if actions or an answer are given, else from stdin."""
    choice: bool | str | None
    choice = {None: None, "yes": True, "no": False}.get(herring, herring)
    drill = start(seed, random_fault=random_fault, red_herring=choice)
    if actions or answer is not None:
        return scripted(drill, actions or [], answer)
    import sys

    return interactive(drill, stdin or sys.stdin, stdout or sys.stdout)
