"""SAML SSO over MRA and on CUCM (issue 11 item 3, 4): the IdP profiles (AD FS-like and
Entra-ID-like), CUCM's SAML SP (ssosp) log lines, Expressway's SP part, the claim rule, and
the errors each documented failure shows.

Sources: T217268 (TAC 217268, the ssosp lines of ``shared/real-logs/samples``), ENTRA (Cisco's
Entra ID IdP guide), S8 = MRA125 (MRA guide X12.5 Troubleshooting: the Expressway-C uid
error), MRASSO (the MRA guide's "Single Sign-On (SSO) over the Collaboration Edge": over MRA
the IdP's relying parties are the Expressway-Es and Expressway-C holds the IdP metadata),
MSENTRA (Microsoft's Entra tutorial for CUCM). What no source gives (the Entra URL patterns,
MFA, the clock-skew allowance, the inner hop Expressway-C -> CUCM after the assertion) is
labelled [U] with a lab-choice or inferred source.
"""

from __future__ import annotations

from uclab.facts.entry import Fact, Number

# --- SAML 2.0 (OASIS) names a log or a message carries --------------------------------------
BINDING_REDIRECT = Fact("urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect",
                        "lab choice (OASIS SAML 2.0 Bindings §3.4)", confirmed=False,
                        note="the standard's URN; that the SPs send their AuthnRequest with "
                        "this binding is the usual SP-initiated flow, not shown in a sample [U]")
BINDING_POST = Fact("urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST", "T217268",
                    note="SAML 2.0 Bindings §3.5; ssosp logs it for the assertion consumer")
NAMEID_TRANSIENT = Fact("urn:oasis:names:tc:SAML:2.0:nameid-format:transient", "T217268",
                        note="the NameIDPolicy Format of CUCM's AuthnRequest (sample log)")
STATUS_SUCCESS = Fact("urn:oasis:names:tc:SAML:2.0:status:Success", "T217268, FORMATS.md §5",
                      note="any other status gives SIG-25's 'Invalid Status code in Response'")
UID_ATTRIBUTE = Fact("uid", "T217268, S8, MRASSO",
                     note="the attribute CUCM and Expressway read the user id from; AD FS "
                     "needs a claim rule with uid as the Outgoing Claim Type")

# --- the IdP profiles ---------------------------------------------------------------------------
ADFS_ENTITY_ID = Fact("http://{host}/adfs/services/trust", "T217268", kind="format",
                      note="AD FS's entity id as ssosp logs it (idpEntityID, sample log)")
ADFS_SSO_PATH = Fact("/adfs/ls/", "T217268", kind="path",
                     note="AD FS's SingleSignOnService URL path (sample log)")
ADFS_CLAIM_RULE = Fact("Send LDAP Attributes as Claims", "MRASSO, T217268", confirmed=False,
                       note="the MRA guide: 'a new claim rule that sends AD attributes as "
                       "claims', typically email or SAMAccountName, Outgoing Claim Type uid; "
                       "the template's exact name is AD FS's, not in a Cisco source [U]")
ADFS_SIGN_BOTH = Fact("Set-ADFSRelyingPartyTrust -TargetName \"<EntityName>\" "
                      "-SAMLResponseSignature MessageAndAssertion", "MRASSO", kind="cli",
                      note="per Expressway-E relying party trust: sign message and assertion")
ENTRA_ENTITY_ID = Fact("https://sts.windows.net/{tenant}/", "MSENTRA", confirmed=False,
                       kind="format", note="Entra ID's issuer (Microsoft Entra Identifier) "
                       "pattern; not quoted in a source this project holds [U]")
ENTRA_SSO_PATH = Fact("/{tenant}/saml2", "MSENTRA", confirmed=False, kind="format",
                      note="Entra ID's Login URL path on login.microsoftonline.com [U]")
ENTRA_LOGIN_HOST = Fact("login.microsoftonline.com", "MSENTRA", confirmed=False, kind="text",
                        note="Entra ID's sign-in host [U]; the lab serves it as its IdP node")
ENTRA_UID_SOURCE = Fact("user.onpremisessamaccountname", "ENTRA, MSENTRA", confirmed=False,
                        note="the source attribute of the uid claim in Entra ID's Attributes & "
                        "Claims; user.userprincipalname or user.mail fit other user ids [U]")
ENTRA_CLUSTERWIDE = Fact("clusterwide", "ENTRA",
                         note="Entra ID officially supports only clusterwide agreements "
                         "(one metadata file per cluster), not per node")
ENTRA_ROLE = Fact(
    "Entra ID is the SAML IdP: it authenticates the user and returns a SAML assertion; CUCM's "
    "AuthZ service (ssosp) issues Jabber's access and refresh tokens", "ENTRA, S1, S6",
    note="item 4: Entra ID is not the OAuth authorization server of Jabber's tokens")

# --- Expressway: the SP over MRA (MRASSO) -------------------------------------------------------
EXPC_IDP_PAGE = Fact("Configuration > Unified Communications > Identity providers (IdP)",
                     "MRASSO, S6", kind="text", note="import the IdP metadata on Expressway-C")
EXPC_EXPORT_SAML = Fact("Configuration > Unified Communications > Export SAML data",
                        "MRASSO, S6", kind="text",
                        note="Expressway-C's SAML metadata names the Expressway-E peers")
EDGE_ACS = Fact("fedlet", "S25", confirmed=False, kind="text",
                note="the Expressway-E assertion consumer ('/<b64 domain>/fedlet'), decoded "
                "from a third-party test app (S25) [U]")
EXPC_NO_UID = Fact("No uid Attribute in Assertion from IdP", "S8, FORMATS.md §5",
                   note="Expressway-C, SIG-24 (MRA125)")
EXPC_INVALID_SAML = Fact("Invalid SAML Response", "S8, FORMATS.md §5",
                         note="Expressway-C, SIG-24 (MRA125)")
EXPC_SIG_INVALID = Fact("SAML response signature does not verify with the IdP certificate",
                        "lab wording", confirmed=False,
                        note="Expressway-C's real text for this failure is not published")
EXPC_TIME_INVALID = Fact("SAML assertion is outside its validity period",
                         "lab wording", confirmed=False,
                         note="Expressway-C's real text for this failure is not published")
HEADER_ASSERTED_USER = Fact("X-Asserted-User", "lab choice", confirmed=False, kind="text",
                            note="how Expressway-C gets a code from CUCM for a user the IdP "
                            "authenticated is not published; the lab relays the uid over "
                            "authorize_proxy in this header [U]")

# --- CUCM ssosp (T217268 sample log) -----------------------------------------------------------
LOG_FILTER = Fact("filter.SSOAuthAgentFilter", "T217268", kind="module")
LOG_SAML = Fact("fappend.SamlLogger", "T217268", kind="module")
LOG_AUTHENTICATOR = Fact("authentication.SAMLAuthenticator", "T217268", kind="module")
LOG_RELAY = Fact("servlet.RelayToOriginalAppServlet", "T217268", kind="module")
SSOSP_THREAD = Fact("http-bio-{port}-exec-{n}", "T217268", kind="format",
                    note="the sample's thread is on the Tomcat HTTPS port (older Tomcat); CUCM "
                    "15 writes http-nio-... (FORMATS.md §1.5)")
MSG_SERVLET_PATH = Fact("servlet path :{path}", "T217268", kind="format")
MSG_SP_ENTITY = Fact("SPSSOFederate: spEntityID is : {sp}", "T217268", kind="format")
MSG_IDP_ENTITY = Fact("SPSSOFederate: idpEntityID : {idp}", "T217268", kind="format")
MSG_SSO_URL = Fact("SPSSOFederate: SingleSignOnService URL :{url}", "T217268", kind="format")
MSG_ACS = Fact("SPSSOFederate: AssertionConsumerService : URL :{url}", "T217268",
               kind="format")
MSG_ACS_BINDING = Fact("SPSSOFederate: AssertionConsumerService : Binding : {binding}",
                       "T217268", kind="format")
MSG_VERIFY = Fact("SAML2Utils.verifyResponse:binding is :{binding}", "T217268", kind="format")
MSG_TIME_VALID = Fact("Time Valid?:{valid}", "T217268", kind="format",
                      note="'Time Valid?:false' is SIG-23 (clock skew)")
MSG_TIME_END = Fact("SAML Authenticator:ProcessResponse. End of time validation", "T217268")
MSG_ATTRIBUTES = Fact("Attributes: {attributes}", "T217268", kind="format",
                      note="'{uid=[admin]}' in the sample; '{}' when no claim rule sends uid")
MSG_USERID = Fact("userid is ::{user}", "T217268", kind="format")
MSG_RELAY_STATE = Fact("Realy state is ::{relay}", "T217268", kind="format",
                       note="'Realy' is misspelled in the product's own line")
MSG_RELAY_URL = Fact("relayUrl ::{url}::", "T217268", kind="format")
MSG_REDIRECTING = Fact("redirecting to ::{url}::", "T217268", kind="format")
MSG_PROCESS_ERROR = Fact("Error while processing saml response {reason}", "T217268",
                         kind="format")
SAML2_EXCEPTION = Fact("com.sun.identity.saml2.common.SAML2Exception", "T217268",
                       kind="module")
ERR_SIGNING_CERT = Fact("The signing certificate does not match what's defined in the entity "
                        "metadata.", "T217268, ENTRA", note="SIG-22")
ERR_STATUS = Fact("Invalid Status code in Response. This may be caused by a configuration error "
                  "in the IDP.", "T217268, FORMATS.md §5", note="SIG-25")
ERR_NO_UID = Fact("uid attribute missing in the SAML assertion", "lab wording",
                  confirmed=False, note="T217268 says only that the AttributeStatement is "
                  "missing on CUCM (SIG-24); the exception text is the lab's")
ERR_TIME = Fact("the assertion is not valid at this time", "lab wording", confirmed=False,
                note="CUCM's exception after 'Time Valid?:false' is not published")

# --- lab model: MFA, clock allowance, lifetimes -------------------------------------------------
CLOCK_SKEW_ALLOWANCE = Number(180, "lab choice", confirmed=False, kind="value",
                              note="seconds of clock difference the lab's SPs accept; the "
                              "products' own allowance is not published [U]")
ASSERTION_LIFETIME = Number(3600, "T217268", kind="value",
                            note="seconds from NotBefore to NotOnOrAfter in TAC 217268's AD FS "
                            "example (1 h); Entra ID's is not given [U]")
MFA_PROMPT = Fact("Enter the code from your authenticator app", "lab wording",
                  confirmed=False, note="the lab IdP's second factor (modelled)")
IDP_SESSION_COOKIE = Fact("uclab_idp_session", "lab choice", confirmed=False, kind="text",
                          note="the lab IdP's session cookie (AD FS and Entra ID use their "
                          "own cookies)")
