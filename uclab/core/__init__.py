"""Layer 1, core: errors, the virtual clock, seeded entropy, secure defaults and the wire
records (Request, Response, Exchange). Imports nothing else of uclab."""
