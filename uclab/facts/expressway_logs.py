"""Expressway log lines: modules, processes, fields and texts (fact sheet 2.4; S17, S18, S21;
seed article).

Module names that only the seed article shows (``network.http.sso.server``,
``developer.credentialmanager.OAuthinspector``, the "Matched AuthZ key" reason) are field
observations [U]."""

from uclab.facts.entry import SEED, Fact

# --- modules and processes -----------------------------------------------------------------------
MOD_TRAFFIC = Fact("network.http.trafficserver", "S17, S18", kind="module")
MOD_ECP = Fact("network.http.edgeconfigprovisioning", "S17", kind="module")
MOD_SSO_SERVER = Fact("network.http.sso.server", SEED, confirmed=False, kind="module")
MOD_OAUTH_INSPECTOR = Fact("developer.credentialmanager.OAuthinspector", SEED, confirmed=False,
                           kind="module")
PROC_TRAFFIC_SERVER = Fact("traffic_server", "S17, S18", kind="process",
                           note="written traffic_server[<pid>]")
PROC_ECP = Fact("edgeconfigprovisioning", "S17, S18", kind="process")
PROC_CREDENTIALMANAGER = Fact("credentialmanager", SEED, confirmed=False, kind="process")

# --- traffic_server and edgeconfigprovisioning fields ---------------------------------------------
DETAIL_RECEIVE = Fact("Receive Request", f"{SEED}; S29", confirmed=False)
DETAIL_SENDING_RESPONSE = Fact("Sending response", SEED, confirmed=False,
                               note="the seed's 200 lines: Response-code and the body alone; the "
                               "status-and-headers line says \"Sending Response\" "
                               "(DETAIL_SENDING_RESPONSE_HEAD; S17, S18, S21)")
ACTION_SEND = Fact("Send", SEED, confirmed=False, note='edgeconfigprovisioning Action="Send"')
ACTION_RECEIVED = Fact("Received", SEED, confirmed=False,
                       note='edgeconfigprovisioning Action="Received"')
EVENT_OAUTH = Fact("Edge OAuth/SSO", SEED, confirmed=False)
EVENT_SSO = Fact("Edge SSO", SEED, confirmed=False)
SERVICE_OAUTH = Fact("OAuth/SSO", SEED, confirmed=False)
DETAIL_AUTHORIZED = Fact("Successful authorization", SEED, confirmed=False)
DETAIL_REDIRECTED = Fact("Redirected client", SEED, confirmed=False)
CODE_HIDDEN = Fact("Hidden", SEED, confirmed=False, note="Redirect=\"/OAuthcb#code=Hidden\"")
EXPRESSWAY_USER_AGENT = Fact("TANDBERG-Video-Communication-Server/X14.3.0", SEED, confirmed=False,
                             note="the seed's Expressway-C sent X12.5.7; uclab's models a later "
                             "release")

# --- credentialmanager --------------------------------------------------------------------------
ACCESS_ACCEPTED = Fact("Access Token accepted", SEED, confirmed=False)
DETAIL_TOKEN_VALIDATION = Fact("Token validation", SEED, confirmed=False)
TYPE_ACCESS_TOKEN = Fact("Access Token", SEED, confirmed=False)
INSPECTOR_LOCATION = Fact("OAuthinspector(331)", SEED, confirmed=False, kind="location")
REASON_MATCHED = Fact("Matched AuthZ key", SEED, confirmed=False)
CONCEALED_LOWER = Fact("<concealed>", SEED, confirmed=False,
                       note='the seed\'s OAuthvalidator request body: {"token": "<concealed>"}')

# --- XCP_JABBERD on Expressway-E ----------------------------------------------------------------
XCP_GOT_BUFFER = Fact("Got Buffer ({length}) {packet}", SEED, confirmed=False, kind="format")
XCP_BUFFER_LOCATION = Fact("MIOByteSource.cpp:93", SEED, confirmed=False, kind="location")
