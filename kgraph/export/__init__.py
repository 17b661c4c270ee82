"""Writing the graph out: RDF (the contract), the interactive page, GraphML."""
