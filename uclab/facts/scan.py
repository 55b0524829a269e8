"""Find product literals typed outside the registry: string and int constants in ``uclab/**/*.py``
(docstrings aside, ``uclab/facts`` aside) that equal or contain a registered port, URL or file
path, log module, log process, code location, service, SRV or edge service name, edge request or
XML namespace.

Only those kinds are checked (:data:`SCANNED_KINDS`), and within them only values that cannot be
an ordinary word (:func:`scanned`): ``Jabber`` (the XCP log module) or port 80 would match
everywhere. A string matches an entry when it contains the value with no word character (nor
``.`` or ``-``) glued to either side; a path also matches by its literal prefix (up to its first
``{field}``) and, for a multi-segment path, without its leading ``/``. When two matched strings
nest (``/ssosp`` in ``/ssosp/oauth/token``), only the longer is reported.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterable
from pathlib import Path
from typing import NamedTuple

from uclab.core.errors import ConfigError
from uclab.facts.entry import Entry, Number
from uclab.facts.registry import PRODUCTS
from uclab.facts.registry import entries as registry_entries

SCANNED_KINDS = ("port", "path", "module", "process", "location", "service", "srv", "request",
                 "namespace")
#: Ports below this are ordinary numbers too (80 is also a column width): not scanned.
MIN_SCANNED_PORT = 443


class Stray(NamedTuple):
    """One product literal typed outside the registry."""

    file: str
    line: int
    literal: str | int
    fact_name: str


def _word_like(value: str) -> bool:
    """Whether a name could be an ordinary word: letters only, one word, short, not CamelCase."""
    return bool(re.fullmatch(r"[A-Za-z]{1,11}", value)) and not re.search(r"[a-z][A-Z]", value)


def scanned(entry: Entry) -> bool:
    """Whether the scanner looks for this entry."""
    if entry.kind not in SCANNED_KINDS:
        return False
    if isinstance(entry, Number):
        return entry.kind == "port" and int(entry) >= MIN_SCANNED_PORT
    value = str(entry)
    if entry.kind == "service":
        return value.startswith("Cisco ")
    if not value or any(c.isspace() for c in value):
        return False
    if entry.kind == "path":
        return len(_path_core(value)) >= 2
    return not _word_like(value)


def _path_core(value: str) -> str:
    return value.split("{", 1)[0]


def _patterns(entry: Entry) -> list[tuple[str, re.Pattern[str]]]:
    """(matched text, pattern) pairs for one scanned entry."""
    if isinstance(entry, Number):
        text = str(int(entry))
        return [(text, re.compile(rf"(?<![\w.]){text}(?!\w)"))]
    value = str(entry)
    if entry.kind != "path":
        return [(value, re.compile(rf"(?<![\w.\-]){re.escape(value)}(?![\w\-]|\.\w)"))]
    core = _path_core(value)
    tail = r"(?![\w\-])" if core[-1].isalnum() or core[-1] == "_" else ""
    out = [(core, re.compile(re.escape(core) + tail))]
    bare = core[1:] if core.startswith("/") else ""
    if "/" in bare and len(bare.split("/", 1)[0]) >= 2:  # "cucm-uds/user/" for "/cucm-uds/user/"
        out.append((bare, re.compile(r"(?<![\w.\-/])" + re.escape(bare) + tail)))
    return out


def _docstrings(tree: ast.AST) -> set[int]:
    ids = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                ids.add(id(body[0].value))
    return ids


def _pick(candidates: list[Entry], product: str | None) -> str:
    """The names of entries that share a value, joined by " | " (the sweep chooses): only those
    of the file's product if there are any."""
    mine = [e for e in candidates if e.product == product]
    return " | ".join(e.name for e in mine or candidates)


_Prepared = tuple[list[tuple[Entry, list[tuple[str, re.Pattern[str]]]]],
                  dict[tuple[type, str | int], list[Entry]]]


def _prepare(entries: Iterable[Entry]) -> _Prepared:
    table = [(e, _patterns(e)) for e in entries if scanned(e)]
    same: dict[tuple[type, str | int], list[Entry]] = {}
    for e, _ in table:
        same.setdefault((type(e), e.value), []).append(e)
    return table, same


def literals_in(source: str, entries: Iterable[Entry],
                product: str | None = None) -> list[tuple[int, str | int, str]]:
    """(line, literal, entry name) for each registered literal in one module's source;
    ``product`` chooses among entries that share a value (see :func:`_pick`)."""
    return _scan(source, _prepare(entries), product)


def _scan(source: str, prepared: _Prepared,
          product: str | None) -> list[tuple[int, str | int, str]]:
    table, same = prepared
    tree = ast.parse(source)
    skip = _docstrings(tree)
    found: list[tuple[int, int, str | int, str]] = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Constant) or id(node) in skip:
            continue
        value = node.value
        if isinstance(value, bool) or not isinstance(value, int | str):
            continue
        if isinstance(value, int):
            group = same.get((Number, value))
            if group:
                found.append((node.lineno, node.col_offset, value, _pick(group, product)))
            continue
        hits = [(text, e) for e, pats in table for text, pat in pats if pat.search(value)]
        strings = [text for text, e in hits if not isinstance(e, Number)]
        names: list[str] = []
        for text, e in hits:
            if not isinstance(e, Number) and any(text != o and text in o for o in strings):
                continue  # nested in a longer match
            name = _pick(same[(type(e), e.value)], product)
            if name not in names:
                names.append(name)
        found += [(node.lineno, node.col_offset, value, name) for name in names]
    return [(line, value, name) for line, _, value, name in sorted(found, key=lambda f: f[:2])]


def _product_of(rel: Path) -> str | None:
    """The product a module's path names (``sim/expressway/core.py`` -> expressway), if any."""
    for part in reversed(rel.with_suffix("").parts):
        for product in PRODUCTS:
            if part == product or part.startswith(product + "_"):
                return product
    return None


def stray_literals(root: str | Path, entries: Iterable[Entry] | None = None,
                   exclude: Iterable[str] = ("facts",)) -> list[Stray]:
    """Every registered literal typed in ``root/**/*.py`` outside the subpackages ``exclude``
    names (``root/facts``), as (file relative to root's parent, line, literal, registry name)."""
    root = Path(root)
    if not root.is_dir():
        raise ConfigError(f"{str(root)!r} is not a directory to scan")
    skipped = {exclude} if isinstance(exclude, str) else set(exclude)
    prepared = _prepare(registry_entries() if entries is None else entries)
    out: list[Stray] = []
    for path in sorted(root.rglob("*.py")):
        rel = path.relative_to(root)
        if rel.parts[0] in skipped:
            continue
        name = (Path(root.name) / rel).as_posix()
        try:
            source = path.read_text(encoding="utf-8")
            hits = _scan(source, prepared, _product_of(rel))
        except (OSError, UnicodeDecodeError, SyntaxError) as exc:
            raise ConfigError(f"cannot scan {name}: {exc}") from None
        out += [Stray(name, line, literal, fact) for line, literal, fact in hits]
    return out
