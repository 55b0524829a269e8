# %% [markdown]
# # 08 · Troubleshooting drill: find the hidden fault
#
# A user calls the help desk. You get their words, a menu of the real tools, and a clock: every
# investigation costs minutes, as in an outage. When you think you know, you name the cause and
# a fix; the lab applies the fix and the user tries again. A report card follows, with the
# shortest path an expert would have taken and the lines that gave the fault away.
#
# **You will be able to...**
#
# - turn a user's words into the step where the login stopped;
# - pick the cheapest tool that tells the possible causes apart (the triage map);
# - read a PRT, an Expressway diagnostic log, `show key authz`, `utils ntp status` and the MRA
#   and OAuth pages for the evidence that matters;
# - tell a red herring (odd but harmless) from the cause.
#
# **About the sources.** Tool, page and command names come from `uclab.facts` with their
# sources. The minute costs, the user's words and the red herrings are **lab-only**; the IM&P
# trace lines and the tcpdump summary are **modelled**, and say so where they are printed.

# %%
import uclab
from uclab import drill
from uclab.facts import MINUTES_DIAG_LOG, USER_SAYS_AFTER_PASSWORD

print(MINUTES_DIAG_LOG.cite())
print(USER_SAYS_AFTER_PASSWORD.cite())

# %% [markdown]
# ## 1. A worked drill (seed 6)
#
# `drill.start(seed)` draws a hidden fault from the catalogue by the seed (same seed, same
# drill) and sometimes adds a red herring. The drill first runs what the user did; you see only
# what they say.

# %%
d = drill.start(6)
print(d.report)

# %% [markdown]
# The menu: each action with its minutes, the nodes it runs on, and the fix menu (the
# catalogue's fixes, F1…, and three reverts of harmless settings, H1…).

# %%
print(d.menu())

# %% [markdown]
# ### Predict: where does the login stop?
#
# The user's words say the login fails after the password. The triage map (section 3) lists
# three causes that stop at the login form (`localauthentication`) and three at the token
# request (`access_token`). Which is it here? Choices: `get_edge_sso`, `localauthentication`,
# `access_token`, `get_edge_config`, `xmpp`.

# %%
answer = None  # your prediction, e.g. "localauthentication"

# %%
uclab.checks.check("08-failed-stage", answer)

# %% [markdown]
# A test login is cheap and shows which step failed; the Expressway-C diagnostic log below
# names the request.

# %%
print(d.do("test-login").output)

# %% [markdown]
# The sign-in fails. The CUCM OAuth parameters are cheap to look at; one value is not the
# default. Is it the cause?

# %%
print(d.do("oauth-params").output)

# %% [markdown]
# ### Predict: is `Use SSO for RTMT` = `False` the cause?
#
# It is not the fresh-install default (`True`, S23). Choices: `yes`, `no`.

# %%
answer = None  # your prediction, e.g. "yes"

# %%
uclab.checks.check("08-herring", answer)

# %% [markdown]
# `Use SSO for RTMT` is `False`, the value S23 gives after an upgrade (`True` on a fresh
# install). Which upgrades set it to `False`, and whether an upgrade changes a value an admin
# chose, is not documented [U]; the drill simply sets it. It concerns RTMT, not Jabber: a red
# herring. The Expressway-C diagnostic log shows what Expressway-C did with the token while the
# user tried again:

# %%
out = d.do("diaglog", "expc").output
print("\n".join(ln for ln in out.splitlines() if "credentialmanager" in ln or "403" in ln))

# %% [markdown]
# `unknown kid`: Expressway-C holds keys, but not the ones that signed the token. Compare with
# the CUCM publisher's key checksum:

# %%
print(d.do("show-key", "cucm-pub").output)
print(d.do("ucm-servers").output)

# %% [markdown]
# The keys Expressway-C holds start with other hex digits than the publisher's checksum: the
# keys were regenerated on CUCM and Expressway-C was not refreshed. Answer with the cause and
# the fix; the fix is applied and the user tries again.

# %%
grade = d.answer("keys-regen-expc-stale", "F3")
print(grade.card)

# %%
print(grade.solved, grade.minutes, "minutes")

# %% [markdown]
# ## 2. A wrong fix leaves the user failing
#
# The same drill, answered by chasing the red herring (H2 sets `Use SSO for RTMT` back):

# %%
wrong = drill.start(6)
print(wrong.answer("keys-regen-expc-stale", "H2").card.splitlines()[5])

# %% [markdown]
# ## 3. The triage map
#
# ### Predict: the cheapest tool for a clock problem
#
# A login stops at `access_token`. Which single investigation tells `expressway-ntp` apart from
# the other two faults that stop there, at the least cost? Give the action and its node, e.g.
# `show-key cucm-pub`.

# %%
answer = None  # your prediction, e.g. "show-key cucm-pub"

# %%
uclab.checks.check("08-cheapest-tool", answer)

# %% [markdown]
# The map is computed from the catalogue: each fault is run once; its user report and the step
# where it stops are recorded; the tools on the right are the fewest-minute set whose output
# shows the fault and tells it apart from the faults a user reports in the same words.

# %%
print(drill.triage_text())

# %%
uclab.views.triage_figure(1, highlight="keys-regen-expc-stale")

# %% [markdown]
# ## 4. Your turn
#
# A new drill with another seed. Its cause stays hidden until you answer. Pick actions in the
# panel (each output is folded under its title), then choose a cause and a fix. On the command
# line the same drill is `uclab drill --seed 21`.

# %%
panel = uclab.widgets.drill_panel(21)
panel

# %% [markdown]
# ## Summary
#
# - Start from the user's words and find the step where the login stops (a test login).
# - The triage map names the faults that stop there and the cheapest tool that separates them.
# - Logs (PRT, diagnostic log) show *what* failed; pages and CLI (`show key authz`, Unified CM
#   servers, `xConfiguration`, `utils ntp status`) show *why*.
# - A non-default value is not a cause until it explains the failure: check before you fix.
# - Refresh servers is a fix attempt, not an investigation: the report card notices it.
#
# **Next: the interview questions.** Practise this notebook's topics in
# [10 · Interview preparation](10-interview-preparation.ipynb):
#
# - [troubleshooting](10-interview-preparation.ipynb#topic-troubleshooting)
# - [MRA](10-interview-preparation.ipynb#topic-mra)
# - [tokens and keys](10-interview-preparation.ipynb#topic-tokens-and-keys)
