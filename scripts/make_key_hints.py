"""Write uclab/protocols/key_hints.json: where the seeded RSA search finds its primes.

A seeded lab derives its 2048-bit AuthZ signing key from the seed (``uclab.protocols.keys``);
the search for the two primes takes 0.2-0.5 s in pure Python. This script runs that search once
for every label below and for the ``uclab-key-pool/<i>`` pool, and stores for each key the two
stream positions of its primes and a fingerprint of the modulus, so that a lab rebuilds the very
same key in about a millisecond. The file holds no key material; see KEY_HINTS.md next to it.
Running the script again reproduces the file byte for byte. Usage, from the repository root::

    .venv/bin/python scripts/make_key_hints.py [--jobs 2] [--check]

``--check`` writes nothing and exits 1 if the file would change (it redoes every search).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from uclab.core import defaults  # noqa: E402
from uclab.protocols import keys  # noqa: E402

OUT = ROOT / "uclab" / "protocols" / "key_hints.json"
POOL_SIZE = 1024

#: Seed strings as the CUCM cluster passes them (``<lab seed>/<publisher host>``, or a test's
#: own seed) and how many key generations each uses: every seeded derivation that the test
#: suite, the notebooks, scripts/make_traces.py and bench/ ran, recorded by logging each call of
#: the search while they ran. Listing a seed here keeps its keys as the full search makes them.
PINNED: dict[str, int] = {
    "t-keys": 2, "t-tokens": 1, "t-val": 2, "uclab-tests/attacker": 1,
    "bench-login/cucm-pub.example.com": 1, "bench-tokens/cucm-pub.example.com": 1,
    "1/cucm-pub.example.com": 3, "1/cucm-im.example.com": 1,
    "1/cucm2-pub.example.com": 1, "1/cucm3-pub.example.com": 1,
    **{f"{n}/cucm-pub.example.com": 1 for n in (
        2, 3, 4, 5, 7, 11, 21, 25, 26, 27, 28, 29, 31, 32, 33, 40, 41, 42, 43, 44, 45, 47, 48,
        49, 50, 51, 52, 53, 54, 55, 56, 57, 58, 59, 60, 62, 63, 64, 6749, 8414)},
    **{f"{n}/cucm-pub.example.com": 2 for n in (22, 23, 24, 46, 61)},
    "8725/cucm-pub.example.com": 3,
    **{f"{n}/cucm-central.example.com": 1 for n in (60, 61, 62, 63, 64)},
    "62/cucm115-pub.example.com": 1,
}


def _hint(job: tuple[str, int]) -> list[int | str]:
    seed, generation = job
    return list(keys.derive_with_hint(seed, generation, defaults.RSA_BITS)[1])


def build(jobs: int) -> str:
    labelled = [(seed, g) for seed, n in PINNED.items() for g in range(n)]
    pool = [(keys.POOL_SEED.format(index=i), 0) for i in range(POOL_SIZE)]
    with ProcessPoolExecutor(max_workers=jobs) as ex:
        hints = list(ex.map(_hint, labelled + pool, chunksize=8))
    rows = [f"    {json.dumps(f'{s}/authz-signing/{g}')}: {json.dumps(h)}"
            for (s, g), h in zip(labelled, hints[:len(labelled)], strict=True)]
    pool_rows = [f"    {json.dumps(h)}" for h in hints[len(labelled):]]
    return ("{\n"
            '  "about": "Lab-only: stream positions of the primes of seeded uclab RSA keys, no key'
            ' material. See KEY_HINTS.md.",\n'
            '  "generator": "scripts/make_key_hints.py",\n'
            f'  "bits": {defaults.RSA_BITS},\n'
            '  "labels": {\n' + ",\n".join(rows) + "\n  },\n"
            '  "pool": [\n' + ",\n".join(pool_rows) + "\n  ]\n}\n")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--check", action="store_true", help="compare, write nothing")
    args = parser.parse_args(argv)
    text = build(args.jobs)
    old = OUT.read_text(encoding="utf-8") if OUT.exists() else None
    if args.check:
        print(f"{OUT.relative_to(ROOT)} {'is up to date' if old == text else 'WOULD CHANGE'}")
        return 0 if old == text else 1
    OUT.write_text(text, encoding="utf-8")
    print(f"wrote {OUT.relative_to(ROOT)} ({len(text)} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
