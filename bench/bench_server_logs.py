"""How fast the server-side grammars cut a large log into records, against a bare cut.

Run from the repository root::

    .venv/bin/python bench/bench_server_logs.py [--mb 8] [--repeats 5]

The input is a synthetic CUCM ssosp log of about ``--mb`` MB in the shape DEBUG level gives
(``shared/real-logs/FORMATS.md`` §1.5): short SAML lines, a multi-kB ``SAML Response is ::``
line per login, and a Java stack trace; then the same size of simulator-rendered IM&P
XCP_JABBERD and Unity Connection lines. uclab's side is
``uclab.trace.parsing.split(lines, uclab.trace.dialects.server_lines.GRAMMARS)`` with every
record parsed (fields, times, stack traces).

The baseline, measured in the same run on the same lines: one pre-compiled regular expression
that recognises a record's first line (a date, or ``XCP_JABBERD[``, or a CiscoLog sequence),
every other line appended to the open record, and no fields read: the least work that cuts the
same records. The ratio uclab / bare says what reading the fields and trying six grammars cost,
with the machine's speed cancelled out. Best of ``--repeats``, the two sides alternating. The
script only reports: it exits 0 whatever the ratio.
"""

from __future__ import annotations

import argparse
import base64
import re
import sys
import time
from pathlib import Path

_ROOT = Path(__file__).resolve().parents[1]
if str(_ROOT) not in sys.path:  # run as a script from anywhere: import the checkout's uclab
    sys.path.insert(0, str(_ROOT))

from uclab.faults import sign_in_and_use  # noqa: E402
from uclab.lab import Lab  # noqa: E402
from uclab.trace.dialects import server_lines  # noqa: E402
from uclab.trace.parsing import split  # noqa: E402

_FIRST = re.compile(r"\d{4}-\d\d-\d\d[ T]|\S+ XCP_JABBERD\[|[A-Z][a-z]{2} +\d+ .* : \d+: ")


def ssosp_lines(mb: float) -> list[str]:
    response = base64.b64encode(b"<samlp:Response ID='r'>" + b"x" * 3000).decode()
    head = "2021-04-30 09:00:53,{ms:03d} DEBUG [http-bio-443-exec-83] "
    block = [head + "filter.SSOAuthAgentFilter - servlet path :/showHome.do",
             head + "fappend.SamlLogger - SPSSOFederate: spEntityID is : cucm.example.com",
             head + f"fappend.SamlLogger - SAML Response is ::{response}",
             head + "authentication.SAMLAuthenticator - Time Valid?:true",
             head.replace("DEBUG", "ERROR") + "authentication.SAMLAuthenticator - Error",
             "com.sun.identity.saml2.common.SAML2Exception: The signing certificate does not "
             "match what's defined in the entity metadata.",
             "\tat com.sun.identity.saml2.xmlsig.FMSigProvider.verify(FMSigProvider.java:120)",
             "\t... 42 more"]
    size = sum(len(b) for b in block)
    out: list[str] = []
    for i in range(max(1, int(mb * 1e6 / 2 / size))):
        out += [b.format(ms=i % 1000) for b in block]
    return out


def simulated_lines(mb: float) -> list[str]:
    lab = Lab(seed=1)
    lab.configure_oauth()
    sign_in_and_use(lab)
    hosts = (lab.imp.host, lab.unity.host)
    one = [ln for h in hosts for ln in lab.render_logs(host=h).splitlines()]
    size = sum(len(x) for x in one) or 1
    return one * max(1, int(mb * 1e6 / 2 / size))


def bare(lines: list[str]) -> int:
    records, buf = 0, False
    match = _FIRST.match
    for line in lines:
        if match(line):
            records += 1
            buf = True
        elif not buf:
            records += 1
            buf = True
    return records


def uclab(lines: list[str]) -> int:
    return sum(1 for _ in split(lines, server_lines.GRAMMARS))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=8.0)
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args(argv)
    lines = ssosp_lines(args.mb) + simulated_lines(args.mb)
    mb = sum(len(x) + 1 for x in lines) / 1e6
    best = {"bare": float("inf"), "uclab": float("inf")}
    counts = {}
    for i in range(args.repeats):
        order = (("bare", bare), ("uclab", uclab)) if i % 2 == 0 else \
            (("uclab", uclab), ("bare", bare))
        for name, fn in order:
            t0 = time.perf_counter()
            counts[name] = fn(lines)
            best[name] = min(best[name], time.perf_counter() - t0)
    if counts["bare"] != counts["uclab"]:
        print(f"note: the bare cut found {counts['bare']} records, uclab {counts['uclab']}")
    for name in ("bare", "uclab"):
        print(f"{name:5}: {best[name]:6.3f} s for {mb:.1f} MB ({mb / best[name]:6.1f} MB/s), "
              f"{counts[name]} records")
    print(f"ratio uclab / bare: {best['uclab'] / best['bare']:.1f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
