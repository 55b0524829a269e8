"""The interview bank's records: a :class:`Question` with its :class:`KeyPoint` list, and the
:class:`Grade` of one answer. Topics and levels are fixed (:data:`TOPICS`, :data:`LEVELS`)."""

from __future__ import annotations

import html
from dataclasses import dataclass

from uclab.interview.matching import normalise

#: topic id -> title, in the order the bank is browsed
TOPICS: dict[str, str] = {
    "oauth-fundamentals": "OAuth fundamentals",
    "cucm-authz": "CUCM AuthZ",
    "tokens-and-keys": "Tokens and keys",
    "mra": "MRA",
    "imp-xmpp": "IM&P and XMPP",
    "unity": "Unity Connection",
    "sip-oauth": "SIP OAuth",
    "sso-saml": "SSO and SAML",
    "troubleshooting": "Troubleshooting",
    "security": "Security",
}
LEVELS: tuple[str, ...] = ("junior", "senior", "architect")
#: what a grade always says about itself (the notebook says it too)
SELF_CHECK = ("A self-check, not a judge: it only looks for the key phrases of a good answer "
              "(case, punctuation and word order inside a phrase aside). A correct answer in "
              "other words can miss a point; a wrong answer that names the right words can hit "
              "one. Read the model answer.")


@dataclass(frozen=True)
class KeyPoint:
    """One point a good answer makes; ``accept`` holds the phrasings that count for it (the
    first one names the point)."""

    accept: tuple[str, ...]

    @property
    def label(self) -> str:
        return self.accept[0]

    def hit_by(self, normalised_answer: str) -> bool:
        """Whether an answer, already :func:`~uclab.interview.matching.normalise` d, makes this
        point (any phrasing, whole words)."""
        padded = f" {normalised_answer} "
        return any(f" {normalise(p)} " in padded for p in self.accept if normalise(p))

    def __str__(self) -> str:
        others = f" (or: {', '.join(self.accept[1:])})" if len(self.accept) > 1 else ""
        return self.label + others


@dataclass(frozen=True)
class Question:
    """One interview question with its model answer, key points and sources (S-ids of the
    fact sheet, RFC sections, other standards)."""

    id: str
    topic: str
    level: str
    question: str
    model_answer: str
    key_points: tuple[KeyPoint, ...]
    sources: tuple[str, ...]

    @property
    def topic_title(self) -> str:
        return TOPICS.get(self.topic, self.topic)

    def __str__(self) -> str:
        return f"[{self.id}] ({self.topic_title}, {self.level}) {self.question}"


@dataclass(frozen=True)
class Grade:
    """Which key points an answer hit and missed, then the model answer. A self-check, not a
    judge (:data:`SELF_CHECK`)."""

    question: Question
    answer: str
    hit: tuple[KeyPoint, ...]
    missed: tuple[KeyPoint, ...]

    @property
    def score(self) -> str:
        return f"{len(self.hit)}/{len(self.hit) + len(self.missed)}"

    def __str__(self) -> str:
        q = self.question
        lines = [f"{q.id}: {self.score} key points", ""]
        lines += [f"  hit     {kp}" for kp in self.hit]
        lines += [f"  missed  {kp}" for kp in self.missed]
        lines += ["", "Model answer:", q.model_answer.strip(), "",
                  f"Sources: {', '.join(q.sources)}", "", SELF_CHECK]
        return "\n".join(lines)

    __repr__ = __str__

    def _repr_html_(self) -> str:
        def rows(points: tuple[KeyPoint, ...], mark: str, colour: str) -> str:
            return "".join(f"<li style='color:{colour}'>{mark} {html.escape(str(kp))}</li>"
                           for kp in points)

        q = self.question
        return (f"<div><b>{html.escape(q.id)}</b>: {self.score} key points"
                f"<ul>{rows(self.hit, '✔', '#1a7f37')}{rows(self.missed, '✘', '#b00020')}</ul>"
                f"<b>Model answer</b><p>{html.escape(q.model_answer.strip())}</p>"
                f"<small>Sources: {html.escape(', '.join(q.sources))}</small><br>"
                f"<small><i>{html.escape(SELF_CHECK)}</i></small></div>")
