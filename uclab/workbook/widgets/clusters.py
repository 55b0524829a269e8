"""The cluster variants panel of notebook 11, section 2: pick one cluster, two Expressway
clusters (both refreshed, or the second not), or two CUCM clusters; see who signed in through
which edge, what each Expressway-C was told, and the ladder of the last sign-in.

Every decision is :mod:`uclab.workbook.probes.nb11_clusters`'s; the panel only shows it.
"""

from __future__ import annotations

import threading
from typing import Any

import ipywidgets as widgets

from uclab.core.errors import UclabError
from uclab.workbook.probes.nb11_clusters import VARIANTS, Variant, run_variant, told
from uclab.workbook.widgets.output import set_status, show_ladder, show_text

__all__ = ["ClusterPanel", "cluster_panel"]


class ClusterPanel(widgets.VBox):
    """A dropdown of :data:`VARIANTS`; each change rebuilds the variant's lab and redraws.

    Drive it without clicks: ``select(name)``; read ``variant``, ``figure`` and ``status``."""

    def __init__(self, seed: int = 1, variant: str = VARIANTS[0]) -> None:
        self.seed = seed
        self.lock = threading.RLock()
        self.variant: Variant | None = None
        self.figure: Any = None
        self.dropdown = widgets.Dropdown(options=list(VARIANTS), value=VARIANTS[0],
                                         description="Deployment",
                                         layout=widgets.Layout(width="95%"))
        self.status = widgets.HTML()
        self.text = widgets.Output()
        self.ladder = widgets.Output()
        super().__init__(children=[self.dropdown, self.status, self.text, self.ladder])
        self.dropdown.observe(lambda change: self.select(change["new"]), names="value")
        self.select(variant)

    def __repr__(self) -> str:
        return f"ClusterPanel(variant={self.dropdown.value!r}, seed={self.seed!r})"

    def select(self, name: str) -> Variant | None:
        """Run the variant ``name`` and redraw; an unknown name is said in the status."""
        with self.lock:
            if name not in VARIANTS:
                set_status(self.status, f"unknown variant {name!r}; pick one from the list",
                           ok=False)
                return None
            if self.dropdown.value != name:
                self.dropdown.value = name  # observe() calls select(name) again
                return self.variant
            try:
                variant = run_variant(name, self.seed)
            except UclabError as exc:
                set_status(self.status, f"cannot build this variant: {exc}", ok=False)
                return None
            self.variant = variant
            with variant.lab.lock:
                every_ok = all(o for _, _, o in variant.outcomes)
                set_status(self.status, "every user signed in" if every_ok else
                           "some users signed in, others did not", ok=every_ok)
                show_text(self.text, "Sign-ins, in order:\n" + variant.summary()
                          + "\n\nWhat each Expressway-C was told:\n" + told(variant.lab))
                user = variant.outcomes[-1][0]
                self.figure = show_ladder(self.ladder, variant.exchanges,
                                          title=f"{user}'s sign-in", outcome=variant.last)
            return variant


def cluster_panel(seed: int = 1, variant: str = VARIANTS[0]) -> ClusterPanel:
    """The cluster variants panel (see :class:`ClusterPanel`)."""
    return ClusterPanel(seed, variant)
