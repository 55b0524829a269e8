"""Every product-facing name, default, range, port, URL path, log module, CLI text and error text
of the lab, each one registry entry with its source.

The source keys (S1, S2, ...) are those of the project's fact sheet
(``shared/facts/cisco-uc-oauth.md``); ``confirmed=False`` marks an [U] fact: inferred,
third-party, a field observation from the seed article, or a choice the lab had to make
where no source exists. Each entry's ``evidence`` says which: ``documented``, ``inferred`` or
``lab-only``. Code and notebooks refer to these constants, never to a retyped copy
(:func:`uclab.facts.scan.stray_literals` finds retyped ports, paths and names).

A :class:`Fact` *is* its text (a ``str`` subclass) and a :class:`Number` its value (an ``int``
subclass), so either can be used wherever the plain value is expected, and still answers
``.source``, ``.confirmed``, ``.label``, ``.evidence``, ``.note``, ``.kind``, ``.product`` and
``.name``.

The entries live in one module per product (:mod:`~uclab.facts.cucm`,
:mod:`~uclab.facts.expressway`, :mod:`~uclab.facts.imp`, :mod:`~uclab.facts.unity`,
:mod:`~uclab.facts.jabber`, :mod:`~uclab.facts.rfc`, :mod:`~uclab.facts.lab`, some split in
two); every name is re-exported here, so ``facts.PARAM_SECTION`` works. The registry API:
:func:`entries`, :func:`find`, :func:`listing`.
"""

from __future__ import annotations

from uclab.facts.apns import *  # noqa: F403

# Every product module's entries, re-exported; uclab.facts.registry lists the modules.
from uclab.facts.clusters import *  # noqa: F403
from uclab.facts.cucm import *  # noqa: F403
from uclab.facts.cucm_tools import *  # noqa: F403
from uclab.facts.drill import *  # noqa: F403
from uclab.facts.endpoint_grammar import *  # noqa: F403
from uclab.facts.endpoint_logs import *  # noqa: F403
from uclab.facts.entry import EVIDENCE, KINDS, LAB_SOURCES, SEED, Entry, Fact, Number  # noqa: F401
from uclab.facts.expressway import *  # noqa: F403
from uclab.facts.expressway_grammar import *  # noqa: F403
from uclab.facts.expressway_logs import *  # noqa: F403
from uclab.facts.expressway_tools import *  # noqa: F403
from uclab.facts.imp import *  # noqa: F403
from uclab.facts.imp_xcp import *  # noqa: F403
from uclab.facts.inferences import *  # noqa: F403
from uclab.facts.jabber import *  # noqa: F403
from uclab.facts.jabber_prt import *  # noqa: F403
from uclab.facts.jabber_tools import *  # noqa: F403
from uclab.facts.lab import *  # noqa: F403
from uclab.facts.microsoft import *  # noqa: F403
from uclab.facts.oauth_profiles import *  # noqa: F403
from uclab.facts.registry import MODULES, PRODUCTS, entries, find, listing  # noqa: F401
from uclab.facts.rfc import *  # noqa: F403
from uclab.facts.server_grammar import *  # noqa: F403
from uclab.facts.sip_oauth import *  # noqa: F403
from uclab.facts.sso import *  # noqa: F403
from uclab.facts.unity import *  # noqa: F403
from uclab.facts.webex_app import *  # noqa: F403
