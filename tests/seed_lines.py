"""The seed article's PRT lines (verbatim), shared by the dialect and XMPP tests."""

SEED_TOKEN_EMPTY = ("2020-03-31 12:12:54,998 INFO [0x000006c8] [jwcpp\\xmppcore\\patch\\"
                    "TriClient.cpp(1110)] [csf.jwcpp] [gloox::CTriClient::HandleStreamFeatures] "
                    "- @XmppSDK: #0, SASL token empty:0")
SEED_MECHANISM = ("2020-03-31 12:12:54,998 INFO [0x000006c8] [jwcpp\\xmppcore\\patch\\"
                  "TriClient.cpp(1111)] [csf.jwcpp] [gloox::CTriClient::HandleStreamFeatures] "
                  "- @XmppSDK: #0, SASL mechanism:")
SEED_NO_SASL = ("2020-03-31 12:12:54,998 ERROR [0x000006c8] [rwerx\\jwcpp\\xmppcore\\src\\"
                "client.cpp(192)] [csf.jwcpp] [gloox::Client::handleNormalNode] - @XmppSDK: #0, "
                "The server doesn't offer any SASL authentication mechanism that we can support")
