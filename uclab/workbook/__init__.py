"""Layer 9, workbook: checks, exercises and their probes, views and widgets. The only layer
that imports plotly or ipywidgets."""
