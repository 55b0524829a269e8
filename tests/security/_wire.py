"""Assertions on the wire form of token-endpoint errors, shared by the checklist tests."""


def assert_token_error(resp, status: int, error: str) -> dict:
    """RFC 6749 §5.2: a JSON error, not cacheable (§5.1), carrying no token."""
    assert resp.status_code == status
    assert resp.headers["Content-Type"].startswith("application/json")
    assert resp.headers["Cache-Control"] == "no-store"
    assert resp.headers["Pragma"] == "no-cache"
    body = resp.json()
    assert body["error"] == error
    assert "access_token" not in body and "refresh_token" not in body
    return body
