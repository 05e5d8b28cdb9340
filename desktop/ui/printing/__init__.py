"""Printing in the app: the print preview and the Save-as-PDF dialog (pages are drawn by desktop.render)."""
