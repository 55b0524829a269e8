"""What :func:`uclab.diagnose.diagnose` returns: a :class:`Report` of the inputs read, the
login steps reached, the first failing step and the findings, each with masked evidence.
:meth:`Report.to_dict` is the JSON form (schema ``schema/report-v1.json``, version
:data:`SCHEMA_VERSION`)."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

#: the JSON form's version: bumped when a member changes meaning or is removed
SCHEMA_VERSION = "1.0"


@dataclass(frozen=True)
class Evidence:
    """One log line (masked unless revealed) and where it is: ``file:line``."""

    where: str
    line: str


@dataclass(frozen=True)
class StepState:
    """One login step: reached or not, failing or not, the first line showing it."""

    id: str
    title: str
    reached: bool
    failing: bool
    evidence: Evidence | None = None


@dataclass(frozen=True)
class Finding:
    """One rule that applies: what it says, how sure (match/hint, published/modelled), the
    evidence lines and where the knowledge comes from."""

    rule: str
    sig: str
    title: str
    kind: str
    basis: str
    category: str
    step: str
    cause: str
    fix: str
    source: str
    urls: tuple[str, ...]
    evidence: tuple[Evidence, ...] = ()

    @property
    def oauth(self) -> bool:
        """Whether the cause is OAuth (tokens, keys, grant flows); otherwise it is named as
        what it is (DNS, certificate, role ...) and tokens are not blamed."""
        return self.category == "oauth"


@dataclass(frozen=True)
class InputFile:
    """One file (or bundle member, or pasted text) that was read."""

    name: str
    products: tuple[str, ...]
    host: str | None
    lines: int
    encoding: str


@dataclass
class Report:
    """The analysis of some logs (see the module docstring)."""

    inputs: list[InputFile] = field(default_factory=list)
    steps: list[StepState] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    revealed: bool = False

    @property
    def products(self) -> list[str]:
        return list(dict.fromkeys(p for f in self.inputs for p in f.products))

    @property
    def hosts(self) -> list[str]:
        return list(dict.fromkeys(f.host for f in self.inputs if f.host))

    @property
    def failing_step(self) -> str | None:
        return next((s.id for s in self.steps if s.failing), None)

    @property
    def matches(self) -> list[Finding]:
        return [f for f in self.findings if f.kind == "match"]

    @property
    def first(self) -> Finding | None:
        """The finding that explains the failure best (the first match)."""
        return next(iter(self.matches), None)

    @property
    def unreadable(self) -> bool:
        """Nothing at all could be read (every input had a problem and gave no line)."""
        return bool(self.problems) and not any(f.lines for f in self.inputs)

    def to_dict(self) -> dict:
        return {
            "schema": "uclab-diagnose-report", "version": SCHEMA_VERSION,
            "revealed": self.revealed,
            "inputs": [asdict(f) | {"products": list(f.products)} for f in self.inputs],
            "products": self.products, "hosts": self.hosts,
            "steps": [asdict(s) for s in self.steps],
            "failing_step": self.failing_step,
            "findings": [asdict(f) | {"urls": list(f.urls), "oauth": f.oauth,
                                      "evidence": [asdict(e) for e in f.evidence]}
                         for f in self.findings],
            "warnings": list(self.warnings), "problems": list(self.problems),
        }
