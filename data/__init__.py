"""Package data: the sample traces (data/traces/*.jsonl), shipped as ``uclab.data``."""
