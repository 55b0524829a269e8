"""How responsive the workbook is: a widget callback that re-runs a full login and redraws its
ladder, and the whole notebook suite under nbval.

Run from the repository root::

    .venv/bin/python bench/bench_notebooks.py [--runs 15] [--no-suite]

* "fault panel: run login" is ``FaultPanel.run()`` — what the "Run login" button calls: build the
  seeded lab of the selection, configure OAuth, run the probe (a fresh Jabber signs in over MRA,
  then UDS and voicemail), list the hops and draw the ladder. Goal: under 100 ms median.
* "replay player: next hop" is ``ReplayPlayer.step(1)`` on data/traces/login-ok.jsonl.
* the notebook suite: ``pytest notebooks/`` with the project's strict nbval options, as the test
  command runs it. Goal: under 60 s on a 2-core machine.

The script reports medians and exits 0; no test asserts a time.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
for extra in (ROOT, ROOT / "bench"):
    if str(extra) not in sys.path:
        sys.path.insert(0, str(extra))

from bench_login import median_ms  # noqa: E402

from uclab.workbook import widgets  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="workbook responsiveness")
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--no-suite", action="store_true", help="skip the notebook suite")
    args = parser.parse_args(argv)
    print(f"{os.cpu_count()} CPUs")
    for fault_id in ("", "expc-oauthlocal-off"):
        panel = widgets.fault_panel(seed=1)
        panel.select(fault_id)
        panel.run()  # warm: derives the seeded keys once per process
        ms = median_ms(panel.run, args.runs)
        verdict = "meets" if ms < 100 else "MISSES"
        print(f"fault panel '{fault_id or 'working lab'}': run login + ladder: median "
              f"{ms:7.1f} ms  (goal < 100 ms: {verdict})")
    player = widgets.replay_player(ROOT / "data" / "traces" / "login-ok.jsonl")
    ms = median_ms(lambda: player.step(1) if player.index < 20 else player.goto(0), args.runs)
    print(f"replay player: next hop (raw HTTP, logs, ladder): median {ms:7.1f} ms")
    notebooks = sorted((ROOT / "notebooks").glob("*.ipynb"))
    if args.no_suite or not notebooks:
        print("notebook suite: skipped" if args.no_suite else "notebook suite: no notebooks")
        return 0
    t0 = time.perf_counter()
    run = subprocess.run([sys.executable, "-m", "pytest", "notebooks", "-q"], cwd=ROOT,
                         capture_output=True, text=True)
    secs = time.perf_counter() - t0
    last = (run.stdout.strip().splitlines() or ["(no output)"])[-1]
    verdict = "meets" if secs < 60 else "MISSES"
    print(f"notebook suite under nbval ({len(notebooks)} notebooks): {secs:6.1f} s "
          f"(goal < 60 s: {verdict}) — {last}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
