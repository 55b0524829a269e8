"""Example counts for the property tests under tests/fuzz: bounded in CI, many more on request.

``python3 dev.py fuzz`` sets ``HYPOTHESIS_PROFILE=fuzz``: every count is then multiplied by
:data:`FUZZ_FACTOR`.
"""

from __future__ import annotations

import os
import re

from hypothesis import HealthCheck, settings

FUZZ_FACTOR = 100
LONG_RUN = os.environ.get("HYPOTHESIS_PROFILE") == "fuzz"

#: what must never reach a client: Python's own error text
INTERNAL = re.compile(r"Traceback|(?:Key|Attribute|Type|Value|Index|Recursion|Overflow|"
                      r"UnicodeDecode|Assertion|ZeroDivision|Name)Error|\bline \d+, in\b")


def examples(n: int) -> settings:
    """``n`` examples (``n * FUZZ_FACTOR`` in a fuzz run), no deadline."""
    return settings(max_examples=n * FUZZ_FACTOR if LONG_RUN else n, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow,
                                           HealthCheck.function_scoped_fixture,
                                           HealthCheck.data_too_large])
