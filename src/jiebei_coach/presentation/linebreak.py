"""Where a line of Chinese, English or both may break, as a typesetter would break it.

Terminals wrap by cells. A wrapper made for English breaks only at spaces and cuts any
longer run where the line ends, so Chinese (which has no spaces) is cut anywhere: a phone
number in two (``9`` / ``5188``), a key in two (``(ct`` / ``rl+r)``), a line starting with
``。``. The rules here:

* Between two Chinese characters a line may break; in a run of Latin letters, digits and
  their signs (``95188``, ``¥1,100``, ``ctrl+r``, ``0.04%``, ``2026-11``) it may not, and
  in English it breaks at spaces, as usual.
* Closing punctuation (``。,、;:)」`` …) never starts a line and opening punctuation
  (``(「“¥`` …) never ends one: each stays with its neighbour.
* A bracketed or quoted group without spaces (``(350–950)``, ``(ctrl+r)``, ``“提额”``)
  stays on one line when it fits on one.
* A change from one figure to another (``52.5 → 58.4``) stays on one line.
* Something longer than a whole line is cut where the line ends (there is no better
  place).

:func:`break_offsets` has the signature of Rich's ``divide_line``, so the app can use it
wherever text is wrapped.
"""

from __future__ import annotations

from rich.cells import get_character_cell_size

#: Never at the start of a line.
CLOSING = frozenset(",.;:!?)]}%，。、；：？！）］｝〕〉》」』】〗〙〛｠»›’”…‥·・ー～〜々〻‰℃°")
#: Never at the end of a line.
OPENING = frozenset("([{（［｛〔〈《「『【〖〘〚｟«‹‘“¥￥$£€#")
#: Pairs whose contents stay together when they hold no space.
PAIRS = {"(": ")", "（": "）", "[": "]", "【": "】", "「": "」", "『": "』", "《": "》", "“": "”"}
#: Characters that come in runs which must not be split (—— and ……).
DOUBLED = frozenset("—…─")
#: A change from one figure to another (``652 → 654–722``) is read as one: no break
#: on either side of the arrow.
ARROWS = frozenset("→")
#: Punctuation of Chinese text that terminals draw one cell wide: it breaks like Chinese.
CJK_NARROW = frozenset("“”‘’…—·")


#: A space that joins (``n:\u00a01\u00a0note``): never a place to break.
NO_BREAK_SPACE = "\u00a0"


def _is_space(char: str) -> bool:
    return char.isspace() and char != NO_BREAK_SPACE


def _is_wide(char: str) -> bool:
    return char in CJK_NARROW or get_character_cell_size(char) == 2


def _groups(text: str, width: int) -> list[tuple[int, int]]:
    """Spans ``(start, end)`` of bracketed groups that hold no space and fit in ``width``."""
    spans: list[tuple[int, int]] = []
    stack: list[tuple[int, str]] = []
    for index, char in enumerate(text):
        if _is_space(char):
            stack.clear()  # a group with a space in it may break at the space
        elif char in PAIRS:
            stack.append((index, PAIRS[char]))
        elif stack and char == stack[-1][1]:
            start, _ = stack.pop()
            end = index + 1
            if sum(get_character_cell_size(c) for c in text[start:end]) <= width:
                spans.append((start, end))
    return spans


def break_allowed(text: str, width: int) -> list[bool]:
    """For each index ``i``, whether a line may begin at ``text[i]`` (index 0: False)."""
    allowed = [False] * len(text)
    for i in range(1, len(text)):
        before, char = text[i - 1], text[i]
        if _is_space(char):
            continue  # break after the spaces, not before them
        if char in CLOSING or before in OPENING:
            continue
        if _is_space(before):
            j = i - 1  # back over the spaces (a short walk: wrapping runs on every render)
            while j > 0 and _is_space(text[j]):
                j -= 1
            if char in ARROWS or text[j] in ARROWS:
                continue
            allowed[i] = True
        elif char in DOUBLED and before == char:
            continue
        elif _is_wide(before) or _is_wide(char):
            allowed[i] = True
    for start, end in _groups(text, width):
        for i in range(start + 1, end):
            allowed[i] = False
    return allowed


def break_offsets(text: str, width: int, fold: bool = True) -> list[int]:
    """Offsets at which ``text`` (one line) is divided to fit in ``width`` cells.

    Spaces at a break stay at the end of the line before it (to be stripped there).
    Anything longer than ``width`` with no place to break is cut at ``width`` when
    ``fold`` is true, and left whole otherwise.
    """
    width = max(width, 1)
    allowed = break_allowed(text, width)
    offsets: list[int] = []
    start, end = 0, len(text)
    while True:
        used, last_break, i = 0, -1, start
        while i < end:
            char = text[i]
            cells = get_character_cell_size(char)
            if i > start and allowed[i]:
                last_break = i
            if not _is_space(char) and used + cells > width:
                break
            used += cells
            i += 1
        if i >= end:
            return offsets
        if last_break > start:
            start = last_break
        elif fold and i > start:
            start = i
        else:
            start = next((j for j in range(i + 1, end) if allowed[j]), end)
            if start >= end:
                return offsets
        offsets.append(start)
