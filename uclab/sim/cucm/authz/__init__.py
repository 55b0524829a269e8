"""CUCM's AuthZ service (the ``ssosp`` web application under Cisco Tomcat, S1).

Split the oauthlib way: :mod:`.store` holds clients, codes and the ``refreshtokendetails``
table; :mod:`.grants` holds the flow logic (implicit, authorization code, PKCE, refresh,
revoke); :mod:`.endpoints` gives it its HTTP shape; :mod:`.profiles` holds the lab's OAuth
profiles (``cisco``, the lab-only ``rfc9700``) and :mod:`.decisions` the decision log each
authorize and token request may file in its exchange's metadata.
"""

from uclab.sim.cucm.authz.endpoints import AuthzEndpoints
from uclab.sim.cucm.authz.grants import AuthzService
from uclab.sim.cucm.authz.store import Client, RefreshTokenRow, Store

__all__ = ["AuthzEndpoints", "AuthzService", "Client", "RefreshTokenRow", "Store"]
