"""Text from files and other people, made safe to show in a terminal.

A session name can come from a backup someone shared. Written to a terminal as it is, an
escape sequence in it could clear the screen, draw a fake message or set the window title,
and a text-direction override could make it read as something else. So names are cleaned
when they come in (:func:`clean_name`), and anything read from a file is passed through
:func:`printable` before it is shown. Pure functions; nothing here imports the rest of the
package.
"""

from __future__ import annotations

import re
import unicodedata

#: Escape sequences, 7-bit and 8-bit: CSI (``ESC [`` … final byte), the string commands
#: OSC, DCS, SOS, PM and APC (up to BEL or ST, or the end of the text) and the short
#: two-character escapes.
_ESCAPES = re.compile(
    r"(?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]?"
    r"|(?:\x1b[\]PX^_]|[\x90\x98\x9d\x9e\x9f]).*?(?:\x07|\x1b\\|\x9c|$)"
    r"|\x1b[ -/]*[0-~]?",
    re.DOTALL,
)
#: Characters that change the direction of the text around them (Trojan Source).
BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
#: Control characters (C0, DEL, C1) and the direction marks and controls: removed.
_REMOVE: dict[int, str | None] = {
    **dict.fromkeys(range(0x20)),
    0x7F: None,
    **dict.fromkeys(range(0x80, 0xA0)),
    **dict.fromkeys(ord(c) for c in BIDI_CONTROLS | {"\u200e", "\u200f", "\u061c"}),
}
#: Line breaks and tabs become spaces rather than gluing words together.
for _space in "\t\n\r\v\f\x85\u2028\u2029":
    _REMOVE[ord(_space)] = " "
#: Letters that draw nothing (fillers and blanks), beyond the categories below.
_BLANK_LETTERS = frozenset("\u115f\u1160\u3164\uffa0\u2800\u180e\u17b4\u17b5")
_INVISIBLE_CATEGORIES = frozenset({"Cc", "Cf", "Cn", "Co", "Cs", "Zs", "Zl", "Zp", "Mn", "Me"})


def printable(text: str) -> str:
    """``text`` without escape sequences, control characters or direction controls.

    Tabs and line breaks become spaces. Ordinary text (Chinese included) comes back
    unchanged, at the cost of one check.
    """
    if text.isprintable():
        return text
    return _ESCAPES.sub("", text).translate(_REMOVE)


def visible(text: str) -> bool:
    """Whether ``text`` has at least one character that draws something."""
    return any(
        char not in _BLANK_LETTERS and unicodedata.category(char) not in _INVISIBLE_CATEGORIES
        for char in text
    )


#: The longest session name, counted after cleaning.
NAME_MAX = 60


class NameRefused(ValueError):
    """A session name that cannot be kept; ``code`` says why (``nul``, ``direction``,
    ``empty``, ``invisible``, ``too_long``)."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code


def clean_name(value: str) -> str:
    """A session name as it is kept: escape sequences and control characters removed,
    runs of white space made one space, 1 to ``NAME_MAX`` characters.

    The one rule for names, for the command line, the app and files alike. Raises
    :class:`NameRefused` for a name that holds a NUL character or a text-direction
    override, that has nothing visible left, or that is too long.
    """
    if "\x00" in value:
        raise NameRefused("nul", "name contains a NUL character")
    if any(char in BIDI_CONTROLS for char in value):
        raise NameRefused("direction", "name contains a text-direction control character")
    cleaned = " ".join(printable(value).split())
    if not cleaned:
        raise NameRefused("empty", "name is empty")
    if not visible(cleaned):
        raise NameRefused("invisible", "name has no visible characters")
    if len(cleaned) > NAME_MAX:
        raise NameRefused("too_long", f"name is longer than {NAME_MAX} characters")
    return cleaned
