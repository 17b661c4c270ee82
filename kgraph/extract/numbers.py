"""Numbers as Chinese news writes them: 3531.19, 1.68万, 一百二十, 百余, 近千, 两成, 三亿五千万."""

from __future__ import annotations

from decimal import Decimal

DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
SMALL_UNITS = {"十": 10, "百": 100, "千": 1000}
BIG_UNITS = {"万": 10_000, "亿": 100_000_000}
CHINESE_NUMERAL = "零〇一二两三四五六七八九十百千万亿"


def parse_chinese(text: str) -> Decimal | None:
    """一百二十 → 120, 百 → 100, 两 → 2, 三千五百 → 3500, 三亿五千万 → 350000000; None if not a numeral."""
    if not text or any(c not in DIGITS and c not in SMALL_UNITS and c not in BIG_UNITS for c in text):
        return None
    total, section, digit = 0, 0, None
    for c in text:
        if c in DIGITS:
            digit = DIGITS[c]
        elif c in SMALL_UNITS:
            section += (1 if digit is None else digit) * SMALL_UNITS[c]
            digit = None
        elif c == "亿":
            section += digit or 0
            total = ((total + section) or 1) * BIG_UNITS[c]
            section, digit = 0, None
        else:  # 万: 三亿五千万 adds 五千万 to 三亿
            section += digit or 0
            total += (section or 1) * BIG_UNITS[c]
            section, digit = 0, None
    return Decimal(total + section + (digit or 0))


def parse_number(text: str) -> Decimal | None:
    """Arabic (with thousands separators) or Chinese numerals."""
    t = text.replace(",", "").replace("，", "")
    try:
        return Decimal(t)
    except ArithmeticError:
        return parse_chinese(t)


def is_bare_magnitude(text: str) -> bool:
    """十, 百, 千, 万 with no digit: a number only with 余/近/超 beside it (百余个, 近千户), not in 千家万户."""
    return bool(text) and all(c in SMALL_UNITS or c in BIG_UNITS for c in text)


def decimal_text(value: Decimal) -> str:
    """A decimal as written without exponent or trailing zeros after the point (120, 3531.19, 0.5)."""
    s = format(value, "f")
    if "." in s:
        s = s.rstrip("0").rstrip(".")
    return s or "0"
