"""The console's pages, one module per page with its own `router`."""
