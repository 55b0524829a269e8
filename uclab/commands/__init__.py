"""What each verb of the ``uclab`` command does (:mod:`uclab.cli` parses the arguments and
reports errors): :mod:`.reports` (faults, facts, login, simulate, replay) and
:mod:`.inspect_token` (inspect). Loads no plotly, ipywidgets or Jupyter."""
