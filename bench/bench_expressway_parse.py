"""How fast uclab reads an Expressway diagnostic log, against a bare regex pass over the same text.

Run from the repository root::

    .venv/bin/python bench/bench_expressway_parse.py

The text: every Expressway-E/-C log the lab writes for the login and each fault of the catalogue
(the Expressway lines of ``uclab simulate --logs``), repeated to about 2 MB, plus the two real
Expressway samples when ``/work/shared`` is there.

* uclab: :func:`uclab.trace.parsing.split` with
  :data:`uclab.trace.dialects.expressway.GRAMMARS`: records with times, fields and blocks;
* bare: one loop over the lines that does the least any reader must: one prefix regex per line
  and, on a line that matches, ``finditer`` over the ``Key="value"`` pairs into a list.

Method: ``timeit.Timer.autorange()`` sizes a batch of at least 0.2 s, then 5 alternating repeats,
best of each. The ratio uclab/bare is what uclab's grammar (block rules, wrapped lines, times,
four record kinds) costs over the bare pass. The script only reports: it exits 0 whatever the
ratio.
"""

from __future__ import annotations

import re
import sys
import timeit
from pathlib import Path

_ROOT = Path(__file__).resolve().parents[1]
if str(_ROOT) not in sys.path:
    sys.path.insert(0, str(_ROOT))

from uclab import faults  # noqa: E402
from uclab.faults.catalogue import FAULTS  # noqa: E402
from uclab.lab import Lab  # noqa: E402
from uclab.trace.dialects.expressway import GRAMMARS  # noqa: E402
from uclab.trace.logline import render_all  # noqa: E402
from uclab.trace.parsing import split  # noqa: E402

_PREFIX = re.compile(r"\d{4}-\d{2}-\d{2}T\S+ \S+ \S+ ")
_PAIR = re.compile(r'([A-Za-z][\w.-]*)="([^"]*)"')


def _text() -> list[str]:
    parts = []
    labs = []
    lab = Lab(seed=1)
    lab.configure_oauth()
    faults.sign_in_and_use(lab)
    labs.append(lab)
    for fault in FAULTS.values():
        lab = fault.build(1)
        fault.probe(lab)
        labs.append(lab)
    for lab in labs:
        for host in (lab.edge.host, lab.expc.host):
            parts.append(render_all([ln for ln in lab.logs if ln.host == host]))
    samples = Path("/work/shared/real-logs/samples")
    for name in ("expressway-e-sipmsg-mra-invite-continuation-block.log",
                 "expressway-c-xcp-7400-connection-refused-dual-nic.log"):
        if (samples / name).is_file():
            parts.append("\n".join(ln for ln in (samples / name).read_text().splitlines()
                                   if not ln.startswith("#")))
    text = "\n".join(parts)
    return ("\n".join([text] * max(1, 2_000_000 // len(text)))).split("\n")


def _bare(lines: list[str]) -> int:
    n = 0
    for line in lines:
        if _PREFIX.match(line):
            n += len([m.groups() for m in _PAIR.finditer(line)])
    return n


def _uclab(lines: list[str]) -> int:
    return sum(len(r.fields) for r in split(lines, GRAMMARS, "bench"))


def main() -> int:
    lines = _text()
    size = sum(map(len, lines)) + len(lines)
    timers = {"uclab": timeit.Timer(lambda: _uclab(lines)),
              "bare": timeit.Timer(lambda: _bare(lines))}
    number = {k: t.autorange()[0] for k, t in timers.items()}
    best = {k: float("inf") for k in timers}
    for i in range(5):
        for k in (("uclab", "bare") if i % 2 == 0 else ("bare", "uclab")):
            best[k] = min(best[k], timers[k].timeit(number[k]) / number[k])
    for k in ("uclab", "bare"):
        print(f"{k:6}: {best[k] * 1000:8.1f} ms for {size / 1e6:.2f} MB, {len(lines)} lines "
              f"({size / best[k] / 1e6:.1f} MB/s)")
    print(f"ratio uclab/bare: {best['uclab'] / best['bare']:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
