"""The tables that turn bill rows into evidence, read from ``assets/bill_mappings.json``.

Which statuses mean the money moved, which 交易分类 is which of the profile's eight spending
categories, the words that show each everyday scene, which rows are not spending (transfers,
investments, top-ups and withdrawals, credit, refunds) and the names of the lenders: all data,
so a new status word or lender is an edit of the file, not of the code. ``load_bill_mappings``
checks the file strictly and names the file and the key when something is wrong.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from typing import Annotated, Literal, Protocol

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from jiebei_coach.assets import AssetError, read_json
from jiebei_coach.domain.model import Text, check_sources, describe_validation_error
from jiebei_coach.domain.profile import SPEND_CATEGORIES, LifeScene

FILE = "bill_mappings.json"

Layout = Literal["alipay_current", "alipay_older", "wechat_csv"]
LAYOUTS: tuple[Layout, ...] = ("alipay_current", "alipay_older", "wechat_csv")
#: Why a row that took money out is not counted as spending.
ExcludeReason = Literal["transfer", "investment", "top_up_withdrawal", "credit", "refund"]
#: The row's cells a rule may look at; ``text`` is the counterparty and the description.
Column = Literal["category", "type", "description", "text", "fund_status"]
StatusKind = Literal["success", "refund", "closed", "pending"]

Word = Annotated[str, Field(min_length=1)]
Words = Annotated[list[Word], Field(min_length=1)]
Sources = Annotated[list[str], Field(min_length=1)]


class _Strict(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Statuses(_Strict):
    """Status words: exact success words; refund and closed words match the start."""

    success: Words
    refund: Words
    closed: Words
    partial_refund: Word = Field(description="a regex with the group 'amount' (WeChat)")
    source: Sources

    @field_validator("partial_refund")
    @classmethod
    def _has_amount(cls, value: str) -> str:
        try:
            pattern = re.compile(value)
        except re.error as exc:
            raise ValueError(f"not a valid regex: {exc}") from None
        if "amount" not in pattern.groupindex:
            raise ValueError("the pattern needs a group named 'amount'")
        return value


class Categories(_Strict):
    """Each of the profile's eight spending categories and the 交易分类 that are it."""

    map: dict[str, Words]
    source: Sources

    @field_validator("map")
    @classmethod
    def _the_eight(cls, value: dict[str, list[str]]) -> dict[str, list[str]]:
        if set(value) != set(SPEND_CATEGORIES):
            missing = sorted(set(SPEND_CATEGORIES) - set(value))
            extra = sorted(set(value) - set(SPEND_CATEGORIES))
            raise ValueError(
                f"keys must be the profile's categories (missing {missing}, extra {extra})"
            )
        seen: dict[str, str] = {}
        for key, names in value.items():
            for name in names:
                if name in seen:
                    raise ValueError(f"{name!r} is in both {seen[name]!r} and {key!r}")
                seen[name] = key
        return value


class SceneWords(_Strict):
    """What shows a payment belongs to a scene: its 交易分类, or words in it."""

    categories: list[Word] = []
    keywords: list[Word] = []

    @model_validator(mode="after")
    def _something(self) -> SceneWords:
        if not (self.categories or self.keywords):
            raise ValueError("a scene needs categories or keywords")
        return self


class Scenes(_Strict):
    """Every everyday scene of the profile, with what shows it in a bill."""

    map: dict[LifeScene, SceneWords]
    source: Sources

    @field_validator("map")
    @classmethod
    def _every_scene(cls, value: dict[LifeScene, SceneWords]) -> dict[LifeScene, SceneWords]:
        missing = sorted(s.value for s in set(LifeScene) - set(value))
        if missing:
            raise ValueError(f"every scene needs an entry (missing {', '.join(missing)})")
        return value


class ExcludeRule(_Strict):
    """Rows whose ``column`` equals, starts with or contains one of the words are not spending."""

    reason: ExcludeReason
    column: Column
    equals: list[Word] = []
    prefix: list[Word] = []
    contains: list[Word] = []

    @model_validator(mode="after")
    def _one_test(self) -> ExcludeRule:
        if sum(bool(words) for words in (self.equals, self.prefix, self.contains)) != 1:
            raise ValueError("give exactly one of equals, prefix or contains")
        return self


class Exclusions(_Strict):
    """The not-spending rules of each layout, tried in order."""

    rules: dict[Layout, list[ExcludeRule]]
    source: Sources

    @field_validator("rules")
    @classmethod
    def _every_layout(
        cls, value: dict[Layout, list[ExcludeRule]]
    ) -> dict[Layout, list[ExcludeRule]]:
        missing = [layout for layout in LAYOUTS if layout not in value]
        if missing:
            raise ValueError(f"every layout needs its rules (missing {', '.join(missing)})")
        return value


class Credit(_Strict):
    """How a draw and a repayment look, the window for recent draws, the action they evidence.

    ``categories``: the 交易分类 a credit row has (checked where the layout has the column).
    """

    categories: Words
    draw: Words
    repayment: Words
    window_days: Annotated[int, Field(ge=7, le=366)]
    repayment_action: Word
    source: Sources


class Lender(_Strict):
    """A lender and the words that name it in a bill."""

    id: Annotated[str, Field(pattern=r"^[a-z0-9_]+$")]
    name: Text
    names: Words
    source: Sources


class BillMappings(_Strict):
    """The whole of ``assets/bill_mappings.json``."""

    version: int
    statuses: Statuses
    categories: Categories
    scenes: Scenes
    exclude: Exclusions
    credit: Credit
    lenders: Annotated[list[Lender], Field(min_length=1)]

    @field_validator("lenders")
    @classmethod
    def _lenders(cls, value: list[Lender]) -> list[Lender]:
        ids = [lender.id for lender in value]
        repeated = sorted({i for i in ids if ids.count(i) > 1})
        if repeated:
            raise ValueError(f"lender ids must be unique (repeated: {', '.join(repeated)})")
        for needed in (JIEBEI, HUABEI):
            if needed not in ids:
                raise ValueError(f"the lenders must include {needed!r}")
        return value

    def lender(self, lender_id: str) -> Lender:
        """The lender with ``lender_id``."""
        for lender in self.lenders:
            if lender.id == lender_id:
                return lender
        raise KeyError(lender_id)


#: The lender ids the derivations name: 借呗 (draws, the 90-day window) and 花呗.
JIEBEI = "jiebei"
HUABEI = "huabei"


@cache
def load_bill_mappings() -> BillMappings:
    """Read and validate the bill mappings (cached: the data does not change while running)."""
    raw = read_json(FILE)
    try:
        mappings = BillMappings.model_validate(raw)
    except ValidationError as exc:
        raise AssetError(describe_validation_error(FILE, exc)) from None
    for section in ("statuses", "categories", "scenes", "exclude", "credit"):
        check_sources(FILE, section, getattr(mappings, section).source)
    for i, lender in enumerate(mappings.lenders):
        check_sources(FILE, f"lenders.{i}", lender.source)
    _check_action(mappings.credit.repayment_action)
    return mappings


def _check_action(action_id: str) -> None:
    from jiebei_coach.domain.catalog import load_catalog

    actions = {a.id: a for a in load_catalog().actions}
    action = actions.get(action_id)
    if action is None:
        raise AssetError(f"{FILE}: credit.repayment_action: unknown action {action_id!r}")
    if action.cadence != "monthly":
        raise AssetError(f"{FILE}: credit.repayment_action: {action_id!r} does not repeat monthly")


def _alternation(words: Iterable[str]) -> re.Pattern[str] | None:
    """One regex matching any of ``words``, longest first (so 京东金条 wins over 金条)."""
    unique = sorted(set(words), key=lambda w: (-len(w), w))
    return re.compile("|".join(re.escape(w) for w in unique)) if unique else None


class _Cells(Protocol):
    """The cells of a row the not-spending rules look at."""

    @property
    def category(self) -> str: ...
    @property
    def type(self) -> str: ...
    @property
    def description(self) -> str: ...
    @property
    def fund_status(self) -> str: ...


@dataclass(frozen=True)
class _CompiledRule:
    reason: ExcludeReason
    column: Column
    equals: frozenset[str]
    prefix: tuple[str, ...]
    contains: re.Pattern[str] | None

    def matches(self, value: str) -> bool:
        if self.equals:
            return value in self.equals
        if self.prefix:
            return value.startswith(self.prefix)
        return self.contains is not None and self.contains.search(value) is not None


class CompiledMappings:
    """The mappings with their word lists compiled, and memos for the values that repeat.

    Bills repeat the same few statuses and categories over thousands of rows, so each is
    judged once.
    """

    def __init__(self, data: BillMappings) -> None:
        self.data = data
        statuses = data.statuses
        self._success = frozenset(statuses.success)
        self._refund = tuple(statuses.refund)
        self._closed = tuple(statuses.closed)
        self._partial = re.compile(statuses.partial_refund)
        self._status_memo: dict[str, tuple[StatusKind, int | None]] = {}
        self.category_of: dict[str, str] = {
            name: key for key, names in data.categories.map.items() for name in names
        }
        self.scenes_of_category: dict[str, frozenset[LifeScene]] = {}
        keyword_scenes: dict[str, set[LifeScene]] = {}
        for scene, words in data.scenes.map.items():
            for name in words.categories:
                self.scenes_of_category[name] = self.scenes_of_category.get(name, frozenset()) | {
                    scene
                }
            for word in words.keywords:
                keyword_scenes.setdefault(word, set()).add(scene)
        self.scene_words = _alternation(keyword_scenes)
        self.scenes_of_word = {w: frozenset(s) for w, s in keyword_scenes.items()}
        self.rules: dict[str, tuple[_CompiledRule, ...]] = {
            layout: tuple(
                _CompiledRule(
                    rule.reason,
                    rule.column,
                    frozenset(rule.equals),
                    tuple(rule.prefix),
                    _alternation(rule.contains),
                )
                for rule in rules
            )
            for layout, rules in data.exclude.rules.items()
        }
        credit = data.credit
        self.credit_categories = frozenset(credit.categories)
        self.draw_words = tuple(credit.draw)
        self.repayment_words = tuple(credit.repayment)
        self.lender_of: dict[str, str] = {
            name: lender.id for lender in data.lenders for name in lender.names
        }
        self.lender_words = _alternation(self.lender_of)

    def status(self, status: str) -> tuple[StatusKind, int | None]:
        """The kind of a status, and the refunded amount in fen when it names a partial one."""
        known = self._status_memo.get(status)
        if known is None:
            known = self._judge_status(status)
            self._status_memo[status] = known
        return known

    def _judge_status(self, status: str) -> tuple[StatusKind, int | None]:
        if status in self._success:
            return "success", None
        if status.startswith(self._refund):
            match = self._partial.search(status)
            return "refund", (_fen(match.group("amount")) if match else None)
        if status.startswith(self._closed):
            return "closed", None
        return "pending", None

    def exclusion(self, layout: str, row: _Cells, text: str) -> ExcludeReason | None:
        """The first not-spending rule of ``layout`` that the row meets, if any.

        ``text`` is the counterparty and the description together (the ``text`` column).
        """
        for rule in self.rules[layout]:
            value = text if rule.column == "text" else getattr(row, rule.column)
            if rule.matches(value):
                return rule.reason
        return None

    def scenes(self, category: str, text: str) -> frozenset[LifeScene]:
        """The everyday scenes a payment shows, by its 交易分类 and its words."""
        found = self.scenes_of_category.get(category, frozenset())
        if self.scene_words is not None:
            for word in self.scene_words.findall(text):
                found = found | self.scenes_of_word[word]
        return found

    def credit_flow(self, description: str, text: str) -> tuple[str, bool] | None:
        """``(lender id, is_draw)`` when the row draws on or repays a known lender."""
        if any(word in description for word in self.repayment_words):
            draw = False
        elif any(word in description for word in self.draw_words):
            draw = True
        else:
            return None
        match = self.lender_words.search(text) if self.lender_words else None
        return (self.lender_of[match.group()], draw) if match else None


def _fen(amount: str) -> int:
    """``"12.3"`` → 1230."""
    whole, _, part = amount.partition(".")
    return int(whole) * 100 + int((part + "00")[:2])


@cache
def compiled_mappings() -> CompiledMappings:
    """The shipped mappings, compiled once."""
    return CompiledMappings(load_bill_mappings())
