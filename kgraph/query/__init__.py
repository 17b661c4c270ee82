"""SPARQL over an exported graph: an embedded store, and (later) an HTTP endpoint."""
