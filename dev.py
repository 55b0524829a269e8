#!/usr/bin/env python3
"""Developer entry point for uclab. Needs only a bare python3 >= 3.11 (standard library only).

    python3 dev.py lab  [jupyter lab args...]   set up .venv, open the workbook in JupyterLab
    python3 dev.py test [pytest args...]        set up .venv (and Chromium), run pytest (notebooks
                                                and the real-browser tests too), then ruff
    python3 dev.py bench [script args...]       set up .venv, run every bench/*.py
    python3 dev.py export [DIR]                 set up .venv, write the workbook as static HTML
                                                (default build/workbook-html; index.html)
    python3 dev.py fuzz [pytest args...]        set up .venv, run tests/fuzz with many more examples

Set-up, shared by all commands: create .venv if missing (and upgrade its pip), run
`pip install -e ".[dev]"` when pyproject.toml changed since the last install (a hash is kept in
.venv/uclab-install.stamp), and install a JupyterLab settings override that turns comms over
kernel subshells off, so widget callbacks run on the kernel's main thread.

The extras are pyproject.toml's: `workbook` (JupyterLab, ipywidgets, plotly, nbval, jupytext)
is what `lab` needs, `dev` is `workbook` plus the test and lint tools that `test` and `bench`
need. One .venv serves all three commands, so it always gets `dev`.
"""

# Keep this file parseable by old Pythons (3.6+: no match, walrus or PEP 604/585 annotations),
# so that an old interpreter reaches the version check below instead of a SyntaxError.
import hashlib
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

MIN_PYTHON = (3, 11)
#: the pyproject.toml extra installed into .venv (it includes the `workbook` extra)
EXTRA = "dev"

if sys.version_info < MIN_PYTHON:
    version = sys.version.split()[0]
    sys.stderr.write(f"uclab needs Python >= 3.11, this is {version} ({sys.executable})\n")
    sys.exit(1)

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
STAMP = VENV / "uclab-install.stamp"
IS_WINDOWS = os.name == "nt"
BIN = VENV / ("Scripts" if IS_WINDOWS else "bin")
PY = BIN / ("python.exe" if IS_WINDOWS else "python")

OVERRIDES_KEY = "@jupyterlab/apputils-extension:kernels-settings"
OVERRIDES = {OVERRIDES_KEY: {"commsOverSubshells": "disabled"}}


class DevError(Exception):
    """A set-up step failed; the message says what to do."""


def say(msg: str) -> None:
    print("dev.py: " + msg, flush=True)


def run(cmd: list, what: str, **kwargs) -> None:
    """Run a set-up command; raise DevError with a clear message if it fails."""
    try:
        subprocess.run([str(c) for c in cmd], check=True, cwd=ROOT, **kwargs)
    except FileNotFoundError as exc:
        raise DevError(f"{what} failed: {exc}") from exc
    except subprocess.CalledProcessError as exc:
        raise DevError(
            f"{what} failed (exit code {exc.returncode}): {' '.join(map(str, cmd))}"
        ) from exc


def child_env() -> dict:
    """Environment for tools run from the venv: venv first on PATH, writable Jupyter dirs."""
    env = dict(os.environ)
    env["VIRTUAL_ENV"] = str(VENV)
    env["PATH"] = str(BIN) + os.pathsep + env.get("PATH", "")
    env.pop("PYTHONHOME", None)
    if not home_is_writable():
        user = os.getuid() if hasattr(os, "getuid") else os.environ.get("USERNAME", "user")
        tmp = Path(tempfile.gettempdir()) / f"uclab-jupyter-{user}"
        for var, sub in (("JUPYTER_RUNTIME_DIR", "runtime"), ("IPYTHONDIR", "ipython")):
            if var not in env:
                (tmp / sub).mkdir(mode=0o700, parents=True, exist_ok=True)
                env[var] = str(tmp / sub)
        say(f"HOME is not writable: JUPYTER_RUNTIME_DIR and IPYTHONDIR under {tmp}")
    return env


def home_is_writable() -> bool:
    try:
        home = Path.home()
        with tempfile.TemporaryFile(dir=home):
            pass
    except (OSError, RuntimeError, KeyError):
        return False
    return True


def install_hash() -> str:
    """What the installed state depends on: pyproject.toml, and where the repo is (editable)."""
    digest = hashlib.sha256()
    digest.update((ROOT / "pyproject.toml").read_bytes())
    digest.update(str(ROOT).encode())
    return digest.hexdigest()


def ensure_venv() -> None:
    if not PY.exists():
        if VENV.exists():
            raise DevError(
                f"{VENV} exists but has no {PY.relative_to(ROOT)}: remove .venv and run again"
            )
        say("creating .venv")
        run(
            [sys.executable, "-m", "venv", VENV],
            "creating .venv (on Debian/Ubuntu you may need the python3-venv package)",
        )
        say("upgrading pip in .venv")
        run(
            [PY, "-m", "pip", "install", "--quiet", "--disable-pip-version-check", "-U", "pip"],
            "upgrading pip",
        )
    try:
        out = subprocess.run(
            [str(PY), "-c", "import sys; print('%d.%d' % sys.version_info[:2])"],
            check=True,
            capture_output=True,
            text=True,
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError) as exc:
        raise DevError(f"{PY} does not run ({exc}): remove .venv and run again") from exc
    if tuple(int(x) for x in out.split(".")) < MIN_PYTHON:
        raise DevError(f".venv has Python {out}, uclab needs >= 3.11: remove .venv and run again")


def ensure_installed() -> None:
    want = install_hash()
    have = STAMP.read_text().strip() if STAMP.exists() else ""
    if have == want:
        return
    say(f"installing uclab[{EXTRA}]" + (" (pyproject.toml changed)" if have else ""))
    run(
        [PY, "-m", "pip", "install", "--quiet", "--disable-pip-version-check", "-e",
         f".[{EXTRA}]"],
        f"pip install -e .[{EXTRA}]",
    )
    STAMP.write_text(want + "\n")


def ensure_lab_overrides() -> None:
    """Merge commsOverSubshells=disabled into .venv/share/jupyter/lab/settings/overrides.json."""
    path = VENV / "share" / "jupyter" / "lab" / "settings" / "overrides.json"
    data: dict = {}
    if path.exists():
        try:
            data = json.loads(path.read_text(encoding="utf-8") or "{}")
        except json.JSONDecodeError as exc:
            raise DevError(f"{path} is not valid JSON ({exc}): fix or delete it") from exc
        if not isinstance(data, dict):
            raise DevError(f"{path} does not hold a JSON object: fix or delete it")
    merged = dict(data)
    for plugin, settings in OVERRIDES.items():
        merged[plugin] = {**(merged.get(plugin) or {}), **settings}
    if merged != data:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(merged, indent=2) + "\n", encoding="utf-8")
        say(f"wrote JupyterLab override {path.relative_to(ROOT)}")


def setup() -> dict:
    ensure_venv()
    ensure_installed()
    ensure_lab_overrides()
    return child_env()


def cmd_lab(args: list) -> int:
    env = setup()
    cmd = [str(PY), "-m", "jupyterlab", f"--ServerApp.root_dir={ROOT}"]
    if (ROOT / "notebooks").is_dir():
        cmd.append("--LabApp.default_url=/lab/tree/notebooks")
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        cmd.append("--allow-root")
    cmd += args
    say("starting JupyterLab (Ctrl-C to stop)")
    os.chdir(ROOT)
    if IS_WINDOWS:  # os.execv does not replace the process on Windows
        return subprocess.call(cmd, env=env)
    os.execve(cmd[0], cmd, env)
    return 0  # not reached


#: where the real-browser tests look for Chromium (tests/browser/browser_lab.py, same order)
CHROMIUM_PATHS = ("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome")


def find_chromium():
    """The Chromium the browser tests launch: $UCLAB_CHROMIUM, a system path, or None."""
    if os.environ.get("UCLAB_CHROMIUM"):
        return os.environ["UCLAB_CHROMIUM"]
    for path in CHROMIUM_PATHS:
        if Path(path).exists():
            return path
    return None


def ensure_chromium() -> None:
    """Install Debian's chromium with apt when no Chromium is found and apt can be used (as
    root, or with password-less sudo); otherwise say how to provide one. Playwright never
    downloads a browser here."""
    if find_chromium():
        return
    apt = "/usr/bin/apt-get"
    if not Path(apt).exists():
        say("no Chromium found for the browser tests: install Chromium or Chrome and set "
            "UCLAB_CHROMIUM to its path (or run: .venv/bin/python -m playwright install "
            "chromium, then set UCLAB_CHROMIUM)")
        return
    prefix = [] if (hasattr(os, "geteuid") and os.geteuid() == 0) else ["sudo", "-n"]
    say("installing Debian's chromium for the browser tests (apt-get)")
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    try:
        run(prefix + [apt, "update", "-qq"], "apt-get update", env=env)
        run(prefix + [apt, "install", "-y", "-qq", "chromium"], "apt-get install chromium",
            env=env, stdout=subprocess.DEVNULL)
    except DevError as exc:
        say(f"could not install chromium ({exc}); the browser tests will say so")


def cmd_test(args: list) -> int:
    env = setup()
    ensure_chromium()
    say("running pytest (tests/ and notebooks/, see pyproject.toml)")
    rc_pytest = subprocess.call([str(PY), "-m", "pytest", *args], cwd=ROOT, env=env)
    if rc_pytest == 5:
        say("pytest collected no tests")
        rc_pytest = 0
    say("running ruff check .")
    rc_ruff = subprocess.call([str(PY), "-m", "ruff", "check", "."], cwd=ROOT, env=env)
    if rc_pytest or rc_ruff:
        say(f"FAILED: pytest exit {rc_pytest}, ruff exit {rc_ruff}")
        return rc_pytest or rc_ruff
    say("all good: pytest and ruff passed")
    return 0


def cmd_bench(args: list) -> int:
    env = setup()
    scripts = sorted((ROOT / "bench").glob("*.py"))
    if not scripts:
        say("no benchmarks")
        return 0
    failed = []
    for script in scripts:
        say(f"running {script.relative_to(ROOT)}")
        if subprocess.call([str(PY), str(script), *args], cwd=ROOT, env=env):
            failed.append(script.name)
    if failed:
        say("FAILED: " + ", ".join(failed))
        return 1
    return 0


def cmd_export(args: list) -> int:
    env = setup()
    return subprocess.call([str(PY), str(ROOT / "scripts" / "export_workbook.py"), *args],
                           cwd=ROOT, env=env)


def cmd_fuzz(args: list) -> int:
    """The property tests under tests/fuzz with HYPOTHESIS_PROFILE=fuzz: each test's example
    count is multiplied (tests/fuzz/_fuzz.py); CI runs the same tests with bounded counts."""
    env = setup()
    env["HYPOTHESIS_PROFILE"] = "fuzz"
    say("running pytest tests/fuzz with HYPOTHESIS_PROFILE=fuzz (this takes a while)")
    return subprocess.call([str(PY), "-m", "pytest", "tests/fuzz", "-p", "no:randomly", *args],
                           cwd=ROOT, env=env)


COMMANDS = {"lab": cmd_lab, "test": cmd_test, "bench": cmd_bench, "export": cmd_export,
            "fuzz": cmd_fuzz}


def main(argv: list) -> int:
    if not argv or argv[0] not in COMMANDS:
        sys.stderr.write(__doc__.split("\n\n")[1] + "\n")
        return 0 if argv and argv[0] in ("-h", "--help") else 2
    try:
        return COMMANDS[argv[0]](argv[1:])
    except DevError as exc:
        sys.stderr.write(f"dev.py: error: {exc}\n")
        return 1
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
