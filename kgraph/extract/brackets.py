"""Brackets met while a name's left edge is scanned, token by token, from its suffix leftwards.

What brackets hold is the name's (X中心(一期)老年楼项目, 某医院(某市人民医院)分院): a closing bracket
opens a part the scan keeps whatever it holds, and its opening bracket closes it. An opening bracket
with no closing one after it ends the name: it begins after the bracket. Projects
(``extract/projects.py``) and organisations (``extract/organisations.py``) scan this way.
"""

from __future__ import annotations

OPEN, CLOSE = "(（", ")）"


class BracketDepth:
    """How many brackets, closed to the right of the token scanned, are still open (``open``)."""

    __slots__ = ("open",)

    def __init__(self) -> None:
        self.open = 0

    def take(self, token: str) -> bool | None:
        """Count ``token`` in: None if it is no bracket; False if it is an opening bracket with none open (the
        name begins after it); True for any other bracket (the scan goes on)."""
        if token in CLOSE:
            self.open += 1
            return True
        if token in OPEN:
            if not self.open:
                return False
            self.open -= 1
            return True
        return None
