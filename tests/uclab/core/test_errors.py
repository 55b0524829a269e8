"""uclab.core.errors: error descriptions stay within RFC 6749's character set."""

from uclab.core.errors import InvalidGrant, safe_description


def test_description_characters_are_rfc6749_safe():
    text = safe_description('kid "a\\b" holds ef73776f…8e2ffec9 é')
    assert '"' not in text and "\\" not in text and "…" not in text
    assert "ef73776f...8e2ffec9" in text
    assert all(0x20 <= ord(c) <= 0x7E for c in text)


def test_error_wire_form():
    err = InvalidGrant("the refresh token was revoked")
    assert err.status == 400 and err.as_dict() == {
        "error": "invalid_grant", "error_description": "the refresh token was revoked"}
    assert str(err) == "invalid_grant: the refresh token was revoked"
