"""One module per server schema revision."""
