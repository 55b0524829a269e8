"""What each verb of the ``uclab`` command does (:mod:`uclab.cli` parses the arguments and
reports errors): :mod:`.reports` (faults, facts, login, simulate, replay), :mod:`.inspect_token`
(inspect) and :mod:`.diagnose` (diagnose, loaded on use). Loads no plotly, ipywidgets or
Jupyter."""
