"""Layer 5, sim: the simulated nodes (CUCM and its AuthZ service, Expressway-E/C, IM and
Presence, Unity Connection, Jabber, DNS, the network). A node is built with a context, never with
the Lab."""
