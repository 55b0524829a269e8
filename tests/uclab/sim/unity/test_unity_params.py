"""uclab.sim.unity.params: CUC's SSO and OAuth Configuration section (S13, S6, S9, S11, S23)."""

import pytest
from _unity import CUCM, cuc_lab

from uclab import facts
from uclab.core.errors import ConfigError
from uclab.lab import AXL_USER, LAB_PASSWORD
from uclab.sim.unity import UnityConnection
from uclab.testing import make_lab


def test_parameter_names_are_the_shared_facts():
    _, cuc = cuc_lab(add=False, oauth=False)
    names = [name for name, _ in cuc.params.items()]
    assert names == [facts.PARAM_REFRESH_FLOW, facts.PARAM_IOS_SSO]
    cuc.enable_refresh_logins()
    assert cuc.params["OAuth with Refresh Login Flow"] == "Enabled"


def test_old_cuc_release_has_no_authz_servers():
    lab = make_lab(1)
    cuc = UnityConnection(lab.ctx, "cuc-old.example.com", "11.5(1)SU2",
                          admin_password=LAB_PASSWORD)
    assert [name for name, _ in cuc.params.items()] == ["SSO Login Behavior for iOS"]
    with pytest.raises(ConfigError, match="exists from Unity Connection 11.5"):
        cuc.add_authz_server("CUCM Pub", CUCM, AXL_USER, LAB_PASSWORD)
