"""Interview preparation: a bank of interview questions on OAuth in Cisco UC, each with a model
answer, key points and sources; a seeded mock interview ending in a hidden-fault scenario from
:mod:`uclab.faults`; and grading by key points.

Grading is a **self-check, not a judge**: it looks for the key phrases a good answer makes
(case, punctuation and word boundaries handled deterministically; no model, no fuzzy matching)
and shows which were hit and missed, then the model answer. A right answer in other words can
miss a point; a wrong answer that names the right words can hit one.

The bank is data (``uclab/interview/topics/*.toml``, one file per topic, schema in
:mod:`uclab.interview.bank`). Every Cisco fact of a model answer cites the project's fact sheet
(S-ids, :mod:`uclab.facts.sources`); standards are cited by RFC section or spec
(:mod:`uclab.facts.citations`). Where the fact sheet marks a fact uncertain or release-dependent,
the model answer says so.

API: :func:`questions`, :func:`get`, :func:`grade`, :func:`mock`, :func:`scenario`,
:func:`scenarios`, :func:`hedges`; records :class:`Question`, :class:`KeyPoint`, :class:`Grade`,
:class:`MockInterview`; :data:`TOPICS`, :data:`LEVELS`. Bad input raises
:class:`uclab.core.errors.ConfigError` naming what is wrong.
"""

from uclab.interview.fault_scenarios import scenario, scenarios
from uclab.interview.grading import grade
from uclab.interview.lookup import HEDGES, get, hedges, questions, topic_id
from uclab.interview.mock_interview import DEFAULT_QUESTIONS, MockInterview, mock
from uclab.interview.model import LEVELS, SELF_CHECK, TOPICS, Grade, KeyPoint, Question

__all__ = ["DEFAULT_QUESTIONS", "HEDGES", "LEVELS", "SELF_CHECK", "TOPICS", "Grade", "KeyPoint",
           "MockInterview", "Question", "get", "grade", "hedges", "mock", "questions", "scenario",
           "scenarios", "topic_id"]
