"""Documents on paper: A4 layout and drawing with Qt's GUI and print modules, never widgets.

`write_pdf` is the one entry point (the app and `cax` both call it); the app's print preview
draws through `paint_document`. Nothing here imports `desktop.ui`.
"""

from desktop.render.pdf import Printable, paint_document, suggested_file_name, write_pdf

__all__ = ["Printable", "paint_document", "suggested_file_name", "write_pdf"]
