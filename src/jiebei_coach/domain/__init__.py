"""The coaching core: profile, factor model, scoring, planner and borrowing cost.

Pure data and functions: no Textual, no TinyDB, no file writes, no clock reads (callers
pass ``today``). The knowledge itself is data in ``assets/``.
"""

from jiebei_coach.domain.catalog import Action, Catalog, Condition, Effect, load_catalog
from jiebei_coach.domain.demo import demo_profile
from jiebei_coach.domain.errors import FieldError, error_messages, field_errors
from jiebei_coach.domain.loan import (
    METHODS,
    TERMS,
    LoanError,
    LoanPayment,
    LoanSchedule,
    Method,
    compare_methods,
    loan_schedule,
)
from jiebei_coach.domain.model import Dimension, Factor, FactorModel, load_model, load_sources
from jiebei_coach.domain.planner import (
    Plan,
    PlanMonth,
    PlannedAction,
    add_months,
    build_plan,
    month_label,
    month_start,
)
from jiebei_coach.domain.profile import (
    SECTIONS,
    SPEND_CATEGORIES,
    IdentityItem,
    LifeScene,
    Profile,
)
from jiebei_coach.domain.safety import BorrowingWarning, borrowing_warnings
from jiebei_coach.domain.scoring import Breakdown, DimensionScore, FactorScore, index_of, score
from jiebei_coach.domain.session import CheckIn, Session

__all__ = [
    "METHODS",
    "SECTIONS",
    "SPEND_CATEGORIES",
    "TERMS",
    "Action",
    "BorrowingWarning",
    "Breakdown",
    "Catalog",
    "CheckIn",
    "Condition",
    "Dimension",
    "DimensionScore",
    "Effect",
    "Factor",
    "FactorModel",
    "FactorScore",
    "FieldError",
    "IdentityItem",
    "LifeScene",
    "LoanError",
    "LoanPayment",
    "LoanSchedule",
    "Method",
    "Plan",
    "PlanMonth",
    "PlannedAction",
    "Profile",
    "Session",
    "add_months",
    "borrowing_warnings",
    "build_plan",
    "compare_methods",
    "demo_profile",
    "error_messages",
    "field_errors",
    "index_of",
    "load_catalog",
    "load_model",
    "load_sources",
    "loan_schedule",
    "month_label",
    "month_start",
    "score",
]
