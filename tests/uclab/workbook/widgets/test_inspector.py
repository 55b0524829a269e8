"""uclab.workbook.widgets.inspector: the token inspector panel over
uclab.protocols.inspection, with the lab's keys and clock (the inspection itself is
tests/uclab/protocols/test_inspection.py)."""

import base64
import json

import ipywidgets
import pytest

from uclab.testing import make_app, make_lab
from uclab.workbook import widgets


def text_of(out: ipywidgets.Output) -> str:
    """Everything an Output holds as stdout text."""
    return "".join(o.get("text", "") for o in out.outputs if o.get("output_type") == "stream")


@pytest.fixture()
def lab_tokens():
    lab = make_lab(1)
    return lab, make_app(lab).tokens()


def _b64(obj) -> str:
    return base64.urlsafe_b64encode(json.dumps(obj).encode()).rstrip(b"=").decode()


def test_inspector_decodes_and_validates_an_access_token(lab_tokens):
    lab, tokens = lab_tokens
    inspector = widgets.token_inspector(lab)
    report = inspector.inspect(tokens["access_token"])
    assert report.kind == "access" and report.validation.ok and not report.error
    assert report.header["alg"] == "RS256" and report.inner_header["enc"] == "A128CBC-HS256"
    assert report.claims["sub"] == "alice" and report.claims["ctyp"] == "access"
    assert report.times["exp (inner claims)"].startswith("2026-03-02 10:00:00 UTC")
    assert "ACCEPTED" in inspector.status.value
    assert "<td>signature</td>" in inspector.decisions.value
    shown = text_of(inspector.output)
    assert "Inner JWE header" in shown and "Decrypted inner claims" in shown
    assert tokens["access_token"] not in shown  # the raw token is not echoed


def test_inspector_validates_a_refresh_token(lab_tokens):
    lab, tokens = lab_tokens
    report = widgets.token_inspector(lab).inspect(tokens["refresh_token"])
    assert report.kind == "refresh" and report.validation.kind == "refresh"
    assert report.validation.ok and report.payload["ctyp"] == "refresh"
    assert report.times["exp (payload)"].startswith("2026-05-01")  # 60 days (S23)


def test_inspector_names_the_failed_check_of_a_tampered_token(lab_tokens):
    lab, tokens = lab_tokens
    inspector = widgets.token_inspector(lab)
    header, payload, sig = tokens["access_token"].split(".")
    flipped = sig[:40] + ("A" if sig[40] != "A" else "B") + sig[41:]
    report = inspector.inspect(".".join([header, payload, flipped]))
    assert report.failed.check == "signature" and not report.validation.ok
    assert "REJECTED at check &#x27;signature" in inspector.status.value
    assert "Failed check: signature" in text_of(inspector.output)
    assert report.claims is not None and any("REJECTED" in n for n in report.notes)
    # a refresh token whose exp was pushed out: decodes, but the signature no longer matches
    h, p, s = tokens["refresh_token"].split(".")
    claims = json.loads(base64.urlsafe_b64decode(p + "=" * (-len(p) % 4)))
    claims["exp"] += 365 * 86400
    forged = widgets.inspect_with_lab(".".join([h, _b64(claims), s]), lab)
    assert forged.kind == "refresh" and forged.failed.check == "signature"


def test_inspector_shows_expiry_in_lab_time(lab_tokens):
    lab, tokens = lab_tokens
    lab.advance(minutes=62)
    report = widgets.token_inspector(lab).inspect(tokens["access_token"])
    assert report.failed.check == "expiry"
    assert "expired 2 min 0 s ago" in report.times["exp (inner claims)"]


def test_inspector_with_another_labs_keys_fails_at_the_signing_key(lab_tokens):
    _, tokens = lab_tokens
    report = widgets.inspect_with_lab(tokens["access_token"], make_lab(2))
    assert report.failed.check == "signing key" and "unknown kid" in report.failed.detail


def test_inspector_without_a_lab_decodes_only(lab_tokens):
    _, tokens = lab_tokens
    inspector = widgets.token_inspector()
    inspector.textarea.value = "Bearer " + tokens["access_token"][:700] + "\n" + \
        tokens["access_token"][700:]
    inspector.inspect_button.click()
    report = inspector.report
    assert report.kind == "access" and report.validation is None and report.claims is None
    assert "not validated" in inspector.status.value


@pytest.mark.parametrize(("token", "expected"), [
    ("", "the box is empty"),
    ("   ", "the box is empty"),
    ("abc", "3 parts separated by '.', this has 1"),
    ("a.b", "this has 2"),
    ("a.b.c.d.e", "this has 5 parts: a JWE"),
    ("eyJ!.e30.sig", "header (part 1) is not base64url: character '!'"),
    ("a.e30.sig", "header (part 1) is not base64url: a length of 1"),
    ("bm90IGpzb24.e30.sig", "header (part 1) decodes, but not to JSON"),
    ("WzFd.e30.sig", "header (part 1) is JSON but not an object"),
    ("e30.e30.si+g", "signature (part 3) is not base64url"),
    ("x" * 9000, "over the 8192-character limit"),
])
def test_inspector_explains_garbage(token, expected):
    inspector = widgets.token_inspector(make_lab(1))
    report = inspector.inspect(token)
    assert expected in report.error
    assert "Cannot decode" in inspector.status.value and "Cannot decode" in \
        text_of(inspector.output)


def test_inspector_refuses_non_text():
    assert "paste the token as text" in widgets.inspect_with_lab(None).error
    assert "paste the token as text" in widgets.inspect_with_lab(b"e30.e30.e30").error
