"""The layer contract (pyproject [tool.importlinter]): each layer imports only the layers below
it, and nothing below the workbook imports plotly, ipywidgets or Jupyter."""

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def test_the_import_contracts_hold():
    lint = Path(sys.executable).with_name("lint-imports")
    done = subprocess.run([str(lint), "--no-cache"], cwd=ROOT, capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, done.stdout[-4000:] + done.stderr[-2000:]
    assert "Contracts: 2 kept, 0 broken." in done.stdout


def test_the_simulator_loads_without_the_notebook_stack():
    code = ("import sys, uclab.sim, uclab.lab, uclab.faults, uclab.cli; "
            "print(sorted(m for m in ('plotly', 'ipywidgets', 'IPython', 'jupyterlab', 'nbval') "
            "if m in sys.modules))")
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True,
                          text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"


def test_no_import_circle_anywhere_in_the_package():
    """Not even inside one layer, and not even for type hints (TYPE_CHECKING imports count)."""
    import grimp

    graph = grimp.build_graph("uclab")
    circles = sorted({tuple(sorted((m, n))) for m in graph.modules
                      for n in graph.find_modules_directly_imported_by(m)
                      if m != n and graph.chain_exists(importer=n, imported=m)})
    assert circles == []


def test_every_name_uclab_offers_is_in_its_all_and_loads():
    import uclab

    assert sorted(uclab.__all__) == sorted({*uclab._EXPORTS, *uclab._MODULES})
    for name in uclab.__all__:
        assert getattr(uclab, name) is not None, name


def test_the_diagnose_verb_starts_without_the_simulator():
    import subprocess
    import sys

    code = ("import sys, uclab.cli, uclab.diagnose; "
            "print(sorted(m for m in sys.modules if m.startswith(('uclab.sim', 'uclab.lab'))))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout
    assert out.strip() == "[]", out


def test_the_diagnose_verb_starts_without_renderers_or_xml():
    """What reading a log does not need loads on first use: the Expressway renderer, the
    OAUTHBEARER server, UDS and the XML parser (each costs start-up time on every run)."""
    unwanted = ("uclab.trace.dialects.expressway.render", "uclab.protocols.sasl.oauthbearer_server",
                "uclab.protocols.sasl.gs2", "uclab.protocols.uds", "uclab.core.entropy",
                "xml.etree.ElementTree")
    code = (f"import sys, uclab.cli, uclab.diagnose; print(sorted(m for m in {unwanted!r} "
            "if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout
    assert out.strip() == "[]", out


def test_every_name_of_the_lazy_packages_loads():
    from uclab.protocols import sasl
    from uclab.trace.dialects import expressway

    assert sorted(sasl.__all__) == sorted(sasl._EXPORTS)
    for package in (sasl, expressway):
        for name in package.__all__:
            assert getattr(package, name) is not None, name
    assert expressway.ExpresswayLog is expressway.render.ExpresswayLog
    with pytest.raises(AttributeError, match="no_such_name"):
        expressway.no_such_name  # noqa: B018
    with pytest.raises(AttributeError, match="no_such_name"):
        sasl.no_such_name  # noqa: B018
