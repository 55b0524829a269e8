"""Drive JupyterLab in headless Chromium for the browser tests (tests/browser/).

A JupyterLab server is started on a free loopback port with a random token, over a temporary
copy of the notebooks (so autosave never touches the committed ones), with user settings that
draw every cell (no windowing, so each output is in the page) and fetch no news. Chromium is
found by :func:`chromium_path` and launched by its path with ``--no-sandbox``: no browser is
downloaded at test time (``.ci/run`` / ``dev.py test`` install Debian's ``chromium`` when absent).
"""

from __future__ import annotations

import contextlib
import json
import os
import secrets
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from playwright.sync_api import TimeoutError as PlaywrightTimeout

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOKS = ROOT / "notebooks"
SHOTS = ROOT / ".browser-screenshots"
#: where a Chromium may be, in the order tried (UCLAB_CHROMIUM first)
CANDIDATES = ("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome")
#: widget fallbacks JupyterLab shows when a widget view did not render
WIDGET_FALLBACKS = ("Error displaying widget", "Loading widget", "model not found")
SETTINGS = {
    "@jupyterlab/notebook-extension/tracker.jupyterlab-settings": {"windowingMode": "none"},
    "@jupyterlab/apputils-extension/notification.jupyterlab-settings": {
        "fetchNews": "false", "checkForUpdates": False},
    "@jupyterlab/apputils-extension/kernels-settings.jupyterlab-settings": {
        "commsOverSubshells": "disabled"},
}


def chromium_path() -> str | None:
    """The Chromium to launch: ``$UCLAB_CHROMIUM``, a Debian/Ubuntu path, or one on PATH."""
    given = os.environ.get("UCLAB_CHROMIUM")
    if given:
        return given
    for path in CANDIDATES:
        if Path(path).exists():
            return path
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    return None


@contextlib.contextmanager
def launched_chromium():
    """Chromium launched by its path (``--no-sandbox``), closed afterwards; fails the test with
    what to install when there is none."""
    import pytest
    from playwright.sync_api import sync_playwright

    path = chromium_path()
    if path is None:
        pytest.fail("no Chromium found: install Debian's chromium (apt-get install chromium; "
                    "python3 dev.py test does it when it can) or set UCLAB_CHROMIUM to a "
                    "Chromium/Chrome binary")
    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=path, args=["--no-sandbox"])
        try:
            yield chromium
        finally:
            chromium.close()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class LabServer:
    """A JupyterLab server over a copy of the notebooks; stop it with :meth:`stop`."""

    def __init__(self, workdir: Path) -> None:
        self.root = workdir / "root"
        shutil.copytree(NOTEBOOKS, self.root, ignore=shutil.ignore_patterns("src", "*.md"))
        settings = workdir / "settings"
        for name, value in SETTINGS.items():
            path = settings / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(json.dumps(value))
        self.port, self.token = _free_port(), secrets.token_hex(16)
        self.log = workdir / "jupyterlab.log"
        env = dict(os.environ, JUPYTERLAB_SETTINGS_DIR=str(settings),
                   JUPYTERLAB_WORKSPACES_DIR=str(workdir / "workspaces"),
                   JUPYTER_RUNTIME_DIR=str(workdir / "runtime"))
        cmd = [sys.executable, "-m", "jupyterlab", "--no-browser", f"--port={self.port}",
               "--ServerApp.ip=127.0.0.1", f"--IdentityProvider.token={self.token}",
               f"--ServerApp.root_dir={self.root}", "--ServerApp.open_browser=False"]
        if hasattr(os, "geteuid") and os.geteuid() == 0:
            cmd.append("--allow-root")
        self._log_file = self.log.open("w")
        self.process = subprocess.Popen(cmd, stdout=self._log_file, stderr=subprocess.STDOUT,
                                        env=env, cwd=self.root)
        self._wait()

    def _wait(self) -> None:
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                self._log_file.close()
                raise RuntimeError("JupyterLab exited: " + self.log.read_text()[-2000:])
            try:
                urllib.request.urlopen(f"{self.base}/api/status?token={self.token}", timeout=2)
                return
            except OSError:
                time.sleep(0.3)
        raise RuntimeError("JupyterLab did not start in 90 s: " + self.log.read_text()[-2000:])

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def url(self, notebook: str) -> str:
        return f"{self.base}/lab/tree/{notebook}?reset&token={self.token}"

    def shutdown_kernels(self) -> None:
        """Stop every kernel the server runs (each test opens its own)."""
        auth = {"Authorization": f"token {self.token}"}
        with urllib.request.urlopen(urllib.request.Request(f"{self.base}/api/kernels",
                                                           headers=auth), timeout=10) as r:
            kernels = json.load(r)
        for kernel in kernels:
            request = urllib.request.Request(f"{self.base}/api/kernels/{kernel['id']}",
                                             method="DELETE", headers=auth)
            urllib.request.urlopen(request, timeout=30).close()

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self._log_file.close()


def saved_counts(notebook: Path) -> tuple[int, int]:
    """How many plotly figures and widget views the saved notebook's outputs hold."""
    nb = json.loads(notebook.read_text(encoding="utf-8"))
    plots = widgets = 0
    for cell in nb["cells"]:
        for out in cell.get("outputs", []):
            data = out.get("data", {})
            plots += "application/vnd.plotly.v1+json" in data
            widgets += "application/vnd.jupyter.widget-view+json" in data
    return plots, widgets


#: the notebook panel on show (JupyterLab keeps hidden panels in the page)
PANEL = ".jp-NotebookPanel:not(.lm-mod-hidden)"


def open_notebook(page, server: LabServer, notebook: str) -> None:
    page.goto(server.url(notebook))
    page.wait_for_selector(f"{PANEL} .jp-Notebook .jp-Cell", timeout=90_000)
    dialog = page.locator(".jp-Dialog", has_text="Select Kernel")
    try:
        dialog.wait_for(timeout=5_000)
        dialog.locator(".jp-Dialog-button.jp-mod-accept").click()
    except PlaywrightTimeout:
        pass
    page.wait_for_selector(".jp-Notebook-ExecutionIndicator[data-status='idle']",
                           timeout=90_000)


def _menu(page, menu: str, item: str) -> None:
    page.locator(".lm-MenuBar-itemLabel", has_text=menu).first.click()
    page.locator(".lm-Menu-itemLabel", has_text=item).first.click()


def run_all(page, timeout_s: float = 420) -> None:
    """Clear the saved outputs, Run > Run All Cells, then wait until every code cell has an
    execution count again and the kernel is idle."""
    _menu(page, "Edit", "Clear Outputs of All Cells")
    page.wait_for_function(
        """() => [...document.querySelectorAll(
                   '.jp-NotebookPanel:not(.lm-mod-hidden) .jp-CodeCell .jp-InputPrompt')]
                 .every(e => !/\\d/.test(e.textContent))""", timeout=30_000)
    _menu(page, "Run", "Run All Cells")
    page.wait_for_function(
        """() => { const p = [...document.querySelectorAll(
                   '.jp-NotebookPanel:not(.lm-mod-hidden) .jp-CodeCell .jp-InputPrompt')]
                   .map(e => e.textContent.trim());
                   return p.length > 0 && p.every(t => /^\\[\\d+\\]:?$/.test(t)); }""",
        timeout=timeout_s * 1000)
    page.wait_for_selector(".jp-Notebook-ExecutionIndicator[data-status='idle']",
                           timeout=timeout_s * 1000)
    page.wait_for_timeout(1500)  # let plotly and the widget views draw


def error_outputs(page) -> list[str]:
    """Texts of error outputs (tracebacks) shown in the notebook."""
    return page.eval_on_selector_all(
        f"{PANEL} .jp-OutputArea-output[data-mime-type='application/vnd.jupyter.error'], "
        f"{PANEL} .jp-RenderedText[data-mime-type='application/vnd.jupyter.error']",
        "els => els.map(e => e.innerText.slice(0, 400))")


def plot_sizes(page) -> list[tuple[float, float]]:
    return page.eval_on_selector_all(
        f"{PANEL} .js-plotly-plot .main-svg:first-of-type",
        "els => els.map(e => { const r = e.getBoundingClientRect(); return [r.width, r.height]; })")


def shot(page, name: str) -> Path:
    SHOTS.mkdir(exist_ok=True)
    path = SHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path
