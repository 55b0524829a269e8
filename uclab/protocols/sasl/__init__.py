"""SASL mechanisms IM&P speaks: OAUTHBEARER (RFC 7628), PLAIN (RFC 4616), CISCO-VTG-TOKEN (S28).

Pure protocol code: message builders, strict parsers and the OAUTHBEARER server state machine.
Nothing here knows about the lab; a server is given a ``verify(token)`` callback. One module
per concern:

* :mod:`.data` — base64 as XMPP carries SASL data (RFC 6120 §6.4.2), the size limit,
  :class:`SaslError`;
* :mod:`.gs2` — the RFC 5801 §4 gs2-header;
* :mod:`.oauthbearer` — OAUTHBEARER client responses (RFC 7628 §3.1);
* :mod:`.oauthbearer_server` — the OAUTHBEARER server (RFC 7628 §3.2);
* :mod:`.step` — a server's answer to one message;
* :mod:`.plain` — PLAIN (RFC 4616);
* :mod:`.vtg_token` — CISCO-VTG-TOKEN (fact sheet 3.4, S28).

Every parser raises :class:`SaslError` with a message that names what is wrong; nothing else
escapes them. Every public name is importable from ``uclab.protocols.sasl``.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

#: public name -> the submodule that defines it; each loads on first use (PEP 562), so that
#: reading PLAIN payloads (the log analyser) does not load the OAUTHBEARER server
_EXPORTS: dict[str, str] = {
    **dict.fromkeys(("MAX_MESSAGE_BYTES", "SaslError", "from_base64", "to_base64"), "data"),
    **dict.fromkeys(("Gs2Header", "parse_gs2_header"), "gs2"),
    **dict.fromkeys(("DUMMY_RESPONSE", "KVSEP", "MECH_OAUTHBEARER", "OAuthBearerResponse",
                     "bearer_token", "encode_oauthbearer", "parse_oauthbearer"), "oauthbearer"),
    **dict.fromkeys(("OAuthBearerServer", "STATUS_INVALID_REQUEST", "STATUS_INVALID_TOKEN",
                     "TokenVerdict"), "oauthbearer_server"),
    **dict.fromkeys(("MECH_PLAIN", "PlainCredentials", "encode_plain", "find_plain",
                     "parse_plain", "plain_in_base64"), "plain"),
    "SaslStep": "step",
    **dict.fromkeys(("MECH_VTG", "VTG_FORMAT", "VtgCredentials", "encode_vtg_token",
                     "parse_vtg_token"), "vtg_token"),
}

__all__ = [
    "DUMMY_RESPONSE", "KVSEP", "MAX_MESSAGE_BYTES", "MECH_OAUTHBEARER", "MECH_PLAIN", "MECH_VTG",
    "STATUS_INVALID_REQUEST", "STATUS_INVALID_TOKEN", "VTG_FORMAT", "Gs2Header",
    "OAuthBearerResponse", "OAuthBearerServer", "PlainCredentials", "SaslError", "SaslStep",
    "TokenVerdict", "VtgCredentials", "bearer_token", "encode_oauthbearer", "encode_plain",
    "encode_vtg_token", "find_plain", "from_base64", "parse_gs2_header", "parse_oauthbearer",
    "parse_plain", "parse_vtg_token", "plain_in_base64", "to_base64",
]

if TYPE_CHECKING:  # what a type checker and an editor see
    from uclab.protocols.sasl.data import (
        MAX_MESSAGE_BYTES,
        SaslError,
        from_base64,
        to_base64,
    )
    from uclab.protocols.sasl.gs2 import Gs2Header, parse_gs2_header
    from uclab.protocols.sasl.oauthbearer import (
        DUMMY_RESPONSE,
        KVSEP,
        MECH_OAUTHBEARER,
        OAuthBearerResponse,
        bearer_token,
        encode_oauthbearer,
        parse_oauthbearer,
    )
    from uclab.protocols.sasl.oauthbearer_server import (
        STATUS_INVALID_REQUEST,
        STATUS_INVALID_TOKEN,
        OAuthBearerServer,
        TokenVerdict,
    )
    from uclab.protocols.sasl.plain import (
        MECH_PLAIN,
        PlainCredentials,
        encode_plain,
        find_plain,
        parse_plain,
        plain_in_base64,
    )
    from uclab.protocols.sasl.step import SaslStep
    from uclab.protocols.sasl.vtg_token import (
        MECH_VTG,
        VTG_FORMAT,
        VtgCredentials,
        encode_vtg_token,
        parse_vtg_token,
    )


def __getattr__(name: str) -> Any:
    if name not in _EXPORTS:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{_EXPORTS[name]}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)

