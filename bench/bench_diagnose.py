"""How fast ``uclab diagnose`` reads a large log, against ``grep -c`` of one signature on the
same file, and its peak memory.

Run from the repository root::

    .venv/bin/python bench/bench_diagnose.py [--size 200] [--keep FILE]

A generator writes a mixed log of ``--size`` MB (default 200; 1024 for 1 GB) in the real
grammars: the simulator's healthy MRA logins as Expressway-C, Expressway-E, IM&P and Jabber
write them (seed 1..4, every host's lines interleaved by block), the shared real samples'
healthy excerpts (the Expressway-E SIPMSG block, the ssosp success flow) when the shared folder
is there, and, near the end, the seed's Jabber lines whose XMPP step fails. Then, each in a
child process measured with ``os.wait4``:

* ``uclab diagnose FILE --format json`` (one core): wall time, MB/s, peak RSS, and whether the
  first finding is the planted one;
* ``grep -c`` of that finding's anchor text on the same file: the baseline;
* the start-up alone (interpreter, imports, rules).

Each runs ``--runs`` times (default 5), the three interleaved so that a change in the
machine's load falls on all of them; the medians are reported, with their range. It prints the
figures and the ratio of the median times diagnose/grep, and exits 0. Targets (issue 9): at least
100 MB/s, at most 10x grep, peak RSS at most 150 MB. Nothing here asserts a time.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

_ROOT = Path(__file__).resolve().parents[1]
if str(_ROOT) not in sys.path:
    sys.path.insert(0, str(_ROOT))

from uclab import facts  # noqa: E402
from uclab.diagnose import excerpts  # noqa: E402
from uclab.faults import sign_in_and_use  # noqa: E402
from uclab.lab import Lab  # noqa: E402

SHARED = _ROOT.parent / "shared"
if not SHARED.is_dir():
    SHARED = Path("/work/shared")
HEALTHY_SAMPLES = ("expressway-e-sipmsg-mra-invite-continuation-block.log",
                   "cucm-ssosp-saml-sso-success-flow-adfs.log")


def _verbatim(path: Path) -> str:
    lines = path.read_text(encoding="utf-8").splitlines()
    return "\n".join(ln for ln in lines if not ln.startswith("#")) + "\n"


def healthy_blocks() -> list[str]:
    """Text blocks of healthy logs, each a few kB: one per host of each seeded login."""
    blocks = []
    for seed in (1, 2, 3, 4):
        lab = Lab(seed=seed)
        lab.configure_oauth()
        sign_in_and_use(lab)
        for host in sorted({ln.host for ln in lab.logs}):
            blocks.append(lab.render_logs(host=host) + "\n")
    samples = SHARED / "real-logs" / "samples"
    for name in HEALTHY_SAMPLES:
        if (samples / name).is_file():
            blocks.append(_verbatim(samples / name))
    return blocks


def generate(path: Path, size_mb: int) -> str:
    """Write the mixed log; returns the planted failure's anchor text."""
    blocks = [b.encode() for b in healthy_blocks()]
    failure = _verbatim(excerpts()["seed-jabber-xmpp-no-sasl-mechanism.log"]).encode()
    target = size_mb << 20
    written = 0
    with path.open("wb") as out:
        i = 0
        planted = False
        while written < target:
            block = blocks[i % len(blocks)]
            out.write(block)
            written += len(block)
            i += 1
            if not planted and written > target * 0.9:
                out.write(failure)
                written += len(failure)
                planted = True
    return str(facts.PRT_NO_SASL)


#: the children run as an installed uclab does, from compiled bytecode: without this, a
#: PYTHONDONTWRITEBYTECODE=1 in the environment would add ~0.15 s of compiling to each start
CHILD_ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def measure(argv: list[str]) -> tuple[float, int, bytes]:
    """Wall seconds, peak RSS in bytes (Linux ru_maxrss is kB) and stdout of a child."""
    start = time.perf_counter()
    with tempfile.TemporaryFile() as out:
        child = subprocess.Popen(argv, stdout=out, stderr=subprocess.DEVNULL, env=CHILD_ENV)
        _, _, usage = os.wait4(child.pid, 0)
        wall = time.perf_counter() - start
        out.seek(0)
        return wall, usage.ru_maxrss * 1024, out.read()


def _spread(runs: list[tuple[float, int, bytes]]) -> str:
    walls = [w for w, _, _ in runs]
    return f"[{min(walls):.2f}-{max(walls):.2f}]"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--size", type=int, default=200, help="MB to generate (default 200)")
    ap.add_argument("--keep", type=Path, help="write the log here and keep it")
    ap.add_argument("--runs", type=int, default=5, choices=range(1, 101), metavar="N",
                    help="runs of each command; the median is reported (default 5)")
    args = ap.parse_args()
    folder = tempfile.TemporaryDirectory()
    path = args.keep or Path(folder.name) / "mixed.log"
    t0 = time.perf_counter()
    anchor = generate(path, args.size)
    size = path.stat().st_size
    print(f"generated {size / 1e6:.0f} MB ({size >> 20} MiB) in "
          f"{time.perf_counter() - t0:.1f} s: {path}")
    env_python = sys.executable
    code = ("import sys; from uclab import cli; "
            "sys.exit(cli.main(['diagnose', sys.argv[1], '--format', 'json']))")
    measure([env_python, "-c", "import uclab.cli, uclab.diagnose"])  # writes the bytecode
    diag, greps, starts = [], [], []
    for _ in range(args.runs):  # interleaved: a change in the machine's load hits all three
        diag.append(measure([env_python, "-c", code, str(path)]))
        greps.append(measure(["grep", "-c", "-F", anchor, str(path)]))
        starts.append(measure([env_python, "-c", "import uclab.cli, uclab.diagnose; "
                               "uclab.diagnose.rules()"]))
    wall, gwall, swall = (statistics.median(w for w, _, _ in runs)
                          for runs in (diag, greps, starts))
    rss, grss, srss = (max(r for _, r, _ in runs) for runs in (diag, greps, starts))
    report = json.loads(diag[0][2] or b"{}")
    first = (report.get("findings") or [{}])[0].get("rule")
    gout = greps[0][2]
    mb = size / 1e6
    print(f"median of {args.runs} interleaved runs each (range in brackets); peak RSS is the "
          "largest")
    print(f"uclab diagnose: {wall:.2f} s {_spread(diag)}, {mb / wall:.0f} MB/s, peak RSS "
          f"{rss / 1e6:.0f} MB, first finding {first!r}, failing step "
          f"{report.get('failing_step')!r}")
    print(f"grep -c -F:     {gwall:.2f} s {_spread(greps)}, {mb / gwall:.0f} MB/s, peak RSS "
          f"{grss / 1e6:.0f} MB, count {gout.decode().strip()}")
    print(f"start-up alone (interpreter, import uclab.cli, load the rules): {swall:.2f} s "
          f"{_spread(starts)}, peak RSS {srss / 1e6:.0f} MB; diagnose without it: "
          f"{mb / max(wall - swall, 1e-9):.0f} MB/s")
    ratios = sorted(d[0] / g[0] for d, g in zip(diag, greps, strict=True))
    print(f"ratio diagnose/grep: {wall / gwall:.1f}x (run by run {ratios[0]:.1f}-"
          f"{ratios[-1]:.1f}x)   (targets: >= 100 MB/s, <= 10x grep, <= 150 MB)")
    folder.cleanup()
    return 0


if __name__ == "__main__":
    sys.exit(main())
