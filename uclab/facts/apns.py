"""Push notifications (APNs) for iOS clients, on premises and over MRA (fact sheet 3.2;
IMPPUSH14, S9, S6).

IMPPUSH14 (the IM&P guide's "Configure Push Notifications" chapter) says: with push enabled,
IM&P uses Apple's (and Google's) cloud push service to push call and instant-message
notifications to Jabber or Webex clients in suspended mode (background mode); push is needed
inside the network and over MRA; in suspended mode "the standard communication channel is
unavailable", and push "provides another channel to reach the clients through the partner
clouds". S9: iOS push needs IM&P push configured and Expressway-C refreshed and restarted. S6:
self-describing tokens "optimize Expressway support for APNs".

Not found in any source (labelled [U] where the lab shows it): an APNs push telling the client
its token expired; the REST API and host of Cisco's cloud push service; what IM&P does with an
IM for a suspended client when push is off; the payload of a push.
"""

from uclab.facts.entry import Fact

PUSH_CHAPTER = Fact("Configure Push Notifications", "IMPPUSH14",
                    note="chapter of the IM&P Configuration and Administration Guide (14SU2)")
PUSH_SUSPENDED_MODE = Fact("suspended mode (also known as background mode)", "IMPPUSH14")
PUSH_SUSPENDED_BACKGROUND = Fact("the application is running off-screen (in the background)",
                                 "IMPPUSH14")
PUSH_SUSPENDED_LOCKED = Fact("the Android or iOS device is locked", "IMPPUSH14")
PUSH_SUSPENDED_SCREEN_OFF = Fact("the Android or iOS device screen is turned off", "IMPPUSH14")
PUSH_NOTIFIES = Fact("IM and Presence Service", "IMPPUSH14, CUCMPUSH14",
                     note="the IM&P chapter names IM&P as pushing instant-message "
                     "notifications; the CUCM chapter says CUCM and IM&P push calls and IMs. "
                     "That CUCM sends the call pushes and IM&P the IM pushes is the lab's "
                     "reading [U]")
PUSH_EXPRESSWAY_STEP = Fact("refresh and restart Expressway-C", "S9",
                            note="iOS push needs IM&P push configured and Expressway-C "
                            "refreshed and restarted")
PUSH_SELF_DESCRIBING = Fact("optimize Expressway support for APNs", "S6",
                            note="what self-describing tokens do, in S6's words")
PUSH_TOKEN_EXPIRY_PUSH = Fact("no push about token expiry is documented", "lab model",
                              confirmed=False, note="a reader comment under the seed article "
                              "reports an APNs message about an expired token (field "
                              "observation); no Cisco source confirms it (fact sheet §6 "
                              "item 10)")
# the lab's stand-ins for the two clouds: their real hosts and APIs are not in the sources
PUSH_CLOUD_HOST = Fact("push.cisco-cloud.lab", "lab model", confirmed=False,
                       note="stands in for Cisco's cloud push service, whose host and REST "
                       "API are not in the sources")
APNS_HOST = Fact("apns.apple.lab", "lab model", confirmed=False,
                 note="stands in for Apple's Push Notification service")
PUSH_PATH = Fact("/lab/push", "lab model", confirmed=False, kind="path",
                 note="the lab's push request path; the real API is not published")
