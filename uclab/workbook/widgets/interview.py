"""Interview panels: browse the question bank by topic and level, and sit a seeded mock
interview whose typed answers are graded by key points (:mod:`uclab.interview`), the model
answer shown only after the learner has answered. The grade is a self-check, not a judge
(:data:`uclab.interview.SELF_CHECK`). Used in: notebooks/10.

Drive them without a frontend: ``browser.filter(topic, level)``, ``browser.show(id)``,
``browser.reveal()``; ``panel.start(seed)``, ``panel.answer(text)``, ``panel.next()``.
"""

from __future__ import annotations

import html
import threading

import ipywidgets as widgets

from uclab import interview
from uclab.core.errors import UclabError
from uclab.interview import Grade, MockInterview, Question
from uclab.workbook.widgets.output import set_status, show_text

ALL = "all"


def _question_html(q: Question, heading: str) -> str:
    return (f"<div><small>{html.escape(heading)} · {html.escape(q.topic_title)} · "
            f"{html.escape(q.level)} · <code>{html.escape(q.id)}</code></small>"
            f"<p><b>{html.escape(q.question)}</b></p></div>")


def _answer_text(q: Question) -> str:
    points = "\n".join(f"  - {kp}" for kp in q.key_points)
    return (f"Model answer:\n{q.model_answer}\n\nKey points:\n{points}\n\n"
            f"Sources: {', '.join(q.sources)}")


class QuestionBrowser(widgets.VBox):
    """Pick a topic and a level, then a question; the model answer stays hidden until
    'Show model answer'."""

    def __init__(self, topic: str | None = None, level: str | None = None) -> None:
        self.lock = threading.RLock()
        self.questions: list[Question] = []
        self.question: Question | None = None
        self.topic = widgets.Dropdown(options=[("All topics", ALL)] + [
            (title, key) for key, title in interview.TOPICS.items()], value=ALL,
            description="Topic")
        self.level = widgets.Dropdown(options=[("All levels", ALL)] + [
            (lv, lv) for lv in interview.LEVELS], value=ALL, description="Level")
        self.picker = widgets.Select(options=[], rows=8, layout=widgets.Layout(width="95%"))
        self.text = widgets.HTML()
        self.reveal_button = widgets.Button(description="Show model answer", icon="eye")
        self.status = widgets.HTML()
        self.output = widgets.Output()
        super().__init__(children=[widgets.HBox([self.topic, self.level]), self.picker,
                                   self.text, self.reveal_button, self.status, self.output])
        self.topic.observe(lambda _: self._refilter(), names="value")
        self.level.observe(lambda _: self._refilter(), names="value")
        self.picker.observe(lambda change: self.show(change["new"]), names="value")
        self.reveal_button.on_click(lambda _: self.reveal())
        self.filter(topic, level)

    def __repr__(self) -> str:
        return (f"QuestionBrowser(topic={self.topic.value!r}, level={self.level.value!r}, "
                f"questions={len(self.questions)})")

    def filter(self, topic: str | None = None, level: str | None = None) -> list[Question]:
        """Show the questions of ``topic`` (id or title) and ``level`` (None: all); a bad
        value is named in the status and changes nothing."""
        with self.lock:
            try:
                found = interview.questions(topic, level)
                key = ALL if topic is None else interview.topic_id(topic)
            except UclabError as exc:
                set_status(self.status, str(exc), ok=False)
                return self.questions
            self._filling = True
            try:
                self.topic.value = key
                self.level.value = ALL if level is None else level.strip().lower()
            finally:
                self._filling = False
            self._fill(found)
            return found

    def _refilter(self) -> None:
        if getattr(self, "_filling", False):
            return
        with self.lock:
            topic = None if self.topic.value == ALL else self.topic.value
            level = None if self.level.value == ALL else self.level.value
            self._fill(interview.questions(topic, level))

    def _fill(self, found: list[Question]) -> None:
        self.questions = found
        self.picker.options = [(f"{q.level:9} {q.question[:90]}", q.id) for q in found]
        self.question = None
        self.text.value = ""
        self.output.outputs = ()
        set_status(self.status, f"{len(found)} question(s). Pick one, answer it in your head or "
                                "aloud, then show the model answer.")

    def show(self, question_id: str | None) -> Question | None:
        """Show one question (its answer hidden)."""
        with self.lock:
            if not question_id:
                return None
            try:
                q = interview.get(question_id)
            except UclabError as exc:
                set_status(self.status, str(exc), ok=False)
                return None
            self.question = q
            if self.picker.value != q.id and q.id in [v for _, v in self.picker.options]:
                self.picker.value = q.id
            self.text.value = _question_html(q, "Question")
            self.output.outputs = ()
            set_status(self.status, "Answer first; then press 'Show model answer'.")
            return q

    def reveal(self) -> str:
        """Show the model answer, the key points and the sources of the question shown."""
        with self.lock:
            if self.question is None:
                set_status(self.status, "Pick a question first.", ok=None)
                return ""
            text = _answer_text(self.question)
            show_text(self.output, text)
            set_status(self.status, "Model answer shown.", ok=True)
            return text


class MockPanel(widgets.VBox):
    """A mock interview by seed: one question at a time, a typed answer, its grade by key
    points, and only then the model answer. A self-check, not a judge."""

    def __init__(self, seed: int = 1, n: int = interview.DEFAULT_QUESTIONS) -> None:
        self.lock = threading.RLock()
        self.n = n
        self.interview: MockInterview | None = None
        self.index = 0
        self.grade: Grade | None = None
        self.seed = widgets.IntText(value=seed if isinstance(seed, int) else 1,
                                    description="Seed")
        self.start_button = widgets.Button(description="Start interview", icon="play",
                                           button_style="primary")
        self.text = widgets.HTML()
        self.answer_box = widgets.Textarea(placeholder="Type your answer here",
                                           layout=widgets.Layout(width="95%", height="120px"))
        self.grade_button = widgets.Button(description="Grade my answer", icon="check")
        self.next_button = widgets.Button(description="Next question", icon="forward")
        self.status = widgets.HTML()
        self.output = widgets.Output()
        super().__init__(children=[widgets.HBox([self.seed, self.start_button]), self.text,
                                   self.answer_box,
                                   widgets.HBox([self.grade_button, self.next_button]),
                                   self.status, self.output])
        self.start_button.on_click(lambda _: self.start(self.seed.value))
        self.grade_button.on_click(lambda _: self.answer(self.answer_box.value))
        self.next_button.on_click(lambda _: self.next())
        set_status(self.status, f"Pick a seed and press 'Start interview'. {interview.SELF_CHECK}")

    def __repr__(self) -> str:
        seed = self.interview.seed if self.interview else None
        return f"MockPanel(seed={seed!r}, question={self.index + 1 if self.interview else None})"

    @property
    def question(self) -> Question | None:
        return self.interview.questions[self.index] if self.interview else None

    def start(self, seed: int) -> MockInterview | None:
        """Draw the interview of ``seed`` and show its first question."""
        with self.lock:
            try:
                drawn = interview.mock(seed, n=self.n)
            except UclabError as exc:
                set_status(self.status, f"Could not start: {exc}", ok=False)
                return None
            self.interview, self.index = drawn, 0
            if self.seed.value != seed:
                self.seed.value = seed
            self._ask()
            return drawn

    def _ask(self) -> None:
        assert self.interview is not None
        q = self.interview.questions[self.index]
        heading = f"Question {self.index + 1} of {len(self.interview.questions)}"
        if q is self.interview.scenario:
            heading += " (hidden-fault scenario)"
        self.grade = None
        self.text.value = _question_html(q, heading)
        self.answer_box.value = ""
        self.output.outputs = ()
        set_status(self.status, "Type your answer, then press 'Grade my answer'.")

    def answer(self, text: str) -> Grade | None:
        """Grade ``text`` for the current question, then show hits, misses and the model
        answer. An empty answer is refused (the model answer stays hidden)."""
        with self.lock:
            if self.interview is None:
                set_status(self.status, "Press 'Start interview' first.", ok=None)
                return None
            if not isinstance(text, str) or not text.strip():
                set_status(self.status, "Write an answer first: the model answer is shown only "
                                        "after you have answered.", ok=None)
                return None
            if self.answer_box.value != text:
                self.answer_box.value = text
            result = self.interview.answer(self.index, text)
            self.grade = result
            show_text(self.output, str(result))
            set_status(self.status, f"{result.score} key points. Read what you missed, then "
                                    "'Next question'.", ok=not result.missed)
            return result

    def next(self) -> Question | None:
        """Go to the next question (after the last one, show the summary)."""
        with self.lock:
            if self.interview is None:
                set_status(self.status, "Press 'Start interview' first.", ok=None)
                return None
            if self.index + 1 >= len(self.interview.questions):
                show_text(self.output, self.interview.summary())
                set_status(self.status, "Interview finished: the summary is below.", ok=True)
                return None
            self.index += 1
            self._ask()
            return self.question


def question_browser(topic: str | None = None, level: str | None = None) -> QuestionBrowser:
    """A browser over :func:`uclab.interview.questions`, optionally pre-filtered."""
    return QuestionBrowser(topic, level)


def mock_panel(seed: int = 1, n: int = interview.DEFAULT_QUESTIONS) -> MockPanel:
    """A mock-interview panel; press 'Start interview' (or call ``start(seed)``)."""
    return MockPanel(seed, n)
