"""Printing with Qt: documents on A4 pages as PDF, print preview and audited record printouts."""
