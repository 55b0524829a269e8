"""``uclab inspect``: decode any token, verify it against a JWKS file or a PEM, say why it is
rejected; the token itself is never printed back
(:func:`uclab.protocols.inspect_any.inspect_any`)."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from uclab.core.errors import ConfigError, UclabError

__all__ = ["inspect"]


def _read_token(arg: str) -> str:
    text = sys.stdin.read() if arg == "-" else arg
    token = "".join(text.split())
    if not token:
        raise ConfigError("inspect: no token given (pass it as TOKEN, or - to read stdin)")
    return token


def _read_jwks(path: str) -> dict:
    try:
        jwks = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"--jwks: cannot read {path!r} ({exc.__class__.__name__})") from None
    except ValueError as exc:
        raise ConfigError(f"--jwks: {path!r} is not JSON ({exc})") from None
    if not isinstance(jwks, dict) or not isinstance(jwks.get("keys"), list):
        raise ConfigError(f"--jwks: {path!r} is not a JWKS (RFC 7517 §5: an object with a "
                          "\"keys\" array)")
    return jwks


def inspect(args: argparse.Namespace) -> str:
    from uclab.protocols.inspect_any import inspect_any  # written beside this, loaded on use

    token = _read_token(args.token)
    keys = _read_jwks(args.jwks) if args.jwks is not None else None
    pem = _read_pem(args.pem) if args.pem is not None else None
    try:
        report = inspect_any(token, keys, pem=pem)
    except UclabError as exc:
        raise ConfigError(f"inspect: {_mask(str(exc), token)}") from None
    error = getattr(report, "error", "")
    if error:
        raise ConfigError(f"inspect: not a token ({len(token)} characters): "
                          f"{_mask(str(error), token)}")
    return _mask(report.text(), token)


def _read_pem(path: str) -> bytes:
    try:
        return Path(path).read_bytes()
    except OSError as exc:
        raise ConfigError(f"--pem: cannot read {path!r} ({exc.__class__.__name__})") from None


def _mask(text: str, token: str) -> str:
    """Never echo the token back: each copy of it becomes its length."""
    return text.replace(token, f"<the token, {len(token)} characters>") if token else text
