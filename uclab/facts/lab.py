"""The lab's own artefacts that no product has: its extensions of CUCM and its identity provider.
Every entry here is lab-only."""

from uclab.facts.entry import Fact

# --- uclab extensions served by the lab's CUCM ----------------------------------------------------
LAB_METADATA = Fact(
    "/.well-known/oauth-authorization-server/ssosp", "RFC 8414 §3 (lab extension)",
    confirmed=False, note="CUCM publishes no RFC 8414 metadata; this is a uclab extension",
    kind="path",
)
LAB_JWKS = Fact(
    "/ssosp/oauth/jwks", "RFC 7517 (lab extension)", confirmed=False,
    note="CUCM publishes no JWKS; uclab publishes the public signing key for generic clients",
    kind="path",
)

# --- the lab's SAML identity provider ----------------------------------------------------------
IDP_SSO_PATH = Fact("/idp/profile/SAML2/Redirect/SSO", "lab choice", confirmed=False, kind="path",
                    note="the lab IdP's SAML 2.0 redirect-binding endpoint; the fact sheet names "
                    "no IdP")
IDP_LOGIN_PATH = Fact("/idp/login", "lab choice", confirmed=False, kind="path")
IDP_LOGIN_ERROR = Fact("Incorrect user ID or password.", "lab wording", confirmed=False)
