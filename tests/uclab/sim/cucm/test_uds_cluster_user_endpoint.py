"""CUCM's UDS clusterUser resource (UDSSYS): no authentication, one filter parameter, the local
cluster searched first then the others, the documented answer for found and not found."""

from hypothesis import given, settings
from hypothesis import strategies as st

from uclab.lab import LAB_PASSWORD, Lab
from uclab.protocols.uds import parse_cluster_user

URL = "https://{host}:8443/cucm-uds/clusterUser"


def _ask(lab, params, host="cucm-pub.example.com"):
    return lab.session("tester").get(URL.format(host=host), params=params)


def test_a_local_user_is_found_without_authentication():
    lab = Lab(seed=1)
    resp = _ask(lab, {"username": "alice"})
    assert resp.status_code == 200 and resp.headers["Content-Type"] == "application/xml"
    answer = parse_cluster_user(resp.text)
    assert answer.found and answer.home == "cucm-pub.example.com"
    assert answer.version == answer.root_version == "14.0.1"
    assert '<clusterUser version="14.0.1" uri="https://cucm-pub.example.com/cucm-uds/' \
           'clusterUser?username=alice">' in resp.text


def test_uds_fans_out_to_the_other_cluster():
    lab = Lab(seed=1, cucm_clusters=2)
    for host in ("cucm-pub.example.com", "cucm-sub1.example.com", "cucm2-pub.example.com"):
        answer = parse_cluster_user(_ask(lab, {"username": "dave"}, host).text)
        assert answer.found and answer.home == "cucm2-pub.example.com", host
    assert parse_cluster_user(_ask(lab, {"username": "alice"},
                                   "cucm2-pub.example.com").text).home == "cucm-pub.example.com"


def test_the_home_release_is_the_home_clusters():
    lab = Lab(seed=1)
    old = lab.add_cluster("cucm2", "11.5(1)SU2")
    old.users.add_ldap("dave", LAB_PASSWORD)
    answer = parse_cluster_user(_ask(lab, {"username": "dave"}).text)
    assert (answer.version, answer.root_version) == ("11.5.1", "14.0.1")


def test_email_and_useridentifier_filters():
    lab = Lab(seed=1)
    for params in ({"email": "bob@example.com"}, {"useridentifier": "bob"}):
        assert parse_cluster_user(_ask(lab, params).text).found, params


def test_no_filter_is_a_400_naming_the_filters():
    lab = Lab(seed=1)
    resp = _ask(lab, {})
    assert resp.status_code == 400
    assert resp.json()["error"] == "invalid_request"
    assert "username, email, useridentifier" in resp.json()["error_description"]


def test_an_application_user_is_not_an_end_user():
    lab = Lab(seed=1)
    assert not parse_cluster_user(_ask(lab, {"username": "axladmin"}).text).found


@settings(max_examples=60, deadline=None)
@given(st.text(min_size=1, max_size=30).filter(lambda s: s not in ("alice", "bob", "carol")))
def test_an_unknown_name_is_found_false(name):
    lab = _LAB
    resp = _ask(lab, {"username": name})
    assert resp.status_code in (200, 400)
    if resp.status_code == 200:
        assert not parse_cluster_user(resp.text).found
    else:  # a name that is empty once decoded: no filter
        assert resp.json()["error"] == "invalid_request"


_LAB = Lab(seed=1)


def test_a_query_that_is_not_form_encoding_is_a_400_not_an_exception():
    """Found by tests/fuzz (``GET /cucm-uds/clusterUser?0`` was a 500)."""
    lab = Lab(seed=1)
    resp = lab.session("tester").get(URL.format(host="cucm-pub.example.com") + "?0")
    assert resp.status_code == 400 and resp.json()["error"] == "invalid_request"
    assert "exception" not in lab.exchanges[-1].metadata
