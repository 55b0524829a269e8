"""ipywidgets panels: fault toggles, a step-through replay player, a token inspector, a release
selector. Thin views: every decision is made by uclab logic (faults, trace, validation,
compat); the panels only call it and show the result.

House rules (NOTEBOOK-TOOLING.md findings 4, 6, 8, 9 and sections 4, 7):

* builders **return** their panel (a ``VBox`` subclass); nothing displays itself;
* output is written with ``Output.append_stdout`` / ``append_display_data`` and cleared with
  ``out.outputs = ()`` — never ``with out:``, which nbval and kernel-less tests do not capture;
* figures are plain ``go.Figure`` objects (no FigureWidget/anywidget) redrawn into an Output;
* with JupyterLab 4 + ipykernel 7, comm callbacks run on a subshell thread: every callback holds
  the panel's ``lock`` and the lab's ``lab.lock`` (an RLock) around lab state;
* every method can be driven without a frontend (``panel.run()``, ``player.step(1)``), and bad
  input shows a message in the panel's ``status``, never a traceback.

Used in: notebooks/00 (tour), 02 (tokens), 04 (releases), 05 (replay), 06-08 (faults).
"""

from __future__ import annotations

import base64
import binascii
import html
import json
import re
import threading
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import ipywidgets as widgets

from uclab import facts
from uclab.core import defaults
from uclab.core.clock import epoch_to_iso
from uclab.core.errors import UclabError
from uclab.core.wire import Exchange
from uclab.faults import FAULTS, Fault, sign_in_and_use
from uclab.lab import Lab
from uclab.protocols.validation import (
    Decision,
    Validation,
    validate_access_token,
    validate_refresh_token,
)
from uclab.sim.jabber.client import Outcome
from uclab.trace.file import Trace, TraceError
from uclab.trace.logline import CONCEALED, LogLine
from uclab.workbook import compat

WORKING_LAB = "no fault (working lab)"
#: where the workbook's sample traces live (repo checkout); relative paths are tried here too
TRACES_DIR = Path(__file__).resolve().parents[2] / "data" / "traces"
#: the release lists of the selector (fact sheet 1.1 boundaries on both sides of each rule)
CUCM_RELEASES = ("10.0(1)", "10.5(2)", "11.5(1)SU2", "11.5(1)SU3", "12.0(1)", "12.5(1)",
                 "14.0(1)", "15.0(1)")
JABBER_RELEASES = ("10.5", "10.6", "11.8", "11.9", "12.8", "14.3")
EXPRESSWAY_RELEASES = ("X8.9", "X8.10.1", "X12.5.7", "X14.3")
_BODY_LIMIT = 6000
_OK, _BAD = "#1a7f37", "#b00020"


# -- small helpers ---------------------------------------------------------------------------------
def _show_text(out: widgets.Output, text: str) -> None:
    """Replace an Output's content with ``text`` (append_stdout: captured everywhere)."""
    out.outputs = ()
    if text:
        out.append_stdout(text if text.endswith("\n") else text + "\n")


def _show_figure(out: widgets.Output, fig: Any) -> None:
    """Replace an Output's content with a figure. In a kernel, IPython's formatter renders it
    (plotly's mime bundle); outside one it has no formatter, so a text line stands in."""
    out.outputs = ()
    if fig is None:
        return
    try:
        from IPython import get_ipython
    except ImportError:  # pragma: no cover - ipywidgets depends on IPython
        get_ipython = None  # type: ignore[assignment]
    if get_ipython is not None and get_ipython() is not None:
        # A plotly figure has _ipython_display_, so append_display_data (IPython's formatter)
        # would publish it to the *current cell* and leave an empty entry in the Output; put
        # its mime bundle into the Output instead.
        bundle = fig._repr_mimebundle_() if hasattr(fig, "_repr_mimebundle_") else None
        if bundle:
            out.outputs += ({"output_type": "display_data", "metadata": {}, "data": bundle},)
        else:
            out.append_display_data(fig)
    else:
        title = getattr(getattr(fig.layout, "title", None), "text", None) or "figure"
        out.outputs += ({"output_type": "display_data", "metadata": {},
                         "data": {"text/plain": f"<plotly figure: {title}>"}},)


def _status(widget: widgets.HTML, text: str, ok: bool | None = None) -> None:
    colour = "" if ok is None else f" style='color:{_OK if ok else _BAD}'"
    widget.value = f"<span{colour}>{html.escape(text)}</span>"


def _ladder(source: Trace | Sequence[Exchange], *, title: str = "",
            highlight: int | None = None) -> tuple[Any, str]:
    """The ladder figure from :mod:`uclab.workbook.views`, or None and why it is missing."""
    try:
        from uclab.workbook import views
    except ImportError as exc:
        return None, f"ladder unavailable: uclab.workbook.views cannot be imported ({exc})"
    try:
        return views.ladder(source, title=title, highlight=highlight), ""
    except Exception as exc:  # noqa: BLE001 - a drawing bug must not break the panel
        return None, f"ladder unavailable: {type(exc).__name__}: {exc}"


# -- secrets in raw HTTP -------------------------------------------------------------------------
_SECRET_HEADERS = re.compile(
    r"^((?:Proxy-)?Authorization|X-Credentials|Cookie|Set-Cookie):[^\n]*$", re.I | re.M)
_SECRET_PARAMS = re.compile(
    r"\b(password|j_password|code|access_token|refresh_token|id_token|client_secret|token|"
    r"SAMLResponse)=([^&#\s\"'<]+)")
_SECRET_JSON = re.compile(
    r"\"(access_token|refresh_token|id_token|password|client_secret|code|token)\""
    r"(\s*:\s*)\"[^\"]*\"")
_SASL_PAYLOAD = re.compile(r"(<(?:auth|response)\b[^>]*>)[^<]+(</(?:auth|response)>)")


def conceal_http(text: str, secrets: Sequence[str] = ()) -> str:
    """Mask credentials in a raw HTTP/XMPP message the way Expressway conceals its logs
    (``<CONCEALED>``): credential headers, token/code/password parameters and JSON members,
    SASL payloads, and every raw secret the trace's log lines know about."""
    for raw in sorted({s for s in secrets if s and len(s) >= 6}, key=len, reverse=True):
        text = text.replace(raw, CONCEALED)
    text = _SECRET_HEADERS.sub(lambda m: f"{m[1]}: {CONCEALED}", text)
    text = _SECRET_PARAMS.sub(lambda m: f"{m[1]}={CONCEALED}", text)
    text = _SECRET_JSON.sub(lambda m: f'"{m[1]}"{m[2]}"{CONCEALED}"', text)
    return _SASL_PAYLOAD.sub(lambda m: f"{m[1]}{CONCEALED}{m[2]}", text)


def _body(text: str) -> str:
    if len(text) <= _BODY_LIMIT:
        return text
    return text[:_BODY_LIMIT] + f"\n… ({len(text) - _BODY_LIMIT} more characters)"


def render_exchange(ex: Exchange) -> str:
    """The raw request and response (or transport error) of one hop, secrets NOT concealed."""
    req = ex.request
    lines = ["--- request ---", f"{req.method} {req.url}"]
    lines += [f"{k}: {v}" for k, v in req.headers]
    body = req.body.decode("utf-8", "replace")
    if body:
        lines += ["", _body(body)]
    lines.append("--- response ---")
    if ex.response is None:
        lines.append(f"(no response) transport error: {ex.error or 'none recorded'}")
    else:
        lines.append(f"HTTP {ex.response.status}")
        lines += [f"{k}: {v}" for k, v in ex.response.headers]
        if ex.response.body:
            lines += ["", _body(ex.response.text)]
    return "\n".join(lines)


# == 1. fault panel ================================================================================
class FaultPanel(widgets.VBox):
    """Pick a fault from :data:`uclab.faults.FAULTS`, run the login, apply the real fix.

    Drive it without clicks: ``select(fault_id)``, ``run()``, ``fix()``; read ``lab``,
    ``outcome``, ``exchanges``, ``figure`` and ``status`` (an HTML widget).
    """

    def __init__(self, seed: int = 1) -> None:
        self.seed = seed
        self.lock = threading.RLock()
        self.lab: Lab | None = None
        self.outcome: Outcome | None = None
        self.exchanges: list[Exchange] = []
        self.figure: Any = None
        self.dropdown = widgets.Dropdown(
            options=[(WORKING_LAB, "")] + [(f.title, f.id) for f in FAULTS.values()],
            value="", description="Fault", layout=widgets.Layout(width="95%"))
        self.details = widgets.HTML()
        self.run_button = widgets.Button(description="Run login", icon="play",
                                         button_style="primary")
        self.fix_button = widgets.Button(description="Apply the fix", icon="wrench")
        self.status = widgets.HTML()
        self.output = widgets.Output()
        self.ladder_output = widgets.Output()
        self.logs_output = widgets.Output(layout=widgets.Layout(max_height="360px",
                                                                overflow="auto"))
        logs = widgets.Accordion(children=[self.logs_output],
                                 titles=("Log lines written during the login (secrets "
                                         "concealed)",))
        super().__init__(children=[self.dropdown, self.details,
                                   widgets.HBox([self.run_button, self.fix_button]),
                                   self.status, self.output, self.ladder_output, logs])
        self.dropdown.observe(self._on_select, names="value")
        self.run_button.on_click(lambda _: self.run())
        self.fix_button.on_click(lambda _: self.fix())
        self._describe()
        _status(self.status, "Pick a fault (or the working lab) and press 'Run login'.")

    def __repr__(self) -> str:
        return f"FaultPanel(fault={self.dropdown.value or None!r}, seed={self.seed!r})"

    @property
    def fault(self) -> Fault | None:
        """The selected fault (None: the working lab)."""
        return FAULTS.get(self.dropdown.value) if self.dropdown.value else None

    # -- selection ---------------------------------------------------------------------------
    def select(self, fault_id: str | None) -> bool:
        """Select a fault by id (``None`` or ``""``: the working lab); an unknown id is named in
        the status and changes nothing."""
        value = fault_id or ""
        if not isinstance(value, str) or (value and value not in FAULTS):
            _status(self.status, f"Unknown fault {fault_id!r}. Known faults: "
                                 f"{', '.join(FAULTS)}", ok=False)
            return False
        if value == self.dropdown.value:
            self._reset()
        else:
            self.dropdown.value = value  # the observer resets the panel
        return True

    def _on_select(self, _change: dict[str, Any]) -> None:
        self._reset()

    def _reset(self) -> None:
        with self.lock:
            self.lab, self.outcome, self.exchanges, self.figure = None, None, [], None
            for out in (self.output, self.ladder_output, self.logs_output):
                out.outputs = ()
            self._describe()
            _status(self.status, "Press 'Run login' to build the lab and sign Jabber in.")

    def _describe(self) -> None:
        fault = self.fault
        if fault is None:
            rows = [("Lab", "configured as the guides say (Lab.configure_oauth): "
                            f"'{facts.PARAM_REFRESH_FLOW}' {facts.ENABLED} on CUCM, "
                            "Expressway-C, IM&P and Unity Connection refreshed"),
                    ("Probe", "a fresh Jabber signs in over MRA, opens UDS and voicemail")]
        else:
            rows = [("Component", fault.component), ("What is wrong", fault.description),
                    ("Source", fault.source), ("Symptom", fault.symptom), ("Fix", fault.fix)]
            if fault.weakens:
                rows.append(("Weakens", fault.weakens))
        body = "".join(f"<tr><th style='text-align:left;vertical-align:top;padding-right:8px'>"
                       f"{html.escape(k)}</th><td>{html.escape(v)}</td></tr>" for k, v in rows)
        self.details.value = f"<table>{body}</table>"

    # -- actions -----------------------------------------------------------------------------
    def _probe(self, lab: Lab) -> tuple[Outcome, list[Exchange], list[LogLine]]:
        fault = self.fault
        with lab.lock:
            ex_start, log_start = len(lab.exchanges), len(lab.logs)
            outcome = fault.probe(lab) if fault else sign_in_and_use(lab)
            return outcome, list(lab.exchanges[ex_start:]), list(lab.logs[log_start:])

    def run(self) -> Outcome | None:
        """Build the lab of the selection (seeded) and run the fault's probe."""
        with self.lock:
            fault = self.fault
            try:
                if fault is None:
                    lab = Lab(seed=self.seed)
                    with lab.lock:
                        lab.configure_oauth()
                else:
                    lab = fault.build(self.seed)
                outcome, exchanges, logs = self._probe(lab)
            except UclabError as exc:
                self.lab, self.outcome, self.exchanges = None, None, []
                _status(self.status, f"Could not run the login: {exc}", ok=False)
                return None
            self.lab = lab
            self._show("Run login", outcome, exchanges, logs)
            return outcome

    def fix(self) -> Outcome | None:
        """Apply the fault's fix (a real admin action) to the same lab and probe again."""
        with self.lock:
            fault, lab = self.fault, self.lab
            if fault is None:
                _status(self.status, "The working lab has no fault to fix: pick a fault first.",
                        ok=None)
                return None
            if lab is None:
                _status(self.status, "Press 'Run login' first, to see the failure before the "
                                     "fix.", ok=None)
                return None
            try:
                with lab.lock:
                    fault.repair(lab)
                outcome, exchanges, logs = self._probe(lab)
            except UclabError as exc:
                _status(self.status, f"The fix could not be applied: {exc}", ok=False)
                return None
            self._show(f"Apply the fix: {fault.fix}", outcome, exchanges, logs)
            return outcome

    def _show(self, action: str, outcome: Outcome, exchanges: list[Exchange],
              logs: list[LogLine]) -> None:
        fault = self.fault
        self.outcome, self.exchanges = outcome, exchanges
        note = ""
        if fault is not None and not outcome and self.lab is not None:
            with self.lab.lock:
                seen = fault.shows(self.lab, outcome)
            note = " — the documented symptom" if seen else " — not the documented symptom"
        _status(self.status, f"{outcome}{note}", ok=bool(outcome))
        title = fault.title if fault else WORKING_LAB
        lines = [f"{action}", f"Lab: {title} (seed {self.seed})", f"Outcome: {outcome}",
                 f"Hops ({len(exchanges)}):"]
        lines += [f"  {i:>3}  {ex.summary()}" for i, ex in enumerate(exchanges, 1)]
        _show_text(self.output, "\n".join(lines))
        _show_text(self.logs_output, "\n".join(ln.render() for ln in logs))
        self.figure, why = _ladder(exchanges, title=f"{title}: {outcome}")
        _show_figure(self.ladder_output, self.figure)
        if why:
            self.ladder_output.append_stdout(why + "\n")


def fault_panel(seed: int = 1) -> FaultPanel:
    """A panel over every fault of :data:`uclab.faults.FAULTS` (plus the working lab)."""
    return FaultPanel(seed)


# == 2. replay player ==============================================================================
def _resolve_trace(path: str | Path) -> Path:
    p = Path(path)
    if p.exists() or p.is_absolute():
        return p
    for candidate in (TRACES_DIR / p, TRACES_DIR / f"{p}.jsonl"):
        if candidate.exists():
            return candidate
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
        secrets: set[str] = set()
        for line in self.trace.logs if self.trace else ():
            secrets.update(raw for raw, _ in line.secrets if raw)
        self._secrets = sorted(secrets)

    @property
    def exchanges(self) -> list[Exchange]:
        return self.trace.exchanges if self.trace else []

    def step(self, n: int = 1) -> int:
        """Move ``n`` hops forward (negative: back), clamped to the trace; returns the index."""
        if isinstance(n, bool) or not isinstance(n, int):
            _status(self.status, f"step() takes a whole number of hops (got {n!r})", ok=False)
            return self.index
        return self.goto(self.index + n)

    def goto(self, i: int) -> int:
        """Show hop ``i`` (0-based, clamped); returns the index shown."""
        with self.lock:
            if isinstance(i, bool) or not isinstance(i, int):
                _status(self.status, f"goto() takes a hop number (got {i!r})", ok=False)
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
                _status(self.status, self.error or "nothing to replay", ok=False)
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
            _show_text(self.hop_output, self.text)
            _show_text(self.logs_output, f"Log lines until the next hop ({len(lines)}"
                                         f"{', secrets revealed' if reveal else ''}):\n"
                                         + self.logs_text)
            _status(self.status, f"{self.trace.name if self.trace else ''}: {ex.summary()}",
                    ok=ex.error is None and ex.response is not None and ex.response.status < 400)
            self.figure, why = _ladder(self.trace or [], title=self.trace.name if self.trace
                                       else "", highlight=i)
            _show_figure(self.ladder_output, self.figure)
            if why:
                self.ladder_output.append_stdout(why + "\n")


def replay_player(source: Trace | str | Path) -> ReplayPlayer:
    """A player over a :class:`~uclab.trace.file.Trace` or a JSONL trace file (e.g. one in
    ``data/traces/``); a bad path or file shows the TraceError in the status."""
    return ReplayPlayer(source)


# == 3. token inspector ============================================================================
_B64URL_CHARS = re.compile(r"[^A-Za-z0-9_\-]")
_TIME_CLAIMS = ("exp", "iat", "nbf")


class TokenFormatError(UclabError, ValueError):
    """Input that is not a compact JWS/JWE, with what is wrong."""


def b64url_json(segment: str, what: str) -> dict[str, Any]:
    """Decode one base64url segment holding a JSON object (RFC 7515 §2, §7.1); no keys."""
    bad = _B64URL_CHARS.search(segment)
    if bad:
        raise TokenFormatError(f"the {what} is not base64url: character {bad[0]!r} at "
                               f"position {bad.start()} (allowed: A-Z a-z 0-9 - _)")
    if len(segment) % 4 == 1:
        raise TokenFormatError(f"the {what} is not base64url: a length of {len(segment)} "
                               "characters (1 more than a multiple of 4) cannot be an encoding")
    try:
        raw = base64.urlsafe_b64decode(segment + "=" * (-len(segment) % 4))
        value = json.loads(raw)
    except (binascii.Error, ValueError, UnicodeDecodeError):
        raise TokenFormatError(f"the {what} decodes, but not to JSON") from None
    if not isinstance(value, dict):
        raise TokenFormatError(f"the {what} is JSON but not an object")
    return value


@dataclass
class TokenReport:
    """What the inspector found in one token."""

    kind: str = ""  # "access", "refresh", "JWT" (not CUCM-shaped), or "" when undecodable
    error: str = ""
    header: dict[str, Any] | None = None
    payload: dict[str, Any] | None = None
    inner_header: dict[str, Any] | None = None
    times: dict[str, str] = field(default_factory=dict)
    validation: Validation | None = None
    claims: dict[str, Any] | None = None
    notes: list[str] = field(default_factory=list)

    @property
    def failed(self) -> Decision | None:
        return self.validation.failed if self.validation is not None else None

    def text(self) -> str:
        """The report as plain text (what the inspector's Output shows)."""
        if self.error:
            lines = [f"Cannot decode: {self.error}"]
        else:
            lines = [f"{self.kind} token" if self.kind != "JWT" else "a JWT, not CUCM-shaped",
                     f"Outer JWS header: {json.dumps(self.header)}",
                     f"Payload: {json.dumps(_short_payload(self.payload or {}))}"]
            if self.inner_header is not None:
                lines.append(f"Inner JWE header: {json.dumps(self.inner_header)}")
            lines += [f"{k}: {v}" for k, v in self.times.items()]
        if self.validation is not None:
            lines.append(self.validation.report())
            if self.failed:
                lines.append(f"Failed check: {self.failed.check} — {self.failed.detail}")
        if self.claims is not None:
            lines.append(f"Decrypted inner claims: {json.dumps(self.claims, sort_keys=True)}")
        lines += self.notes
        return "\n".join(lines)


def _short_payload(payload: dict[str, Any]) -> dict[str, Any]:
    out = dict(payload)
    if isinstance(out.get("private"), str):
        out["private"] = f"<JWE, {len(out['private'])} characters, encrypted>"
    return out


def _times(claims: dict[str, Any], where: str, now: int | None) -> dict[str, str]:
    found = {}
    for name in _TIME_CLAIMS:
        value = claims.get(name)
        if type(value) is int:
            text = epoch_to_iso(value)
            if name == "exp" and now is not None:
                delta = value - now
                text += (f" (expires in {delta // 60} min {delta % 60} s, lab time)" if
                         delta >= 0 else f" (expired {-delta // 60} min {-delta % 60} s ago, "
                                         "lab time)")
            found[f"{name} ({where})"] = text
    return found


def _decrypt(jwe_text: str, keys: Any) -> dict[str, Any] | None:
    """Decrypt the inner JWE with the lab's encryption key, whatever the outer checks said."""
    from jwcrypto import jwe

    try:
        obj = jwe.JWE()
        obj.allowed_algs = [defaults.ENCRYPTION_ALG, defaults.ENCRYPTION_ENC]
        obj.deserialize(jwe_text)
        obj.decrypt(keys.encryption_jwk)
        claims = json.loads(obj.payload)
    except Exception:  # noqa: BLE001 - any failure just means "cannot decrypt"
        return None
    return claims if isinstance(claims, dict) else None


def inspect_token(token: Any, lab: Lab | None = None) -> TokenReport:
    """Decode a CUCM token (outer JWS header and payload, inner JWE header: no keys needed)
    and, with a lab, validate it with the lab's CUCM publisher keys and decrypt the inner
    claims. Never raises: what is wrong goes into ``error`` or the validation's decisions.
    Token shapes: S1 (decoded from its samples); checks: :mod:`uclab.protocols.validation`."""
    report = TokenReport()
    if not isinstance(token, str):
        report.error = f"paste the token as text (got {type(token).__name__})"
        return report
    text = "".join(token.split())
    if text[:6].lower() == "bearer":
        text = text[6:]
    if not text:
        report.error = "the box is empty: paste an access token or a refresh token"
        return report
    if len(text) > defaults.MAX_TOKEN_LENGTH:
        report.error = (f"{len(text)} characters is over the {defaults.MAX_TOKEN_LENGTH}-"
                        "character limit of a token")
        return report
    parts = text.split(".")
    now = lab.now if lab is not None else None
    try:
        if len(parts) == 5:
            raise TokenFormatError("this has 5 parts: a JWE (e.g. the 'private' member of an "
                                   "access token). Paste the whole token, a JWS of 3 parts")
        if len(parts) != 3:
            raise TokenFormatError(f"a signed token (JWS) has 3 parts separated by '.', this "
                                   f"has {len(parts)}")
        report.header = b64url_json(parts[0], "header (part 1)")
        report.payload = b64url_json(parts[1], "payload (part 2)")
        if _B64URL_CHARS.search(parts[2]):
            raise TokenFormatError("the signature (part 3) is not base64url")
        private = report.payload.get("private")
        if set(report.payload) == {"private"} and isinstance(private, str):
            report.kind = "access"
            inner = private.split(".")
            if len(inner) != 5:
                raise TokenFormatError(f"'private' should be a JWE of 5 parts, it has "
                                       f"{len(inner)}")
            report.inner_header = b64url_json(inner[0], "inner JWE header")
        else:
            report.kind = "refresh" if report.payload.get("ctyp") == "refresh" else "JWT"
        report.times = _times(report.payload, "payload", now)
    except TokenFormatError as exc:
        report.error = str(exc)
    if lab is not None and len(parts) == 3:
        _validate(report, text, lab)
    return report


def _validate(report: TokenReport, token: str, lab: Lab) -> None:
    with lab.lock:
        pub = lab.cucm.publisher
        keys = pub.keys
        if report.kind in ("refresh", "JWT"):
            report.validation = validate_refresh_token(token, keys, now=lab.now, node=pub.host)
        else:
            report.validation = validate_access_token(token, keys, now=lab.now,
                                                      user_active=lab.cucm.users.is_active,
                                                      node=pub.host)
    v = report.validation
    if report.kind == "access":
        if v.ok:
            report.claims = v.claims
        elif keys is not None and report.payload is not None:
            report.claims = _decrypt(str(report.payload["private"]), keys)
            if report.claims is not None:
                report.notes.append("The inner claims decrypt with the lab's key, but the token "
                                    "was REJECTED: do not trust them.")
        if report.claims is not None:
            report.times.update(_times(report.claims, "inner claims", lab.now))


def _decision_table(validation: Validation | None) -> str:
    if validation is None:
        return ""
    rows = "".join(
        f"<tr><td>{html.escape(d.check)}</td>"
        f"<td style='color:{_OK if d.ok else _BAD}'>{'ok' if d.ok else 'FAIL'}</td>"
        f"<td>{html.escape(d.detail)}</td></tr>" for d in validation.decisions)
    head = html.escape(validation.report().splitlines()[0])
    return (f"<b>{head}</b><table><tr><th>check</th><th>ok</th><th>detail</th></tr>{rows}"
            "</table>")


class TokenInspector(widgets.VBox):
    """Paste a token, press Inspect: decoded headers and payload, readable times and, with a
    lab, the validator's decision table and the decrypted claims (jwt.io-style, offline)."""

    def __init__(self, lab: Lab | None = None) -> None:
        self.lab = lab
        self.lock = threading.RLock()
        self.report: TokenReport | None = None
        self.textarea = widgets.Textarea(placeholder="Paste an access or refresh token",
                                         layout=widgets.Layout(width="95%", height="90px"))
        self.inspect_button = widgets.Button(description="Inspect", icon="search",
                                             button_style="primary")
        self.status = widgets.HTML()
        self.output = widgets.Output()
        self.decisions = widgets.HTML()
        super().__init__(children=[self.textarea, self.inspect_button, self.status,
                                   self.output, self.decisions])
        self.inspect_button.on_click(lambda _: self.inspect())
        where = (f"validates with the CUCM publisher keys of {lab!r}" if lab is not None
                 else "decodes only (give it a lab to validate and decrypt)")
        _status(self.status, f"Token inspector: {where}.")

    def __repr__(self) -> str:
        return f"TokenInspector(lab={'yes' if self.lab is not None else 'no'})"

    def inspect(self, token: str | None = None) -> TokenReport:
        """Inspect ``token`` (or the Textarea's text) and show the report."""
        with self.lock:
            if token is not None:
                self.textarea.value = token if isinstance(token, str) else ""
            report = inspect_token(token if token is not None else self.textarea.value,
                                   self.lab)
            self.report = report
            _show_text(self.output, report.text())
            self.decisions.value = _decision_table(report.validation)
            if report.error:
                failed = report.failed
                extra = f" (validation: failed check '{failed.check}')" if failed else ""
                _status(self.status, f"Cannot decode: {report.error}{extra}", ok=False)
            elif report.validation is not None:
                v = report.validation
                _status(self.status, f"{report.kind or 'token'}: " + (
                    "ACCEPTED" if v.ok else f"REJECTED at check '{v.reason}'"), ok=v.ok)
            else:
                _status(self.status, f"Decoded a {report.kind} token (not validated: no lab).",
                        ok=None)
            return report


def token_inspector(lab: Lab | None = None) -> TokenInspector:
    """A token inspector; with ``lab`` it validates with the lab's CUCM publisher keys."""
    return TokenInspector(lab)


# == 4. release selector ===========================================================================
class ReleaseSelector(widgets.VBox):
    """Pick CUCM, Jabber and Expressway releases and two settings; see which flow Jabber gets
    over MRA and why (:func:`uclab.workbook.compat.which_flow`), updated on every change."""

    def __init__(self, cucm: str = "12.5(1)", jabber: str = "12.8",
                 expressway: str = "X12.5.7", *, sso: bool = False,
                 refresh_enabled: bool = True) -> None:
        self.lock = threading.RLock()
        self.answer: compat.FlowAnswer | None = None
        self.error = ""
        style = {"description_width": "initial"}
        self.cucm = widgets.Dropdown(options=CUCM_RELEASES, value=_pick(cucm, CUCM_RELEASES),
                                     description="CUCM / IM&P / CUC")
        self.jabber = widgets.Dropdown(options=JABBER_RELEASES,
                                       value=_pick(jabber, JABBER_RELEASES),
                                       description="Jabber")
        self.expressway = widgets.Dropdown(options=EXPRESSWAY_RELEASES,
                                           value=_pick(expressway, EXPRESSWAY_RELEASES),
                                           description="Expressway")
        self.sso = widgets.Checkbox(value=bool(sso), description=str(compat.SSO_IMPLICIT),
                                    style=style)
        self.refresh = widgets.Checkbox(
            value=bool(refresh_enabled), style=style,
            description=f"{facts.PARAM_REFRESH_FLOW} = {facts.ENABLED}")
        self.result = widgets.HTML()
        super().__init__(children=[widgets.HBox([self.cucm, self.jabber, self.expressway]),
                                   widgets.HBox([self.sso, self.refresh]), self.result])
        for w in (self.cucm, self.jabber, self.expressway, self.sso, self.refresh):
            w.observe(lambda change: self.update(), names="value")
        self.update()

    def __repr__(self) -> str:
        return (f"ReleaseSelector(cucm={self.cucm.value!r}, jabber={self.jabber.value!r}, "
                f"expressway={self.expressway.value!r}, sso={self.sso.value}, "
                f"refresh_enabled={self.refresh.value})")

    def update(self) -> compat.FlowAnswer | None:
        """Recompute the answer from the current selection."""
        with self.lock:
            try:
                self.answer = compat.which_flow(self.cucm.value, self.jabber.value,
                                                self.expressway.value, sso=self.sso.value,
                                                refresh_enabled=self.refresh.value)
                self.error = ""
            except UclabError as exc:
                self.answer, self.error = None, str(exc)
                self.result.value = f"<span style='color:{_BAD}'>{html.escape(self.error)}</span>"
                return None
            a = self.answer
            items = "".join(f"<li>{html.escape(r)}</li>" for r in a.reasons)
            unsure = "".join(f"<li><i>{html.escape(u)}</i></li>" for u in a.uncertain)
            self.result.value = (f"<b>{html.escape(a.flow)}</b><ul>{items}</ul>"
                                 + (f"Uncertain:<ul>{unsure}</ul>" if unsure else ""))
            return a


def _pick(value: str, options: Sequence[str]) -> str:
    if value not in options:
        from uclab.core.errors import ConfigError

        raise ConfigError(f"{value!r} is not in the list; choose one of {', '.join(options)}")
    return value


def release_selector(cucm: str = "12.5(1)", jabber: str = "12.8", expressway: str = "X12.5.7",
                     *, sso: bool = False, refresh_enabled: bool = True) -> ReleaseSelector:
    """Dropdowns for the releases, checkboxes for SAML SSO and the refresh flow, and the
    answer of :func:`uclab.workbook.compat.which_flow` with its reasons and sources."""
    return ReleaseSelector(cucm, jabber, expressway, sso=sso, refresh_enabled=refresh_enabled)
