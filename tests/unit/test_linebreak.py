"""Line breaking for Chinese and English: numbers, keys and groups stay whole."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given
from hypothesis import strategies as st
from rich.cells import cell_len

from jiebei_coach.presentation.linebreak import CLOSING, OPENING, break_offsets


def lines(text: str, width: int) -> list[str]:
    offsets = [0, *break_offsets(text, width), len(text)]
    return [text[a:b] for a, b in itertools.pairwise(offsets)]


@pytest.mark.parametrize(
    ("text", "width", "whole"),
    [
        ("有疑问只打95188。", 14, "95188。"),
        ("你的芝麻分区间(350–950)是估算", 16, "(350–950)"),
        ("检查留言请按(ctrl+r)键", 12, "(ctrl+r)"),
        ("收到“提额”等消息一律不理", 6, "“提额”"),
        ("每月余钱 ¥1,700,计划最多用 ¥1,100", 16, "¥1,100"),
        ("日利率 0.04% 很低吗", 8, "0.04%"),
        ("从 2026-11 开始", 7, "2026-11"),
        ("全部做到时:指数 52.5 → 52.5(不是承诺)", 18, "52.5 → 52.5"),
        ("If all done: Sesame 652 → 654–722 (not a promise)", 24, "652 → 654–722"),
        ("the plan uses at most ¥1,100 · n:\u00a01\u00a0note", 36, "n:\u00a01\u00a0note"),
    ],
)
def test_numbers_keys_and_groups_stay_on_one_line(text: str, width: int, whole: str) -> None:
    assert any(whole in line for line in lines(text, width)), lines(text, width)


@pytest.mark.parametrize(
    ("text", "width"),
    [
        ("一律不理;蚂蚁不会要求转账。", 4),
        ("一律不理。蚂蚁不会要求转账。", 4),
        ("好,好、好:好!好?好)", 4),
        ("这是一个句子,后面还有。", 6),
    ],
)
def test_no_line_starts_with_closing_punctuation(text: str, width: int) -> None:
    result = lines(text, width)
    assert len(result) > 1
    assert not any(line[0] in CLOSING for line in result[1:]), result


def test_opening_punctuation_stays_with_what_follows() -> None:
    result = lines("一二三“提额服务费用”", 8)
    assert not any(line.rstrip()[-1] in OPENING for line in result[:-1]), result


def test_english_breaks_at_spaces() -> None:
    assert lines("Press i monthly to log your real score", 20) == [
        "Press i monthly to ",
        "log your real score",
    ]


def test_chinese_fills_the_line() -> None:
    assert lines("一二三四五六七八九十", 8) == ["一二三四", "五六七八", "九十"]


def test_something_longer_than_a_line_is_cut_at_its_end() -> None:
    assert lines("abcdefghijklmnopqrstuvwxyz", 10) == ["abcdefghij", "klmnopqrst", "uvwxyz"]
    assert break_offsets("abcdefghijklmnop qr", 10, fold=False) == [17]


TEXT = st.text(
    alphabet=st.sampled_from(list("借呗额度教练每月按时还款 abc123,.;:()“”。,、;:95188¥%-+")),
    max_size=80,
)


@given(TEXT, st.integers(min_value=2, max_value=40))
def test_lines_join_to_the_text_and_fit(text: str, width: int) -> None:
    result = lines(text, width)
    assert "".join(result) == text
    for line in result:
        assert cell_len(line.rstrip()) <= width, (line, width)


@given(TEXT, st.integers(min_value=6, max_value=40))
def test_digits_are_not_split_when_the_number_fits(text: str, width: int) -> None:
    for offset in break_offsets(text, width):
        before, after = text[offset - 1], text[offset]
        if before.isdigit() and after.isdigit():
            run = len(text[:offset]) - len(text[:offset].rstrip("0123456789"))
            run += len(text[offset:]) - len(text[offset:].lstrip("0123456789"))
            assert run > width, (text, width, offset)
