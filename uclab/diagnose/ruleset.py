"""The analyser's data: the login steps (``rules/steps.toml``) and the rules (``rules/*.toml``:
the FORMATS.md §3 catalogue and the simulator's faults), loaded and checked once.

The TOML files are the source; ``rules/parsed.json`` holds them parsed (written by
``scripts/make_rules.py``, held to the TOML by a test), because ``tomllib`` took a tenth of
``uclab diagnose``'s start-up.

A rule's ``patterns`` (and the texts of the registry entries its ``facts`` name) are literal
fragments; one of them in a record's text makes the rule a candidate, the other conditions
(``all``, ``in_file``, ``unless_later``, ``check``) decide (see ``rules/catalogue.toml``).
``elsewhere`` (``rules/simulator-clusters.toml``) names literals that another input file, of
another host, must hold: :func:`uclab.diagnose.diagnose` keeps such a finding only then.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from uclab import facts
from uclab.core.errors import ConfigError
from uclab.diagnose import sources

__all__ = ["CATEGORIES_NOT_OAUTH", "KINDS", "Rule", "Step", "rules", "steps"]

KINDS = ("match", "hint")
BASES = ("published", "modelled")
#: categories that are not OAuth: a finding in one of them never blames tokens
CATEGORIES_NOT_OAUTH = ("dns", "proxy", "certificate", "role", "home-cluster", "credentials",
                        "zone", "ntp", "xmpp", "saml", "network", "domain", "ssh-tunnel",
                        "intrusion-protection", "allow-list", "sip-trunk", "user-id",
                        "unity-authz", "imdb", "client-version", "edge-policy", "cucm-node",
                        "user-directory")


@dataclass(frozen=True)
class Step:
    """One login step and the literals that show it was reached."""

    id: str
    title: str
    anchors: tuple[str, ...]
    source: str


@dataclass(frozen=True)
class Rule:
    """One signature: what it matches, at which step, why, the fix and where that comes from."""

    id: str
    sig: str
    title: str
    step: str
    products: tuple[str, ...]
    kind: str
    basis: str
    category: str
    patterns: tuple[str, ...]
    all: tuple[str, ...]
    in_file: tuple[str, ...]
    unless_later: tuple[str, ...]
    check: str
    cause: str
    fix: str
    source: str
    priority: int
    #: literals another input file (of another host) must hold for the rule to apply: a
    #: finding that needs two products' or two clusters' logs side by side
    elsewhere: tuple[str, ...] = ()

    @property
    def urls(self) -> list[str]:
        return sources.urls(self.source)

    @property
    def anchors(self) -> tuple[str, ...]:
        """Every literal the engine must see to decide this rule."""
        return (*self.patterns, *self.all, *self.in_file, *self.unless_later, *self.elsewhere)


RULES_FOLDER = Path(__file__).with_name("rules")
PARSED = RULES_FOLDER / "parsed.json"


def parse_rule_files(folder: Path = RULES_FOLDER) -> dict[str, dict]:
    """Every ``*.toml`` of ``folder``, parsed: file name -> its table (what ``parsed.json``
    holds)."""
    import tomllib

    out = {}
    for path in sorted(folder.glob("*.toml")):
        try:
            out[path.name] = tomllib.loads(path.read_text(encoding="utf-8"))
        except tomllib.TOMLDecodeError as exc:
            raise ConfigError(f"uclab/diagnose/rules/{path.name}: {exc}") from None
    return out


@cache
def _parsed() -> dict[str, dict]:
    try:
        files = json.loads(PARSED.read_text(encoding="utf-8"))["files"]
        if not isinstance(files, dict):
            raise ValueError("its 'files' is not a table")
    except (OSError, ValueError, KeyError, TypeError) as exc:  # a packaging bug, said plainly
        raise ConfigError(f"uclab/diagnose/rules/parsed.json cannot be read ({exc}); "
                          "scripts/make_rules.py writes it") from None
    return files


def _load(name: str) -> dict:
    try:
        return _parsed()[name]
    except KeyError:
        raise ConfigError(f"uclab/diagnose/rules/parsed.json has no {name}; "
                          "scripts/make_rules.py writes it") from None


def _strings(entry: dict, key: str, where: str) -> tuple[str, ...]:
    value = entry.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
        raise ConfigError(f"{where}: {key} must be a list of non-empty strings")
    return tuple(value)


def _fact_texts(names: tuple[str, ...], where: str) -> tuple[str, ...]:
    out = []
    for name in names:
        value = getattr(facts, name, None)
        if not isinstance(value, str):
            raise ConfigError(f"{where}: facts names {name!r}, which is no registry entry")
        out.append(str(value))
    return tuple(out)


@cache
def steps() -> tuple[Step, ...]:
    """The login steps, in the order a client takes them."""
    out = []
    for entry in _load("steps.toml")["step"]:
        where = f"step {entry.get('id')!r}"
        out.append(Step(entry["id"], entry["title"], _strings(entry, "anchors", where),
                        entry["source"]))
    return tuple(out)


def _rule_files() -> tuple[str, ...]:
    """``simulator.toml``, then ``simulator-<topic>.toml`` (the lab's faults of one topic, such
    as SIP OAuth), by name, then ``catalogue.toml``."""
    topics = sorted(name for name in _parsed()
                    if name.startswith("simulator-") and name.endswith(".toml"))
    return ("simulator.toml", *topics, "catalogue.toml")



@cache
def rules() -> tuple[Rule, ...]:
    """Every rule, highest priority first (then catalogue order)."""
    step_ids = {s.id for s in steps()}
    out: list[Rule] = []
    for name in _rule_files():
        for entry in _load(name)["rule"]:
            where = f"rules/{name} rule {entry.get('id')!r}"
            patterns = (*_strings(entry, "patterns", where),
                        *_fact_texts(_strings(entry, "facts", where), where))
            rule = Rule(
                id=entry["id"], sig=entry.get("sig", ""), title=entry["title"],
                step=entry["step"], products=_strings(entry, "products", where),
                kind=entry.get("kind", "match"), basis=entry.get("basis", "published"),
                category=entry["category"], patterns=patterns,
                all=_strings(entry, "all", where), in_file=_strings(entry, "in_file", where),
                unless_later=_strings(entry, "unless_later", where),
                check=entry.get("check", ""), cause=entry["cause"], fix=entry["fix"],
                source=entry["source"], priority=int(entry.get("priority", 50)),
                elsewhere=_strings(entry, "elsewhere", where))
            problems = []
            if rule.step not in step_ids:
                problems.append(f"unknown step {rule.step!r}")
            if rule.kind not in KINDS or rule.basis not in BASES:
                problems.append("kind must be match/hint and basis published/modelled")
            if (rule.kind == "match") != bool(rule.patterns):
                problems.append("a match has patterns, a hint has none")
            if not sources.keys(rule.source) and sources.SIMULATOR not in rule.source:
                problems.append("no source")
            if problems:
                raise ConfigError(f"{where}: {'; '.join(problems)}")
            out.append(rule)
    ids = [r.id for r in out]
    if len(ids) != len(set(ids)):
        raise ConfigError("rule ids are not unique")
    return tuple(sorted(out, key=lambda r: -r.priority))


def rule(rule_id: str) -> Rule:
    """The rule with this id; an unknown id is a ConfigError."""
    for r in rules():
        if r.id == rule_id:
            return r
    raise ConfigError(f"unknown diagnose rule {rule_id!r}")
