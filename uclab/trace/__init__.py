"""Layer 4, trace: what a login leaves behind (exchanges, log lines, traces), the versioned
trace file format, and one module per product log grammar in :mod:`uclab.trace.dialects`."""
