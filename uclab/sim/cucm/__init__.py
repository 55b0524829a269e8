"""CUCM: nodes and cluster, enterprise parameters, users and the AuthZ service."""
