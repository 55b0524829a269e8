"""The Webex app as the on-premises client, and CUCM 15's refresh-token renewal for Webex
clients (fact sheet 1.1 and 3; S3 chunk 241, S32, S20).

What a source says: from Release 15, "for Webex clients only", when a Webex client renews its
access token CUCM checks that "the refresh token renewal feature has been enabled on Cisco
Unified CM and Webex clients" and that the refresh token "has reached 50% of its expiry time";
when both hold the refresh token is renewed during the access-token renewal (S3). Expressway
X15.0 lists "Webex Unified CM Calling Support Auto-extend Refresh Token" (S32).

What no source says, so the lab models it and labels it: the name and place of the CUCM
setting (fact sheet §6 item 14), how the client tells CUCM its own setting is on, what happens
to the old refresh token, the Webex app's client id and User-Agent towards Expressway.
"""

from uclab.facts.entry import Fact, Number

# --- the client ---------------------------------------------------------------------------------
WEBEX_CLIENT_NAME = Fact("Cisco Webex app", "lab choice", confirmed=False,
                         note="the name of the Webex app's client registration in the lab's "
                         "CUCM; its real client id is not public, the lab draws one of "
                         "Cisco's form (C + 64 hex)")
WEBEX_USER_AGENT = Fact("Webex/{version} ({platform})", "lab model", confirmed=False,
                        kind="format", note="the Webex app's User-Agent towards Expressway is "
                        "not in any source found; the lab's own, so a ladder tells the two "
                        "clients apart")
WEBEX_VERSION = Fact("45.6", "lab choice", confirmed=False,
                     note="the Webex app release the lab's client claims")
WEBEX_PLATFORM_IOS = Fact("iOS", "S20", confirmed=True,
                          note="S20 is about the Webex app on iOS signing in to CUCM phone "
                          "services")
CLIENT_KINDS = ("jabber", "webex")

# --- refresh-token renewal (S3 chunk 241, S32) --------------------------------------------------
RENEWAL_FEATURE = Fact("refresh token renewal", "S3",
                       note="S3's words for the feature; the name of the CUCM setting that "
                       "turns it on was not found (fact sheet §6 item 14) [U]")
RENEWAL_FROM_RELEASE = Fact("15", "S3", kind="value",
                            note="applicable from Release 15 onwards and for Webex clients only")
RENEWAL_PERCENT = Number(50, "S3",
                         note="renewed once the refresh token's lifetime has reached 50% of "
                         "its expiry time")
RENEWAL_EXPRESSWAY = Fact("Webex Unified CM Calling Support Auto-extend Refresh Token", "S32",
                          note="Expressway X15.0 MRA deployment guide change history")
RENEWAL_CLIENT_FIELD = Fact("uclab_refresh_renewal", "lab extension", confirmed=False,
                            kind="code", note="how the Webex app tells CUCM that its own "
                            "renewal setting is on is not published; the lab's client sends "
                            "this form field with its refresh request")
RENEWAL_OLD_TOKEN = Fact("kept until it expires", "lab model", confirmed=False,
                         note="S3 does not say what happens to the old refresh token; the lab "
                         "leaves its row active until its own expiry (nothing revokes it)")
