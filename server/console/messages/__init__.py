"""Console texts, one module per page, each with `MESSAGES = {key: (vi, en)}`."""
