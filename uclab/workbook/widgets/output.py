"""Writing into a panel's widgets: text and figures into an ``Output``, a coloured line into a
status ``HTML``, and the ladder figure (or why it is missing).

``Output.append_stdout`` and explicit output entries are captured everywhere (nbval, tests
without a kernel); ``with out:`` is not (NOTEBOOK-TOOLING.md findings 4, 6).
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from typing import Any

import ipywidgets as widgets

from uclab.core.wire import Exchange
from uclab.trace.file import Trace

#: status colours: success and failure
OK, BAD = "#1a7f37", "#b00020"


def show_text(out: widgets.Output, text: str) -> None:
    """Replace an Output's content with ``text`` (append_stdout: captured everywhere)."""
    out.outputs = ()
    if text:
        out.append_stdout(text if text.endswith("\n") else text + "\n")


def show_html(out: widgets.Output, item: Any) -> None:
    """Replace an Output's content with an object that has ``_repr_html_`` and a text form
    (both stored, so nbval and tests without a kernel read the text)."""
    out.outputs = ({"output_type": "display_data", "metadata": {},
                    "data": {"text/plain": str(item), "text/html": item._repr_html_()}},)


def show_figure(out: widgets.Output, fig: Any) -> None:
    """Replace an Output's content with a figure. In a kernel, IPython's formatter renders it
    (plotly's mime bundle); outside one it has no formatter, so a text line stands in."""
    out.outputs = ()
    if fig is None:
        return
    try:
        from IPython import get_ipython
    except ImportError:  # pragma: no cover - ipywidgets depends on IPython
        get_ipython = None  # type: ignore[assignment]
    if get_ipython is not None and get_ipython() is not None:
        # A plotly figure has _ipython_display_, so append_display_data (IPython's formatter)
        # would publish it to the *current cell* and leave an empty entry in the Output; put
        # its mime bundle into the Output instead.
        bundle = fig._repr_mimebundle_() if hasattr(fig, "_repr_mimebundle_") else None
        if bundle:
            out.outputs += ({"output_type": "display_data", "metadata": {}, "data": bundle},)
        else:
            out.append_display_data(fig)
    else:
        title = getattr(getattr(fig.layout, "title", None), "text", None) or "figure"
        out.outputs += ({"output_type": "display_data", "metadata": {},
                         "data": {"text/plain": f"<plotly figure: {title}>"}},)


def set_status(widget: widgets.HTML, text: str, ok: bool | None = None) -> None:
    """One escaped line in a status widget: green (ok), red (not ok) or plain (None)."""
    colour = "" if ok is None else f" style='color:{OK if ok else BAD}'"
    widget.value = f"<span{colour}>{html.escape(text)}</span>"


def ladder_figure(source: Trace | Sequence[Exchange], *, title: str = "",
                  highlight: int | None = None, outcome: Any = None) -> tuple[Any, str]:
    """The ladder figure from :mod:`uclab.workbook.views`, or None and why it is missing."""
    try:
        from uclab.workbook import views
    except ImportError as exc:
        return None, f"ladder unavailable: uclab.workbook.views cannot be imported ({exc})"
    try:
        return views.ladder(source, title=title, highlight=highlight, outcome=outcome), ""
    except Exception as exc:  # noqa: BLE001 - a drawing bug must not break the panel
        return None, f"ladder unavailable: {type(exc).__name__}: {exc}"


def show_ladder(out: widgets.Output, source: Trace | Sequence[Exchange], *, title: str = "",
                highlight: int | None = None, outcome: Any = None) -> Any:
    """Draw the ladder into ``out`` (or say why it is missing); returns the figure or None."""
    fig, why = ladder_figure(source, title=title, highlight=highlight, outcome=outcome)
    show_figure(out, fig)
    if why:
        out.append_stdout(why + "\n")
    return fig
