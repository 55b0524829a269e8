"""uclab.workbook.widgets.interview, driven in plain pytest without a kernel: filter the bank,
show a question with its answer hidden, reveal it; sit a mock interview where the model answer
appears only after an answer; bad input lands in the status, never as a traceback."""

import ipywidgets
from hypothesis import given, settings
from hypothesis import strategies as st

from uclab import interview
from uclab.workbook import widgets


def text_of(out: ipywidgets.Output) -> str:
    return "".join(o.get("text", "") for o in out.outputs if o.get("output_type") == "stream")


def test_builders_return_panels_and_print_nothing(capsys):
    built = [widgets.question_browser(), widgets.mock_panel()]
    assert all(isinstance(w, ipywidgets.VBox) for w in built)
    assert capsys.readouterr().out == ""
    assert [repr(w).split("(")[0] for w in built] == ["QuestionBrowser", "MockPanel"]


def test_the_browser_filters_by_topic_and_level_through_the_api_and_the_dropdowns():
    browser = widgets.question_browser()
    assert len(browser.picker.options) == len(interview.questions())
    found = browser.filter("MRA", "senior")
    assert found == interview.questions("mra", "senior")
    assert (browser.topic.value, browser.level.value) == ("mra", "senior")
    browser.level.value = "junior"  # as a click would
    assert [v for _, v in browser.picker.options] == [q.id for q in
                                                       interview.questions("mra", "junior")]


def test_the_browser_hides_the_model_answer_until_reveal():
    browser = widgets.question_browser("security")
    q = browser.show("sec-bearer")
    assert q is interview.get("sec-bearer") and browser.picker.value == "sec-bearer"
    assert q.question.split(",")[0] in browser.text.value
    assert text_of(browser.output) == ""
    shown = browser.reveal()
    assert q.model_answer in shown and q.model_answer in text_of(browser.output)
    assert "RFC 6750 §1.2" in shown


def test_the_browser_names_bad_input_in_its_status():
    browser = widgets.question_browser()
    before = list(browser.questions)
    assert browser.filter("voip") == before and "unknown topic" in browser.status.value
    assert browser.show("nope") is None and "unknown question id" in browser.status.value
    assert widgets.question_browser().reveal() == ""


def test_the_mock_panel_grades_then_shows_the_model_answer_then_moves_on():
    panel = widgets.mock_panel(seed=4, n=2)
    assert panel.answer("too early") is None and "Start interview" in panel.status.value
    drawn = panel.start(4)
    assert [q.id for q in drawn.questions] == [q.id for q in interview.mock(4, n=2).questions]
    q = panel.question
    assert text_of(panel.output) == "" and q.model_answer not in panel.text.value
    assert panel.answer("   ") is None and text_of(panel.output) == ""
    g = panel.answer(q.model_answer)
    assert not g.missed and q.model_answer in text_of(panel.output)
    assert panel.next() is drawn.questions[1] and text_of(panel.output) == ""
    assert panel.next().id.startswith("fault-") and "hidden-fault" in panel.text.value
    panel.answer("I would check the keys")
    assert panel.next() is None and "The hidden fault was" in text_of(panel.output)


@settings(max_examples=25, deadline=None)
@given(seed=st.one_of(st.integers(), st.text(max_size=4), st.none(), st.floats()),
       text=st.one_of(st.text(max_size=200), st.integers(), st.none()))
def test_the_mock_panel_never_raises(seed, text):
    panel = widgets.mock_panel(n=1)
    started = panel.start(seed)
    assert (started is None) == (isinstance(seed, bool) or not isinstance(seed, int))
    panel.answer(text)
    panel.next()
    assert panel.status.value
