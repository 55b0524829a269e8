# %% [markdown]
# # 10 · Interview preparation
#
# "Do you know how OAuth works?" is where the seed article's author was caught out in an
# interview. This notebook is the rehearsal: a bank of interview questions on OAuth and on OAuth
# in Cisco on-premises UC, each with a model answer, the key points a good answer makes and the
# sources; and a mock interview by seed that ends with a hidden fault from the lab.
#
# **You will be able to...**
#
# - browse the question bank by topic and level, with a widget or with the plain API;
# - answer a question in your own words and see which key points you made and which you missed;
# - sit a seeded mock interview across topics, ending with a troubleshooting scenario built from a
#   real misconfiguration of `uclab.faults`;
# - say clearly, in an interview, which Cisco facts are documented, which differ by release or
#   source, and which are only field observations.
#
# **What the grading is, and is not.** It is a **self-check, not a judge**. It looks for the key
# phrases of a good answer, ignoring case and punctuation and matching whole words only. There is
# no model and no fuzzy matching, so the same answer always gets the same result. A correct answer
# in other words can miss a point; a wrong answer that names the right words can hit one. Always
# read the model answer.

# %% [markdown]
# ## Setup

# %%
from collections import Counter

import uclab
from uclab import interview

print(interview.SELF_CHECK)

# %% [markdown]
# ## 1. The bank
#
# The bank is data: one TOML file per topic in `uclab/interview/topics/`. Each question has an
# id, a topic, a level (junior, senior, architect), the question, a model answer, 3 to 6 key
# points (each with the phrasings that count) and its sources. Cisco facts cite the project's fact
# sheet by S-id (S1…S36, listed in `notebooks/REFERENCES.md` with their links). Standards are
# cited by RFC section (RFC 6749 §4.1, RFC 7636, RFC 9700…) or by specification (OpenID Connect
# Core, SAML 2.0). Where the fact sheet marks a fact as uncertain, or says it differs by release
# or by source, the model answer says so too.

# %%
bank = interview.questions()
print(len(bank), "questions")
by_topic = Counter(q.topic for q in bank)
by_level = Counter((q.topic, q.level) for q in bank)
print(f"{'topic':22} {'all':>4} " + " ".join(f"{lv:>9}" for lv in interview.LEVELS))
for key, title in interview.TOPICS.items():
    print(f"{title:22} {by_topic[key]:>4} "
          + " ".join(f"{by_level[(key, lv)]:>9}" for lv in interview.LEVELS))

# %% [markdown]
# ## 2. Browse by topic and level
#
# The **question browser** has a topic and a level drop-down, then the list of questions. Pick
# one, answer it aloud or on paper, then press **Show model answer**. In this notebook the cells
# call the same methods as the clicks, so the saved notebook shows what a click does.

# %%
browser = uclab.widgets.question_browser()
browser

# %% [markdown]
# Choose "MRA" and "senior" (the same as picking them in the drop-downs):

# %%
for q in browser.filter("MRA", "senior"):
    print(f"{q.id:24} {q.question}")

# %% [markdown]
# Show one question. Its answer stays hidden:

# %%
question = browser.show("mra-self-describing")
print(question.question)

# %% [markdown]
# Answer it first. Then reveal the model answer, its key points and its sources (the **Show model
# answer** button):

# %%
print(browser.reveal())

# %% [markdown]
# The same without a widget: `interview.questions(topic, level)` takes a topic id or title and a
# level, and returns the questions. Here are the architect-level questions on SSO and SAML:

# %%
for q in interview.questions("SSO and SAML", "architect"):
    print(q)

# %% [markdown]
# ## 3. How an answer is graded
#
# `interview.grade(question, answer)` lists the key points your answer **hit**, then those it
# **missed**, then the model answer and its sources. Here a candidate answers the four-roles
# question. The answer is right but incomplete:

# %%
roles = interview.get("of-roles")
print(roles.question)

# %%
candidate = ("The resource owner is the user. CUCM is the authorization server: it issues the "
             "tokens. Jabber uses them.")
print(interview.grade(roles, candidate))

# %% [markdown]
# The candidate never said "client" or "resource server", so those points are missed. Yet
# "Jabber uses them" is the client's job. That is why the grade is a self-check: it shows what a
# complete answer names, and the reading is yours.
#
# The matching rules, in short:
#
# - case and punctuation do not matter: `get_edge_sso`, `GET-EDGE-SSO` and `get edge sso` are the
#   same;
# - whole words only: the phrasing "token" does not match "tokens", so every key point lists its
#   plural and its other phrasings;
# - the words of a phrasing must appear together and in order.
#
# An empty answer, or one about something else, hits no point:

# %%
print(interview.grade(roles, "I would rather talk about football.").score)

# %% [markdown]
# ## 4. A mock interview by seed
#
# `interview.mock(seed, n=…)` draws `n` questions across the topics, one topic at a time in an
# order the seed decides, and adds one **hidden-fault scenario** at the end. The same seed always
# gives the same interview; change the seed for another one. Here are five questions with seed 7:

# %%
mock = interview.mock(7, n=5)
print(mock)

# %% [markdown]
# Answer each question in its `answer = ...` cell, as text, then run the next cell. The model
# answer appears only once you have answered. The cells below are saved with no answer, so they
# only repeat the question.

# %%
answer = None  # your answer to Q1, e.g. "Compare show key authz on every node, ..."

# %%
print(mock.turn(0, answer))

# %%
answer = None  # your answer to Q2

# %%
print(mock.turn(1, answer))

# %%
answer = None  # your answer to Q3

# %%
print(mock.turn(2, answer))

# %%
answer = None  # your answer to Q4

# %%
print(mock.turn(3, answer))

# %%
answer = None  # your answer to Q5

# %%
print(mock.turn(4, answer))

# %% [markdown]
# ## 5. The hidden-fault scenario
#
# The last question is built from one fault of `uclab.faults`: a real misconfiguration with a
# source. Its **symptom** is the question. Its **cause** and its **fix** are what a good answer
# names: they are the key points. The fault's name stays hidden until you have answered.

# %%
answer = None  # your diagnosis: what is wrong, how you confirm it, and the fix

# %%
print(mock.turn(5, answer))
print()
print(mock.summary())

# %% [markdown]
# Once you have answered, `mock.fault` is the fault itself. Then prove the diagnosis on the lab:
# `uclab.faults.check(mock.fault.id)` builds the broken lab, shows the symptom, applies the real
# fix and shows the login working again. The fault panel of notebook 00 does the same with
# buttons. Until then, `mock.fault` is `None`:

# %%
if mock.fault is None:
    print("Answer the scenario first: the fault stays hidden until then.")
else:
    result = uclab.faults.check(mock.fault.id)
    print(f"{mock.fault.title}: symptom seen {result.symptom_seen}, fixed {bool(result.after)}")

# %% [markdown]
# ## 6. The mock interview as a panel
#
# The **mock-interview panel** does the same with a seed box and three buttons: **Start
# interview**, **Grade my answer** and **Next question**. An empty answer is refused, so the model
# answer cannot be seen before you have written something.

# %%
panel = uclab.widgets.mock_panel(seed=7, n=5)
panel

# %% [markdown]
# Start it (the **Start interview** button). The panel draws the same interview as
# `interview.mock(7, n=5)`:

# %%
drawn = panel.start(7)
print([q.id for q in drawn.questions] == [q.id for q in mock.questions])
print(panel.question.question)

# %% [markdown]
# Pressing **Grade my answer** with an empty box shows a reminder, and the model answer stays
# hidden:

# %%
result = panel.answer("")
print("graded:", result is not None)
print("model answer shown:", panel.question.model_answer in str(panel.output.outputs))

# %% [markdown]
# ## 7. Say what is uncertain
#
# A good interview answer about Cisco UC separates what is documented from what is not. The fact
# sheet marks such facts, and the model answers keep the marks. `interview.hedges(question)` lists
# the marks a model answer uses (the phrases of `interview.HEDGES`). These questions say that
# something is not documented, not confirmed, differs by source or release, is a third-party
# source or is a field observation:

# %%
print(", ".join(interview.HEDGES))
print()
for q in interview.questions():
    if said := interview.hedges(q):
        print(f"{q.id:36} {', '.join(said)}")

# %% [markdown]
# Examples worth knowing by heart:
#
# - The refresh token timer's range is **1-365 days** in the 12.5 guides (S2, S9) and **1-90
#   days** in TAC doc 212794 for 12.0 (S1); the default is 60 days in both.
# - After a key regeneration the documents disagree on the restart: Cisco XCP Authentication
#   Service on IM&P (S3, S15), Cisco CallManager (S2) or Cisco Tomcat (S1).
# - That Jabber uses OAUTHBEARER for XMPP with OAuth on is likely but not documented by Cisco; the
#   seed article calls IM&P's OAUTHBEARER offer required (field observation).
# - The xConfiguration names `OAuthLocal` and `LegacyCred` appear only in the seed article (field
#   observation).
# - Microsoft Entra ID (or any IdP) plays the SAML identity provider for CUCM SSO; CUCM issues
#   Jabber's tokens (S1, S6, S11). Which IdPs Cisco supports per release is not on the fact sheet.

# %% [markdown]
# ## 8. Every question, by topic
#
# The other notebooks end with links to their topics here. Each list gives the question's id,
# its level and the question; `interview.get(id)` and `interview.grade(id, text)` work on any of
# them, and the model answer stays out of sight until you ask for it.

# %% [markdown]
# ### <a id="topic-oauth-fundamentals"></a>OAuth fundamentals

# %%
for q in interview.questions("oauth-fundamentals"):
    print(f"{q.id} ({q.level}): {q.question}")

# %% [markdown]
# ### <a id="topic-cucm-authz"></a>CUCM AuthZ

# %%
for q in interview.questions("cucm-authz"):
    print(f"{q.id} ({q.level}): {q.question}")

# %% [markdown]
# ### <a id="topic-tokens-and-keys"></a>Tokens and keys

# %%
for q in interview.questions("tokens-and-keys"):
    print(f"{q.id} ({q.level}): {q.question}")

# %% [markdown]
# ### <a id="topic-mra"></a>MRA

# %%
for q in interview.questions("mra"):
    print(f"{q.id} ({q.level}): {q.question}")

# %% [markdown]
# ### <a id="topic-imp-xmpp"></a>IM&P and XMPP

# %%
for q in interview.questions("imp-xmpp"):
    print(f"{q.id} ({q.level}): {q.question}")

# %% [markdown]
# ### <a id="topic-unity"></a>Unity Connection

# %%
for q in interview.questions("unity"):
    print(f"{q.id} ({q.level}): {q.question}")

# %% [markdown]
# ### <a id="topic-sip-oauth"></a>SIP OAuth

# %%
for q in interview.questions("sip-oauth"):
    print(f"{q.id} ({q.level}): {q.question}")

# %% [markdown]
# ### <a id="topic-sso-saml"></a>SSO and SAML

# %%
for q in interview.questions("sso-saml"):
    print(f"{q.id} ({q.level}): {q.question}")

# %% [markdown]
# ### <a id="topic-troubleshooting"></a>Troubleshooting

# %%
for q in interview.questions("troubleshooting"):
    print(f"{q.id} ({q.level}): {q.question}")

# %% [markdown]
# ### <a id="topic-security"></a>Security

# %%
for q in interview.questions("security"):
    print(f"{q.id} ({q.level}): {q.question}")

# %% [markdown]
# ## Summary
#
# - `interview.questions(topic, level)` browses the bank; `interview.get(id)` finds one question;
#   `interview.grade(question, answer)` shows the key points hit and missed, then the model answer.
# - `interview.mock(seed, n)` draws a deterministic interview across topics, ending in a
#   hidden-fault scenario from `uclab.faults`; `mock.turn(i, answer)` shows the model answer only
#   once there is an answer.
# - The grading is a self-check, not a judge: deterministic phrase matching, case and punctuation
#   aside, whole words only.
# - Every Cisco fact in the bank cites the fact sheet (S-ids); every public source of the
#   workbook is listed, with its link, in `notebooks/REFERENCES.md`.
