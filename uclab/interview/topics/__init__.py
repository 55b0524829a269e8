"""The interview question bank as data: one TOML file per topic, plus ``faults.toml`` (the key
points of the hidden-fault scenarios). Loaded by :mod:`uclab.interview.bank`."""
