"""Read real logs: find how far a Cisco UC sign-in got and why it failed, from logs alone.

    >>> from uclab.diagnose import diagnose
    >>> report = diagnose(["expc.log", "jabber.log"])        # doctest: +SKIP
    >>> report.failing_step, report.first.rule               # doctest: +SKIP
    ('token', 'expc-unknown-kid')
    >>> print(render_text(report))                           # doctest: +SKIP

:func:`diagnose` takes paths (files, folders, ``.gz``/``.zip``/``.tar.gz`` bundles, opened by
:mod:`uclab.trace.reading`) and/or pasted text, and returns a :class:`Report`: the inputs with
their products (told by line grammar, never by file name) and hosts, the login steps
(:func:`uclab.diagnose.ruleset.steps`) each reached or not with the first line that shows it,
the first failing step, and the findings — each rule of ``rules/*.toml`` that applies (its
FORMATS.md §3 signature id, cause, fix, source and address, ``match`` when a published or
modelled line is present, ``hint`` otherwise) with its evidence lines verbatim but masked, each
cited as ``file:line``. The first finding is the best explanation. A log holding a clear-text
password (SASL PLAIN) raises a warning. Findings whose category is not ``oauth`` are named as
what broke (DNS, certificate, role ...) and never blamed on tokens.

The analyser reads records only, never a lab's state: uclab's simulator serves as its oracle
(every fault of :mod:`uclab.faults` names the rule that recognises its logs).
Renderers: :func:`render_text`, :func:`render_json` (schema ``schema/report-v1.json``),
:func:`render_html` (one self-contained page with an SVG ladder).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from pathlib import Path

from uclab.core.errors import ConfigError
from uclab.diagnose import accelerated, decide, engine
from uclab.diagnose.render import render_html, render_json, render_text, schema
from uclab.diagnose.report import (
    SCHEMA_VERSION,
    Evidence,
    Finding,
    InputFile,
    Report,
    StepState,
)
from uclab.diagnose.ruleset import Rule, Step, rule, rules, steps
from uclab.trace.reading import LogReadError, Reading

__all__ = ["SCHEMA_VERSION", "Evidence", "Finding", "InputFile", "LogReadError", "Report",
           "Rule", "Step", "StepState", "diagnose", "render_html", "render_json",
           "render_text", "excerpts", "rule", "rules", "schema", "steps"]

Input = str | Path


def _matches_host(scan: engine.FileScan, host: str) -> bool:
    want = host.lower()
    names = [h.lower() for h in scan.hosts] + [Path(scan.name).name.lower()]
    return any(n == want or n.split(".")[0] == want.split(".")[0] or want in n
               for n in names)


def _fast_scan(size: int):
    """The fastest scan for a large plain file: one Hyperscan pass when the package loads,
    else grep's offsets; None below :data:`accelerated.GREP_FROM` bytes or with neither (the
    pure-Python scan is quick on small files). All give the same report."""
    if size < accelerated.GREP_FROM:
        return None
    from uclab.diagnose import hyperscanned

    if hyperscanned.available():
        return hyperscanned.scan_with_hyperscan
    return accelerated.scan_with_grep if accelerated.grep() else None


def excerpts() -> dict[str, Path]:
    """The public real excerpts bundled with uclab (``data/real/*.log``, each opening with its
    ``# source:`` line), by file name."""
    from importlib import resources

    folder = resources.files("uclab.data").joinpath("real")
    return {p.name: Path(str(p)) for p in sorted(folder.iterdir(), key=lambda p: p.name)
            if p.name.endswith(".log")}


def diagnose(paths: Iterable[Input] | Input = (), *, text: str | Mapping[str, str] | None = None,
             host: str | None = None, reveal: bool = False,
             progress: Callable[[str, int], None] | None = None) -> Report:
    """Analyse logs (see the module docstring).

    ``paths``: files, folders or bundles; ``text``: a pasted log, or several as a mapping of
    name -> text (each cited by its name), either or both. ``host``
    keeps only the inputs of that host (short or full name, or a file-name part).
    ``reveal=True`` shows evidence unmasked (teaching, on your own logs only). ``progress`` is
    called with each input's name and its line count so far (every block).
    Raises :class:`LogReadError` only for an input that does not exist; what cannot be read
    inside an input is listed in :attr:`Report.problems`, keeping what was read.
    """
    if isinstance(paths, str | Path):
        paths = [paths]
    paths = list(paths)
    if not paths and text is None:
        raise ConfigError("diagnose: give a log file, folder, bundle or pasted text")
    texts = {"<text>": text} if isinstance(text, str) else dict(text or {})
    if not all(isinstance(k, str) and isinstance(v, str) for k, v in texts.items()):
        raise ConfigError("diagnose: text must be a str or a mapping of names to str")
    reading = Reading(paths)
    all_rules, all_steps = rules(), steps()
    report = Report(revealed=reveal)
    evidence: dict[str, list[Evidence]] = {}
    reached: dict[str, Evidence] = {}
    by_id = {r.id: r for r in all_rules}
    wanted = {a for r in all_rules for a in r.elsewhere}
    #: (file, host, the `elsewhere` literals it holds) of every input, and the findings that
    #: wait on another input's literals
    holds: list[tuple[str, str | None, set[str]]] = []
    pending: list[tuple[str, str | None, str, list[Evidence]]] = []
    def scanned():
        for name, t in texts.items():
            for source in reading.reader.text(t, name):
                yield source, _lines_scan(source, reading, reveal, progress)
        for p in paths:
            fast = _plain(Path(p)) and _fast_scan(Path(p).stat().st_size)
            if fast:
                yield None, fast(Path(p), all_rules, all_steps, reading.grammars,
                                 reveal=reveal)
                continue
            if _plain(Path(p)):
                with Path(p).open("rb") as stream:
                    scan = engine.scan_stream(str(p), stream, all_rules, all_steps,
                                              reading.grammars, reveal=reveal,
                                              progress=progress)
                yield None, scan
                continue
            for source in reading.reader.path(p):
                yield source, _lines_scan(source, reading, reveal, progress)

    for source, scan in scanned():
        if host is not None and not _matches_host(scan, host):
            continue
        products = _products(scan)
        if not products and scan.lines:
            products = ("unknown",)
        encoding = source.encoding if source is not None else scan.encoding
        report.inputs.append(InputFile(scan.name, products, scan.host, scan.lines, encoding))
        if scan.long_lines:
            report.problems.append(f"{scan.name}: has {scan.long_lines} line(s) longer than "
                                   f"{engine.MAX_LINE} bytes: each was cut there")
        holds.append((scan.name, scan.host, {a for a in wanted
                                             if any(a in h.text for h in scan.hits)}))
        for rule_id, found in decide.evaluate(scan, all_rules, reveal=reveal).items():
            if by_id[rule_id].elsewhere:
                pending.append((scan.name, scan.host, rule_id, found))
            else:
                evidence.setdefault(rule_id, []).extend(found)
        for step_id, ev in scan.steps.items():
            reached.setdefault(step_id, ev)
        for where in scan.plain_passwords:
            report.warnings.append(f"{where} holds a clear-text password: a SASL PLAIN "
                                   "payload is base64 of \\0user\\0password (RFC 4616), not "
                                   "encrypted; it is masked here, but the file itself is "
                                   "not safe to share")
    for name, on_host, rule_id, found in pending:  # another host's file must hold it
        need = set(by_id[rule_id].elsewhere)
        if any(other != name and host_b != on_host and need <= held
               for other, host_b, held in holds):
            evidence.setdefault(rule_id, []).extend(found)
    report.problems += [str(p) for p in reading.problems]
    _conclude(report, evidence, reached)
    return report


_MAGIC = (b"\x1f\x8b", b"PK\x03\x04", b"PK\x05\x06", b"BZh", b"\xfd7zXZ", b"\xef\xbb\xbf",
          b"\xff\xfe", b"\xfe\xff")


def _plain(path: Path) -> bool:
    """Whether ``path`` is a plain 8-bit text file the byte scan may read directly (bundles,
    compressed, UTF-16 and binary files go through :mod:`uclab.trace.reading`)."""
    if not path.is_file():
        return False
    try:
        with path.open("rb") as f:
            head = f.read(8192)
    except OSError:
        return False
    if not head or head.startswith(_MAGIC) or head[257:262] == b"ustar" or b"\0" in head:
        return False
    bad = sum(1 for b in head if b < 9 or 13 < b < 32 and b != 27)
    return bad <= 0.1 * len(head)


def _lines_scan(source, reading: Reading, reveal: bool, progress) -> engine.FileScan:
    lines = source.lines()
    if progress is not None:
        lines = _reporting(lines, source.name, progress)
    return engine.scan_lines(source.name, lines, rules(), steps(), reading.grammars,
                             reveal=reveal)


def _reporting(lines: Iterable[str], name: str, progress: Callable[[str, int], None]
               ) -> Iterable[str]:
    for n, line in enumerate(lines, 1):
        if n % 65536 == 0:
            progress(name, n)
        yield line
    progress(name, -1)


def _finding(r: Rule, evidence: list[Evidence]) -> Finding:
    unique = list(dict.fromkeys(evidence))
    return Finding(r.id, r.sig, r.title, r.kind, r.basis, r.category, r.step, r.cause, r.fix,
                   r.source, tuple(dict.fromkeys(r.urls)), tuple(unique[:8]))


def _conclude(report: Report, evidence: dict[str, list[Evidence]],
              reached: dict[str, Evidence]) -> None:
    """Order the findings (rule priority), mark the failing step, add its hints."""
    for r in rules():  # highest priority first
        if r.id in evidence:
            report.findings.append(_finding(r, evidence[r.id]))
    failing = report.findings[0].step if report.findings else None
    if failing is not None:
        report.findings += [_finding(r, []) for r in rules()
                            if r.kind == "hint" and r.step == failing]
    report.steps = [StepState(s.id, s.title, s.id in reached or s.id == failing,
                              s.id == failing, reached.get(s.id)) for s in steps()]


def _products(scan: engine.FileScan) -> tuple[str, ...]:
    """A file's products, most lines first. XCP router lines count for Expressway when the file
    has other Expressway lines, else for IM&P (both products run the router, S17)."""
    counts = scan.products.copy()
    xcp = counts.pop(engine.XCP_PRODUCT, 0)
    if xcp:
        counts["expressway" if counts.get("expressway") else "imp"] += xcp
    return tuple(p for p, _ in counts.most_common() if p != "unknown")
