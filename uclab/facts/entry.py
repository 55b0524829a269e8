"""The two kinds of registry entry: a product string (:class:`Fact`) and a product number
(:class:`Number`), each together with where it comes from.

An entry *is* its value (a ``str`` or ``int`` subclass), so code uses it wherever the plain
value is expected, and it still answers:

* ``source`` — the fact-sheet keys (S1, S2, ...; ``shared/facts/cisco-uc-oauth.md``), the seed
  article (:data:`SEED`), an RFC section, or a labelled lab choice (:data:`LAB_SOURCES`);
* ``confirmed`` and ``label`` — the fact sheet's ``[C]`` / ``[U]``;
* ``evidence`` — ``documented``, ``inferred`` or ``lab-only`` (derived, see :attr:`evidence`);
* ``kind`` — what the value is (:data:`KINDS`); the literal scanner checks some kinds;
* ``product`` and ``name`` — set by the registry (:mod:`uclab.facts.registry`).
"""

from __future__ import annotations

from typing import Any

SEED = "seed article (field observation)"
#: Source words that mark a value the lab chose where no source exists.
LAB_SOURCES = ("lab choice", "lab model", "lab extension", "lab wording")
EVIDENCE = ("documented", "inferred", "lab-only")
#: ``port``, ``path`` (URL or file path), ``module`` (log module or logger), ``process`` (log
#: process or file name), ``location`` (a log line's function or source location), ``service``
#: (a Serviceability service), ``srv`` (DNS SRV or edge service name), ``request`` (edge request
#: name), ``namespace`` (XML namespace or other protocol URI), ``cli`` (a command or its
#: output), ``format`` (a template with ``{fields}``), ``code`` (a protocol or status code),
#: ``value`` (a default, range bound, release or id), ``text`` (the rest: names, labels,
#: messages).
KINDS = ("port", "path", "module", "process", "location", "service", "srv", "request",
         "namespace", "cli", "format", "code", "value", "text")


class _Sourced:
    """What every entry answers besides its value."""

    source: str
    confirmed: bool
    note: str
    kind: str
    product: str
    name: str

    def _init(self, source: str, confirmed: bool, note: str, kind: str, product: str) -> None:
        if kind not in KINDS:
            raise ValueError(f"unknown kind {kind!r}; kinds: {', '.join(KINDS)}")
        self.source = source
        self.confirmed = confirmed
        self.note = note
        self.kind = kind
        self.product = product
        self.name = ""

    @property
    def value(self) -> str | int:
        raise NotImplementedError

    @property
    def label(self) -> str:
        """``[C]`` for a confirmed fact, ``[U]`` for an uncertain one (fact-sheet labels)."""
        return "[C]" if self.confirmed else "[U]"

    @property
    def evidence(self) -> str:
        """``lab-only`` if the source is a lab choice, model, extension or wording;
        ``inferred`` for any other unconfirmed fact; ``documented`` for a confirmed one."""
        if any(word in self.source for word in LAB_SOURCES):
            return "lab-only"
        return "documented" if self.confirmed else "inferred"

    def cite(self) -> str:
        """The value with its label and source, as a notebook shows it."""
        extra = f" — {self.note}" if self.note else ""
        return f"{self.value!r} {self.label} ({self.source}){extra}"

    # Entries are constants: copies are the entry itself; pickling keeps the attributes.
    def __copy__(self) -> Any:
        return self

    def __deepcopy__(self, memo: dict) -> Any:
        return self

    def __reduce__(self) -> tuple:
        return (type(self), (self.value, self.source, self.confirmed, self.note),
                {"kind": self.kind, "product": self.product, "name": self.name})


class Fact(_Sourced, str):
    """A product string together with where it comes from."""

    def __new__(cls, text: str, source: str, confirmed: bool = True, note: str = "", *,
                kind: str = "text", product: str = "") -> Fact:
        self = super().__new__(cls, text)
        self._init(source, confirmed, note, kind, product)
        return self

    @property
    def value(self) -> str:
        return str(self)


class Number(_Sourced, int):
    """A product number (a port, a default, a range bound) together with where it comes from."""

    def __new__(cls, value: int, source: str, confirmed: bool = True, note: str = "", *,
                kind: str = "value", product: str = "") -> Number:
        self = super().__new__(cls, value)
        self._init(source, confirmed, note, kind, product)
        return self

    @property
    def value(self) -> int:
        return int(self)


Entry = Fact | Number
