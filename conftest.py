"""Repo-root pytest hooks for notebooks (nbval).

This lives at the repo root, not in tests/conftest.py, because pytest scopes collection hooks
by directory: a hook in tests/conftest.py never sees notebooks/*.ipynb. Fixtures for the unit
tests belong in tests/conftest.py.
"""


def pytest_collectstart(collector):
    # Plotly figures arrive as "application/vnd.plotly.v1+json", a dict that nbval compares raw
    # (sanitizers only touch strings), so a plotly template change would fail the cell. nbval's
    # notebook collector has a ``skip_compare`` tuple: extend it for every .ipynb file.
    path = getattr(collector, "path", None)
    if path is not None and path.suffix == ".ipynb":
        collector.skip_compare += ("application/vnd.plotly.v1+json",)
