"""The static workbook (``python3 dev.py export``) opened from disk in headless Chromium: the index
links every notebook, each page draws its plotly figures with a non-zero size from the one shared
plotly.min.js, each panel shows its saved picture, nothing is fetched from the network, and the
console stays clean."""

from __future__ import annotations

import subprocess
import sys

import pytest

playwright = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")

from browser_lab import NOTEBOOKS, ROOT, launched_chromium, saved_counts, shot  # noqa: E402

pytestmark = pytest.mark.browser
NAMES = sorted(p.stem for p in NOTEBOOKS.glob("*.ipynb"))


@pytest.fixture(scope="module")
def exported(tmp_path_factory):
    out = tmp_path_factory.mktemp("export")
    done = subprocess.run([sys.executable, str(ROOT / "scripts" / "export_workbook.py"),
                           str(out)], capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-2000:]
    return out


@pytest.fixture(scope="module")
def browser():
    with launched_chromium() as chromium:
        yield chromium


def test_the_export_writes_plotly_once_and_an_index_linking_every_page(exported):
    assert (exported / "plotly.min.js").stat().st_size > 1_000_000
    index = (exported / "index.html").read_text(encoding="utf-8")
    for stem in NAMES:
        page = (exported / f"{stem}.html").read_text(encoding="utf-8")
        assert f'href="{stem}.html"' in index
        assert page.count('src="plotly.min.js"') == 1
        assert "Plotly.newPlot" in page or not saved_counts(NOTEBOOKS / f"{stem}.ipynb")[0]
        assert "cdn.plot.ly" not in page and "plotly.js v" not in page[:200_000]


@pytest.mark.parametrize("stem", NAMES)
def test_an_exported_page_draws_its_figures_and_panels_offline(exported, browser, stem):
    context = browser.new_context(viewport={"width": 1300, "height": 900})
    page = context.new_page()
    problems: list[str] = []
    page.on("console", lambda m: m.type == "error" and problems.append(m.text))
    page.on("pageerror", lambda e: problems.append(f"page error: {e}"))
    fetched: list[str] = []

    def refuse(route):
        fetched.append(route.request.url)
        route.abort()

    page.route("http*://**", refuse)
    try:
        page.goto((exported / f"{stem}.html").as_uri())
        page.wait_for_load_state("load")
        page.wait_for_timeout(1000)
        plots, widget_views = saved_counts(NOTEBOOKS / f"{stem}.ipynb")
        sizes = page.eval_on_selector_all(
            ".uclab-plot .main-svg:first-of-type",
            "els => els.map(e => { const r = e.getBoundingClientRect(); "
            "return [r.width, r.height]; })")
        assert len(sizes) == plots, f"{len(sizes)} figures drawn of {plots}"
        assert all(w > 0 and h > 0 for w, h in sizes), sizes
        assert page.locator(".uclab-snapshot").count() >= widget_views
        assert not fetched, f"the page fetched from the network: {fetched[:3]}"
        assert not problems, problems[:3]
    except AssertionError as exc:
        path = shot(page, f"export-{stem}")
        raise AssertionError(f"{stem}.html: {exc} (screenshot: {path})") from None
    finally:
        context.close()
