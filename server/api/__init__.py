"""The HTTP layer: the FastAPI app, its routes, dependencies and error answers."""
