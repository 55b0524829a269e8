"""Every notebook opened in JupyterLab in headless Chromium, all cells run, what the learner sees
checked: no error output, every widget view rendered (no fallback text), every plotly figure
drawn with a non-zero size, no browser console error, and in each notebook with widgets at
least one click changes what is shown; the fault panel: toggle a fault → the login fails, fix →
it passes. nbval compares saved outputs; only this draws them. Screenshots of a failure are
kept in ``.browser-screenshots/``."""

from __future__ import annotations

import pytest

playwright = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")

from browser_lab import (  # noqa: E402
    NOTEBOOKS,
    PANEL,
    WIDGET_FALLBACKS,
    LabServer,
    error_outputs,
    launched_chromium,
    open_notebook,
    plot_sizes,
    run_all,
    saved_counts,
    shot,
)

from uclab.diagnose import excerpts  # noqa: E402
from uclab.faults import FAULTS  # noqa: E402

#: what the file picker of an upload widget (notebook 09) is given: a real public excerpt
UPLOADED = excerpts()["jabber-uds-403-end-user-role-missing.log"]

pytestmark = pytest.mark.browser
NAMES = sorted(p.name for p in NOTEBOOKS.glob("*.ipynb"))
#: what the fault panel's status turns to (uclab.workbook.widgets.output OK / BAD)
GREEN, RED = "rgb(26, 127, 55)", "rgb(176, 0, 32)"


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    lab = LabServer(tmp_path_factory.mktemp("jupyterlab"))
    yield lab
    lab.stop()


@pytest.fixture(scope="module")
def browser():
    with launched_chromium() as chromium:
        yield chromium


@pytest.fixture
def page(browser, server):
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    page.console_errors = []
    page.on("console", lambda m: m.type == "error" and page.console_errors.append(m.text))
    page.on("pageerror", lambda e: page.console_errors.append(f"page error: {e}"))
    yield page
    context.close()
    server.shutdown_kernels()


def _check(page, name: str, condition: bool, message: str) -> None:
    if not condition:
        path = shot(page, name.replace(".ipynb", ""))
        pytest.fail(f"{name}: {message} (screenshot: {path})")


def _notebook_text(page) -> str:
    return page.locator(f"{PANEL} .jp-Notebook").inner_text()


def _click_until_something_changes(page) -> str | None:
    """Type into the notebook's widget text fields, then click its widget buttons one by
    one; the label of the first click that changed what the notebook shows, or None. A click
    that opens a file picker (an upload widget) is answered with a real log excerpt."""
    page.on("filechooser", lambda chooser: chooser.set_files(str(UPLOADED)))
    fields = page.locator(f"{PANEL} .jupyter-widgets textarea, "
                          f"{PANEL} .jupyter-widgets input[type='text']")
    for i in range(fields.count()):
        fields.nth(i).fill("not.a-token")  # what a careless learner might paste
    buttons = page.locator(f"{PANEL} .jp-OutputArea-output .jupyter-widgets button.jupyter-button")
    for i in range(min(buttons.count(), 12)):
        button = buttons.nth(i)
        if not button.is_enabled():
            continue
        before = _notebook_text(page)
        button.scroll_into_view_if_needed()
        button.click()
        for _ in range(40):
            page.wait_for_timeout(250)
            if _notebook_text(page) != before:
                return button.inner_text() or f"button {i}"
    return None


@pytest.mark.parametrize("name", NAMES)
def test_the_notebook_runs_and_renders_in_a_real_browser(server, page, name):
    open_notebook(page, server, name)
    run_all(page)
    errors = error_outputs(page)
    _check(page, name, not errors, f"error output after running all cells: {errors[:2]}")
    text = _notebook_text(page)
    fallbacks = [f for f in WIDGET_FALLBACKS if f in text]
    _check(page, name, not fallbacks, f"widget views did not render: {fallbacks}")
    plots, widget_views = saved_counts(NOTEBOOKS / name)
    sizes = plot_sizes(page)
    _check(page, name, len(sizes) >= plots,
           f"{len(sizes)} plotly figures drawn, the saved notebook has {plots}")
    _check(page, name, all(w > 0 and h > 0 for w, h in sizes),
           f"a plotly figure has no size: {sizes}")
    drawn = page.locator(f"{PANEL} .jp-OutputArea-output .jupyter-widgets").count()
    _check(page, name, drawn >= widget_views,
           f"{drawn} widget views drawn, the saved notebook has {widget_views}")
    if widget_views:
        changed = _click_until_something_changes(page)
        _check(page, name, changed is not None, "no widget click changed what is shown")
    _check(page, name, not page.console_errors,
           f"browser console errors: {page.console_errors[:3]}")


def test_the_fault_panel_shows_the_failure_and_the_fix_in_a_real_browser(server, page):
    name = "00-welcome.ipynb"
    fault = next(iter(FAULTS.values()))
    open_notebook(page, server, name)
    run_all(page)
    panel = page.locator(f"{PANEL} .jupyter-widgets.widget-vbox",
                         has=page.locator("button", has_text="Run login")).first
    panel.scroll_into_view_if_needed()
    panel.locator(".widget-dropdown select").first.select_option(label=fault.title)
    status = panel.locator(".widget-html span[style]").last

    def status_colour_after(click: str, want: str) -> str:
        panel.locator("button", has_text=click).first.click()
        for _ in range(240):
            page.wait_for_timeout(250)
            colour = status.evaluate("el => getComputedStyle(el).color") if status.count() else ""
            if colour == want:
                break
        return colour

    failed = status_colour_after("Run login", RED)
    _check(page, name, failed == RED, f"after 'Run login' with {fault.id} the status is "
           f"{failed}, not red: {status.inner_text()!r}")
    _check(page, name, panel.locator(".js-plotly-plot").count() >= 1,
           "no ladder drawn for the failing login")
    fixed = status_colour_after("Apply the fix", GREEN)
    _check(page, name, fixed == GREEN, f"after 'Apply the fix' the status is {fixed}, not "
           f"green: {status.inner_text()!r}")


@pytest.mark.parametrize("name", [n for n in NAMES if saved_counts(NOTEBOOKS / n)[1]])
def test_a_saved_notebook_shows_its_widgets_and_plots_before_it_is_run(server, page, name):
    """Opened without running (so not trusted): each panel shows its static snapshot (or its
    saved widget view, once trusted) and the plotly figures are drawn."""
    open_notebook(page, server, name)
    page.wait_for_timeout(3000)
    plots, widget_views = saved_counts(NOTEBOOKS / name)
    text = _notebook_text(page)
    fallbacks = [f for f in WIDGET_FALLBACKS if f in text]
    _check(page, name, not fallbacks, f"saved widget views did not render: {fallbacks}")
    drawn = page.locator(f"{PANEL} .jp-OutputArea-output .jupyter-widgets, "
                         f"{PANEL} .jp-OutputArea-output .uclab-snapshot").count()
    _check(page, name, drawn >= widget_views,
           f"{drawn} saved widget views or snapshots drawn, the notebook has {widget_views}")
    _check(page, name, "FaultPanel(" not in text and "TokenInspector(" not in text,
           "a panel shows as its text repr")
    sizes = plot_sizes(page)
    _check(page, name, len(sizes) >= plots and all(w > 0 and h > 0 for w, h in sizes),
           f"saved plotly figures not drawn: {sizes} (the notebook has {plots})")
