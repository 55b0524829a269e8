"""Microsoft beside Cisco UC: Unity Connection as an OAuth client of the Microsoft identity
platform for unified messaging with Office 365, and Skype for Business Server's
server-to-server OAuth (MSCLIENTCREDS, CUCUM15, SFBS2S, SFBPARTNER).

Documented: the client credentials grant of the Microsoft identity platform (token endpoint
``https://login.microsoftonline.com/{tenant}/oauth2/v2.0/token``, scope ``<resource>/.default``,
application permissions granted by an administrator, and "refresh tokens will never be granted
with this flow"; MSCLIENTCREDS). The Unity Connection 15 Unified Messaging Guide has a "Task
List for Configuring Unified Messaging with Office 365" and a "Task List for restricting
Application Permissions to mailboxes" (CUCUM15, from its table of contents). Skype for Business
Server uses OAuth for server-to-server authentication with Exchange and SharePoint, and a
"partner application" exchanges tokens with it directly (SFBS2S, SFBPARTNER).

Not confirmed (labelled): that Unity Connection uses exactly the client credentials grant and
which API (Graph or EWS) it calls with the token; the lab's Microsoft endpoints are models.
"""

from uclab.facts.entry import Fact, Number

MS_LOGIN_HOST = Fact("login.microsoftonline.com", "MSCLIENTCREDS")
MS_TOKEN_PATH = Fact("/{tenant}/oauth2/v2.0/token", "MSCLIENTCREDS", kind="format")
MS_GRANT_CLIENT_CREDENTIALS = Fact("client_credentials", "MSCLIENTCREDS", kind="code",
                                   note="RFC 6749 §4.4")
MS_GRAPH_HOST = Fact("graph.microsoft.com", "MSCLIENTCREDS")
MS_GRAPH_DEFAULT_SCOPE = Fact("https://graph.microsoft.com/.default", "MSCLIENTCREDS",
                              note="the resource followed by /.default: the application "
                              "permissions granted to the app registration")
MS_NO_REFRESH = Fact("refresh tokens will never be granted with this flow", "MSCLIENTCREDS")
MS_TOKEN_LIFETIME = Number(3599, "lab model", confirmed=False,
                           note="the lab's expires_in; Microsoft's example response shows a "
                           "value of about an hour")
MS_GRAPH_MESSAGES = Fact("/v1.0/users/{user}/messages", "lab model", confirmed=False,
                         kind="format", note="a Graph mail path the lab's Unity Connection "
                         "calls; which API Unity Connection really uses is not confirmed")
CUC_UM_O365_TASKS = Fact("Task List for Configuring Unified Messaging with Office 365",
                         "CUCUM15")
CUC_UM_APP_PERMISSIONS = Fact("Task List for restricting Application Permissions to mailboxes",
                              "CUCUM15")
CUC_UM_GRANT = Fact("client credentials", "CUCUM15; lab model", confirmed=False,
                    note="inferred from 'Application Permissions' in the guide: an app-only "
                    "token; the guide's exact steps were not read")
# --- Skype for Business Server (SFBS2S, SFBPARTNER) --------------------------------------------
SFB_S2S = Fact("server-to-server authentication", "SFBS2S",
               note="OAuth between Skype for Business Server and Exchange / SharePoint, on "
               "premises, in Microsoft 365, or hybrid")
SFB_PARTNER_APPLICATION = Fact("partner application", "SFBPARTNER",
                               note="an application Skype for Business Server exchanges "
                               "security tokens with directly, without a third-party token "
                               "server")
SFB_NEW_PARTNER = Fact("New-CsPartnerApplication", "SFBPARTNER", kind="cli")
SFB_REALM = Fact("the default SIP domain", "SFBS2S",
                 note="Skype for Business Server's OAuth realm by default")
