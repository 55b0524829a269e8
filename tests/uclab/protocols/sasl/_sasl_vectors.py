"""RFC 7628 §4 test vectors and an OAUTHBEARER server and client message built from them."""

from uclab.protocols.sasl import OAuthBearerServer, TokenVerdict, encode_oauthbearer

# RFC 7628 §4.1 - IMAP initial client response (base64 as printed, lines joined)
RFC_4_1_IMAP = ("bixhPXVzZXJAZXhhbXBsZS5jb20sAWhvc3Q9c2VydmVyLmV4YW1wbGUuY29tAXBvcnQ9MTQzAWF1dGg9Qm"
                "VhcmVyIHZGOWRmdDRxbVRjMk52YjNSbGNrQmhiSFJoZG1semRHRXVZMjl0Q2c9PQEB")
# RFC 7628 §4.1 - the same credential in SMTP (port 587)
RFC_4_1_SMTP = ("bixhPXVzZXJAZXhhbXBsZS5jb20sAWhvc3Q9c2VydmVyLmV4YW1wbGUuY29tAXBvcnQ9NTg3AWF1dGg9Qm"
                "VhcmVyIHZGOWRmdDRxbVRjMk52YjNSbGNrQmhiSFJoZG1semRHRXVZMjl0Q2c9PQEB")
RFC_TOKEN = "vF9dft4qmTc2Nvb3RlckBhbHRhdmlzdGEuY29tCg=="
# RFC 7628 §4.2 - OAuth 1.0a (OAUTH10A) initial client response
RFC_4_2 = ("bixhPXVzZXJAZXhhbXBsZS5jb20sAWhvc3Q9ZXhhbXBsZS5jb20BcG9ydD0xNDMBYXV0aD1PQXV0aCByZWFsbT0"
           "iRXhhbXBsZSIsb2F1dGhfY29uc3VtZXJfa2V5PSI5ZGpkajgyaDQ4ZGpzOWQyIixvYXV0aF90b2tlbj0ia2trOWQ3"
           "ZGgzazM5c2p2NyIsb2F1dGhfc2lnbmF0dXJlX21ldGhvZD0iSE1BQy1TSEExIixvYXV0aF90aW1lc3RhbXA9IjEz"
           "NzEzMTIwMSIsb2F1dGhfbm9uY2U9IjdkOGYzZTRhIixvYXV0aF9zaWduYXR1cmU9IlRtOTBJR0VnY21WaGJDQnph"
           "V2R1WVhSMWNtVSUzRCIBAQ==")
# RFC 7628 §4.3 - failed exchange: empty auth, the server's error challenge, the dummy reply
RFC_4_3_CLIENT = ("bixhPXVzZXJAZXhhbXBsZS5jb20sAWhvc3Q9c2VydmVyLmV4YW1wbGUuY29tAXBvcnQ9MTQzAWF1dGg9"
                  "AQE=")
RFC_4_3_SERVER = ("eyJzdGF0dXMiOiJpbnZhbGlkX3Rva2VuIiwic2NvcGUiOiJleGFtcGxlX3Njb3BlIiwib3BlbmlkLWNv"
                  "bmZpZ3VyYXRpb24iOiJodHRwczovL2V4YW1wbGUuY29tLy53ZWxsLWtub3duL29wZW5pZC1jb25maWci"
                  "fQ==")
# RFC 7628 §4.4 - SMTP failure; its gs2 header "n,user=..." is not RFC 5801 (checklist J7)
RFC_4_4 = ("bix1c2VyPXNvbWV1c2VyQGV4YW1wbGUuY29tLAFhdXRoPUJlYXJlciB2RjlkZnQ0cW1UYzJOdmIzUmxja0JoZEh"
           "SaGRtbHpkR0V1WTI5dENnPT0BAQ==")


def accept_as(subject):
    return lambda token: (TokenVerdict(True, subject, "ok") if token == RFC_TOKEN
                          else TokenVerdict(False, None, "signing key: unknown kid"))


def server(**kwargs):
    kwargs.setdefault("hosts", ["server.example.com"])
    kwargs.setdefault("ports", [143])
    return OAuthBearerServer(accept_as("user@example.com"), **kwargs)


def message(token=RFC_TOKEN, **kwargs):
    kwargs.setdefault("authzid", "user@example.com")
    kwargs.setdefault("host", "server.example.com")
    kwargs.setdefault("port", 143)
    return encode_oauthbearer(token, **kwargs)

