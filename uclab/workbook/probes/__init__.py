"""Probes: each computes the true answer of an exercise from a fresh, seeded lab.

An exercise in ``uclab/workbook/exercises/NN.toml`` names its probe (``probe =
"function_name"``); the tests run every probe and check that the answer key agrees with the
lab, so an answer key can never drift from what the simulation does. A probe takes the seed and
returns the answer in the form :func:`uclab.workbook.checks.check` accepts (a choice's text, a
list, a number, a string).

One module per notebook (``nb06_xmpp_sasl_case`` for notebooks/06-xmpp-sasl-case), the labs
they start from in :mod:`.labs`, the registry in :mod:`.registry`. Register a probe with the
:func:`probe` decorator::

    @probe
    def my_question(seed: int) -> str:
        lab = ...
        return "yes"
"""

from uclab.workbook.probes.registry import PROBES, Probe, probe, run

# The notebooks' modules register their probes on import, in this order: the order of PROBES
# (and of its error text) is the order of the original single module.
# isort: off
from uclab.workbook.probes import nb06_xmpp_sasl_case, nb07_refresh_expiry_revocation
from uclab.workbook.probes import nb02_tokens, nb03_keys, nb04_grant_flows, nb05_mra_login
from uclab.workbook.probes import nb00_welcome, nb01_oauth_roles
from uclab.workbook.probes import nb08_troubleshooting_drill
from uclab.workbook.probes import nb09_read_real_logs
from uclab.workbook.probes import nb11_modern
from uclab.workbook.probes import nb11_sip
from uclab.workbook.probes import nb11_apns, nb11_microsoft, nb11_webex
from uclab.workbook.probes import nb11_sso
from uclab.workbook.probes import nb11_clusters
# isort: on
from uclab.workbook.probes.nb01_oauth_roles import NB01_EXPC_JOBS
from uclab.workbook.probes.nb02_tokens import NB02_FEATURE_CHOICES, NB02_KEY_CHOICES
from uclab.workbook.probes.nb03_keys import NB03_COPY_CHOICES, NB03_EXPC_FIX_CANDIDATES
from uclab.workbook.probes.nb05_mra_login import LOGIN_REQUESTS
from uclab.workbook.probes.nb06_xmpp_sasl_case import SEED_FIX_CANDIDATES
from uclab.workbook.probes.nb07_refresh_expiry_revocation import NEW_PASSWORD_07

__all__ = [
    "nb00_welcome", "nb01_oauth_roles", "nb02_tokens", "nb03_keys", "nb04_grant_flows",
    "nb05_mra_login", "nb06_xmpp_sasl_case", "nb07_refresh_expiry_revocation",
    "nb08_troubleshooting_drill", "nb09_read_real_logs",
    "nb11_modern",
    "nb11_sip",
    "nb11_apns", "nb11_microsoft", "nb11_webex",
    "nb11_sso",
    "nb11_clusters",
    "LOGIN_REQUESTS", "NB01_EXPC_JOBS", "NB02_FEATURE_CHOICES", "NB02_KEY_CHOICES",
    "NB03_COPY_CHOICES", "NB03_EXPC_FIX_CANDIDATES", "NEW_PASSWORD_07", "PROBES",
    "SEED_FIX_CANDIDATES", "Probe", "probe", "run",
]
