"""uclab.workbook.views.ladder: the ladder diagram, asserted on the figure object."""

import json

import plotly.graph_objects as go
import pytest
from views_labs import configured, login_trace

import uclab
from uclab.core.wire import Exchange, Request, Response
from uclab.trace.file import Trace
from uclab.workbook import views


@pytest.fixture(scope="module")
def login():
    return login_trace()


def arrows(fig, role="arrow"):
    return [t for t in fig.data if (t.meta or {}).get("role") == role]


def by_name(fig, name):
    (trace,) = [t for t in fig.data if t.name == name]
    return trace


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
    for highlight in (None, 3, 1):
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
    answers = arrows(fig, "response")
    for i, (arrow, back, ex) in enumerate(zip(arrows(fig), answers, trace.exchanges,
                                              strict=True)):
        assert list(arrow.customdata) == [i, i] == list(back.customdata)
        assert arrow.x[0] == lanes.index(ex.src) and arrow.x[-1] == lanes.index(ex.dst)
        assert back.x[0] == lanes.index(ex.dst) and back.x[-1] == lanes.index(ex.src)
        assert arrow.y[0] < i < back.y[0]  # the request above the hop's row, its answer below
        assert arrow.marker.symbol[-1] == "arrow" == back.marker.symbol[-1]
        assert back.line.dash == "dot" and arrow.line.dash == "solid"
    assert fig.layout.yaxis.range[0] > fig.layout.yaxis.range[1]  # reversed: time goes down


def test_ladder_labels_and_hover(login):
    _, trace = login
    fig = views.ladder(trace)
    labels = by_name(fig, "labels")
    assert list(labels.customdata) == list(range(len(trace.exchanges)))
    text = list(labels.text)
    answers = list(by_name(fig, "responses").text)
    assert "SRV /_collab-edge._tls.example.com" in text
    assert "GET …/get_edge_sso" in text and "POST /ssosp/oauth/token" in text
    auth = text.index("XMPP &lt;auth mechanism='OAUTHBEARER'>")
    assert answers[auth] == "&lt;success/>"  # SASL speaks XMPP, not HTTP
    assert "XMPP &lt;stream:stream>" in text
    assert any(a.startswith("&lt;stream:features> ") for a in answers)
    assert not any(t.endswith("-> 200") for t in text) and "200" in answers
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
    assert by_name(fig, "responses").text[1] == "no answer"
    assert arrows(fig, "response")[1].visible is False  # nothing came back
    ok = views.ladder(login_trace()[1])
    assert {a.line.color for a in arrows(ok)} == {views.OK_COLOR}


def test_ladder_highlight_emphasises_one_hop(login):
    _, trace = login
    fig = views.ladder(trace, highlight=5)  # hop 5, numbered from 1 as the y axis shows
    hops = arrows(fig)
    assert hops[4].line.width > hops[3].line.width
    assert hops[4].opacity == 1 and hops[3].opacity < 1
    assert any(s.type == "rect" and s.y0 == 3.5 and s.y1 == 4.5 for s in fig.layout.shapes)
    assert fig.layout.meta["highlight"] == 5 and fig.layout.yaxis.ticktext[4].startswith("5 ")


@pytest.mark.parametrize("bad", [0, -1, 10_000, "3", 2.0, True])
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


def _notes(fig):
    return [a for a in fig.layout.annotations if a.name == "failure"]


def _text(note):
    return note.text.replace("<br>", " ")


def test_the_first_failing_hop_is_red_with_what_failed_inside_the_figure():
    lab = uclab.faults.get("expc-not-refreshed").build(1)  # Expressway-C holds no keys
    start = len(lab.exchanges)
    result = lab.client.sign_in()
    assert not result
    fig = views.ladder(lab.exchanges[start:], outcome=result)
    at = fig.layout.meta["failed_hop"] - 1
    ex = lab.exchanges[start + at]
    assert ex.response.status >= 400
    assert all(e.response.status < 400 for e in lab.exchanges[start:start + at])
    assert arrows(fig)[at].line.color == views.ERROR_COLOR
    assert arrows(fig)[at].line.width > arrows(fig)[0].line.width
    (note,) = _notes(fig)
    assert f"hop {at + 1} failed" in note.text and str(ex.response.status) in _text(note)
    assert "invalid_token" in _text(note) and note.xref == "x" and note.y == at
    # inside the plot: the x axis is widened to hold the note
    assert fig.layout.xaxis.range[1] > note.x
    assert f"<b>#{at + 1}</b>" in by_name(fig, "labels").hovertext[at]


def test_a_failing_login_does_not_look_like_a_good_one():
    lab = uclab.faults.get("expc-not-refreshed").build(1)
    start = len(lab.exchanges)
    result = lab.client.sign_in()
    bad = views.ladder(lab.exchanges[start:], outcome=result)
    good = views.ladder(login_trace()[1])
    assert not _notes(good) and good.layout.meta["failed_hop"] is None
    bad_colors = {a.line.color for a in arrows(bad)}
    assert views.ERROR_COLOR in bad_colors and bad_colors != {a.line.color for a in arrows(good)}


def test_a_failure_no_hop_shows_is_marked_from_the_outcome():
    """The seed article's case: every hop answers, Jabber finds no SASL mechanism it can use."""
    lab = configured()
    uclab.faults.get("expc-oauthlocal-off").apply(lab)
    start = len(lab.exchanges)
    result = lab.client.sign_in()
    assert not result and result.stage == "xmpp"
    plain = views.ladder(lab.exchanges[start:])
    assert plain.layout.meta["failed_hop"] is None  # the wire alone shows nothing failing
    fig = views.ladder(lab.exchanges[start:], outcome=result)
    at = fig.layout.meta["failed_hop"] - 1
    assert lab.exchanges[start + at].src == "jabber-alice"
    assert lab.exchanges[start + at].request.method == "XMPP"
    (note,) = _notes(fig)
    assert "no supported SASL mechanism" in _text(note)
    assert by_name(fig, "responses").text[at] == "<b>&lt;stream:features> CISCO-VTG-TOKEN</b>"


def test_a_sasl_failure_is_a_failed_hop():
    ex = Exchange(1, "jabber-alice", "expe",
                  Request.make("XMPP", "xmpp://expe.example.com:5222/",
                               body=b"<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' "
                                    b"mechanism='OAUTHBEARER'>bixh</auth>"),
                  Response(200, body=b"<failure xmlns='urn:ietf:params:xml:ns:xmpp-sasl'>"
                                     b"<not-authorized/></failure>"))
    fig = views.ladder([ex])
    assert fig.layout.meta["failed_hop"] == 1
    assert by_name(fig, "responses").text[0] == "<b>&lt;failure/> not-authorized</b>"
    assert "SASL &lt;failure/> not-authorized" in _text(_notes(fig)[0])


def test_a_browser_gets_a_lane_of_its_own_on_the_left():
    def ex(i, src, dst):
        return Exchange(i, src, dst, Request.make("GET", f"https://{dst}/"), Response(200))

    order = views.lane_order([ex(1, "dashboard-app", "cucm-pub"),
                              ex(2, "alice-browser", "cucm-pub"), ex(3, "cucm-pub", "cuc-pub")])
    assert order == ["alice-browser", "cucm-pub", "cuc-pub", "dashboard-app"]
    fig = views.ladder([ex(1, "dashboard-app", "cucm-pub"), ex(2, "alice-browser", "cucm-pub")])
    assert "browser (user agent)" in fig.layout.xaxis.ticktext[0]


def test_the_code_grant_draws_browser_and_client_in_lanes_of_their_own():
    from uclab import testing

    lab = testing.make_lab(1)
    app = testing.make_app(lab, name="Code-flow client")
    browser = app.browser()
    login = browser.login(browser.authorize(), "alice")
    code = testing.redirect_params(login.headers["Location"])["code"]
    assert app.token(grant_type="authorization_code", code=code,
                     redirect_uri=app.redirect_uri).status_code == 200
    fig = views.ladder(lab.exchanges)
    assert fig.layout.meta["lanes"] == ["alice-browser", "cucm-pub", "Code-flow client"]
    assert [ex.src for ex in lab.exchanges] == ["alice-browser", "alice-browser",
                                               "Code-flow client"]
