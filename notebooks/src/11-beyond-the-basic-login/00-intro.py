# %% [markdown]
# # 11 · Beyond the basic login
#
# Notebooks 04–07 follow one Jabber client through one Expressway pair to one CUCM cluster,
# with CUCM's own login page. Real deployments add more: phones and Jabber registering over
# SIP with their token, more than one Expressway or CUCM cluster, a SAML identity provider in
# front of the sign-in, iOS push notifications, the Webex app in place of Jabber, Microsoft
# services beside Cisco's, and OAuth practice that has moved on since CUCM's AuthZ was built.
# Each section below switches one of these on in the lab and lets you watch the ladder change.
#
# **You will be able to...**
#
# - say what each variant adds to the login, which product settings turn it on, and what
#   breaks when one is missing;
# - tell which parts are documented by Cisco and which are the lab's model (each section
#   labels them, and the registry gives every product-facing string its source);
# - answer the interview questions these topics raise (links at the end of each section).
#
# **About the sources.** Facts carry the ids of `shared/facts/cisco-uc-oauth.md` (S1 ...) or a
# public document named where it is used; [REFERENCES.md](REFERENCES.md) lists them all.
# Log lines whose real format Cisco does not publish are marked **modelled**.

# %% [markdown]
# ## Setup

# %%
import uclab

print(uclab.Lab(seed=1))
