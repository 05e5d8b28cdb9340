"""Vietnamese text helpers: accent folding for search, tone-placement keys, money in words."""

from __future__ import annotations

import re
import unicodedata

# Apostrophe look-alikes found in names such as "B’Lao" or "H'Mông"; all fold to ASCII "'".
_APOSTROPHES = str.maketrans(dict.fromkeys("’‘ʼ`´′ꞌ", "'"))
# Đ/đ have no Unicode decomposition, so folding maps them by hand. Legacy converters (TCVN3/VNI to
# Unicode) often write the look-alike Icelandic Eth Ð/ð (U+00D0/U+00F0) instead: same letter here.
_STROKE_D = str.maketrans({"đ": "d", "Đ": "D", "\u00f0": "d", "\u00d0": "D"})

# Tone marks (after NFD) that old-style spelling puts on the first vowel of oa/oe/uy: "Hòa", "Thủy".
_TONES = "\u0300\u0301\u0303\u0309\u0323"
_OLD_STYLE_TONE = re.compile(
    rf"(?<![qQ])([oO])([{_TONES}])([aAeE])(?![\w\u0300-\u036f])"
    rf"|(?<![qQ])([uU])([{_TONES}])([yY])(?![\w\u0300-\u036f])"
)


def fold(text: str, *, lower: bool = True) -> str:
    """Accent-insensitive search key: marks stripped, đ→d (Ð/ð too), apostrophes unified
    ("Đức" → "duc", "Ðỗ" → "do")."""
    decomposed = unicodedata.normalize("NFD", text.translate(_APOSTROPHES))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    stripped = stripped.translate(_STROKE_D)
    return stripped.lower() if lower else stripped


def canonical_tones(text: str) -> str:
    """NFC text with the new-style tone placement: "Hòa" → "Hoà", "Thủy" → "Thuỷ".

    Both spellings are official (the ward list mixes them), so this is for comparison keys only;
    display keeps the spelling the source used.
    """
    decomposed = unicodedata.normalize("NFD", text)

    def move(match: re.Match[str]) -> str:
        first, tone, second = (g for g in match.groups() if g is not None)
        return first + second + tone

    return unicodedata.normalize("NFC", _OLD_STYLE_TONE.sub(move, decomposed))


def comparison_key(text: str) -> str:
    """Key for equality and de-duplication that keeps accents: case, tone placement, apostrophes."""
    collapsed = " ".join(text.translate(_APOSTROPHES).split())
    return canonical_tones(collapsed).lower()


_DIGITS = ("không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín")
_MAX_WORDS_NUMBER = 10**18 - 1


def _read_triple(value: int, *, leading: bool, odd: str) -> list[str]:
    """Words for 0–999; a non-leading group reads its zero hundreds ("không trăm lẻ năm")."""
    hundreds, rest = divmod(value, 100)
    tens, units = divmod(rest, 10)
    words: list[str] = []
    if hundreds or not leading:
        words += [_DIGITS[hundreds], "trăm"]
    if tens == 0:
        if units and words:
            words.append(odd)
    elif tens == 1:
        words.append("mười")
    else:
        words += [_DIGITS[tens], "mươi"]
    if units == 0:
        return words
    if units == 1 and tens >= 2:
        words.append("mốt")
    elif units == 5 and tens >= 1:
        words.append("lăm")
    else:
        words.append(_DIGITS[units])
    return words


def number_to_words(number: int, *, thousand: str = "nghìn", odd: str = "lẻ") -> str:
    """A non-negative integer read in Vietnamese, lower case: 1_500_000 → "một triệu năm trăm nghìn".

    `thousand` may be "ngàn" and `odd` "linh" for southern or older usage.
    """
    if isinstance(number, bool) or not isinstance(number, int):
        raise TypeError("number_to_words needs an int")
    if number < 0 or number > _MAX_WORDS_NUMBER:
        raise ValueError("number out of range")
    if number == 0:
        return _DIGITS[0]
    return " ".join(_read_number(number, leading=True, thousand=thousand, odd=odd))


def _read_number(number: int, *, leading: bool, thousand: str, odd: str) -> list[str]:
    # Above a billion the Vietnamese scale repeats: "một nghìn tỷ", "một triệu tỷ".
    billions, rest = divmod(number, 10**9)
    words: list[str] = []
    if billions:
        words += _read_number(billions, leading=leading, thousand=thousand, odd=odd)
        words.append("tỷ")
        leading = False
    groups = ((rest // 10**6, "triệu"), (rest // 1000 % 1000, thousand), (rest % 1000, ""))
    for value, scale in groups:
        if value == 0:
            continue
        words += _read_triple(value, leading=leading, odd=odd)
        if scale:
            words.append(scale)
        leading = False
    return words


def money_in_words(amount: int, *, thousand: str = "nghìn", odd: str = "lẻ") -> str:
    """A VND amount as written under "Bằng chữ": 1_500_000 → "Một triệu năm trăm nghìn đồng"."""
    words = number_to_words(amount, thousand=thousand, odd=odd)
    return f"{words[0].upper()}{words[1:]} đồng"


def format_money(amount: int) -> str:
    """A VND amount as printed: 1_500_000 → "1.500.000 đồng"."""
    return f"{amount:,} đồng".replace(",", ".")


def file_size(count: int) -> str:
    """A byte count as people read it, with the Vietnamese decimal comma: "1,5 MB", "820 kB"."""
    for unit, scale in (("GB", 2**30), ("MB", 2**20), ("kB", 2**10)):
        if count >= scale:
            return f"{count / scale:.1f} {unit}".replace(".", ",")
    return f"{count} B"
