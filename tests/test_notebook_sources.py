"""notebooks/: every committed notebook is built from its source in notebooks/src/."""

import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_notebooks_match_their_sources(capsys):
    spec = importlib.util.spec_from_file_location("build_notebooks",
                                                  ROOT / "scripts" / "build_notebooks.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert module.main(["--check"]) == 0, capsys.readouterr().out
    built = {p.stem for p in (ROOT / "notebooks").glob("*.ipynb")}
    sources = {p.stem for p in (ROOT / "notebooks" / "src").glob("*.py")}
    assert built == sources


def test_percent_format_parser():
    spec = importlib.util.spec_from_file_location("build_notebooks",
                                                  ROOT / "scripts" / "build_notebooks.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    cells = module.parse('# %% [markdown]\n# # T\n# text\n\n# %% tags=["x"]\nprint(1)\n')
    assert [(c.cell_type, c.source) for c in cells] == [("markdown", "# T\ntext"),
                                                        ("code", "print(1)")]
    assert cells[1].metadata["tags"] == ["x"]
