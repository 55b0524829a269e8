"""The report as text (a ladder of the login steps, the failing one marked, then the findings
with their evidence), as JSON (``schema/report-v1.json``), and as one self-contained HTML page
(an inline SVG ladder and the findings; no script, no external file)."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

from uclab.diagnose.report import Report

__all__ = ["render_html", "render_json", "render_text", "schema"]

_MARK = {True: "✔", False: "·"}


def _step_lines(report: Report) -> list[str]:
    out = []
    for s in report.steps:
        mark = "✘" if s.failing else _MARK[s.reached]
        where = f"  ({s.evidence.where})" if s.evidence and not s.failing else ""
        tail = "   <-- first failing step" if s.failing else ""
        out.append(f"  {mark} {s.title}{where}{tail}")
    return out


def render_text(report: Report) -> str:
    """The report for a terminal or a notebook cell."""
    lines = ["uclab diagnose: " + (", ".join(f"{f.name} ({'/'.join(f.products) or 'empty'}"
                                              f"{', ' + f.host if f.host else ''})"
                                              for f in report.inputs) or "no input read")]
    lines += [f"problem: {p}" for p in report.problems]
    lines += [f"WARNING: {w}" for w in report.warnings]
    lines.append("login steps (✔ reached, · not seen, ✘ failing):")
    lines += _step_lines(report)
    if not report.findings:
        lines.append("no finding: no known failure signature in these logs")
        return "\n".join(lines)
    for n, f in enumerate(report.findings, 1):
        sig = f" {f.sig}" if f.sig else ""
        kind = "match" if f.kind == "match" else "hint (no published line: check this)"
        what = "OAuth" if f.oauth else f"not OAuth: {f.category}"
        lines += ["", f"{n}. [{f.rule}]{sig} {f.title}",
                  f"   {kind}; {f.basis}; {what}; step: {f.step}",
                  f"   cause: {f.cause}", f"   fix: {f.fix}",
                  f"   source: {f.source}" + (f" — {f.urls[0]}" if f.urls else "")]
        lines += [f"   > {e.where}: {e.line}" for e in f.evidence]
    if report.revealed:
        lines.append("(secrets revealed: do not share this output)")
    return "\n".join(lines)


def render_json(report: Report, indent: int | None = 2) -> str:
    """The report's JSON form (valid against :func:`schema`)."""
    return json.dumps(report.to_dict(), indent=indent, ensure_ascii=False)


@cache
def _schema_text() -> str:
    # a path beside this module, not importlib.resources (which loads tempfile and random)
    return (Path(__file__).with_name("schema") / "report-v1.json").read_text("utf-8")


def schema() -> dict:
    """The JSON Schema (draft 2020-12) of :func:`render_json`'s output."""
    return json.loads(_schema_text())


# -- HTML ------------------------------------------------------------------------------------
def _escape(text: str) -> str:
    """``html.escape`` (quotes too), loaded on first use: the text and JSON reports need no
    ``html`` (nor its entity table)."""
    import html

    return html.escape(text)


_ROW, _LEFT = 34, 26


def _svg(report: Report) -> str:
    height = _ROW * len(report.steps) + 20
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="560" height="{height}" '
             f'role="img" aria-label="login steps">',
             f'<line x1="{_LEFT}" y1="18" x2="{_LEFT}" y2="{height - 18}" stroke="#999"/>']
    for i, s in enumerate(report.steps):
        y = 20 + i * _ROW
        colour = "#c0392b" if s.failing else ("#27ae60" if s.reached else "#bbb")
        parts.append(f'<circle cx="{_LEFT}" cy="{y}" r="9" fill="{colour}"/>')
        label = _escape(s.title + ("  ← first failing step" if s.failing else ""))
        weight = "bold" if s.failing else "normal"
        parts.append(f'<text x="{_LEFT + 20}" y="{y + 5}" font-family="sans-serif" '
                     f'font-size="14" font-weight="{weight}" fill="{colour}">{label}</text>')
    parts.append("</svg>")
    return "".join(parts)


def render_html(report: Report) -> str:
    """One self-contained HTML page: inputs, the SVG ladder, the findings with evidence."""
    e = _escape
    body = [f"<h1>uclab diagnose</h1><p>{e(', '.join(f.name for f in report.inputs))}</p>"]
    body += [f'<p class="warn">WARNING: {e(w)}</p>' for w in report.warnings]
    body += [f'<p class="warn">problem: {e(p)}</p>' for p in report.problems]
    body.append(_svg(report))
    if not report.findings:
        body.append("<p>No finding: no known failure signature in these logs.</p>")
    for f in report.findings:
        what = "OAuth" if f.oauth else f"not OAuth: {f.category}"
        link = (f' — <a href="{e(f.urls[0])}">{e(f.urls[0])}</a>'
                if f.urls and f.urls[0].startswith("http") else "")
        ev = "".join(f"<li><code>{e(x.where)}</code> <pre>{e(x.line)}</pre></li>"
                     for x in f.evidence)
        body.append(f'<section class="{e(f.kind)}"><h2>{e(f.rule)} {e(f.sig)} — '
                    f"{e(f.title)}</h2><p>{e(f.kind)}; {e(f.basis)}; {e(what)}; step "
                    f"{e(f.step)}</p><p><b>Cause:</b> {e(f.cause)}</p><p><b>Fix:</b> "
                    f"{e(f.fix)}</p><p><b>Source:</b> {e(f.source)}{link}</p><ul>{ev}</ul>"
                    "</section>")
    style = ("body{font-family:sans-serif;max-width:60em;margin:auto}pre{white-space:pre-wrap;"
             "background:#f4f4f4;padding:.3em}.warn{color:#c0392b}.hint{color:#555}")
    return ("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>uclab "
            f"diagnose</title><style>{style}</style></head><body>{''.join(body)}</body></html>")
