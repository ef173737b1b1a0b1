"""The user's credit profile: what they tell the coach about themselves.

Every field may be ``None``, meaning "not known yet": a blank ``Profile()`` is where every
user starts, and an unknown input never crashes anything (its factor takes a stated
neutral value). Money is in yuan, rates are fractions (0.98, not 98).
"""

from __future__ import annotations

from enum import Enum
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator
from pydantic_core import PydanticCustomError


class LifeScene(str, Enum):
    """Everyday payments a user can route through Alipay (信用生活 scenes)."""

    UTILITIES = "utilities"
    TRAFFIC_FINES = "traffic_fines"
    RENT = "rent"
    PHONE_BILL = "phone_bill"
    PUBLIC_TRANSPORT = "public_transport"
    DEPOSIT_FREE_RENTAL = "deposit_free_rental"
    MEDICAL = "medical"
    GOVERNMENT_SERVICES = "government_services"


class JiebeiStatus(str, Enum):
    """Where the user's 借呗 line stands: open, cut (lowered), closed, or never had one."""

    OPEN = "open"
    CUT = "cut"
    CLOSED = "closed"
    NONE = "none"


class Goal(str, Enum):
    """What the user wants from the coach; it shapes the plan."""

    RAISE_LIMIT = "raise_limit"
    BORROW_CHEAPER = "borrow_cheaper"
    DEBT_FREE = "debt_free"
    KEEP_HEALTHY = "keep_healthy"


#: Statuses in which a balance may exceed the limit (the line was lowered or closed).
REDUCED_STATUSES = frozenset({JiebeiStatus.CUT, JiebeiStatus.CLOSED})


class IdentityItem(str, Enum):
    """Identity details a user can verify or fill in."""

    REAL_NAME = "real_name"
    FACE_VERIFICATION = "face_verification"
    EDUCATION = "education"
    OCCUPATION = "occupation"
    EMPLOYER = "employer"
    ADDRESS = "address"
    VEHICLE = "vehicle"
    PROPERTY = "property"


#: The spending categories ``Profile.spend_categories`` counts (keys into the locales).
SPEND_CATEGORIES: tuple[str, ...] = (
    "dining",
    "groceries",
    "shopping",
    "transport",
    "travel",
    "entertainment",
    "education",
    "health",
)

Money = Annotated[float, Field(ge=0, allow_inf_nan=False)]
Count = Annotated[int, Field(ge=0, le=1000)]


class Profile(BaseModel):
    """What the user says about their credit; ``None`` means not known yet."""

    model_config = ConfigDict(frozen=True, extra="forbid", validate_default=True)

    # what the user wants
    goal: Goal | None = None
    # 信用历史 / repayment
    sesame_score: Annotated[int, Field(ge=350, le=950)] | None = None
    on_time_rate: Annotated[float, Field(ge=0, le=1, allow_inf_nan=False)] | None = None
    late_payments_24m: Count | None = None
    overdue_now: bool | None = None
    account_age_years: Annotated[float, Field(ge=0, le=100, allow_inf_nan=False)] | None = None
    # 借呗 (the status comes first: it decides whether a balance may exceed the limit)
    jiebei_status: JiebeiStatus | None = None
    jiebei_limit: Money | None = None
    jiebei_balance: Money | None = None
    draws_90d: Count | None = None
    largest_draw_90d: Money | None = None
    # other credit: 花呗, credit cards, applications, lenders over the years
    huabei_limit: Money | None = None
    huabei_balance: Money | None = None
    card_limit: Money | None = None
    card_balance: Money | None = None
    inquiries_6m: Count | None = None
    loans_ever_5y: Count | None = None
    # 履约能力 / debt and means
    #: 0 is an answer (a student, someone out of work): no income, not "unknown".
    monthly_income: Money | None = None
    monthly_debt_payment: Money | None = None
    monthly_living_cost: Money | None = None
    lender_count: Count | None = None
    liquid_assets: Money | None = None
    has_social_insurance: bool | None = None
    housing_fund: bool | None = None
    # 行为偏好 / consumption and habits
    monthly_alipay_spend: Money | None = None
    spend_categories: Annotated[int, Field(ge=0, le=len(SPEND_CATEGORIES))] | None = None
    life_scenes: frozenset[LifeScene] | None = None
    auto_repay: bool | None = None
    checks_credit_report: bool | None = None
    # 身份特质 / identity
    identity_items: frozenset[IdentityItem] | None = None
    phone_years: Annotated[float, Field(ge=0, le=100, allow_inf_nan=False)] | None = None
    age: Annotated[int, Field(ge=16, le=100)] | None = None
    is_student: bool | None = None
    # life: what some actions are only for
    has_car: bool | None = None
    rents_home: bool | None = None
    owns_home: bool | None = None
    # business
    is_business_owner: bool | None = None
    keeps_business_records: bool | None = None
    separates_business_money: bool | None = None

    @field_validator("jiebei_limit")
    @classmethod
    def _no_limit_without_a_line(cls, value: float | None, info: ValidationInfo) -> float | None:
        if value and info.data.get("jiebei_status") == JiebeiStatus.NONE:
            raise PydanticCustomError(
                "limit_without_jiebei",
                "a limit of {limit} was entered, but the status says there is no 借呗",
                {"limit": value},
            )
        return value

    @field_validator("jiebei_balance")
    @classmethod
    def _balance_within_limit(cls, value: float | None, info: ValidationInfo) -> float | None:
        limit = info.data.get("jiebei_limit")
        status = info.data.get("jiebei_status")
        if (
            value is not None
            and limit is not None
            and value > limit
            and status not in REDUCED_STATUSES
        ):
            raise PydanticCustomError(
                "balance_exceeds_limit",
                "balance {balance} exceeds the limit {limit}",
                {"balance": value, "limit": limit},
            )
        return value

    def known_fields(self) -> dict[str, Any]:
        """The fields the user has filled in, as plain values."""
        return {k: v for k, v in self.__dict__.items() if v is not None}

    def with_logged_limit(self, limit: float) -> Profile | None:
        """The profile after the user logged ``limit`` as their real 借呗 limit, or None
        when it already says so. A limit lower than an open line's is a cut (a balance
        above it is then normal), a limit of 0 a closed line, and a logged limit reopens
        a closed or never-had line.
        Raises ``ValidationError`` when the rest of the profile cannot take it."""
        if self.jiebei_limit == limit:
            return None
        status = self.jiebei_status
        if limit == 0:
            status = JiebeiStatus.CLOSED
        elif status in (JiebeiStatus.CLOSED, JiebeiStatus.NONE):
            status = JiebeiStatus.OPEN
        elif (
            status in (JiebeiStatus.OPEN, None)
            and self.jiebei_limit is not None
            and limit < self.jiebei_limit
        ):
            status = JiebeiStatus.CUT
        return Profile.model_validate(
            {**self.known_fields(), "jiebei_limit": limit, "jiebei_status": status}
        )


#: Which way is better for each input the planner may change: +1 higher, -1 lower.
#: Booleans count True as higher. Sets are better when larger.
BETTER_DIRECTION: dict[str, int] = {
    "on_time_rate": +1,
    "late_payments_24m": -1,
    "overdue_now": -1,
    "account_age_years": +1,
    "jiebei_balance": -1,
    "draws_90d": -1,
    "huabei_balance": -1,
    "card_balance": -1,
    "inquiries_6m": -1,
    "loans_ever_5y": -1,
    "housing_fund": +1,
    "largest_draw_90d": -1,
    "monthly_debt_payment": -1,
    "lender_count": -1,
    "liquid_assets": +1,
    "has_social_insurance": +1,
    "monthly_alipay_spend": +1,
    "spend_categories": +1,
    "life_scenes": +1,
    "auto_repay": +1,
    "checks_credit_report": +1,
    "identity_items": +1,
    "phone_years": +1,
    "keeps_business_records": +1,
    "separates_business_money": +1,
}

#: The profile fields in the order a form shows them, grouped in sections.
SECTIONS: dict[str, tuple[str, ...]] = {
    "goal": ("goal",),
    "repayment": (
        "sesame_score",
        "on_time_rate",
        "late_payments_24m",
        "overdue_now",
        "account_age_years",
        "auto_repay",
    ),
    "debt": (
        "monthly_income",
        "monthly_debt_payment",
        "monthly_living_cost",
        "lender_count",
        "loans_ever_5y",
        "inquiries_6m",
    ),
    "borrowing": (
        "jiebei_status",
        "jiebei_limit",
        "jiebei_balance",
        "draws_90d",
        "largest_draw_90d",
    ),
    "other_credit": ("huabei_limit", "huabei_balance", "card_limit", "card_balance"),
    "consumption": (
        "monthly_alipay_spend",
        "spend_categories",
        "liquid_assets",
        "has_social_insurance",
        "housing_fund",
        "checks_credit_report",
    ),
    "identity": ("identity_items", "phone_years", "age", "is_student"),
    "life_scenes": ("life_scenes", "has_car", "rents_home", "owns_home"),
    "business": ("is_business_owner", "keeps_business_records", "separates_business_money"),
}
