"""The token inspector: paste a token, press Inspect — decoded headers and payload, readable
times and, with a lab, the validator's decision table and the decrypted claims (jwt.io-style,
offline). All decoding and checking is :func:`uclab.protocols.inspection.inspect_token`'s; this
panel hands it the lab's CUCM publisher keys and clock and shows its report. Used in:
notebooks/02.
"""

from __future__ import annotations

import html
import threading

import ipywidgets as widgets

from uclab.lab import Lab
from uclab.protocols.inspection import TokenFormatError, TokenReport, compact_text, inspect_token
from uclab.protocols.validation import Validation
from uclab.workbook.widgets.output import BAD, OK, set_status, show_text


def inspect_with_lab(token: object, lab: Lab | None = None) -> TokenReport:
    """The inspection of what was pasted: decoded only, or (with ``lab``) validated with the
    lab's CUCM publisher keys at lab time. Never raises: what is wrong is in ``error``."""
    if not isinstance(token, str):
        return TokenReport(error=f"paste the token as text (got {type(token).__name__})")
    if not compact_text(token):
        return TokenReport(error="the box is empty: paste an access token or a refresh token")
    try:
        if lab is None:
            return inspect_token(token)
        with lab.lock:
            pub = lab.cucm.publisher
            return inspect_token(token, pub.keys, now=lab.now,
                                 user_active=lab.cucm.users.is_active, node=pub.host)
    except TokenFormatError as exc:
        return exc.report


def decision_table(validation: Validation | None) -> str:
    """The validator's decisions as an HTML table (failed checks in red)."""
    if validation is None:
        return ""
    rows = "".join(
        f"<tr><td>{html.escape(d.check)}</td>"
        f"<td style='color:{OK if d.ok else BAD}'>{'ok' if d.ok else 'FAIL'}</td>"
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
        set_status(self.status, f"Token inspector: {where}.")

    def __repr__(self) -> str:
        return f"TokenInspector(lab={'yes' if self.lab is not None else 'no'})"

    def inspect(self, token: str | None = None) -> TokenReport:
        """Inspect ``token`` (or the Textarea's text) and show the report."""
        with self.lock:
            if token is not None:
                self.textarea.value = token if isinstance(token, str) else ""
            report = inspect_with_lab(token if token is not None else self.textarea.value,
                                      self.lab)
            self.report = report
            show_text(self.output, report.text())
            self.decisions.value = decision_table(report.validation)
            if report.error:
                failed = report.failed
                extra = f" (validation: failed check '{failed.check}')" if failed else ""
                set_status(self.status, f"Cannot decode: {report.error}{extra}", ok=False)
            elif report.validation is not None:
                v = report.validation
                set_status(self.status, f"{report.kind or 'token'}: " + (
                    "ACCEPTED" if v.ok else f"REJECTED at check '{v.reason}'"), ok=v.ok)
            else:
                set_status(self.status, f"Decoded a {report.kind} token (not validated: no lab).",
                        ok=None)
            return report


def token_inspector(lab: Lab | None = None) -> TokenInspector:
    """A token inspector; with ``lab`` it validates with the lab's CUCM publisher keys."""
    return TokenInspector(lab)
