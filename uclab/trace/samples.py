"""Where the sample traces are at run time (``scripts/make_traces.py`` writes them).

An installed uclab ships them as package data, ``uclab/data/traces/`` (the repository's
top-level ``data/`` directory mapped into the package as ``uclab.data``) and finds them with
:mod:`importlib.resources`; a source checkout without that mapping has them in ``data/traces``
next to the package. :func:`traces_dir` tries the first, then the second.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from uclab.trace.file import TraceError

#: the repository's folder of sample traces, beside the ``uclab`` package in a checkout
CHECKOUT_TRACES = Path(__file__).resolve().parents[2] / "data" / "traces"
SUFFIX = ".jsonl"


def traces_dir() -> Path:
    """The folder of the sample traces: the package data ``uclab.data/traces`` when that
    package exists on the file system, else the checkout's ``data/traces``."""
    try:
        candidate = resources.files("uclab.data") / "traces"
    except (ModuleNotFoundError, TypeError):  # no uclab.data package (a plain checkout)
        candidate = None
    if isinstance(candidate, Path) and candidate.is_dir():
        return candidate
    return CHECKOUT_TRACES


def names() -> list[str]:
    """The sample traces' names (``login-ok``, ``fault-<id>``), sorted."""
    folder = traces_dir()
    return sorted(p.name[:-len(SUFFIX)] for p in folder.glob(f"*{SUFFIX}")) if folder.is_dir() \
        else []


def path(name: str) -> Path:
    """The file of the sample trace ``name`` (with or without ``.jsonl``); a name that is not
    a sample trace is a :class:`~uclab.trace.file.TraceError` listing the ones there are."""
    stem = name[:-len(SUFFIX)] if name.endswith(SUFFIX) else name
    known = names()
    if stem not in known:
        raise TraceError(f"no sample trace {name!r} in {traces_dir()} (there are: "
                          f"{', '.join(known) or 'none'})")
    return traces_dir() / f"{stem}{SUFFIX}"
