"""The time of one full MRA OAuth login, against the bare jwcrypto work that login needs.

Run from the repository root::

    .venv/bin/python bench/bench_login.py [--runs 40]

One login is what ``lab.client.sign_in()`` does for a new Jabber client on a configured lab:
both SRV lookups, get_edge_sso, authorize, localauthentication (UDS home-cluster lookup,
authorize_proxy, a PBKDF2 password check), /OAuthcb, the access_token request (CUCM mints an
access and a refresh token; Expressway-C validates the access token), get_edge_config
(Expressway-C validates again) and XMPP (stream features, OAUTHBEARER: IM&P validates), all
with real cryptography and every exchange and log line recorded.

The baseline, measured in the same run with the same keys: the JOSE operations such a login
needs, done with bare jwcrypto — one access-token issue, one refresh-token issue and three
access-token validations (bench_tokens.Bare). The ratio login/baseline says how much the
simulation (HTTP records, routing, logging, XML, the requests transport) costs on top of the
cryptography. The script reports medians and exits 0; there is no timed assert anywhere.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

_ROOT = Path(__file__).resolve().parents[1]
for extra in (_ROOT, _ROOT / "bench"):
    if str(extra) not in sys.path:
        sys.path.insert(0, str(extra))

from bench_tokens import Bare  # noqa: E402

import uclab  # noqa: E402


def median_ms(fn, runs: int) -> float:
    samples = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - t0) * 1000)
    return statistics.median(samples)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="median MRA login time vs bare jwcrypto")
    parser.add_argument("--runs", type=int, default=40)
    args = parser.parse_args(argv)
    lab = uclab.Lab(seed="bench-login")
    lab.configure_oauth()

    def login() -> None:
        outcome = lab.jabber("alice").sign_in()
        if not outcome:
            raise SystemExit(f"the login failed: {outcome}")

    keys = lab.cucm.publisher.keys
    bare = Bare(keys, lab.now)
    access = bare.issue_access()

    def baseline() -> None:
        bare.issue_access()
        bare.issue_refresh()
        for _ in range(3):
            bare.validate_access(access)

    login(), baseline()  # warm up
    rounds = []
    for _ in range(3):  # interleave so that drift hits both alike
        rounds.append((median_ms(login, args.runs), median_ms(baseline, args.runs)))
    login_ms = statistics.median(r[0] for r in rounds)
    base_ms = statistics.median(r[1] for r in rounds)
    hops = len(lab.exchanges) // (3 * args.runs + 1)
    print(f"full MRA login ({hops} exchanges, real crypto): median {login_ms:8.2f} ms")
    print(f"bare jwcrypto work it needs (2 issues, 3 validations): median {base_ms:8.2f} ms")
    print(f"ratio login / bare crypto: {login_ms / base_ms:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
