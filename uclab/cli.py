"""``python -m uclab``: the workbook's catalogues for people outside Jupyter.

    python -m uclab faults     # the fault registry as a Markdown table (the README's copy)
    python -m uclab facts      # every product string with its source and [C]/[U] label
    python -m uclab login      # run the working MRA login and print its hops
"""

from __future__ import annotations

import sys

from uclab import facts, faults
from uclab.lab import Lab


def fault_table() -> str:
    rows = ["| id | component | what breaks | fix | source |", "|---|---|---|---|---|"]
    for row in faults.table():
        cells = [f"`{row['id']}`", row["component"], row["symptom"], row["fix"], row["source"]]
        rows.append("| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |")
    return "\n".join(rows)


def fact_list() -> str:
    return "\n".join(f"{name}: {value.cite()}" for name, value in vars(facts).items()
                     if isinstance(value, facts.Fact))


def login() -> str:
    lab = Lab(seed=1)
    lab.configure_oauth()
    outcome = lab.client.sign_in()
    return "\n".join([*lab.hops(), str(outcome)])


COMMANDS = {"faults": fault_table, "facts": fact_list, "login": login}


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1 or args[0] not in COMMANDS:
        print(f"usage: python -m uclab {{{'|'.join(COMMANDS)}}}", file=sys.stderr)
        return 2
    print(COMMANDS[args[0]]())
    return 0


if __name__ == "__main__":
    sys.exit(main())
