"""The time of one full MRA OAuth login, against the bare cryptography that login needs.

Run from the repository root::

    .venv/bin/python bench/bench_login.py [--runs 300]

One login is what ``lab.client.sign_in()`` does for a new Jabber client on a configured lab:
both SRV lookups, get_edge_sso, authorize, localauthentication (UDS home-cluster lookup,
authorize_proxy, a PBKDF2 password check), /OAuthcb, the access_token request (CUCM mints an
access and a refresh token; Expressway-C validates the access token), get_edge_config
(Expressway-C validates again) and XMPP (stream features, OAUTHBEARER: IM&P validates), all
with real cryptography and every exchange and log line recorded.

The baseline, measured in the same run with the same keys: the cryptography such a login
needs, done bare — the JOSE operations with bare jwcrypto (bench_tokens.Bare: access- and
refresh-token issues, access-token validations) plus the PBKDF2-HMAC-SHA256 password checks
with hashlib (uclab.core.defaults.PASSWORD_HASH_ROUNDS iterations, as uclab/sim/cucm/users.py).
How many of each a login performs is counted, not assumed: one login runs under cProfile first
and the calls of the minting, validating and hashing functions are read off (today 1 access and
1 refresh issue, 3 access validations, 2 password checks: Expressway-C's relay account and the
user, both at authorize_proxy). The ratio login/baseline says how much the simulation (HTTP
records, routing, logging, XML, transport) costs on top of the cryptography; the goal is at most
1.5. The script reports medians and exits 0; there is no timed assert anywhere.
"""

from __future__ import annotations

import argparse
import cProfile
import hashlib
import pstats
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
from uclab.core import defaults  # noqa: E402

GOAL = 1.5


def median_ms(fn, runs: int) -> float:
    samples = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - t0) * 1000)
    return statistics.median(samples)


def paired_medians(fn_a, fn_b, runs: int) -> tuple[float, float]:
    """Median CPU ms of ``fn_a`` and of ``fn_b``, run one after the other ``runs`` times (the
    order swapped each time), so that drift, frequency changes and other processes hit both
    alike. CPU time of this process (``time.process_time``), not wall time: time the machine
    spends on other processes is not counted on either side."""
    a, b = [], []
    for i in range(runs):
        for fn, out in ((fn_a, a), (fn_b, b)) if i % 2 else ((fn_b, b), (fn_a, a)):
            t0 = time.process_time()
            fn()
            out.append((time.process_time() - t0) * 1000)
    return statistics.median(a), statistics.median(b)


def crypto_calls(fn) -> dict[str, int]:
    """How often one call of ``fn`` mints, validates and hashes a password (cProfile counts)."""
    wanted = {("protocols/tokens.py", "mint_access_token"),
              ("protocols/tokens.py", "mint_refresh_token"),
              ("protocols/validation.py", "validate_access_token"),
              ("protocols/validation.py", "validate_refresh_token"),
              ("cucm/users.py", "_hash")}
    prof = cProfile.Profile()
    prof.runcall(fn)
    count = dict.fromkeys((name for _, name in wanted), 0)
    for (path, _line, name), row in pstats.Stats(prof).stats.items():  # type: ignore[attr-defined]
        if ("/".join(Path(path).parts[-2:]), name) in wanted:
            count[name] += row[1]  # primitive calls
    return count


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=300)
    args = parser.parse_args(argv)
    lab = uclab.Lab(seed="bench-login")
    lab.configure_oauth()

    def login() -> None:
        outcome = lab.jabber("alice").sign_in()
        if not outcome:
            raise SystemExit(f"the login failed: {outcome}")

    keys = lab.cucm.publisher.keys
    bare = Bare(keys, lab.now)
    access, refresh = bare.issue_access(), bare.issue_refresh()
    before = len(lab.exchanges)
    login()  # warm up (first JWK use, lazy imports)
    hops = len(lab.exchanges) - before
    count = crypto_calls(login)
    salt = b"\x00" * 16

    def baseline() -> None:
        for _ in range(count["mint_access_token"]):
            bare.issue_access()
        for _ in range(count["mint_refresh_token"]):
            bare.issue_refresh()
        for _ in range(count["validate_access_token"]):
            bare.validate_access(access)
        for _ in range(count["validate_refresh_token"]):
            bare.validate_refresh(refresh)
        for _ in range(count["_hash"]):
            hashlib.pbkdf2_hmac("sha256", b"password", salt, defaults.PASSWORD_HASH_ROUNDS)

    baseline()
    login_ms, base_ms = paired_medians(login, baseline, args.runs)
    ratio = login_ms / base_ms
    what = ", ".join(f"{n} {label}" for label, n in (
        ("access issue", count["mint_access_token"]),
        ("refresh issue", count["mint_refresh_token"]),
        ("access validation", count["validate_access_token"]),
        ("refresh validation", count["validate_refresh_token"]),
        (f"PBKDF2 x{defaults.PASSWORD_HASH_ROUNDS}", count["_hash"])) if n)
    print(f"full MRA login ({hops} exchanges, real crypto): median {login_ms:8.2f} ms")
    print(f"bare cryptography it needs ({what}): median {base_ms:8.2f} ms")
    print(f"ratio login / bare crypto: {ratio:.2f}  (goal <= {GOAL}: "
          f"{'meets' if ratio <= GOAL else 'MISSES'})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
