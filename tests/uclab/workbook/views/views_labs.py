"""The labs and the login trace the view tests draw (shared by tests/uclab/workbook/views)."""

from uclab.testing import configured_lab


def configured(seed=1):
    return configured_lab(seed)


def login_trace(seed=1):
    lab = configured(seed)
    assert lab.client.sign_in()
    return lab, lab.trace("MRA login")
