"""The panels of notebook 11 sections 4, 5 and 6: each switch reruns the lab and redraws the
ladder or timeline; a setting the product lacks is shown as an error, never a traceback."""

from uclab.workbook.widgets.apns import PushPanel
from uclab.workbook.widgets.microsoft import Office365Panel
from uclab.workbook.widgets.webex import RenewalPanel


def test_the_renewal_panel_switches_and_redraws():
    panel = RenewalPanel(seed=1, days=40)
    assert panel.figure.layout.meta["renewals"] and "renewed on day 30.25" in panel.summary()
    assert "no renewal" in panel.choose(on_app=False)
    assert "renewals" not in panel.figure.layout.meta
    assert "no renewal" in panel.choose(client="jabber")
    panel.choose(cucm="14.0(1)SU3", on_cucm=True)
    assert panel.figure is None and "Release 15" in panel.status.value
    panel.cucm.value = "15.0(1)"  # a widget change redraws too
    assert panel.figure is not None


def test_the_push_panel_switches_and_redraws():
    panel = PushPanel(seed=1)
    assert panel.figure is not None and "imp-pub -> cisco-push" in panel.text()
    assert "not delivered" in panel.choose(push=False) and panel.figure is None
    assert "open XMPP stream" in panel.choose(state="foreground", push=True)
    text = panel.choose(state="suspended", hours=0.5)
    assert "cucm-pub" not in text and "apns" in text


def test_the_office365_panel_switches_and_redraws():
    panel = Office365Panel(seed=1)
    assert panel.result[0] and panel.figure is not None
    assert "invalid_client" in panel.choose("wrong client secret")
    assert "invalid_grant" in panel.choose("no admin consent")
    assert "ms-login" in panel.text()
