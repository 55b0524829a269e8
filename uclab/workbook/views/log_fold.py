"""A long log, folded: the lines that matter shown and highlighted, the rest one click away
(an HTML ``<details>``), with line numbers so a folded line can be found again.

"The lines that matter" are the ones matching :data:`DEFAULT_MARKS` (errors, warnings,
failures, refusals, HTTP 4xx/5xx, SASL ``<failure/>``) plus any ``highlight`` phrase or regex
the caller gives. The log's text is taken as rendered (already concealed by
:func:`uclab.trace.redact.redact` through ``render_logs``), whatever dialect wrote it.

In a notebook the HTML form shows (``_repr_html_``); ``print()`` and nbval's ``text/plain``
get the same selection as text. Used in: notebooks 01, 04, 05, 06, 07 and the replay player.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from uclab.core.errors import ConfigError

#: lines that matter in any product's log: level words, failures, refusals, 4xx/5xx
DEFAULT_MARKS = re.compile(
    r"Level=\"(?:ERROR|WARN\w*)\"|\b(?:ERROR|WARN|WARNING|FAILED|FAIL)\b"
    r"|\b(?:failure|failed|rejected|refused|denied|blocked|unknown kid|invalid_\w+)\b"
    r"|<failure\b|HTTP/1\.1 [45]\d\d|\bstatus[=:] ?[45]\d\d\b", re.IGNORECASE)
#: a log of at most this many lines is shown whole (still highlighted)
FOLD_AT = 12
#: lines shown when nothing is marked
HEAD = 6
_MARK_STYLE = "background:#fff3c4;font-weight:600"


@dataclass(frozen=True)
class FoldedLog:
    """A log with the lines that matter picked out; see :func:`folded_log`."""

    lines: tuple[str, ...]
    marked: frozenset[int]
    title: str = ""
    context: int = 0
    shown: tuple[int, ...] = field(default=())

    @property
    def full(self) -> str:
        """The whole log, unfolded."""
        return "\n".join(self.lines)

    @property
    def marked_lines(self) -> list[str]:
        return [self.lines[i] for i in sorted(self.marked)]

    def _head(self) -> str:
        n, m = len(self.lines), len(self.marked)
        what = f"{n} line{'s' if n != 1 else ''}"
        if n <= FOLD_AT:
            return f"{self.title + ': ' if self.title else ''}{what}, {m} highlighted"
        return (f"{self.title + ': ' if self.title else ''}{what}, {m} highlighted; "
                f"{n - len(self.shown)} folded")

    def _pieces(self) -> list[tuple[int, int]]:
        """(start, end) runs of shown lines; gaps between them are folded."""
        runs: list[tuple[int, int]] = []
        for i in self.shown:
            if runs and i == runs[-1][1]:
                runs[-1] = (runs[-1][0], i + 1)
            else:
                runs.append((i, i + 1))
        return runs

    def _numbered(self, i: int) -> str:
        return f"{i + 1:>{len(str(len(self.lines)))}}│ {self.lines[i]}"

    def __str__(self) -> str:
        out = [self._head()]
        last = 0
        for start, end in self._pieces():
            if start > last:
                out.append(f"   ⋯ {start - last} line(s) folded ⋯")
            out += [("» " if i in self.marked else "  ") + self._numbered(i)
                    for i in range(start, end)]
            last = end
        if last < len(self.lines):
            out.append(f"   ⋯ {len(self.lines) - last} line(s) folded ⋯")
        return "\n".join(out)

    __repr__ = __str__

    def _html_line(self, i: int) -> str:
        text = html.escape(self._numbered(i))
        return f"<span style='{_MARK_STYLE}'>{text}</span>" if i in self.marked else text

    def _repr_html_(self) -> str:
        head = f"<div><b>{html.escape(self._head())}</b></div>"
        if len(self.shown) == len(self.lines):
            body = "\n".join(self._html_line(i) for i in range(len(self.lines)))
            return f"<div class='uclab-log'>{head}<pre>{body}</pre></div>"
        parts, last = [], 0
        for start, end in self._pieces():
            if start > last:
                parts.append(f"<i>   ⋯ {start - last} line(s) folded ⋯</i>")
            parts += [self._html_line(i) for i in range(start, end)]
            last = end
        if last < len(self.lines):
            parts.append(f"<i>   ⋯ {len(self.lines) - last} line(s) folded ⋯</i>")
        full = "\n".join(self._html_line(i) for i in range(len(self.lines)))
        return (f"<div class='uclab-log'>{head}<pre>" + "\n".join(parts) + "</pre>"
                f"<details><summary>show all {len(self.lines)} lines</summary>"
                f"<pre>{full}</pre></details></div>")


def _patterns(highlight: Iterable[str | re.Pattern[str]] | str | None,
              defaults: bool) -> list[re.Pattern[str]]:
    if highlight is None:
        given: list[str | re.Pattern[str]] = []
    elif isinstance(highlight, str | re.Pattern):
        given = [highlight]
    else:
        given = list(highlight)
    found = [DEFAULT_MARKS] if defaults else []
    for item in given:
        if isinstance(item, re.Pattern):
            found.append(item)
        elif isinstance(item, str) and item:
            found.append(re.compile(re.escape(item), re.IGNORECASE))
        else:
            raise ConfigError(f"highlight takes phrases or compiled regexes (got {item!r})")
    return found


def folded_log(log: str | Sequence[str], *, highlight: Iterable[str | re.Pattern[str]] | str |
               None = None, title: str = "", context: int = 0,
               defaults: bool = True) -> FoldedLog:
    """Fold ``log`` (a rendered log as text, or its lines): lines matching :data:`DEFAULT_MARKS`
    (unless ``defaults=False``) or any ``highlight`` phrase (case-insensitive) or regex are
    shown and highlighted, with ``context`` lines around each; the rest is folded. A log of
    :data:`FOLD_AT` lines or fewer is shown whole; one with no marked line shows its first
    :data:`HEAD` lines."""
    if isinstance(log, str):
        lines = tuple(log.splitlines())
    elif isinstance(log, Sequence) and all(isinstance(x, str) for x in log):
        lines = tuple(x.rstrip("\n") for x in log)
    else:
        raise ConfigError(f"folded_log takes a log as text or a list of lines (got "
                          f"{type(log).__name__})")
    if isinstance(context, bool) or not isinstance(context, int) or not 0 <= context <= 50:
        raise ConfigError(f"context is a number of lines, 0-50 (got {context!r})")
    patterns = _patterns(highlight, defaults)
    marked = frozenset(i for i, line in enumerate(lines) if any(p.search(line)
                                                                 for p in patterns))
    if len(lines) <= FOLD_AT:
        shown = tuple(range(len(lines)))
    elif marked:
        shown = tuple(sorted({j for i in marked
                              for j in range(max(0, i - context),
                                             min(len(lines), i + context + 1))}))
    else:
        shown = tuple(range(min(HEAD, len(lines))))
    return FoldedLog(lines, marked, str(title), context, shown)
