"""The flow logic of CUCM's AuthZ service: implicit, authorization code, refresh, revoke.

HTTP shape lives in :mod:`..endpoints`; these modules take parsed parameters and return results
or raise :class:`~uclab.core.errors.OAuthError`. Where CUCM is weaker than RFC 9700's best current
practice the product is modelled and the docstring says so. One module per grant, as oauthlib
splits its grant types:

* :mod:`.base` — the authorization request, redirect errors, scope, token minting;
* :mod:`.implicit` — ``response_type=token`` (S1, S2);
* :mod:`.authorization_code` — codes, authorize_proxy and their redemption;
* :mod:`.pkce` — PKCE (RFC 7636) and the implicit-grant refusal, as the lab's OAuth profile
  decides (ignored and logged under ``cisco``, enforced under the lab-only ``rfc9700``);
* :mod:`.refresh_token` — the refresh grant (RFC 6749 §6);
* :mod:`.revocation` — the revoke API (S2, S4);
* :mod:`.service` — :class:`AuthzService`, which the endpoints call.
"""

from uclab.sim.cucm.authz.grants.base import AuthorizeRequest, RedirectError
from uclab.sim.cucm.authz.grants.service import AuthzService

__all__ = ["AuthorizeRequest", "AuthzService", "RedirectError"]
