"""The one redaction of uclab: every renderer, saver and view conceals secrets through
:func:`redact` (text) or :func:`redact_header` (one header field of a recorded exchange).

Two kinds of secret are masked:

* **given** secrets: raw values a product knows it holds (a header value, a code, a SASL
  payload), each with the mask that product prints, longest first;
* **recognised** secrets, by shape or by the name they stand under: compact JWS/JWE tokens
  (RFC 7515 §7.1, RFC 7516 §7.1), ``Authorization`` / ``Proxy-Authorization`` /
  ``X-Credentials`` / ``Cookie`` / ``Set-Cookie`` header lines (RFC 7235 §4.2, RFC 6265 §4),
  ``code`` / ``access_token`` / ``refresh_token`` / ``password`` / ... values in query strings
  and forms (RFC 6749 §4.1.2, §4.1.3, §6) and in JSON members (§5.1), the base64 payload of an
  XMPP SASL ``<auth>`` / ``<response>`` element (RFC 6120 §6.4.2; one of under 8 characters
  holds at most 3 bytes and stays, e.g. RFC 7628 §3.2.3's ``AQ==`` after a failure), and SAML
  responses and assertions (``SAMLResponse`` fields and hidden inputs, ``<saml:Assertion>``,
  also one cut off before its end tag, and the base64 response CUCM's ssosp log writes after
  ``SAML Response is ::`` at DEBUG; FORMATS.md §1.5, §2), session cookies endpoints log inside
  their lines (TC's ``JSESSIONIDSSO=``, S18), and a SASL PLAIN message (base64 of
  ``\0user\0password``, RFC 4616 §2) wherever it stands, recognised by decoding it
  (:func:`uclab.protocols.sasl.plain.find_plain`; FORMATS.md §2).

A value that already reads as one of the products' own masks (:data:`MASKS`) is left alone, so
redaction is idempotent and keeps the products' texts: Expressway's ``<CONCEALED>`` and
``code=Hidden``, the seed's ``{"token": "<concealed>"}``, XCP's ``XXXXXXX`` (seed article;
``shared/real-logs/FORMATS.md`` §1.1 and §2), and the endpoints' ``xxxxxx``, ``****`` and
``Redacted by client`` (§1.2, §1.4). Empty values are not masked (there is nothing to
hide and the emptiness is evidence), except on credential header lines, which Expressway masks
whole. ``reveal=True`` returns the text unchanged: for teaching, on the learner's own lab only.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from uclab import facts
from uclab.protocols.sasl.plain import find_plain

#: Expressway's mask for credential headers, codes and tokens in its logs (seed article;
#: T225746 shows ``Cookie:<CONCEALED>``); uclab's default mask
CONCEALED = "<CONCEALED>"
#: the word the edgeconfigprovisioning event line writes instead of the code
HIDDEN = facts.CODE_HIDDEN
#: how the seed's XCP_JABBERD lines show a SASL payload
XCP_MASK = facts.SECRET_MASK
#: values that are already concealed: left as they are (with the lower-case form the seed's
#: Expressway-C prints in the OAuthvalidator body)
MASKS = frozenset({CONCEALED, str(facts.CONCEALED_LOWER), str(HIDDEN), str(XCP_MASK)})

#: header fields whose value is a credential (the first two keep their auth-scheme in a trace)
CREDENTIAL_HEADERS = ("authorization", "proxy-authorization", "x-credentials", "cookie",
                      "set-cookie")
#: parameter and JSON member names whose values are secrets (RFC 6749 §4.1.2, §4.1.3, §5.1,
#: §6, §2.3.1; OIDC ``id_token``; RFC 7522 ``assertion``; SAML 2.0 bindings ``SAMLResponse``;
#: RFC 7636 §4.5 ``code_verifier``, the PKCE secret; an S256 ``code_challenge`` is public, §7.2;
#: ``otp``, the lab IdP's one-time MFA code)
SECRET_NAMES = ("password", "j_password", "code", "access_token", "refresh_token", "id_token",
                "client_secret", "token", "assertion", "SAMLResponse", "code_verifier", "otp")

Secret = str | tuple[str, str]

_NAMES = "|".join(SECRET_NAMES)
_HEADER_LINE = re.compile(r"(?im)^(?P<lead>[ \t]{0,8})(?P<name>(?:Proxy-)?Authorization|"
                          r"X-Credentials|Cookie|Set-Cookie)(?P<sep>[ \t]*:[ \t]*)"
                          r"(?P<val>[^\n]*)$")
_JOSE = re.compile(r"(?<![A-Za-z0-9_-])eyJ[A-Za-z0-9_-]{6,}\.[A-Za-z0-9_-]*\.[A-Za-z0-9_-]*"
                   r"(?:\.[A-Za-z0-9_-]*\.[A-Za-z0-9_-]*)?")
_LOWER_NAMES = tuple(n.lower() for n in SECRET_NAMES)
#: each: words one of which the text holds when the pattern can match (a cheap test first),
#: and the pattern: what stays before the value (``pre``), the value, what stays after (``post``)
_VALUES = (
    (tuple(f"{n}=" for n in _LOWER_NAMES),
     re.compile(rf"(?i)(?P<pre>\b(?:{_NAMES})=)(?P<val>[^&#\s\"'<]+)")),
    (tuple(f'"{n}"' for n in _LOWER_NAMES),
     re.compile(rf"(?i)(?P<pre>\"(?:{_NAMES})\"\s*:\s*\")(?P<val>(?:[^\"\\]|\\.)+)(?P<post>\")")),
    (("<auth", "<response"),
     re.compile(r"(?P<pre><(?P<el>auth|response)\b[^>]*>)(?P<val>[^<]{8,})(?P<post></(?P=el)>)")),
    (("samlresponse",),
     re.compile(r"(?i)(?P<pre>name=(?P<q>[\"'])SAMLResponse(?P=q)[^>]*?\bvalue=(?P<v>[\"']))"
                r"(?P<val>[^\"'<>]+)(?P<post>(?P=v))")),
    (("assertion",),
     re.compile(r"(?s)(?P<pre><(?P<el>(?:[A-Za-z][\w.-]*:)?Assertion)\b[^>]*>)(?P<val>.+?)"
                r"(?P<post></(?P=el)>)")),
    # an assertion cut off before its end tag (a truncated ssosp line): to the end of the text
    (("assertion",),
     re.compile(r"(?s)(?P<pre><(?P<el>(?:[A-Za-z][\w.-]*:)?Assertion)\b[^>]*>)"
                r"(?P<val>(?:(?!</(?:[A-Za-z][\w.-]*:)?Assertion>).)+)\Z")),
    # ssosp at DEBUG: "SAML Response is ::<base64>" (T217268; FORMATS.md §1.5, §2)
    ((str(facts.SAML_RESPONSE_MARK).lower(),),
     re.compile(rf"(?P<pre>{re.escape(facts.SAML_RESPONSE_MARK)}[ \t]*)"
                r"(?P<val>[A-Za-z0-9+/=\r\n]{8,})")),
)
_HEADER_WORDS = ("authorization", "x-credentials", "cookie")
#: session cookies endpoints log in clear inside their lines (TC/CE ``Cookie: JSESSIONIDSSO=``,
#: S18; FORMATS.md §1.4, §2), masked wherever they stand
_SESSION_COOKIE = re.compile(rf"(?P<pre>\b(?:{facts.TC_SESSION_COOKIE}|JSESSIONID)=)"
                             r"(?P<val>[^;,&\s\"'<]+)")
#: masks the endpoints print themselves, kept (FORMATS.md §1.2, §1.4, §2): TC's
#: ``Authorization: xxxxxx``, Jabber's ``****`` and ``Redacted by client``
_ENDPOINT_MASK = re.compile(r"[xX*]{3,}|Redacted by client")
#: secrets real Expressway logs print in clear (FORMATS.md §1.1 "Secrets as they appear", §2):
#: SIP Digest ``response=`` / ``nonce=`` / ``cnonce=`` (BLUCK7), the ``calculatedResponse=``
#: hashes of ``checkDigestSAResponse`` (T117811), the pre-OAuth ``X-Auth`` cookie (T117811),
#: and a ``Bearer`` credential outside a header line (masked defensively, [U])
_CLEAR_IN_LOGS = (
    (("nonce=", "response=", "nonce =", "response ="),
     re.compile(r"(?i)(?P<pre>\b(?:c?nonce|response|calculatedResponse)\s*=\s*\"?)"
                r"(?P<val>[^\",\s&<]+)")),
    (("x-auth=",), re.compile(r"(?i)(?P<pre>\bX-Auth=)(?P<val>[^;\s\",<]+)")),
    (("bearer ",), re.compile(r"(?i)(?P<pre>\bBearer[ \t]+)(?P<val>[A-Za-z0-9._~+/=-]{8,})")),
    # SIP OAuth's Proxy-Authorization value anywhere in a line (S10: Bearer token="...")
    (("bearer ",), re.compile(r'(?i)(?P<pre>\bBearer[ \t]+token=")(?P<val>[^"\s]+)(?P<post>")')),
)

def is_masked(value: str) -> bool:
    """Whether ``value`` already reads as a product's mask (see :data:`MASKS`), or as one an
    endpoint prints (``xxxxxx``, ``****``, ``Redacted by client``)."""
    return value.strip() in MASKS or _ENDPOINT_MASK.fullmatch(value.strip()) is not None


def _pairs(secrets: Iterable[Secret]) -> list[tuple[str, str]]:
    out = []
    for s in secrets:
        raw, mask = (s, CONCEALED) if isinstance(s, str) else (str(s[0]), str(s[1]))
        if raw and raw not in mask:  # a secret inside its own mask cannot be hidden by it
            out.append((raw, mask))
    return sorted(out, key=lambda p: -len(p[0]))


def _given(text: str, pairs: list[tuple[str, str]]) -> str:
    for _ in range(8):  # a mask next to text can spell a secret again: repeat until stable
        before = text
        for raw, mask in pairs:
            if raw in text:
                text = text.replace(raw, mask)
        if text == before:
            break
    return text


#: a SIP OAuth credential whose token is already masked (S10's ``Bearer token="…"``): kept, so
#: a concealed log still shows that the REGISTER carried a Bearer token
_MASKED_BEARER = re.compile(r'Bearer token="(?:' + "|".join(re.escape(m) for m in sorted(MASKS))
                            + r')"')


def _header(m: re.Match[str]) -> str:
    if is_masked(m["val"]) or _MASKED_BEARER.fullmatch(m["val"].strip()):
        return m[0]
    return f"{m['lead']}{m['name']}{m['sep']}{CONCEALED}"


def _value(m: re.Match[str]) -> str:
    if is_masked(m["val"]):
        return m[0]
    return m["pre"] + CONCEALED + (m.groupdict().get("post") or "")


def _recognised(text: str) -> str:
    # a substitution only writes the mask, which holds none of the words tested here, so the
    # words are looked for once, in the text as it came
    lower = text.lower()
    if any(w in lower for w in _HEADER_WORDS):
        text = _HEADER_LINE.sub(_header, text)
    if "eyJ" in text:
        text = _JOSE.sub(CONCEALED, text)
    for words, pattern in (*_VALUES, *_CLEAR_IN_LOGS):
        if any(w in lower for w in words):
            text = pattern.sub(_value, text)
    if "jsessionid" in lower:
        text = _SESSION_COOKIE.sub(_value, text)
    for token, _ in list(find_plain(text)):  # a SASL PLAIN message anywhere (RFC 4616 §2)
        text = text.replace(token, CONCEALED)
    return text


def redact(text: str, secrets: Iterable[Secret] = (), *, reveal: bool = False) -> str:
    """``text`` with every given and every recognised secret masked (module docstring).

    ``secrets`` holds raw values (masked as :data:`CONCEALED`) or ``(raw, mask)`` pairs with the
    mask the product prints (``Hidden``, ``XXXXXXX``); the longest is replaced first.
    ``reveal=True`` returns ``text`` as it is (teaching only).
    """
    if reveal or not text:
        return text
    return _recognised(_given(text, _pairs(secrets)))


def redact_header(name: str, value: str, secrets: Iterable[Secret] = (), *,
                  reveal: bool = False) -> str:
    """One header field's value as a saved trace keeps it: a credential header's value is
    masked, but ``Authorization`` keeps its auth-scheme (``Bearer <CONCEALED>``, RFC 7235
    §2.1), so a concealed trace still tells a Bearer request from a Basic one; any other
    field goes through :func:`redact` (a ``Location`` with ``#code=`` in it)."""
    if reveal or not value or is_masked(value):
        return value
    lower = name.lower()
    if lower in ("authorization", "proxy-authorization"):
        scheme, sep, credentials = value.strip().partition(" ")
        if sep and credentials.strip() and re.fullmatch(r"[A-Za-z0-9!#$%&'*+.^_`|~-]+", scheme):
            return value if is_masked(credentials) else f"{scheme} {CONCEALED}"
        return CONCEALED
    if lower in CREDENTIAL_HEADERS:
        return CONCEALED
    return redact(value, secrets)
