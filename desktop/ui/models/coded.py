"""What an error code from the centre (or the station's own sync) means, in the app's language.

Lists of the Sync page show this, never the bare code: a code this version does not know (a newer
server's) reads as an unknown reason, with the code kept for the tooltip."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from desktop.core import error_texts


def coded_text(code: str, language: str) -> str:
    """The app's headline for `code`; an unknown code gets a translated stand-in."""
    if code in error_texts.ERRORS:
        headline, _advice = error_texts.headline_and_advice(code, {}, language)
        return headline
    return QCoreApplication.translate("CodedText", "a reason this version does not know")
