"""One module per group of endpoints under /api/v1."""
