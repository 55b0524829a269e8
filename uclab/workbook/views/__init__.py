"""Pictures of the lab: a ladder diagram of a trace (:mod:`.ladder`, each hop
read in its own protocol by :mod:`uclab.trace.hop_text`), the deployment map with key
checksums (:mod:`.key_map`), the token timeline of days of use (:mod:`.timeline`), and long
logs folded with the lines that matter highlighted (:mod:`.log_fold`, HTML rather than
plotly); the template, colours and escaping the figures share are in :mod:`.figure`.

Every builder *returns* a ``plotly.graph_objects.Figure`` and never displays it. Figures use
the small explicit :data:`TEMPLATE` (no plotly default template, so a plotly patch release does
not change them), carry no random ids, and are identical for identical input (same seed, same
``fig.to_dict()``). ``layout.meta`` says which view a figure is and what it shows, so widgets and
tests need not parse labels. Bad input raises :class:`~uclab.core.errors.ConfigError` naming what
was expected; empty input gives a figure with an explanatory annotation.

Only ``plotly.graph_objects`` is used (``plotly.express`` needs numpy; NOTEBOOK-TOOLING.md
finding 7). Used in: notebooks/00, 03, 05, 07, 08.
"""

from uclab.trace.hop_text import summary as hop_summary
from uclab.workbook.views.figure import (
    CURRENT_COLOR,
    ERROR_COLOR,
    FONT,
    HIGHLIGHT_FILL,
    NOKEYS_COLOR,
    OK_COLOR,
    STALE_COLOR,
    TEMPLATE,
    TRANSPORT_COLOR,
)
from uclab.workbook.views.key_map import (
    MAP_CURRENT,
    MAP_KEYFLOW,
    MAP_NOKEYS,
    MAP_STALE,
    MAP_TRAFFIC,
    deployment_map,
)
from uclab.workbook.views.ladder import (
    LANE_ORDER,
    LANE_ROLES,
    MAX_LADDER_HOPS,
    ladder,
    lane_order,
)
from uclab.workbook.views.log_fold import DEFAULT_MARKS, FoldedLog, folded_log
from uclab.workbook.views.timeline import token_timeline
from uclab.workbook.views.triage import triage_figure

__all__ = [
    "CURRENT_COLOR", "DEFAULT_MARKS", "ERROR_COLOR", "FONT", "HIGHLIGHT_FILL", "LANE_ORDER",
    "LANE_ROLES", "FoldedLog",
    "MAP_CURRENT", "MAP_KEYFLOW", "MAP_NOKEYS", "MAP_STALE", "MAP_TRAFFIC", "MAX_LADDER_HOPS",
    "NOKEYS_COLOR", "OK_COLOR", "STALE_COLOR", "TEMPLATE", "TRANSPORT_COLOR", "deployment_map",
    "folded_log", "hop_summary", "ladder", "lane_order", "token_timeline", "triage_figure",
]
