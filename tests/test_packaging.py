"""pyproject.toml: what a plain ``pip install .`` gives (simulator, traces, CLI, runtime deps
only), what the extras add, the package data, and environment.yml agreeing with it."""

from __future__ import annotations

import ast
import importlib.metadata as md
import json
import re
import shutil
import subprocess
import sys
import tomllib
import zipfile
from email.parser import Parser
from pathlib import Path

import pytest
import yaml
from packaging.requirements import Requirement

ROOT = Path(__file__).resolve().parents[1]
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
PROJECT = PYPROJECT["project"]
JUPYTER = {"jupyterlab", "ipywidgets", "plotly", "nbval", "jupytext", "notebook", "ipykernel"}


def requirements(specs: list[str]) -> dict[str, Requirement]:
    found = [Requirement(s) for s in specs]
    return {r.name.lower(): r for r in found if r.name != PROJECT["name"]}


BASE = requirements(PROJECT["dependencies"])
EXTRAS = {name: requirements(specs) for name, specs in PROJECT["optional-dependencies"].items()}


# -- what pyproject declares -------------------------------------------------------------------
def test_the_base_install_has_no_jupyter_and_the_extras_stack_up():
    assert set(BASE) == {"jwcrypto", "cryptography", "requests", "rich", "hyperscan"}
    assert BASE["hyperscan"].marker is not None  # x86-64 wheels only; grep elsewhere
    assert not set(BASE) & JUPYTER
    assert {"jupyterlab", "ipywidgets", "plotly", "nbval", "jupytext"} <= set(EXTRAS["workbook"])
    assert "uclab[workbook]" in PROJECT["optional-dependencies"]["dev"]
    assert {"pytest", "ruff", "hypothesis", "import-linter", "requests-oauthlib",
            "pyjwt"} <= set(EXTRAS["dev"])
    assert PROJECT["scripts"] == {"uclab": "uclab.cli:main"}


def _imports(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names |= {a.name.split(".")[0] for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module.split(".")[0])
    return names - set(sys.stdlib_module_names) - {"uclab", "__future__"}


def _declared(import_name: str, reqs: dict[str, Requirement]) -> bool:
    """The import comes from a declared distribution, or from one a declared one requires."""
    dists = {d.lower() for d in md.packages_distributions().get(import_name, [import_name])}
    if dists & set(reqs):
        return True
    needed = {Requirement(r).name.lower() for dist in reqs for r in (md.requires(dist) or ())
              if "extra ==" not in r}
    return bool(dists & needed)


@pytest.mark.parametrize("layer", ["runtime", "workbook"])
def test_every_third_party_import_is_a_declared_dependency(layer):
    """The runtime layers need only the base dependencies; the workbook the workbook extra."""
    modules = [p for p in (ROOT / "uclab").rglob("*.py")
               if ("workbook" in p.parts) == (layer == "workbook")]
    reqs = BASE if layer == "runtime" else {**BASE, **EXTRAS["workbook"]}
    used = set().union(*map(_imports, modules))
    assert used, "no third-party import found: the scan is broken"
    assert [name for name in sorted(used) if not _declared(name, reqs)] == []


def test_the_package_list_is_the_tree():
    """setuptools' find cannot rename data/ to uclab.data, so pyproject lists the packages:
    the list must be every folder of uclab/ plus data/ as uclab.data."""
    tree = {".".join(p.relative_to(ROOT).parts) for p in (ROOT / "uclab").rglob("*")
            if p.is_dir() and "__pycache__" not in p.parts}
    tree |= {"uclab." + ".".join(p.relative_to(ROOT).parts) for p in (ROOT / "data").rglob("*")
             if p.is_dir() and "__pycache__" not in p.parts}
    assert set(PYPROJECT["tool"]["setuptools"]["packages"]) == tree | {"uclab", "uclab.data"}
    assert PYPROJECT["tool"]["setuptools"]["package-dir"] == {"uclab.data": "data"}


# -- the wheel ---------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> zipfile.ZipFile:
    """One wheel built from a copy of what the package needs (the tree stays clean)."""
    tmp = tmp_path_factory.mktemp("wheel")
    src = tmp / "src"
    src.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, src / name)
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    for name in ("uclab", "data"):
        shutil.copytree(ROOT / name, src / name, ignore=ignore)
    subprocess.run([sys.executable, "-m", "pip", "wheel", str(src), "--no-deps", "-q",
                    "--disable-pip-version-check", "-w", str(tmp / "dist")],
                   check=True, capture_output=True, cwd=tmp)
    (found,) = (tmp / "dist").glob("uclab-*.whl")
    with zipfile.ZipFile(found) as zf:
        yield zf


@pytest.mark.wheel
def test_the_wheel_ships_py_typed_exercises_and_traces(wheel):
    names = set(wheel.namelist())
    assert "uclab/py.typed" in names
    exercises = {f"uclab/workbook/exercises/{p.name}"
                 for p in (ROOT / "uclab" / "workbook" / "exercises").glob("*.toml")}
    traces = {f"uclab/data/traces/{p.name}" for p in (ROOT / "data" / "traces").glob("*.jsonl")}
    assert exercises and traces
    assert exercises <= names and traces <= names
    assert "uclab/cli.py" in names and "uclab/sim/jabber/client.py" in names
    assert not [n for n in names if n.startswith(("tests/", "notebooks/", "data/", "bench/"))]


@pytest.mark.wheel
def test_the_wheel_declares_the_console_script_and_no_jupyter_without_extras(wheel):
    (info,) = {n.split("/")[0] for n in wheel.namelist() if ".dist-info/" in n}
    entry_points = wheel.read(f"{info}/entry_points.txt").decode()
    assert re.search(r"^\[console_scripts\]\s*^uclab = uclab\.cli:main$", entry_points, re.M)
    meta = Parser().parsestr(wheel.read(f"{info}/METADATA").decode())
    reqs = [Requirement(r) for r in meta.get_all("Requires-Dist")]
    plain = {r.name.lower() for r in reqs if "extra" not in str(r.marker or "")}
    assert plain == set(BASE)
    workbook = {r.name.lower() for r in reqs
                if r.marker is not None and r.marker.evaluate({"extra": "workbook"})}
    assert JUPYTER & workbook == {"jupyterlab", "ipywidgets", "plotly", "nbval", "jupytext"}


# -- environment.yml -----------------------------------------------------------------------------
def test_environment_yml_agrees_with_pyproject():
    env = yaml.safe_load((ROOT / "environment.yml").read_text(encoding="utf-8"))
    conda = [d for d in env["dependencies"] if isinstance(d, str)]
    (pip,) = [d["pip"] for d in env["dependencies"] if isinstance(d, dict)]
    assert "-e .[workbook]" in pip
    python = [d for d in conda if d.startswith("python=")]
    assert python and Requirement(f"x{PROJECT['requires-python']}").specifier.contains(
        python[0].split("=", 1)[1] + ".0")
    listed = requirements([d for d in conda + pip
                           if not d.startswith(("python=", "-e ")) and d != "pip"])
    declared: dict[str, Requirement] = dict(BASE)
    for extra in EXTRAS.values():
        declared.update(extra)
    assert set(listed) <= set(declared), "environment.yml installs what pyproject does not know"
    assert {name: str(r.specifier) for name, r in listed.items()} == {
        name: str(declared[name].specifier) for name in listed}
    assert set(EXTRAS["workbook"]) <= set(listed)


# -- postBuild -----------------------------------------------------------------------------------
def test_postbuild_writes_the_same_jupyterlab_override_as_dev_py(tmp_path):
    """Binder's postBuild and ``dev.py lab`` must give learners the same JupyterLab settings."""
    import os

    from repo_scripts import load_script

    dev = load_script("dev.py")
    prefix = tmp_path / "prefix"
    (prefix / "bin").mkdir(parents=True)
    (prefix / "bin" / "python").symlink_to(sys.executable)
    done = subprocess.run(["bash", str(ROOT / "postBuild")], capture_output=True, text=True,
                          env={**os.environ, "NB_PYTHON_PREFIX": str(prefix)}, timeout=60)
    assert done.returncode == 0, done.stderr
    written = json.loads((prefix / "share/jupyter/lab/settings/overrides.json").read_text())
    assert written == dev.OVERRIDES
