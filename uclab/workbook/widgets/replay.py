"""The replay player: step through a recorded trace hop by hop — the raw request and response
(secrets concealed until revealed), the log lines each product wrote until the next hop, and the
ladder with the current hop highlighted. Used in: notebooks/05.
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
from uclab.trace.file import Trace, TraceError
from uclab.trace.logline import LogLine
from uclab.workbook.widgets.http_text import conceal_http, render_exchange
from uclab.workbook.widgets.output import set_status, show_ladder, show_text

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

    Drive it with ``step(n)`` and ``goto(i)`` (0-based); ``index`` is the current hop.
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
        self.slider = widgets.IntSlider(value=0, min=0, max=0, description="Hop",
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
        return f"ReplayPlayer(trace={name!r}, hop={self.index})"

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
        self.slider.max = max(n - 1, 0)
        for w in (self.prev_button, self.next_button, self.slider):
            w.disabled = n == 0
        if self.trace is not None and n == 0:
            self.error = f"trace {self.trace.name!r} has no exchanges to replay"
        self._secrets = self.trace.secrets() if self.trace else []

    @property
    def exchanges(self) -> list[Exchange]:
        return self.trace.exchanges if self.trace else []

    def step(self, n: int = 1) -> int:
        """Move ``n`` hops forward (negative: back), clamped to the trace; returns the index."""
        if isinstance(n, bool) or not isinstance(n, int):
            set_status(self.status, f"step() takes a whole number of hops (got {n!r})", ok=False)
            return self.index
        return self.goto(self.index + n)

    def goto(self, i: int) -> int:
        """Show hop ``i`` (0-based, clamped); returns the index shown."""
        with self.lock:
            if isinstance(i, bool) or not isinstance(i, int):
                set_status(self.status, f"goto() takes a hop number (got {i!r})", ok=False)
                return self.index
            if not self.exchanges:
                self._render()
                return self.index
            i = min(max(i, 0), len(self.exchanges) - 1)
            if i == self.slider.value:
                self._render()
            else:
                self.slider.value = i  # the observer renders
            return self.index

    def logs_for(self, i: int) -> list[LogLine]:
        """Log lines written from hop ``i`` until hop ``i + 1`` (from the start for hop 0)."""
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
            i = self.index = self.slider.value
            ex = self.exchanges[i]
            reveal = self.reveal.value
            raw = render_exchange(ex)
            body = raw if reveal else conceal_http(raw, self._secrets)
            head = (f"Hop {i + 1} of {len(self.exchanges)}: {ex.hop} at "
                    f"{epoch_to_iso(ex.started_ms // 1000)} (+{ex.started_ms % 1000} ms)")
            self.text = f"{head}\n{body}"
            lines = self.logs_for(i)
            self.logs_text = "\n".join(ln.render(reveal=reveal) for ln in lines)
            show_text(self.hop_output, self.text)
            show_text(self.logs_output, f"Log lines until the next hop ({len(lines)}"
                                         f"{', secrets revealed' if reveal else ''}):\n"
                                         + self.logs_text)
            set_status(self.status, f"{self.trace.name if self.trace else ''}: {ex.summary()}",
                    ok=ex.error is None and ex.response is not None and ex.response.status < 400)
            self.figure = show_ladder(self.ladder_output, self.trace or [],
                                      title=self.trace.name if self.trace else "", highlight=i)


def replay_player(source: Trace | str | Path) -> ReplayPlayer:
    """A player over a :class:`~uclab.trace.file.Trace` or a JSONL trace file (e.g. a sample
    trace of :data:`TRACES_DIR`, by name); a bad path or file shows the TraceError in the
    status."""
    return ReplayPlayer(source)
