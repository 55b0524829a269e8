"""Write uclab/diagnose/rules/parsed.json: the analyser's rule and step files
(uclab/diagnose/rules/*.toml, the source) parsed, so that ``uclab diagnose`` starts without
parsing TOML (uclab.diagnose.ruleset.parse_rule_files).

Usage, from the repository root::

    .venv/bin/python scripts/make_rules.py           # write rules/parsed.json
    .venv/bin/python scripts/make_rules.py --check   # exit 1 if it is out of date
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


def render() -> str:
    """The file's text: the parsed TOML files, keys sorted, one file per line."""
    from uclab.diagnose.ruleset import parse_rule_files

    files = parse_rule_files()
    lines = [f"  {json.dumps(name)}: {json.dumps(table, sort_keys=True, ensure_ascii=False)}"
             for name, table in files.items()]
    return ('{"written by": "scripts/make_rules.py from uclab/diagnose/rules/*.toml: edit '
            'those, then run it",\n "files": {\n' + ",\n".join(lines) + "\n }\n}\n")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--check", action="store_true", help="exit 1 if parsed.json is stale")
    args = ap.parse_args(argv)
    from uclab.diagnose.ruleset import PARSED

    text = render()
    if args.check:
        current = PARSED.read_text(encoding="utf-8") if PARSED.exists() else ""
        if current != text:
            print(f"{PARSED.relative_to(ROOT)} is out of date: run scripts/make_rules.py")
            return 1
        return 0
    PARSED.write_text(text, encoding="utf-8")
    print(f"wrote {PARSED.relative_to(ROOT)} ({len(text)} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
