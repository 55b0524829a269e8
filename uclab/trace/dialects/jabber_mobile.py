"""Reading Jabber mobile and Webex app logs: the grammars of ``shared/real-logs/FORMATS.md`` §1.3
that differ from the desktop PRT (whose csf lines the Webex app on iOS also writes, ``/`` paths:
read by :mod:`uclab.trace.dialects.jabber_prt`).

Product ids and grammars (:data:`GRAMMARS`, most specific first):

* ``webex-ios`` / ``webex-ios-swift`` [C] (S20, TAC 223101): the Swift UI lines the Webex app
  on iOS interleaves with its csf lines, ``2024-02-01T05:48:33.551Z <Error> [0x84953][]
  WebViewController.swift:358 webView(_:didFailProvisionalNavigation:withError:):Provisional
  Navigation failed: …`` — ISO 8601 UTC (aware time), the level in angle brackets, a short
  thread id, a category in ``[]``, ``file:line``, then ``function:message``;
* ``jabber-android`` / ``jabber-android-logcat`` [U] (read from the CJLV viewer's second
  grammar; no Cisco sample): ``MM-dd HH:mm:ss.SSS <pid> <tid> <L> <tag> [source] [category]
  [method] - message``. It has **no year**, so the record has no time: month-day and time of day
  stay in ``extra`` (``month_day``, ``time_of_day``) — a year is never invented.

A line neither starts belongs to the record before it (FORMATS.md §5.2). Fields: ``level``,
``component`` (the Swift file; the Android category), ``text`` = the message, ``fields`` =
``thread``, ``category`` or ``tag``, ``source``, ``function``; ``process`` = the Android pid.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import UTC, datetime, time

from uclab import facts
from uclab.trace.parsing import LineGrammar, ReadState, Record

__all__ = ["GRAMMARS", "IOS_PRODUCT", "ANDROID_PRODUCT"]

IOS_PRODUCT = "webex-ios"
ANDROID_PRODUCT = "jabber-android"

_SWIFT = re.compile(
    r"^(?P<date>\d{4}-\d\d-\d\d)T(?P<time>\d\d:\d\d:\d\d)(?:\.(?P<frac>\d{1,6}))?Z "
    r"<(?P<level>[A-Za-z]+)> "
    r"\[(?P<thread>0x[0-9A-Fa-f]+)\]\[(?P<category>[^\[\]]*)\] ?"
    r"(?P<file>[^\s:\[\]]+\.swift):(?P<line>\d+) ?(?P<rest>.*)$")
#: ``function(args:):message`` (the Swift selector has colons) or ``function:message``
_SWIFT_FUNC = re.compile(r"^(?P<function>[^\s(:]+\([^)]*\)|[^\s(:]+):(?P<message>.*)$")
_LOGCAT = re.compile(
    r"^(?P<md>\d\d-\d\d) (?P<time>\d\d:\d\d:\d\d\.\d{3}) +(?P<pid>\d+) +(?P<tid>\d+) +"
    rf"(?P<level>[{''.join(str(facts.ANDROID_LEVELS).split())}]) +(?P<tag>[^\s\[\]]+?):? +"
    r"\[(?P<source>[^\[\]]*)\] +\[(?P<category>[^\[\]]*)\] +\[(?P<function>.*?)\] +-"
    r"(?: (?P<message>.*))?$")


class _Grammar(LineGrammar):
    def __init__(self, name: str, product: str, pattern: re.Pattern[str], form: str) -> None:
        self.name, self.product, self.opening = name, product, pattern
        #: the registry entry of the line grammar, with its source and evidence label
        self.form = form

    def _odd(self, lines: Sequence[str], source: str, line: int) -> Record:
        return Record(source, line, tuple(lines), self.product, self.name, text="\n".join(lines))


class SwiftGrammar(_Grammar):
    """The Webex app's iOS Swift lines [C] (S20)."""

    def __init__(self) -> None:
        super().__init__("webex-ios-swift", IOS_PRODUCT, _SWIFT, facts.IOS_SWIFT_LINE)

    def parse(self, lines: Sequence[str], source: str, line: int, state: ReadState) -> Record:
        m = self.opening.match(lines[0])
        if m is None:
            return self._odd(lines, source, line)
        when = _utc(m["date"], m["time"], m["frac"] or "")
        f = _SWIFT_FUNC.match(m["rest"])
        function, message = (f["function"], f["message"]) if f else ("", m["rest"])
        fields = (("thread", m["thread"]), ("category", m["category"]),
                  ("source", f"{m['file']}:{m['line']}"), ("function", function))
        return Record(source, line, tuple(lines), self.product, self.name, time=when,
                      level=m["level"], component=m["file"], fields=fields, text=message,
                      block=tuple(lines[1:]))


class LogcatGrammar(_Grammar):
    """Jabber for Android's logcat-style lines [U] (CJLV; FORMATS.md §1.3)."""

    def __init__(self) -> None:
        super().__init__("jabber-android-logcat", ANDROID_PRODUCT, _LOGCAT, facts.ANDROID_LINE)

    def parse(self, lines: Sequence[str], source: str, line: int, state: ReadState) -> Record:
        m = self.opening.match(lines[0])
        if m is None:
            return self._odd(lines, source, line)
        extra: dict = {"month_day": m["md"]}
        clock = m["time"]
        try:
            extra["time_of_day"] = time(int(clock[:2]), int(clock[3:5]), int(clock[6:8]),
                                        int(clock[9:12]) * 1000)
        except ValueError:
            extra["stamp"] = f"{m['md']} {clock}"
        fields = (("thread", m["tid"]), ("tag", m["tag"]), ("source", m["source"]),
                  ("function", m["function"]))
        return Record(source, line, tuple(lines), self.product, self.name, process=m["pid"],
                      level=m["level"], component=m["category"], fields=fields,
                      text=m["message"] or "", block=tuple(lines[1:]), extra=extra)


def _utc(date: str, clock: str, frac: str) -> datetime | None:
    try:
        return datetime(int(date[:4]), int(date[5:7]), int(date[8:10]), int(clock[:2]),
                        int(clock[3:5]), int(clock[6:8]), int(frac.ljust(6, "0")) if frac else 0,
                        tzinfo=UTC)
    except ValueError:
        return None


#: the mobile grammars, most specific first
GRAMMARS = (SwiftGrammar(), LogcatGrammar())
