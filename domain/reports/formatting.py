"""How report figures read, in the document, on screen and in the terminal: "1.500.000",
"0,25", "12,5%", "+3", "−2", and "—" where there is no figure."""

from __future__ import annotations

from domain.reports.content import Row, Value

NONE = "\u2014"  # em dash
MINUS = "\u2212"

# Units named after a row's label. Money is kept as "VND" in the figures (the centre reads rows
# by it) but written "đồng" in Vietnamese, as official papers do (docs/domain.md, money).
_UNIT_WORDS = {"VND": ("đồng", "VND"), "đồng": ("đồng", "VND"), "m²": ("m²", "m²"), "h": ("h", "h")}


def unit_label(unit: str, lang: str = "vi") -> str:
    """ "(đồng)", "(m²)", "(h)" after a row's label; "" for counts and rates."""
    words = _UNIT_WORDS.get(unit)
    return f" ({words[0] if lang == 'vi' else words[1]})" if words else ""


def _number(value: float | int, decimals: int = 2) -> str:
    if isinstance(value, float) and not value.is_integer():
        whole, _, fraction = f"{abs(value):.{decimals}f}".rstrip("0").partition(".")
        text = f"{int(whole):,}".replace(",", ".") + ("," + fraction if fraction else "")
        return (MINUS if value < 0 else "") + text
    text = f"{abs(int(value)):,}".replace(",", ".")
    return (MINUS if value < 0 else "") + text


def format_value(value: Value, unit: str = "") -> str:
    """A figure as printed; text (a choice's label) as it is."""
    if value is None:
        return NONE
    if isinstance(value, str):
        return value
    text = _number(value, 1 if unit == "%" else 3)
    return f"{text}%" if unit == "%" else text


def format_change(row: Row) -> str:
    """ "+3", "−2", "0", or "—" when the figures cannot be compared."""
    change = row.change
    if change is None:
        return NONE
    text = format_value(change, row.unit)
    return f"+{text}" if change > 0 else text


def format_change_percent(row: Row) -> str:
    percent = row.change_percent
    if percent is None:
        return NONE
    text = format_value(percent, "%")
    return f"+{text}" if percent > 0 else text
