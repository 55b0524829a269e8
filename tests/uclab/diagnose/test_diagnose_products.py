"""diagnose: each file's products come from its lines (FORMATS.md §5), including the lines two
products share: XCP router lines are IM&P's in a file of their own, Expressway's beside other
Expressway lines; the lab's Unity traces are Unity's, not Expressway key=value lines."""

import pytest

from uclab.diagnose import diagnose
from uclab.workbook.probes.nb09_read_real_logs import simulated_logs


@pytest.fixture(scope="module")
def inputs():
    report = diagnose(text=simulated_logs("unity-not-synced", seed=1))
    return {f.name.split(".")[0]: f.products for f in report.inputs}


def test_each_simulated_host_is_its_own_product(inputs):
    assert inputs["cuc-pub"] == ("unity",)
    assert inputs["imp-pub"] == ("imp",)
    assert inputs["expc"] == ("expressway",)
    assert inputs["expe"] == ("expressway",)
    assert inputs["jabber-alice"] == ("jabber",)


XCP_LINE = ('2026-03-02T09:00:00.164+00:00 {host} XCP_JABBERD[33045]: UTCTime="2026-03-02 '
            '09:00:00,164" ThreadID="1" Module="Jabber" Level="INFO " Detail="SASL OAUTHBEARER '
            'authentication succeeded for alice@example.com"')
KV_LINE = ('2026-03-02T09:00:00.100+00:00 {host} UTCTime="2026-03-02 09:00:00,100" '
           'Module="network.http.trafficserver" Level="INFO" Action="Received" '
           'Request-url="https://cucm-pub.example.com:8443/cucm-uds/users"')


def test_xcp_lines_alone_are_imp_and_beside_expressway_lines_are_expressway():
    alone = diagnose(text={"a.log": XCP_LINE.format(host="imp-pub")})
    assert alone.inputs[0].products == ("imp",)
    mixed = diagnose(text={"b.log": "\n".join([KV_LINE.format(host="expc"),
                                               XCP_LINE.format(host="expc")])})
    assert mixed.inputs[0].products == ("expressway",)
