# %% [markdown]
# ## 2. More than one cluster
#
# So far one Expressway pair has stood in front of one CUCM cluster. Large deployments have
# several of each: two or more **Expressway-C/E clusters** (for capacity, or one per region)
# in front of the same CUCM cluster, and several **CUCM clusters**, each user homed on one of
# them. This section switches both on in the lab:
#
# - `Lab(expressway_clusters=2)`: a second Expressway-C/E pair (`expc2`, `expe2`) in front of
#   the same CUCM cluster;
# - `Lab(cucm_clusters=2)`: a second CUCM cluster (`cucm2-pub`) where the user `dave` is homed.
#
# **What the sources say.**
#
# - The peers of *one* Expressway cluster share their configuration: it is replicated from the
#   primary peer (Cisco, *Expressway Cluster Creation and Maintenance Deployment Guide* X14.3,
#   "Clustering Basics",
#   <https://www.cisco.com/c/en/us/td/docs/voice_ip_comm/expressway/config_guide/X14-3/cluster_creation_maint/exwy_b_cisco-expressway-cluster-creation-and-maintenance-deployment-guide-x143/exwy_m_clustering-basics.html>).
#   A *separate* Expressway cluster therefore has its own pages; that nothing at all is shared
#   between separate clusters is the lab's reading [U].
# - "Refresh servers" on the Unified CM servers page is what fetches the CUCM keys Expressway-C
#   needs to decrypt the tokens. It must be clicked after "Authorize by OAuth token with
#   refresh" is turned on, and after every key regeneration (S6, S7, S2).
# - Jabber finds the edge with the DNS SRV record `_collab-edge._tls.<domain>` (S17, S33, S8).
#   Several Expressway-E clusters can stand behind that one name.
# - Expressway-C finds a user's home CUCM cluster with the UDS **clusterUser** request (seed
#   article; documented by Cisco DevNet, *User Data Services — System Resources*,
#   <https://developer.cisco.com/docs/user-data-services/system-resources/>): `GET
#   https://{host}:8443/cucm-uds/clusterUser?username={userId}` (or `email=`,
#   `useridentifier=`), with no authentication. "UDS first scans the local cluster and then
#   fans out to search remote clusters"; the answer names the publisher of the user's home
#   cluster.
# - On CUCM, the End User Configuration page has a **Home Cluster** check box, and a user
#   should be homed on one cluster only. For several clusters, the UDS guide sends the
#   clusterUser request to the **ILS Hub Publisher** (Cisco DevNet, UDS *How To Build a
#   Production Ready Environment*,
#   <https://developer.cisco.com/site/user-data-services/learn/how-to/build-a-production-environment/>).
#
# **What is the lab's model [U].** Which edge a user reaches: both edges have the same SRV
# priority and weight. RFC 2782 has the client pick one at random by weight, but how Jabber
# picks is not in the sources. So the lab's public DNS hands the edges out in turn (round
# robin) and Jabber takes the first answer: the first lookup reaches `expe`, the next one
# `expe2`, and so on. Which Unified CM server Expressway-C asks: the first refreshed one on its
# page. Which clusters the lab's UDS searches: every telephony cluster of the lab (a real UDS
# searches the remote clusters it knows, through ILS). How a real Expressway-C chooses among
# several CUCM clusters is not described in the sources.

# %%
import uclab
from uclab import checks, diagnose, facts, faults
from uclab.protocols.uds import parse_cluster_user
from uclab.workbook.probes import nb11_clusters
from uclab.workbook.widgets.clusters import cluster_panel

demo = uclab.Lab(seed=1, expressway_clusters=2, cucm_clusters=2)
print("Expressway-C/E pairs:", [(c.host, e.host) for c, e in demo.edge_pairs])
print("CUCM clusters:       ", [c.publisher.host for c in demo.clusters])

# %% [markdown]
# ### What each Expressway cluster must be told
#
# Every Expressway-C cluster is configured on its own, with the same answers:
#
# | Expressway-C page | What every cluster must be told | Source |
# |---|---|---|
# | MRA Access Control | the same Authentication path; OAuth with refresh = On | S6, S7 |
# | Unified CM servers | every CUCM publisher whose users come through it | S6 |
# | ... > **Refresh servers** | after OAuth is turned on and after every key regeneration | S6, S2 |
# | IM&P nodes, Unity servers | the same nodes, each page with its own Refresh servers | S6 |
#
# Expressway-E needs none of the authentication settings: with self-describing tokens,
# Expressway-C checks the token (S6). In DNS, `_collab-edge._tls` names every edge (S17).
#
# The lab's configuration steps, one set per cluster:

# %%
lab = uclab.Lab(seed=1, expressway_clusters=2)
for step in lab.configure_oauth():
    print(step)
print()
for record in lab.public_dns.lookup(f"{facts.SRV_COLLAB_EDGE}.{lab.domain}"):
    print(record)

# %% [markdown]
# ### One Expressway cluster not refreshed
#
# Now the classic slip: OAuth with refresh was turned on, and Refresh servers was clicked on
# the first Expressway-C only. On the second one it was last clicked *before* OAuth was turned
# on (the fault `expc-cluster-not-refreshed`). Alice signs in first, so her lookup reaches the
# first edge; bob signs in next and reaches the second edge.
#
# ### Predict
#
# Bob's sign-in goes through the second edge. At which stage does it fail: `get_edge_sso`,
# `localauthentication`, `access_token` or `get_edge_config`?

# %%
answer = None  # your prediction, e.g. "get_edge_sso" or "A"

# %%
checks.check("11-clusters-failing-stage", answer)

# %% [markdown]
# Run it:

# %%
broken = nb11_clusters.run_variant(nb11_clusters.VARIANTS[2])
print(broken.summary())

# %% [markdown]
# CUCM issued bob's tokens. The second Expressway-C cannot check them, so it refuses them at
# the `access_token` request. Users fail or succeed depending on the edge they reach, and the
# same user can work on one attempt and fail on the next. From the outside this looks
# intermittent. It is not: one cluster's configuration is incomplete.
#
# ### Predict
#
# Which one action makes both users sign in: Refresh servers on the second Expressway-C,
# Refresh servers on the first Expressway-C, regenerating the CUCM signing key, or restarting
# the second Expressway-E?

# %%
answer = None  # your prediction, e.g. "Refresh servers on the first Expressway-C" or "B"

# %%
checks.check("11-clusters-fix", answer)

# %% [markdown]
# Compare the two Expressway-C clusters' Unified CM servers pages: the second holds no keys.

# %%
print(nb11_clusters.told(broken.lab))

# %% [markdown]
# The fix is Refresh servers on the second Expressway-C. Then both users sign in:

# %%
broken.lab.edge_pairs[1][0].refresh_servers()
fault = faults.get("expc-cluster-not-refreshed")
print(fault.probe(broken.lab))

# %% [markdown]
# The log analyser finds this from the logs alone, but only with both Expressway-C logs side by
# side: the second one's log alone says only that it holds no keys. The rule
# `expc-cluster-not-refreshed` needs another Expressway's file that accepted tokens.

# %%
faulty = fault.build(1)
fault.probe(faulty)
logs = {host: faulty.render_logs(host=host) for host in sorted({ln.host for ln in faulty.logs})}
both = diagnose.diagnose(text=logs)
alone = diagnose.diagnose(text={"expc2.log": logs["expc2.example.com"]})
print("both Expressway-C logs:", both.first.rule)
print("expc2's log alone:     ", alone.first.rule)

# %% [markdown]
# ### Two CUCM clusters: the home cluster through UDS
#
# With `Lab(cucm_clusters=2)`, `dave` is homed on `cucm2-pub.example.com`, and Expressway-C
# knows both publishers as Unified CM servers. When dave signs in, Expressway-C asks the first
# publisher `GET /cucm-uds/clusterUser?username=dave`.
#
# ### Predict
#
# Which host does the answer name in `<homeCluster>`?

# %%
answer = None  # your prediction, e.g. "cucm-pub.example.com" or "A"

# %%
checks.check("11-clusters-home-named", answer)

# %% [markdown]
# The answer, in the documented form (`<result found="true" …/>`, then `<homeCluster
# serversUri=…>` naming the home publisher). Which host each `{host}` of the DevNet page stands
# for, and that `version` carries the release (written as UDS writes it, `11.5.1` without the
# SU, as in the seed article), is the lab's reading [U]:

# %%
two = uclab.Lab(seed=1, cucm_clusters=2)
resp = two.session("admin").get(
    f"https://{two.cucm.publisher.host}:{facts.CUCM_HTTPS_PORT}{facts.UDS_CLUSTER_USER}",
    params={"username": "dave"})
print(resp.status_code)
print(resp.text.replace("><", ">\n<"))
print(parse_cluster_user(resp.text))

# %% [markdown]
# Expressway-C then sends the login (`authorize_proxy`), the token request and later the UDS
# requests to the home cluster, and checks dave's token with the keys that cluster's Refresh
# servers gave it:

# %%
home = nb11_clusters.run_variant(nb11_clusters.VARIANTS[3])
print(home.summary())
inside = [ex for ex in home.exchanges if ex.src == "expc"]
print("\n".join(f"expc -> {ex.dst}: {ex.request.method} {ex.request.path}" for ex in inside))

# %% [markdown]
# The lookup only works if the asked node's UDS can reach the user's cluster. Cisco's MRA
# troubleshooting guide describes MRA logins refused with 401 for valid users, some and not
# others, when ILS is not set up on all clusters: the home-cluster lookup then fails on some
# nodes (S8; the project's log catalogue, FORMATS.md SIG-17). In the
# lab (fault `home-cluster-lookup-no-ils`) the second cluster is left out of the lab's ILS
# model: the first cluster's UDS answers `found="false"` for dave, and Expressway-C refuses his
# login with 401. Alice, homed on the asked cluster, still signs in.

# %%
no_ils = faults.get("home-cluster-lookup-no-ils")
lab_no_ils = no_ils.build(1)
print("alice:", faults.sign_in_and_use_no_xmpp(lab_no_ils, "alice"))
print("dave: ", no_ils.probe(lab_no_ils))
asked = [ex for ex in lab_no_ils.exchanges if ex.request.path == str(facts.UDS_CLUSTER_USER)]
print(asked[-1].response.text.split("?>", 1)[1])
logs = {h: lab_no_ils.render_logs(host=h) for h in sorted({ln.host for ln in lab_no_ils.logs})}
print("diagnosis:", diagnose.diagnose(text=logs).first.rule)
no_ils.repair(lab_no_ils)
print("with ILS: ", no_ils.probe(lab_no_ils))

# %% [markdown]
# ### Switch the deployment
#
# Pick a deployment: the panel builds its lab, signs its users in, one after the other, shows
# what each Expressway-C was told and redraws the ladder of the last sign-in.

# %%
panel = cluster_panel(seed=1)
panel

# %% [markdown]
# The same panel, driven from code (this is what it shows for each choice):

# %%
for name in nb11_clusters.VARIANTS:
    panel.select(name)
    print(f"== {name}")
    print(panel.variant.summary())
    print()

# %% [markdown]
# ### In an interview
#
# - Why must every Expressway cluster be refreshed on its own, and what breaks when one is not?
#   ([MRA](10-interview-preparation.ipynb#topic-mra))
# - Some users fail and others sign in, depending on the edge they reach: how do you prove it
#   from the logs? ([troubleshooting](10-interview-preparation.ipynb#topic-troubleshooting))
# - What does Refresh servers fetch, and when must it run?
#   ([tokens and keys](10-interview-preparation.ipynb#topic-tokens-and-keys))
# - How does Expressway-C find a user's home CUCM cluster, and what does the UDS clusterUser
#   answer contain? ([MRA](10-interview-preparation.ipynb#topic-mra))
