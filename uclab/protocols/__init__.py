"""Layer 3, protocols: keys, CUCM-shaped tokens, validation with its decision log, SASL and
the Expressway edge URL forms. Knows no node: only core and facts below it."""
