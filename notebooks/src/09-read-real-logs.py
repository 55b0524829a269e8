# %% [markdown]
# # 09 · Read real logs
#
# The lab writes logs the way the products do. This notebook turns around: it reads logs that
# **real products wrote**, says how far the sign-in got and why it failed, and checks the
# analyser against the simulator, whose faults it must recognise from their logs alone.
#
# **You will be able to...**
#
# - run `uclab.diagnose` on a real excerpt (or on your own file, locally, masked) and read its
#   ladder of login steps and its findings;
# - find the failing step of a real log yourself, before the analyser does;
# - tell an OAuth failure from one that only looks like it (a role, DNS, a certificate);
# - put a real log beside the same fault simulated, and see that both give the same finding.
#
# **About the sources.** The rules come from the signature catalogue in
# `shared/real-logs/FORMATS.md` §3 (SIG-01 ... SIG-53): each quotes a published line from a
# Cisco TAC document or guide, with its address. A finding is a **match** when such a line is
# present and a **hint** ("check this") when Cisco published no line for it. Rules for the
# simulator's own faults say **modelled**: the real products publish no line for most OAuth
# failures (FORMATS.md §5.6). The two excerpts used here ship with uclab (`data/real/`), each
# with its `# source:` line.

# %% [markdown]
# ## Setup

# %%
from IPython.display import HTML

import uclab
from uclab.diagnose import diagnose, excerpts, render_html, render_text, rule
from uclab.workbook.probes.nb09_read_real_logs import simulated_logs

bundled = excerpts()
for name in bundled:
    print(name)

# %% [markdown]
# ## 1. A real excerpt: find the failing step first
#
# This Jabber log comes from TAC document 221845 ("Troubleshoot Jabber Log in – Common
# Issues"). Its first line says where it comes from; the rest is verbatim. TAC copies often drop
# the date and time: the lines still parse, and nothing invents a time for them.

# %%
real = bundled["jabber-uds-403-end-user-role-missing.log"].read_text(encoding="utf-8")
print(real)

# %% [markdown]
# ### Exercise 1: where does it fail?
#
# Read the lines above before running the analyser. At which login step does this sign-in fail?

# %%
print(uclab.checks.get("09-failing-step"))

# %%
answer = None  # your prediction: a step from the list, or its letter, e.g. "A" or "token"

# %%
uclab.checks.check("09-failing-step", answer)

# %% [markdown]
# ### Exercise 2: is it OAuth?

# %%
print(uclab.checks.get("09-is-it-oauth"))

# %%
answer = None  # your prediction, e.g. "yes" or "no"

# %%
uclab.checks.check("09-is-it-oauth", answer)

# %% [markdown]
# ## 2. The analyser
#
# `diagnose` reads files, folders, bundles (`.gz`, `.zip`, `.tar.gz`) or pasted text. It tells
# the product from each line's grammar, never from the file name. The report has a ladder of
# the login steps (✔ reached, · not seen, ✘ the first failing step) and the findings. Each
# finding gives its rule, its FORMATS.md signature id, the evidence lines as `file:line`,
# the cause, the fix and the source. Here the text is passed under its file name, so the
# evidence cites `jabber-uds-403-end-user-role-missing.log:<line>`.

# %%
report = diagnose(text={"jabber-uds-403-end-user-role-missing.log": real})
print(render_text(report))

# %% [markdown]
# The first finding is SIG-07, category `role`: **not OAuth**. The analyser names what broke
# and does not blame tokens. Exercise 2's answer follows from it.
#
# The same report as a picture: the HTML renderer draws the ladder as an inline SVG. Green steps
# were reached, red is the first failing one, grey was not seen. `uclab diagnose FILE --format
# html --output report.html` writes the whole page.

# %%
HTML(render_html(report))

# %% [markdown]
# ## 3. Your own log, on your own machine
#
# Upload a log, a PRT or a diagnostic bundle with the button below, or put its path in `my_log`
# and run the cell after it. Nothing leaves your machine: the analyser reads the file locally
# (an upload is written to a private temporary folder, read and deleted). Tokens, passwords, SASL
# payloads, cookies and Digest responses are **masked** in every line it shows. A log that holds
# a clear-text password (SASL PLAIN) gets a warning. Use `reveal=True` only on your own lab,
# and never share that output. The shell command is the same: `uclab diagnose PATH`.

# %%
upload = uclab.widgets.log_upload()
upload

# %%
my_log = None  # e.g. "~/Downloads/diagnostic_log.tar.gz" or "C:/Users/me/Desktop/PRT.zip"

if my_log is None:
    print("No file given: set my_log to a path and run this cell again.")
else:
    from pathlib import Path

    print(render_text(diagnose(Path(my_log).expanduser())))

# %% [markdown]
# ## 4. The same fault, real and simulated
#
# The seed article's case is real: Jabber obtained its tokens over MRA, then XMPP failed with
# "The server doesn't offer any SASL authentication mechanism that we can support". Here are its
# Jabber lines. Read them, answer the exercise, and only then run the analyser on them.

# %%
seed_excerpt = bundled["seed-jabber-xmpp-no-sasl-mechanism.log"].read_text(encoding="utf-8")
print(seed_excerpt)

# %% [markdown]
# ### Exercise 3: which simulated fault is this?

# %%
print(uclab.checks.get("09-same-fault"))

# %%
answer = None  # your prediction: a fault id, or its letter, e.g. "B"

# %%
uclab.checks.check("09-same-fault", answer)

# %% [markdown]
# The analyser's view of the article's lines:

# %%
seed_report = diagnose(text={"seed-jabber-xmpp-no-sasl-mechanism.log": seed_excerpt})
print(render_text(seed_report))

# %% [markdown]
# Now simulate that fault. The lab writes every host's log, one file per host, the way an admin
# collects them. The analyser reads the files alone, never the lab's state. Both reports have
# the same first finding.

# %%
logs = simulated_logs("expc-oauthlocal-off", seed=1)
print("simulated hosts:", ", ".join(logs))
sim_report = diagnose(text=logs)
for title, rep in (("real (seed article)", seed_report), ("simulated (seed 1)", sim_report)):
    first = rep.first
    print(f"{title:<22} failing step: {rep.failing_step:<6} first finding: {first.rule} "
          f"({first.sig})")
    print(f"{'':<22} {first.evidence[0].where}")

# %% [markdown]
# The simulated run shows more of the story than the article's Jabber lines. Expressway-C's log
# holds IM&P's answer to its mechanisms query (PLAIN, CISCO-VTG-TOKEN, OAUTHBEARER), while
# Expressway-E's log shows only CISCO-VTG-TOKEN going on to Jabber, as in the article. The
# steps before XMPP were all reached:

# %%
print(render_text(sim_report).split("\n\n")[0])

# %% [markdown]
# Every fault of the simulator names the rule that recognises it (`Fault.signature`). The test
# suite checks each one: every fault, 3 seeds, the releases that change the flow. The first
# finding must name the fault, and the healthy login must give none.

# %%
for fault in uclab.faults.FAULTS.values():
    r = rule(fault.signature)
    print(f"{fault.id:<28} -> {r.id:<34} {r.sig or '-':<7} {r.basis}")

# %% [markdown]
# ## Summary
#
# - `uclab.diagnose.diagnose(paths or text)` reads real logs (files, folders, bundles) and tells
#   each product by its grammar. It returns a report: the login steps reached, the first failing
#   step, and findings with masked evidence lines (`file:line`), cause, fix and source.
#   `uclab diagnose PATH` does the same from a shell (exit 1 when it finds something).
# - A **match** quotes a published line (FORMATS.md §3). A **hint** is a "check this" for a
#   signature Cisco documents without a log line. **Modelled** rules cover lines only the
#   simulator writes.
# - Many real login failures are not OAuth at all: a missing role, DNS SRV records, a
#   certificate, the home cluster. The analyser names the category and blames tokens only when
#   the cause is OAuth.
# - Secrets are masked in everything shown. A clear-text SASL PLAIN password in a log is
#   reported as a warning.
# - The simulator is the oracle: every fault's logs, read alone, give that fault as the first
#   finding. The seed article's real lines give the same finding as `expc-oauthlocal-off`.
#
# **Next: the interview questions.** Practise this notebook's topics in
# [10 · Interview preparation](10-interview-preparation.ipynb):
#
# - [troubleshooting](10-interview-preparation.ipynb#topic-troubleshooting)
# - [MRA](10-interview-preparation.ipynb#topic-mra)
# - [IM&P and XMPP](10-interview-preparation.ipynb#topic-imp-xmpp)
