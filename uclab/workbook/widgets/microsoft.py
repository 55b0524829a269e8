"""The Office 365 panel of notebook 11 section 6: Unity Connection syncs a voicemail to
Exchange Online as an OAuth client of the Microsoft identity platform, working, with a wrong
client secret, or without admin consent; each change redraws the ladder (lab model of
CUCUM15 / MSCLIENTCREDS, :func:`uclab.workbook.probes.nb11_microsoft.office365`)."""

from __future__ import annotations

import threading

import ipywidgets as widgets

from uclab.trace.hop_text import summary
from uclab.workbook.probes import nb11_microsoft
from uclab.workbook.widgets.output import set_status, show_ladder, show_text


class Office365Panel(widgets.VBox):
    """Switch the variant; see the exchanges and the ladder."""

    def __init__(self, seed: int = 1) -> None:
        self.seed = seed
        self.lock = threading.RLock()
        self.result: tuple[bool, str] = (False, "")
        self.exchanges: list = []
        self.figure = None
        self.variant = widgets.ToggleButtons(options=nb11_microsoft.O365_VARIANTS,
                                             value="working", description="variant")
        self.status = widgets.HTML()
        self.hops = widgets.Output()
        self.ladder = widgets.Output()
        super().__init__(children=[self.variant, self.status, self.hops, self.ladder])
        self.variant.observe(lambda change: self.update(), names="value")
        self.update()

    def choose(self, variant: str) -> str:
        with self.lock:
            self.variant.value = variant  # observe runs update()
        return self.text()

    def update(self) -> None:
        with self.lock:
            _, self.result, self.exchanges = nb11_microsoft.office365(self.seed,
                                                                      self.variant.value)
            set_status(self.status, f"voicemail sync: {self.result[1]}", ok=self.result[0])
            show_text(self.hops, self.text())
            self.figure = show_ladder(self.ladder, self.exchanges,
                                      title=f"Unity Connection and Office 365: "
                                      f"{self.variant.value}")

    def text(self) -> str:
        lines = [f"{'OK' if self.result[0] else 'FAILED'}: {self.result[1]}"]
        lines += [f"  {i:>2}  {summary(ex)}" for i, ex in enumerate(self.exchanges, 1)]
        return "\n".join(lines)


def office365_panel(seed: int = 1) -> Office365Panel:
    return Office365Panel(seed)
