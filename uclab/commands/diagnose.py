"""``uclab diagnose``: read real logs with :func:`uclab.diagnose.diagnose` and print or write
its report. Exit status 0 when nothing was found, 1 with findings (like ``grep``); unreadable
input is a ConfigError (exit 2)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from uclab.core.errors import ConfigError


def _progress() -> tuple[Any, Callable[[str, int], None] | None]:
    """rich's progress bar for large inputs, on stderr, only when stderr is a terminal (a
    pipe or a notebook gets no bar). rich is loaded only then."""
    if not sys.stderr.isatty():
        return None, None
    from rich.console import Console
    from rich.progress import Progress, SpinnerColumn, TextColumn

    bar = Progress(SpinnerColumn(), TextColumn("{task.description}"), transient=True,
                   console=Console(stderr=True))
    task = bar.add_task("reading", total=None)

    def tick(name: str, lines: int) -> None:
        bar.update(task, description=f"{name}: {lines:,} lines" if lines >= 0 else name)
    return bar, tick


def diagnose(args: argparse.Namespace) -> tuple[str, int]:
    """The report of ``args.paths`` in ``args.format`` (or a one-line summary when it is
    written to ``args.output``) and the exit status."""
    from uclab import diagnose as dg  # the analyser, loaded on use

    bar, tick = _progress()
    if bar is not None:
        bar.start()
    try:
        report = dg.diagnose(args.paths, host=args.host, reveal=args.reveal, progress=tick)
    finally:
        if bar is not None:
            bar.stop()
    if report.unreadable:
        raise ConfigError("diagnose: nothing could be read: " + "; ".join(report.problems))
    if not report.inputs:
        raise ConfigError(f"diagnose: no input is of host {args.host!r}")
    render = {"text": dg.render_text, "json": dg.render_json, "html": dg.render_html}
    out = render[args.format](report)
    status = 1 if report.findings else 0
    if args.output is not None:
        Path(args.output).write_text(out + "\n", encoding="utf-8")
        out = (f"uclab diagnose: wrote {args.output} ({len(report.matches)} match(es), "
               f"failing step: {report.failing_step or 'none'})")
    return out, status
