"""Pasted CUCM / IM&P platform CLI output as its own input type (product ``cucm-cli``, grammar
``cucm-cli``): a record per command, with its output lines and the values read into fields.

Users paste CLI sessions into cases (``shared/real-logs/FORMATS.md`` §1.5; T217268). This is
not a log file, and its records say so by their product. A record opens at a prompt line
(``admin:utils sso status``, :data:`uclab.facts.CLI_PROMPT`: the OS administrator's name and
a colon, then a platform command) or at the first output line of a known command pasted without
its prompt (``SSO Status:``, ``ntpd (pid …) is running...``, a ``show key authz`` line). The
output lines after it, up to the next prompt, belong to it (after a prompt, even such a known
first line: a paste without prompts opens a record at each). A copy that ran two commands onto
one line (T217268's ``… 0 admin:run sql select * from typessomode``) keeps the line in one
record, which then holds both commands: ``extra["commands"]`` lists each :class:`Command`,
and the fields run command by command, each opening with ``("command", …)``.

Values read (the field names are the CLI's own labels where it prints ``Label: value`` or
``Label = value``):

* ``utils sso status`` (T217268): every ``Label: value`` / ``Label = value`` line, plus
  ``sso_enabled`` ``true``/``false``; dates such as ``Fri Apr 09 09:09:00 EDT 2021`` stay
  verbatim in the fields and are read into ``extra["dates"]`` (aware for UTC, GMT and the
  North American zone abbreviations, naive for the others, which name more than one offset);
* ``show key authz signing|encryption`` and ``set key regen authz …`` as the simulator prints
  them (:data:`uclab.facts.CLI_CHECKSUM_FORMAT`, the lab's: the real output is not published,
  fact sheet 6.5): ``key``, ``checksum`` (or ``key_present`` ``no``), ``regenerated``, and
  any other ``Label: value`` line the real output may print (a last-sync time, say);
* ``utils ntp status`` (NTP3166570, NTPTS15): ``ntpd_pid``, ``synchronised``, ``ntp_server``,
  ``stratum``, ``time_correct_within_ms``, ``polling_s``, and one ``peer`` per ntpq row;
* ``run sql <query>`` (T217268, S1): ``<table>.<column>`` per cell, row after row, and
  ``rows``; columns are cut at the ``====`` runs under the header; a table collapsed onto one
  line is read by whitespace when its cell count fits the columns;
* any other command: its ``Label: value`` / ``Label = value`` lines.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

from uclab import facts
from uclab.trace.parsing import ReadState, Record

__all__ = ["CLI", "GRAMMARS", "PRODUCT", "CliGrammar", "Command", "commands", "transcript"]

PRODUCT = "cucm-cli"
NAME = "cucm-cli"
#: the commands whose first words open a prompt line (the platform CLI's verbs)
COMMANDS = (facts.CLI_SHOW_SIGNING, facts.CLI_REGEN_SIGNING, facts.CLI_SSO_STATUS,
            facts.CLI_NTP_STATUS, facts.CLI_RUN_SQL, facts.CLI_FILE_VIEW, facts.CLI_SAMLTRACE_DEBUG)
VERBS = tuple(dict.fromkeys(c.split()[0] for c in COMMANDS))
#: ``show key authz signing`` -> ``authz``; the key kinds are the commands' last words
_AUTHZ = facts.CLI_SHOW_SIGNING.split()[2]
KEY_KINDS = tuple(c.split()[-1] for c in (facts.CLI_SHOW_SIGNING, facts.CLI_SHOW_ENCRYPTION))
_RUN_SQL = facts.CLI_RUN_SQL.split()


def _template(fmt: str) -> re.Pattern[str]:
    """A registry format (``{name} key checksum: {checksum}``) as a regex, fields as groups."""
    parts = re.split(r"\{(\w+)\}", fmt)
    out = []
    for i, part in enumerate(parts):
        out.append(f"(?P<{part}>.+?)" if i % 2 else re.escape(part))
    return re.compile("".join(out))


_VERB = "|".join(VERBS)
_PROMPT = re.compile(rf"(?P<user>[A-Za-z][\w.-]{{0,31}}):(?P<cmd>(?:{_VERB})\b.*)")
_INLINE = re.compile(rf"(?<=\s)(?P<user>[A-Za-z][\w.-]{{0,31}}):(?=(?:{_VERB})\b)")
_CHECKSUM = _template(facts.CLI_CHECKSUM_FORMAT)
_NO_KEY = _template(facts.CLI_NO_KEY)
_REGEN_DONE = _template(facts.CLI_REGEN_DONE)
_NTP_RUNNING = _template(facts.CLI_NTP_RUNNING)
_NTP_SYNCED = _template(facts.CLI_NTP_SYNCED)
_NTP_WITHIN = _template(facts.CLI_NTP_WITHIN)
_NTP_POLLING = _template(facts.CLI_NTP_POLLING)
_NTP_FIRST = facts.CLI_NTP_COLUMNS.split()[0]
#: the first output lines of utils sso status and utils ntp status
_HEADS = (re.compile(rf"{re.escape(facts.CLI_SSO_STATUS_LABEL)}\s*:"),
          re.compile(re.escape(facts.CLI_NTP_RUNNING.split("{")[0]) + r"\d+"))
#: each key line's longest fixed words and its pattern
_KEY_HEADS = tuple((max(re.split(r"\{\w+\}", f), key=len), p) for f, p in
                   ((facts.CLI_CHECKSUM_FORMAT, _CHECKSUM), (facts.CLI_NO_KEY, _NO_KEY)))
_LABELLED = re.compile(r"(?P<key>[A-Za-z][\w .&()/-]*?)\s*(?:=|:)\s*(?P<val>.*)")
_SEPARATOR = re.compile(r"={2,}(?:[ \t]+={2,})*")
_TABLE = re.compile(r"\bfrom\s+(?P<table>[A-Za-z_]\w*)", re.I)
_DATE = re.compile(r"(?P<wd>[A-Z][a-z]{2}) (?P<mon>[A-Z][a-z]{2}) +(?P<day>\d{1,2}) "
                   r"(?P<hms>\d\d:\d\d:\d\d) (?P<tz>[A-Z]{2,5}) (?P<year>\d{4})")
#: UTC offsets (hours) of UTC, GMT and the North American zone abbreviations; others (CST is
#: also China's, IST three zones') stay naive
_ZONES = {"UTC": 0, "GMT": 0, "EST": -5, "EDT": -4, "CDT": -5, "MST": -7, "MDT": -6,
          "PST": -8, "PDT": -7}


@dataclass(frozen=True)
class Command:
    """One command of a pasted CLI session: what was typed, its output lines, what they say."""

    command: str
    output: tuple[str, ...]
    fields: tuple[tuple[str, str], ...]
    user: str = ""


def cli_date(text: str) -> datetime | None:
    """``Fri Apr 09 09:09:00 EDT 2021`` as a datetime (module docstring), or ``None``."""
    m = _DATE.search(text)
    if m is None:
        return None
    try:
        when = datetime.strptime(f"{m['mon']} {m['day']} {m['year']} {m['hms']}",
                                 "%b %d %Y %H:%M:%S")
    except ValueError:
        return None
    hours = _ZONES.get(m["tz"])
    return when if hours is None else when.replace(tzinfo=timezone(timedelta(hours=hours)))


def _labelled(lines: Iterable[str]) -> list[tuple[str, str]]:
    out = []
    for text in lines:
        m = _LABELLED.fullmatch(text.strip())
        if m is not None:
            out.append((m["key"].strip(), m["val"].strip()))
    return out


def _sso(output: Sequence[str], dates: dict[str, datetime]) -> list[tuple[str, str]]:
    fields = _labelled(output)
    for key, value in fields:
        when = cli_date(value)
        if when is not None:
            dates[key] = when
        if key == facts.CLI_SSO_STATUS_LABEL:
            state = ("true" if value.endswith("Enabled") else
                     "false" if value.endswith("Disabled") else "")
            if state:
                fields.append(("sso_enabled", state))
    return fields


def _keys(command: str, output: Sequence[str]) -> list[tuple[str, str]]:
    fields: list[tuple[str, str]] = []
    words = command.split()
    if words[-1:] and words[-1] in KEY_KINDS:
        fields.append(("key", words[-1]))
    for text in output:
        text = text.strip()
        done = _REGEN_DONE.fullmatch(text)
        if done is not None:
            fields.append(("regenerated", done["kind"]))
            text = done["checksum_line"]
        if text.startswith(facts.CLI_REGEN_PROMPT.strip()):
            answer = text[len(facts.CLI_REGEN_PROMPT.strip()):].strip()
            fields.append(("confirmed", answer))
            continue
        m = _CHECKSUM.fullmatch(text)
        if m is not None:
            fields.append(("checksum", m["checksum"]))
        elif _NO_KEY.fullmatch(text) is not None:
            fields.append(("key_present", "no"))
        else:  # the real output is not published: keep any other "Label: value" it prints
            fields.extend(_labelled([text]))
    return fields


def _ntp(output: Sequence[str]) -> list[tuple[str, str]]:
    fields: list[tuple[str, str]] = []
    columns = facts.CLI_NTP_COLUMNS.split()
    for text in output:
        text = text.strip()
        if m := _NTP_RUNNING.fullmatch(text):
            fields.append(("ntpd_pid", m["pid"]))
        elif m := _NTP_SYNCED.fullmatch(text):
            fields += [("synchronised", "true"), ("ntp_server", m["server"]),
                       ("stratum", m["stratum"])]
        elif text.startswith(facts.CLI_NTP_UNSYNCED):
            fields.append(("synchronised", "false"))
        elif m := _NTP_WITHIN.fullmatch(text):
            fields.append(("time_correct_within_ms", m["ms"]))
        elif m := _NTP_POLLING.fullmatch(text):
            fields.append(("polling_s", m["seconds"]))
        elif len(text.split()) == len(columns) and text.split()[0] != _NTP_FIRST:
            fields.append(("peer", text))
    return fields


def _spans(separator: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in re.finditer(r"=+", separator)]


def _cut(row: str, spans: list[tuple[int, int]]) -> list[str]:
    starts = [s for s, _ in spans] + [len(row) + 1]
    return [row[starts[i]:starts[i + 1]].strip() for i in range(len(spans))]


def _sql(command: str, output: list[str]) -> tuple[str, list[tuple[str, str]]]:
    """The table's cells as fields; a query whose table ran onto its line is split off it."""
    table = _TABLE.search(command)
    name = table["table"] if table else "sql"
    sep_at = next((i for i, t in enumerate(output) if _SEPARATOR.fullmatch(t.strip())), None)
    header: list[str] = []
    rows: list[list[str]] = []
    inline = _SEPARATOR.search(command)
    if inline is not None:  # the whole table on the command's line (T217268)
        width = len(re.findall(r"=+", inline[0]))
        before, cells = command[:inline.start()].split(), command[inline.end():].split()
        header, command = before[-width:], " ".join(before[:-width])
        if width and len(cells) % width == 0:
            rows = [cells[i:i + width] for i in range(0, len(cells), width)]
        table = _TABLE.search(command)
        name = table["table"] if table else name
    elif sep_at is not None and sep_at > 0:
        spans = _spans(output[sep_at])
        header = _cut(output[sep_at - 1], spans)
        rows = [_cut(t, spans) for t in output[sep_at + 1:] if t.strip()]
    fields: list[tuple[str, str]] = []
    for row in rows:
        fields += [(f"{name}.{col}", cell) for col, cell in zip(header, row, strict=False)]
    if header:
        fields.append(("rows", str(len(rows))))
    return command, fields


def _read(user: str, command: str, output: list[str], dates: dict[str, datetime]) -> Command:
    words = command.split()
    fields: list[tuple[str, str]]
    if words[:2] == _RUN_SQL:
        command, fields = _sql(command, output)
    elif " ".join(words[:3]) == facts.CLI_SSO_STATUS or (not command and output and
                                                          _HEADS[0].match(output[0])):
        fields = _sso(output, dates)
    elif " ".join(words[:3]) == facts.CLI_NTP_STATUS or (not command and output and
                                                          _HEADS[1].match(output[0])):
        fields = _ntp(output)
    elif _AUTHZ in words or not command:
        fields = _keys(command, output)
    else:
        fields = _labelled(output)
    return Command(command, tuple(output), tuple(fields), user)


class CliGrammar:
    """Pasted platform CLI output (module docstring)."""

    name = NAME
    product = PRODUCT
    modelled = False

    def starts(self, line: str) -> bool:
        return _PROMPT.fullmatch(line.strip()) is not None or self._head(line)

    @staticmethod
    def _head(line: str) -> bool:
        text = line.strip()
        if any(p.match(text) for p in _HEADS):
            return True
        # the key lines' fixed words first: a cheap test before the regex on long lines
        return any(word in text and p.fullmatch(text) for word, p in _KEY_HEADS)

    def continues(self, lines: Sequence[str], line: str) -> bool:
        # a known output line after a prompt is that command's output, not a new paste
        return bool(lines) and _PROMPT.fullmatch(lines[0].strip()) is not None \
            and self._head(line)

    def parse(self, lines: Sequence[str], source: str, line: int, state: ReadState) -> Record:
        pieces: list[tuple[str, str, list[str]]] = []  # (user, command, output)
        for text in lines:
            segments = self._segments(text)
            for user, segment in segments:
                if user is None:
                    if not pieces:
                        pieces.append(("", "", []))
                    pieces[-1][2].append(segment)
                else:
                    pieces.append((user, segment.strip(), []))
        dates: dict[str, datetime] = {}
        done = [_read(u, c, out, dates) for u, c, out in pieces]
        fields: list[tuple[str, str]] = []
        for cmd in done:
            fields.append(("command", cmd.command))
            fields.extend(cmd.fields)
        head = done[0] if done else Command("", (), ())
        return Record(source, line, tuple(lines), self.product, self.name,
                      component=head.command or None, fields=tuple(fields),
                      text="\n".join(head.output), block=tuple(lines[1:]),
                      extra={"commands": tuple(done), "dates": dates, "user": head.user})

    @staticmethod
    def _segments(text: str) -> list[tuple[str | None, str]]:
        """``text`` as output and commands: a prompt at its start or inside it opens one."""
        at = _PROMPT.fullmatch(text.strip())
        starts = [m for m in _INLINE.finditer(text)]
        out: list[tuple[str | None, str]] = []
        pos = 0
        if at is not None:
            first = text.index(at["user"] + ":")
            starts = [m for m in starts if m.start() > first]
            out_user: str | None = at["user"]
            pos = first + len(at["user"]) + 1
        else:
            out_user = None
        for m in starts:
            out.append((out_user, text[pos:m.start()].rstrip()))
            out_user, pos = m["user"], m.end()
        out.append((out_user, text[pos:]))
        return out


def commands(records: Iterable[Record]) -> list[Command]:
    """Every command of the ``cucm-cli`` records, in order (for views)."""
    return [c for r in records if r.grammar == NAME for c in r.extra.get("commands", ())]


def transcript(entries: Iterable[tuple[str, str]], prompt: str = facts.CLI_PROMPT) -> str:
    """A CLI session as it is pasted: ``<prompt><command>`` then the command's output."""
    out = []
    for command, output in entries:
        out.append(f"{prompt}{command}")
        if output:
            out.append(output)
    return "\n".join(out)


CLI = CliGrammar()
#: this module's grammars, most specific first
GRAMMARS = (CLI,)
