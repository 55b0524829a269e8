"""The lab's OAuth profiles (uclab.sim.cucm.authz.profiles): chosen on the Lab, carried by the
node context to every CUCM cluster, labelled lab-only wherever the rfc9700 profile decides."""

from __future__ import annotations

import pytest

from uclab import facts
from uclab.core.errors import ConfigError
from uclab.lab import Lab
from uclab.sim.cucm.authz.profiles import PROFILES, oauth_profile
from uclab.testing import make_lab


def test_the_default_profile_is_cisco_and_it_reaches_every_cluster_by_the_context():
    lab = Lab(seed=1)
    assert lab.profile == facts.PROFILE_CISCO == lab.ctx.oauth_profile
    other = lab.add_cluster("leaf", "14.0(1)SU3")
    assert lab.cucm.profile is other.profile is PROFILES["cisco"]
    assert not lab.cucm.profile.lab_only and not lab.cucm.profile.pkce_enforced


def test_rfc9700_flows_through_the_node_context_not_a_global():
    strict, plain = Lab(seed=1, profile="rfc9700"), Lab(seed=1)
    assert strict.ctx.oauth_profile == "rfc9700"
    assert strict.cucm.profile.pkce_enforced and not strict.cucm.profile.implicit_allowed
    assert strict.add_cluster("leaf", "14.0(1)SU3").profile.pkce_enforced
    assert plain.cucm.profile.name == "cisco"  # two labs in one process stay apart


@pytest.mark.parametrize("bad", ["", "RFC9700", "oauth2.1", None, 9700, ["cisco"]])
def test_an_unknown_profile_is_a_config_error_naming_the_allowed_ones(bad):
    with pytest.raises(ConfigError) as err:
        Lab(seed=1, profile=bad)
    assert "'cisco'" in str(err.value) and "'rfc9700'" in str(err.value)
    with pytest.raises(ConfigError):
        oauth_profile(bad)


def test_the_rfc9700_label_says_lab_only_and_not_cisco():
    p = PROFILES["rfc9700"]
    assert p.lab_only and "lab-only" in p.label and "not Cisco" in p.label
    assert facts.PROFILE_RFC9700.evidence == "lab-only"
    assert facts.CHECK_PKCE_CHALLENGE_IGNORED.evidence == "lab-only"
    assert facts.PKCE_S256.evidence == "documented"


def _metadata(lab):
    s = lab.session()
    return s.get(f"https://{lab.cucm.publisher.host}:{facts.CUCM_HTTPS_PORT}"
                 + facts.LAB_METADATA).json()


def test_metadata_advertises_pkce_only_under_rfc9700():
    cisco = _metadata(make_lab(1))
    assert "code_challenge_methods_supported" not in cisco
    strict = _metadata(make_lab(1, profile="rfc9700"))
    assert strict["code_challenge_methods_supported"] == ["S256"]
    assert "token" not in strict["response_types_supported"]
    assert "lab-only" in strict["uclab_profile"]
