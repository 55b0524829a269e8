"""The UDS clusterUser answer in the documented form (DevNet UDS System Resources, UDSSYS): found
and not found as CUCM writes them, read back by the parser; anything else is a UdsFormatError."""

import xml.etree.ElementTree as ET

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from uclab import facts
from uclab.protocols.uds import (
    ClusterUser,
    UdsFormatError,
    cluster_user_xml,
    parse_cluster_user,
    uds_version,
)

ASKED = "cucm-pub.example.com"
HOME = "cucm2-pub.example.com"


def test_found_is_the_documented_form():
    text = cluster_user_xml(ASKED, "username=dave", "14.0.1", home=HOME, user="dave",
                            home_version="12.5.1")
    root = ET.fromstring(text)
    assert root.tag == "clusterUser"
    assert root.attrib == {"version": "14.0.1",
                           "uri": f"https://{ASKED}/cucm-uds/clusterUser?username=dave"}
    assert [c.tag for c in root] == ["result", "homeCluster", "homeClusterDetails"]
    result, home, details = list(root)
    assert result.attrib == {"found": "true", "version": "12.5.1",
                             "uri": f"https://{HOME}:8443/cucm-uds/user/dave"}
    assert home.text == HOME and home.get("serversUri") == f"https://{HOME}:8443/cucm-uds/servers"
    assert [c.tag for c in details] == ["selfProvisioningSecureMode", "adminProvisionMode"]
    assert text.startswith('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>')


def test_not_found_is_the_documented_form():
    text = cluster_user_xml(ASKED, "username=nobody", "14.0.1")
    root = ET.fromstring(text)
    assert [(c.tag, c.attrib) for c in root] == [("result", {"found": "false"})]
    assert facts.UDS_CLUSTER_USER_NOT_FOUND in text
    assert parse_cluster_user(text) == ClusterUser(False, root_version="14.0.1")


def test_the_parser_reads_what_cucm_writes():
    text = cluster_user_xml(ASKED, "username=dave", "11.5.1", home=HOME, user="dave",
                            home_version="11.5.1")
    answer = parse_cluster_user(text.encode())
    assert answer.found and answer.home == HOME and answer.version == "11.5.1"
    assert answer.servers_uri.endswith(str(facts.UDS_SERVERS))
    assert answer.user_uri == f"https://{HOME}:8443/cucm-uds/user/dave"


def test_the_release_is_written_without_its_su():
    assert uds_version(11, 5, 1) == "11.5.1"


@pytest.mark.parametrize("text, words", [
    ("", "well-formed"),
    ("<clusterUser><result found='true'/>", "well-formed"),
    ("<user/>", "<user>"),
    ("<clusterUser/>", "no <result>"),
    ("<clusterUser><result found='yes'/></clusterUser>", '"true" or "false"'),
    ("<clusterUser><result found='true'/></clusterUser>", "names no host"),
    ("<clusterUser><result found='true'/><homeCluster> </homeCluster></clusterUser>",
     "names no host"),
    ('<!DOCTYPE x [<!ENTITY a "b">]><clusterUser/>', "DOCTYPE"),
    (b"\xff\xfe<clusterUser/>", "UTF-8"),
    ("<clusterUser>" + "x" * 70000 + "</clusterUser>", "long"),
])
def test_a_malformed_answer_says_what_is_wrong(text, words):
    with pytest.raises(UdsFormatError, match=words if words.isalnum() else None) as info:
        parse_cluster_user(text)
    assert words in str(info.value)


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(max_size=300), st.binary(max_size=300),
                 st.text(alphabet="<>/=\"' clusterUsrfoundtrehmCl", max_size=120)))
def test_any_text_is_an_answer_or_a_uds_format_error(text):
    try:
        answer = parse_cluster_user(text)
    except UdsFormatError as exc:
        assert str(exc)
    else:
        assert isinstance(answer, ClusterUser) and (answer.home or not answer.found)


@settings(max_examples=100, deadline=None)
@given(st.text(min_size=1, max_size=40), st.booleans())
def test_any_user_name_round_trips(name, found):
    text = cluster_user_xml(ASKED, f"username={name}", "14.0.1",
                            home=HOME if found else "", user=name, home_version="14.0.1")
    answer = parse_cluster_user(text)
    assert answer.found is found and answer.home == (HOME if found else "")
