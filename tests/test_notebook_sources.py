"""notebooks/: every committed notebook is built from its source in notebooks/src/ (jupytext)."""

import shutil
from pathlib import Path

import nbformat
import pytest
from repo_scripts import load_script

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def build():
    return load_script("scripts/build_notebooks.py")


def test_notebooks_match_their_sources(build, capsys):
    assert build.main(["--check"]) == 0, capsys.readouterr().out
    built = {p.stem for p in (ROOT / "notebooks").glob("*.ipynb")}
    sources = {p.name.removesuffix(".py") for p in build.sources()}
    assert built == sources


def test_percent_format_parser(build):
    cells = build.parse('# %% [markdown]\n# # T\n# text\n\n# %% tags=["x"]\nprint(1)\n')
    assert [(c.cell_type, c.source) for c in cells] == [("markdown", "# T\ntext"),
                                                        ("code", "print(1)")]
    assert cells[1].metadata["tags"] == ["x"]
    assert [c.id for c in cells] == ["c000", "c001"]


SOURCES = sorted(p.name for p in (ROOT / "notebooks" / "src").iterdir()
                 if p.suffix == ".py" or (p.is_dir() and any(p.glob("*.py"))))


@pytest.mark.parametrize("name", SOURCES)
def test_a_built_notebook_has_the_committed_cells_and_metadata(build, name):
    """What jupytext reads from a source (a file, or a folder of parts) is what the committed
    notebook holds: same cells, ids, tags and the kernelspec nbval starts (outputs come from
    executing it)."""
    fresh = build.convert(ROOT / "notebooks" / "src" / name)
    committed = nbformat.read(ROOT / "notebooks" / (name.removesuffix(".py") + ".ipynb"), 4)
    def shape(nb):
        return [(c.id, c.cell_type, c.source, c.metadata.get("tags")) for c in nb.cells]
    assert shape(fresh) == shape(committed)
    assert fresh.metadata["kernelspec"] == committed.metadata["kernelspec"]
    assert (fresh.nbformat, fresh.nbformat_minor) == (committed.nbformat, committed.nbformat_minor)


def test_check_reports_a_source_that_drifted(build, tmp_path, monkeypatch, capsys):
    src, out = tmp_path / "src", tmp_path
    src.mkdir()
    shutil.copy(ROOT / "notebooks" / "00-welcome.ipynb", out / "00-welcome.ipynb")
    text = (ROOT / "notebooks" / "src" / "00-welcome.py").read_text(encoding="utf-8")
    (src / "00-welcome.py").write_text(text + "\n# %%\nprint('new cell')\n", encoding="utf-8")
    monkeypatch.setattr(build, "SRC", src)
    monkeypatch.setattr(build, "OUT", out)
    monkeypatch.setattr(build, "ROOT", tmp_path)
    assert build.main(["--check"]) == 1
    assert "out of date: 00-welcome.ipynb" in capsys.readouterr().out


def test_a_notebook_in_parts_is_its_parts_in_name_order(build, tmp_path, monkeypatch):
    folder = tmp_path / "11-parts"
    folder.mkdir()
    (folder / "20-b.py").write_text("# %% [markdown]\n# ## B\n\n\n", encoding="utf-8")
    (folder / "10-a.py").write_text("# %% [markdown]\n# # A\n\n# %%\nx = 1\n", encoding="utf-8")
    monkeypatch.setattr(build, "SRC", tmp_path)
    assert build.sources() == [folder]
    text = build.source_text(folder)
    assert text == "# %% [markdown]\n# # A\n\n# %%\nx = 1\n\n# %% [markdown]\n# ## B\n"
    nb = build.convert(folder)
    assert [c.source for c in nb.cells] == ["# A", "x = 1", "## B"]
    assert build.as_source(nb) == text
