"""uclab.workbook.views.log_fold: long logs folded, the lines that matter highlighted."""

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import uclab
from uclab.workbook import views
from uclab.workbook.views.log_fold import FOLD_AT, HEAD

LOG = [f"2026-03-02T09:00:00.{i:03d}Z expc traffic_server: Level=\"DEBUG\" line {i}"
       for i in range(40)]
LOG[17] = '2026-03-02T09:00:00.017Z expc credentialmanager: Level="ERROR" Detail="rejected"'
LOG[30] = "2026-03-02T09:00:00.030Z jabber csf-unified: token gone, maybe server issue"


def test_a_long_log_shows_the_marked_lines_and_folds_the_rest():
    log = views.folded_log("\n".join(LOG), title="expc")
    assert log.marked == {17} and log.shown == (17,)
    text = str(log)
    assert text.splitlines()[0] == "expc: 40 lines, 1 highlighted; 39 folded"
    assert "» 18│ " + LOG[17] in text  # numbered from 1
    assert "⋯ 17 line(s) folded ⋯" in text and "⋯ 22 line(s) folded ⋯" in text
    assert LOG[3] not in text and log.full == "\n".join(LOG)


def test_the_html_form_highlights_and_keeps_everything_one_click_away():
    page = views.folded_log(LOG, highlight=["maybe server issue"])._repr_html_()
    assert page.count("<details>") == 1 and "show all 40 lines" in page
    shown, folded = page.split("<details>")
    assert "Level=&quot;ERROR&quot;" in shown and "maybe server issue" in shown
    assert "line 3" not in shown and "line 3" in folded
    assert shown.count("background:#fff3c4") == 2


def test_context_lines_and_regexes():
    log = views.folded_log(LOG, highlight=[re.compile(r"line 5$")], context=1, defaults=False)
    assert log.marked == {5} and log.shown == (4, 5, 6)


def test_a_short_log_is_shown_whole_and_a_quiet_one_shows_its_head():
    short = views.folded_log(LOG[:FOLD_AT])
    assert len(short.shown) == FOLD_AT and "<details>" not in short._repr_html_()
    quiet = views.folded_log([ln for i, ln in enumerate(LOG) if i not in (17, 30)])
    assert quiet.marked == frozenset() and quiet.shown == tuple(range(HEAD))


def test_it_folds_what_the_lab_renders():
    lab = uclab.faults.get("expc-not-refreshed").build(1)
    lab.client.sign_in()
    rendered = lab.render_logs(host=lab.expc.host)
    log = views.folded_log(rendered, highlight=["credentialmanager"])
    assert log.marked and len(log.shown) < len(log.lines)
    assert all("credentialmanager" in ln or views.DEFAULT_MARKS.search(ln)
               for ln in log.marked_lines)


@pytest.mark.parametrize(("log", "kwargs", "expected"), [
    (42, {}, "as text or a list of lines"),
    (["a", 1], {}, "as text or a list of lines"),
    ("a", {"context": -1}, "context"),
    ("a", {"context": True}, "context"),
    ("a", {"highlight": [3]}, "phrases or compiled regexes"),
])
def test_bad_input_is_a_clear_error(log, kwargs, expected):
    with pytest.raises(uclab.ConfigError, match=expected):
        views.folded_log(log, **kwargs)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.text(alphabet=st.characters(blacklist_categories=["Cs"],
                                               blacklist_characters="\r\n\x0b\x0c\x1c\x1d"
                                                                    "\x1e\x85\u2028\u2029"),
                        max_size=40), max_size=60),
       st.lists(st.text(min_size=1, max_size=5), max_size=3), st.integers(0, 3))
def test_any_log_folds_into_a_subset_of_its_lines(lines, highlight, context):
    log = views.folded_log(lines, highlight=highlight, context=context)
    assert set(log.shown) <= set(range(len(lines))) and log.marked <= set(range(len(lines)))
    assert log.full == "\n".join(lines)
    assert "<script" not in log._repr_html_()  # every line is escaped
