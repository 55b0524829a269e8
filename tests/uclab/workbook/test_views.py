"""uclab.workbook.views: ladder, deployment map and token timeline, asserted on the figure
objects."""

import json

import plotly.graph_objects as go
import pytest

import uclab
from uclab.core.wire import Exchange, Request, Response
from uclab.testing import configured_lab
from uclab.trace.file import Trace
from uclab.workbook import views
from uclab.workbook.usage import simulate_usage


def configured(seed=1):
    return configured_lab(seed)


def login_trace(seed=1):
    lab = configured(seed)
    assert lab.client.sign_in()
    return lab, lab.trace("MRA login")


@pytest.fixture(scope="module")
def login():
    return login_trace()


def arrows(fig):
    return [t for t in fig.data if (t.meta or {}).get("role") == "arrow"]


def by_name(fig, name):
    (trace,) = [t for t in fig.data if t.name == name]
    return trace


# -- ladder ---------------------------------------------------------------------------------------
def test_ladder_has_one_arrow_per_exchange(login):
    _, trace = login
    fig = views.ladder(trace)
    assert isinstance(fig, go.Figure)
    assert len(arrows(fig)) == len(trace.exchanges)
    assert fig.layout.meta["count"] == len(trace.exchanges)
    assert fig.layout.title.text == "Ladder: MRA login"


def test_ladder_is_a_valid_figure(login):
    """ladder() skips plotly's validation for speed: full validation must still pass."""
    _, trace = login
    for highlight in (None, 3):
        fig = views.ladder(trace, highlight=highlight)
        assert go.Figure(fig.to_dict()).to_dict() == fig.to_dict()


def test_ladder_lane_order(login):
    _, trace = login
    fig = views.ladder(trace)
    lanes = fig.layout.meta["lanes"]
    assert lanes == ["jabber-alice", "public-dns", "expe", "expc", "cucm-pub", "imp-pub"]
    assert list(fig.layout.xaxis.tickvals) == list(range(len(lanes)))
    assert fig.layout.xaxis.ticktext[0].startswith("<b>jabber-alice</b>")


def test_lane_order_puts_unknown_participants_last_in_first_seen_order():
    def ex(i, src, dst):
        return Exchange(i, src, dst, Request.make("GET", f"https://{dst}/"), Response(200))

    order = views.lane_order([ex(1, "zeta", "cuc-pub"), ex(2, "jabber-bob", "expe"),
                              ex(3, "expc", "alpha"), ex(4, "cucm-sub1", "expc")])
    assert order == ["jabber-bob", "expe", "expc", "cucm-sub1", "cuc-pub", "zeta", "alpha"]


def test_ladder_arrows_go_from_src_to_dst_and_time_goes_down(login):
    _, trace = login
    fig = views.ladder(trace)
    lanes = fig.layout.meta["lanes"]
    for i, (arrow, ex) in enumerate(zip(arrows(fig), trace.exchanges, strict=True)):
        assert list(arrow.customdata) == [i, i]
        assert arrow.x[0] == lanes.index(ex.src) and arrow.x[-1] == lanes.index(ex.dst)
        assert list(arrow.y) == [i, i]
        assert arrow.marker.symbol[-1] == "arrow"
    assert fig.layout.yaxis.range[0] > fig.layout.yaxis.range[1]  # reversed: time goes down


def test_ladder_labels_and_hover(login):
    _, trace = login
    fig = views.ladder(trace)
    labels = by_name(fig, "labels")
    assert list(labels.customdata) == list(range(len(trace.exchanges)))
    text = list(labels.text)
    assert "SRV /_collab-edge._tls.example.com -> 200" in text
    assert "GET …/get_edge_sso -> 200" in text
    assert "POST /ssosp/oauth/token -> 200" in text
    assert "XMPP auth OAUTHBEARER -> 200" in text
    sso = next(i for i, ex in enumerate(trace.exchanges) if "get_edge_sso" in ex.request.path)
    hover = labels.hovertext[sso]
    assert "GET /ZXhhbXBsZS5jb20/get_edge_sso?email=alice%40example.com" in hover
    assert "base64url('example.com')" in hover  # the edge prefix, decoded
    assert "200 OK" in hover and "2026-03-02 09:00:00" in hover


def test_ladder_colours_http_errors_and_transport_errors():
    lab = configured()
    lab.session().get(f"https://{lab.cucm.publisher.host}:8443/ssosp/oauth/authorize")  # 400
    lab.network.send("learner", Request.make("GET", "https://nosuch.example.com/"))  # no answer
    fig = views.ladder(lab.exchanges)
    colors = [a.line.color for a in arrows(fig)]
    assert colors[0] == views.ERROR_COLOR
    assert colors[1] == views.TRANSPORT_COLOR and arrows(fig)[1].line.dash == "dash"
    assert by_name(fig, "labels").text[1].endswith("-> error")
    ok = views.ladder(login_trace()[1])
    assert {a.line.color for a in arrows(ok)} == {views.OK_COLOR}


def test_ladder_highlight_emphasises_one_hop(login):
    _, trace = login
    fig = views.ladder(trace, highlight=4)
    hops = arrows(fig)
    assert hops[4].line.width > hops[3].line.width
    assert hops[4].opacity == 1 and hops[3].opacity < 1
    assert any(s.type == "rect" and s.y0 == 3.5 and s.y1 == 4.5 for s in fig.layout.shapes)
    assert fig.layout.meta["highlight"] == 4


@pytest.mark.parametrize("bad", [-1, 10_000, "3", 2.0, True])
def test_ladder_bad_highlight(login, bad):
    with pytest.raises(uclab.ConfigError, match="highlight"):
        views.ladder(login[1], highlight=bad)


def test_ladder_conceals_secrets_in_query_strings():
    lab = configured()
    lab.session().get(f"https://{lab.cucm.publisher.host}:8443/x?code=SECRETCODE&a=1")
    fig = views.ladder(lab.exchanges)
    blob = json.dumps(fig.to_dict())
    assert "SECRETCODE" not in blob
    assert "code=&lt;CONCEALED>" in blob


def test_ladder_of_an_empty_trace_explains_instead_of_raising():
    fig = views.ladder(Trace("nothing yet"))
    assert fig.layout.meta["empty"] is True
    assert len(fig.data) == 0
    assert "empty" in fig.layout.annotations[0].text
    assert views.ladder([]).layout.meta["view"] == "ladder"


@pytest.mark.parametrize("bad", ["trace.jsonl", 42, None, {"exchanges": []}])
def test_ladder_rejects_what_is_not_a_trace(bad):
    with pytest.raises(uclab.ConfigError, match="Trace"):
        views.ladder(bad)


def test_ladder_rejects_a_list_of_other_things():
    with pytest.raises(uclab.ConfigError, match="item 1"):
        views.ladder([login_trace()[1].exchanges[0], "GET /"])


def test_ladder_of_a_saved_trace_equals_the_live_one(login, tmp_path):
    _, trace = login
    loaded = Trace.load(trace.save(tmp_path / "login.jsonl"))
    assert views.ladder(loaded).to_dict() == views.ladder(trace).to_dict()


def test_ladder_is_capped():
    lab = configured()
    for _ in range(views.MAX_LADDER_HOPS + 5):
        lab.network.send("learner", Request.make("GET", "https://nosuch.example.com/"))
    fig = views.ladder(lab.exchanges)
    assert len(arrows(fig)) == views.MAX_LADDER_HOPS
    assert "showing the first" in fig.layout.annotations[-1].text


# -- deployment map -------------------------------------------------------------------------------
def test_map_of_a_configured_lab_is_all_current():
    lab = configured()
    fig = views.deployment_map(lab)
    assert fig.layout.meta["stale"] == []
    assert len(by_name(fig, views.MAP_STALE).x) == 0
    current = by_name(fig, views.MAP_CURRENT)
    pub = lab.cucm.publisher.keys
    texts = list(current.text)
    assert all(f"signing {pub.signing_checksum[:8]}" in t for t in texts)
    assert all(f"encryption {pub.encryption_checksum[:8]}" in t for t in texts)
    assert set(current.customdata) == {"expc:cucm-pub", "cucm-pub", "cucm-sub1",
                                       "imp-pub:db:cucm-pub", "imp-pub:xcp:cucm-pub",
                                       "cuc-pub:CUCM"}
    assert set(by_name(fig, views.MAP_NOKEYS).customdata) == {"jabber", "expe"}


def test_map_left_to_right_internet_to_inside():
    fig = views.deployment_map(configured())
    x = {}
    for t in fig.data:
        if t.customdata is not None:
            x.update(zip(t.customdata, t.x, strict=True))
    assert x["jabber"] < x["expe"] < x["expc:cucm-pub"] < x["cucm-pub"] < x["imp-pub:db:cucm-pub"]
    assert x["cucm-pub"] == x["cucm-sub1"] and x["cuc-pub:CUCM"] == x["imp-pub:xcp:cucm-pub"]


def test_map_marks_expressway_red_after_a_signing_regen_without_refresh():
    lab = configured()
    old = lab.cucm.publisher.keys
    lab.cucm.regen_key("signing")
    fig = views.deployment_map(lab)
    stale = by_name(fig, views.MAP_STALE)
    assert stale.marker.color == views.STALE_COLOR
    keys = list(stale.customdata)
    assert "expc:cucm-pub" in keys
    text = stale.text[keys.index("expc:cucm-pub")]
    assert f"signing {old.signing_checksum[:8]} stale" in text
    assert f"encryption {old.encryption_checksum[:8]}" in text
    assert "Refresh servers" in stale.hovertext[keys.index("expc:cucm-pub")]
    # the regen reached the subscriber and IM&P's database, not the running XCP service or CUC
    assert set(keys) == {"expc:cucm-pub", "imp-pub:xcp:cucm-pub", "cuc-pub:CUCM"}
    assert "3 copies stale or missing" in fig.layout.annotations[-1].text

    lab.expc.refresh_servers()
    assert "expc:cucm-pub" not in views.deployment_map(lab).layout.meta["stale"]


def test_map_shows_none_for_missing_copies():
    lab = uclab.Lab(seed=1)  # Expressway-C never refreshed, no Authz server on Unity
    fig = views.deployment_map(lab)
    stale = by_name(fig, views.MAP_STALE)
    keys = list(stale.customdata)
    assert keys == ["expc:cucm-pub", "cuc-pub:-"]
    assert all("signing none" in t and "encryption none" in t for t in stale.text)


def test_map_does_not_create_a_client():
    lab = configured()
    views.deployment_map(lab)
    assert lab._client is None


def test_map_rejects_what_is_not_a_lab():
    with pytest.raises(uclab.ConfigError, match="uclab.Lab"):
        views.deployment_map("lab")


# -- token timeline -------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def usage():
    return simulate_usage(configured(), days=61)


def test_timeline_draws_every_event(usage):
    fig = views.token_timeline(usage)
    counts = fig.layout.meta["counts"]
    assert counts["sign-in"] == 1 and counts["re-login"] == 1 and counts["refresh-failed"] == 1
    for kind, count in counts.items():
        trace = next(t for t in fig.data if (t.meta or {}).get("role") == kind)
        assert len(trace.x) == count
    uses = next(t for t in fig.data if (t.meta or {}).get("role") == "use")
    assert [usage[i].kind for i in uses.customdata] == ["use"] * len(uses.x)


def test_timeline_bars(usage):
    fig = views.token_timeline(usage)
    refresh = next(t for t in fig.data if (t.meta or {}).get("role") == "refresh token")
    access = next(t for t in fig.data if (t.meta or {}).get("role") == "access token")
    assert len(refresh.x) == 2  # the first sign-in's token and the re-login's
    assert refresh.base[0] == pytest.approx(0, abs=1e-3)
    assert refresh.x[0] == pytest.approx(60, abs=1e-3)
    assert len(access.x) == sum(e.ok and e.kind in ("sign-in", "re-login", "refresh")
                                for e in usage)
    assert all(w == pytest.approx(1 / 24, abs=1e-4) for w in access.x)


def test_timeline_marks_expiry_and_forced_re_login(usage):
    fig = views.token_timeline(usage)
    texts = [a.text for a in fig.layout.annotations]
    assert any(t.startswith("refresh token expires (day 60.00)") for t in texts)
    (forced,) = [a for a in fig.layout.annotations if a.text.startswith("forced re-login")]
    assert 60 <= forced.x < 61
    assert any(s.type == "line" and s.x0 == pytest.approx(60, abs=1e-3)
               for s in fig.layout.shapes)


def test_timeline_of_nothing_explains():
    fig = views.token_timeline([])
    assert fig.layout.meta["empty"] is True and "simulate_usage" in fig.layout.annotations[0].text


@pytest.mark.parametrize("bad", [None, "events", 3, [1, 2]])
def test_timeline_rejects_what_is_not_usage_events(bad):
    with pytest.raises(uclab.ConfigError, match="UsageEvent"):
        views.token_timeline(bad)


# -- all figures ----------------------------------------------------------------------------------
def test_same_seed_same_figures():
    (lab1, t1), (lab2, t2) = login_trace(7), login_trace(7)
    assert views.ladder(t1, highlight=2).to_dict() == views.ladder(t2, highlight=2).to_dict()
    for lab in (lab1, lab2):
        lab.cucm.regen_key("encryption")
    assert views.deployment_map(lab1).to_dict() == views.deployment_map(lab2).to_dict()
    e1 = simulate_usage(configured(7), days=3)
    e2 = simulate_usage(configured(7), days=3)
    assert views.token_timeline(e1).to_dict() == views.token_timeline(e2).to_dict()


def test_figures_use_the_small_explicit_template(login, usage):
    lab, trace = login
    for fig in (views.ladder(trace), views.deployment_map(lab), views.token_timeline(usage),
                views.ladder([])):
        d = fig.to_dict()
        assert d["layout"]["template"] == views.TEMPLATE.to_plotly_json()
        assert len(json.dumps(d["layout"]["template"])) < 1500
        assert "uid" not in json.dumps(d["data"])
