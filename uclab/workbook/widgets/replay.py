"""The replay player: step through a recorded trace hop by hop — the raw request and response
(secrets concealed until revealed; an XMPP hop as its stanzas), the log lines each product wrote
until the next hop (folded, the lines that matter highlighted), and the ladder with the current
hop highlighted. Hops are numbered from 1, in the slider, the text and the ladder alike.
Used in: notebooks/05.
"""

from __future__ import annotations

import threading
from importlib.resources import files
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any

import ipywidgets as widgets

from uclab.core.clock import epoch_to_iso
from uclab.core.wire import Exchange
from uclab.sim.cucm.authz.decisions import AuthzDecisions
from uclab.trace.file import Trace, TraceError
from uclab.trace.hop_text import outcome, summary
from uclab.trace.logline import LogLine
from uclab.workbook.views.log_fold import FoldedLog, folded_log
from uclab.workbook.widgets.http_text import conceal_http, render_exchange
from uclab.workbook.widgets.output import set_status, show_html, show_ladder, show_text

#: where the workbook's sample traces live: the package data ``uclab.data/traces`` (a
#: :class:`~pathlib.Path` in a normal install); relative paths are tried here too
TRACES_DIR: Traversable = files("uclab.data") / "traces"


def _resolve_trace(path: str | Path) -> Path:
    p = Path(path)
    if p.exists() or p.is_absolute():
        return p
    for name in (p.as_posix(), f"{p.as_posix()}.jsonl"):
        candidate = TRACES_DIR.joinpath(*name.split("/"))
        if candidate.is_file():
            return Path(str(candidate))
    return p


class ReplayPlayer(widgets.VBox):
    """Step through a recorded trace hop by hop: the raw request and response, the log lines
    each product wrote until the next hop, and the ladder with the current hop highlighted.

    Drive it with ``step(n)`` and ``goto(hop)``; hops are numbered from 1, as the slider, the
    text and the ladder show them. ``hop`` is the current hop's number, ``index`` its position
    in ``exchanges`` (``hop - 1``).
    """

    def __init__(self, source: Trace | str | Path) -> None:
        self.lock = threading.RLock()
        self.trace: Trace | None = None
        self.error = ""
        self.index = 0
        self.figure: Any = None
        self.text = ""
        self.logs_text = ""
        self.prev_button = widgets.Button(description="Prev", icon="step-backward")
        self.next_button = widgets.Button(description="Next", icon="step-forward")
        self.slider = widgets.IntSlider(value=1, min=1, max=1, description="Hop",
                                        continuous_update=False)
        self.reveal = widgets.Checkbox(value=False, description="reveal secrets")
        self.status = widgets.HTML()
        self.hop_output = widgets.Output(layout=widgets.Layout(max_height="420px",
                                                               overflow="auto"))
        self.logs_output = widgets.Output(layout=widgets.Layout(max_height="320px",
                                                                overflow="auto"))
        self.ladder_output = widgets.Output()
        super().__init__(children=[
            widgets.HBox([self.prev_button, self.next_button, self.slider, self.reveal]),
            self.status, self.hop_output, self.logs_output, self.ladder_output])
        self._load(source)
        self.prev_button.on_click(lambda _: self.step(-1))
        self.next_button.on_click(lambda _: self.step(1))
        self.slider.observe(lambda change: self._render(), names="value")
        self.reveal.observe(lambda change: self._render(), names="value")
        self._render()

    def __repr__(self) -> str:
        name = self.trace.name if self.trace else None
        return f"ReplayPlayer(trace={name!r}, hop={self.hop})"

    def _load(self, source: Trace | str | Path) -> None:
        try:
            if isinstance(source, Trace):
                self.trace = source
            elif isinstance(source, str | Path):
                self.trace = Trace.load(_resolve_trace(source))
            else:
                raise TraceError(f"a replay needs a Trace or the path of a .jsonl trace (got "
                                 f"{type(source).__name__})")
        except TraceError as exc:
            self.trace, self.error = None, str(exc)
        n = len(self.exchanges)
        self.slider.max = max(n, 1)
        for w in (self.prev_button, self.next_button, self.slider):
            w.disabled = n == 0
        if self.trace is not None and n == 0:
            self.error = f"trace {self.trace.name!r} has no exchanges to replay"
        self._secrets = self.trace.secrets() if self.trace else []

    @property
    def exchanges(self) -> list[Exchange]:
        return self.trace.exchanges if self.trace else []

    @property
    def hop(self) -> int:
        """The current hop's number, from 1 (0 when there is nothing to replay)."""
        return self.index + 1 if self.exchanges else 0

    def step(self, n: int = 1) -> int:
        """Move ``n`` hops forward (negative: back), clamped to the trace; returns the hop
        number shown."""
        if isinstance(n, bool) or not isinstance(n, int):
            set_status(self.status, f"step() takes a whole number of hops (got {n!r})", ok=False)
            return self.hop
        return self.goto(self.hop + n)

    def goto(self, hop: int) -> int:
        """Show hop number ``hop`` (from 1, clamped to the trace); returns the hop shown."""
        with self.lock:
            if isinstance(hop, bool) or not isinstance(hop, int):
                set_status(self.status, f"goto() takes a hop number, from 1 (got {hop!r})",
                           ok=False)
                return self.hop
            if not self.exchanges:
                self._render()
                return self.hop
            hop = min(max(hop, 1), len(self.exchanges))
            if hop == self.slider.value:
                self._render()
            else:
                self.slider.value = hop  # the observer renders
            return self.hop

    def logs_for(self, i: int) -> list[LogLine]:
        """Log lines written from the exchange at index ``i`` until the next one (from the
        start for the first)."""
        exs = self.exchanges
        if not self.trace or not exs:
            return []
        start = exs[i].started_ms if i > 0 else None
        end = exs[i + 1].started_ms if i + 1 < len(exs) else None
        return [ln for ln in self.trace.logs
                if (start is None or ln.ms >= start) and (end is None or ln.ms < end)]

    def _render(self) -> None:
        with self.lock:
            if not self.exchanges:
                set_status(self.status, self.error or "nothing to replay", ok=False)
                for out in (self.hop_output, self.logs_output, self.ladder_output):
                    out.outputs = ()
                self.text = self.logs_text = ""
                return
            i = self.index = self.slider.value - 1
            ex = self.exchanges[i]
            reveal = self.reveal.value
            raw = render_exchange(ex)
            body = raw if reveal else conceal_http(raw, self._secrets)
            head = (f"Hop {i + 1} of {len(self.exchanges)}: {ex.hop} at "
                    f"{epoch_to_iso(ex.started_ms // 1000)} (+{ex.started_ms % 1000} ms)")
            self.text = f"{head}\n{body}" + _decision_log(ex)
            lines = self.logs_for(i)
            self.logs_text = "\n".join(ln.render(reveal=reveal) for ln in lines)
            show_text(self.hop_output, self.text)
            show_html(self.logs_output, self.folded_logs())
            set_status(self.status, f"{self.trace.name if self.trace else ''}: hop {i + 1}: "
                                    f"{summary(ex)}", ok=not outcome(ex).failed)
            self.figure = show_ladder(self.ladder_output, self.trace or [],
                                      title=self.trace.name if self.trace else "", highlight=i + 1)


    def folded_logs(self) -> FoldedLog:
        """The current hop's log lines, folded: the lines that matter highlighted, the rest
        one click away (:func:`uclab.workbook.views.folded_log`)."""
        reveal = ", secrets revealed" if self.reveal.value else ""
        return folded_log(self.logs_text, title=f"log lines from hop {self.hop} until the next "
                                                f"hop{reveal}")


def _decision_log(ex: Exchange) -> str:
    """The hop's AuthZ decision log, if CUCM's AuthZ kept one for it (names and methods only,
    never a secret: :mod:`uclab.sim.cucm.authz.decisions`); else nothing."""
    log = AuthzDecisions.from_meta(ex.metadata)
    if log is None or not log.decisions:
        return ""
    return "\n--- AuthZ decision log (the lab's record, not on the wire) ---\n" + log.report()


def replay_player(source: Trace | str | Path) -> ReplayPlayer:
    """A player over a :class:`~uclab.trace.file.Trace` or a JSONL trace file (e.g. a sample
    trace of :data:`TRACES_DIR`, by name); a bad path or file shows the TraceError in the
    status."""
    return ReplayPlayer(source)
