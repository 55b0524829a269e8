"""Jabber PRT lines the client tests look for, and a client's lines as a list."""

# S1: the Jabber line of a failed refresh
REFRESH_FAILURE = ("[Single-Sign-On-Logger] [CSFUnified::SingleSignOn::Impl::"
                   "handleRefreshTokenFailure] - Failed to get valid access token from refresh "
                   "token, maybe server issue.")
# T221845: Jabber for Windows names the function in full (the bare name is S1/S20's iOS line)
DISCOVERY = "[service-discovery] [CSFUnified::DiscoveryHandlerImpl::" \
            "evaluateServiceDiscoveryResult] - ServiceDiscoveryHandlerResult return code "


def prt_lines(client):
    return client.prt().splitlines()

