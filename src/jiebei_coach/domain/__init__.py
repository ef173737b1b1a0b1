"""The coaching core: profile, factor model, scoring, planner and borrowing cost.

Pure data and functions: no Textual, no TinyDB, no file writes, no clock reads (callers
pass ``today``). The knowledge itself is data in ``assets/``.

Names are imported on first use, so that a caller who needs only the cheap parts (the
month helpers in ``calendar``) does not pay for building every pydantic model.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from jiebei_coach.domain.bill_compare import (
        apply_changes,
        compare_with_profile,
        month_evidence,
        offers_in_plan,
    )
    from jiebei_coach.domain.bill_format import BillError
    from jiebei_coach.domain.bill_rules import load_bill_mappings
    from jiebei_coach.domain.bill_types import (
        BillSummary,
        FieldChange,
        FieldEvidence,
        MonthEvidence,
        Period,
    )
    from jiebei_coach.domain.bills import read_bill
    from jiebei_coach.domain.calendar import add_months, month_label, month_start
    from jiebei_coach.domain.catalog import Action, Catalog, Condition, Effect, load_catalog
    from jiebei_coach.domain.demo import demo_profile
    from jiebei_coach.domain.errors import FieldError, field_errors
    from jiebei_coach.domain.loan import (
        METHODS,
        TERMS,
        LoanError,
        LoanPayment,
        LoanSchedule,
        Method,
        actual_day_schedule,
        compare_methods,
        early_savings,
        loan_schedule,
        term_for,
    )
    from jiebei_coach.domain.model import Dimension, Factor, FactorModel, load_model, load_sources
    from jiebei_coach.domain.plan import Plan, PlanChanges, PlanMonth, PlannedAction, PlanNote
    from jiebei_coach.domain.planner import build_plan, replan
    from jiebei_coach.domain.profile import (
        SECTIONS,
        SPEND_CATEGORIES,
        Goal,
        IdentityItem,
        JiebeiStatus,
        LifeScene,
        Profile,
    )
    from jiebei_coach.domain.progress import Progress, compare_progress
    from jiebei_coach.domain.safety import (
        BorrowingWarning,
        CostLine,
        borrowing_warnings,
        cost_lines_crossed,
        load_cost_lines,
        load_lpr,
    )
    from jiebei_coach.domain.scams import ScamVerdict, SignalFound, check_message
    from jiebei_coach.domain.scoring import Breakdown, DimensionScore, FactorScore, index_of, score
    from jiebei_coach.domain.session import CheckIn, Draw, Session

_WHERE: dict[str, str] = {
    "BillError": "jiebei_coach.domain.bill_format",
    "BillSummary": "jiebei_coach.domain.bill_types",
    "FieldEvidence": "jiebei_coach.domain.bill_types",
    "FieldChange": "jiebei_coach.domain.bill_types",
    "MonthEvidence": "jiebei_coach.domain.bill_types",
    "Period": "jiebei_coach.domain.bill_types",
    "apply_changes": "jiebei_coach.domain.bill_compare",
    "compare_with_profile": "jiebei_coach.domain.bill_compare",
    "load_bill_mappings": "jiebei_coach.domain.bill_rules",
    "month_evidence": "jiebei_coach.domain.bill_compare",
    "offers_in_plan": "jiebei_coach.domain.bill_compare",
    "read_bill": "jiebei_coach.domain.bills",
    "Action": "jiebei_coach.domain.catalog",
    "BorrowingWarning": "jiebei_coach.domain.safety",
    "Breakdown": "jiebei_coach.domain.scoring",
    "Catalog": "jiebei_coach.domain.catalog",
    "CheckIn": "jiebei_coach.domain.session",
    "CostLine": "jiebei_coach.domain.safety",
    "Draw": "jiebei_coach.domain.session",
    "PlanChanges": "jiebei_coach.domain.plan",
    "ScamVerdict": "jiebei_coach.domain.scams",
    "SignalFound": "jiebei_coach.domain.scams",
    "check_message": "jiebei_coach.domain.scams",
    "cost_lines_crossed": "jiebei_coach.domain.safety",
    "replan": "jiebei_coach.domain.planner",
    "Condition": "jiebei_coach.domain.catalog",
    "Dimension": "jiebei_coach.domain.model",
    "DimensionScore": "jiebei_coach.domain.scoring",
    "Effect": "jiebei_coach.domain.catalog",
    "Factor": "jiebei_coach.domain.model",
    "FactorModel": "jiebei_coach.domain.model",
    "FactorScore": "jiebei_coach.domain.scoring",
    "FieldError": "jiebei_coach.domain.errors",
    "IdentityItem": "jiebei_coach.domain.profile",
    "Goal": "jiebei_coach.domain.profile",
    "JiebeiStatus": "jiebei_coach.domain.profile",
    "Progress": "jiebei_coach.domain.progress",
    "compare_progress": "jiebei_coach.domain.progress",
    "actual_day_schedule": "jiebei_coach.domain.loan",
    "early_savings": "jiebei_coach.domain.loan",
    "load_cost_lines": "jiebei_coach.domain.safety",
    "load_lpr": "jiebei_coach.domain.safety",
    "LifeScene": "jiebei_coach.domain.profile",
    "LoanError": "jiebei_coach.domain.loan",
    "LoanPayment": "jiebei_coach.domain.loan",
    "LoanSchedule": "jiebei_coach.domain.loan",
    "METHODS": "jiebei_coach.domain.loan",
    "Method": "jiebei_coach.domain.loan",
    "Plan": "jiebei_coach.domain.plan",
    "PlanMonth": "jiebei_coach.domain.plan",
    "PlannedAction": "jiebei_coach.domain.plan",
    "PlanNote": "jiebei_coach.domain.plan",
    "Profile": "jiebei_coach.domain.profile",
    "SECTIONS": "jiebei_coach.domain.profile",
    "SPEND_CATEGORIES": "jiebei_coach.domain.profile",
    "Session": "jiebei_coach.domain.session",
    "TERMS": "jiebei_coach.domain.loan",
    "add_months": "jiebei_coach.domain.calendar",
    "borrowing_warnings": "jiebei_coach.domain.safety",
    "build_plan": "jiebei_coach.domain.planner",
    "compare_methods": "jiebei_coach.domain.loan",
    "demo_profile": "jiebei_coach.domain.demo",
    "field_errors": "jiebei_coach.domain.errors",
    "index_of": "jiebei_coach.domain.scoring",
    "load_catalog": "jiebei_coach.domain.catalog",
    "load_model": "jiebei_coach.domain.model",
    "load_sources": "jiebei_coach.domain.model",
    "loan_schedule": "jiebei_coach.domain.loan",
    "term_for": "jiebei_coach.domain.loan",
    "month_label": "jiebei_coach.domain.calendar",
    "month_start": "jiebei_coach.domain.calendar",
    "score": "jiebei_coach.domain.scoring",
}


def __getattr__(name: str) -> Any:
    """Import an exported name from its module the first time it is asked for."""
    where = _WHERE.get(name)
    if where is None:
        raise AttributeError(f"module 'jiebei_coach.domain' has no attribute {name!r}")
    value = getattr(importlib.import_module(where), name)
    globals()[name] = value
    return value


__all__ = [
    "METHODS",
    "SECTIONS",
    "SPEND_CATEGORIES",
    "TERMS",
    "Action",
    "BillError",
    "BillSummary",
    "BorrowingWarning",
    "Breakdown",
    "Catalog",
    "CheckIn",
    "Condition",
    "CostLine",
    "Dimension",
    "DimensionScore",
    "Draw",
    "Effect",
    "Factor",
    "FactorModel",
    "FactorScore",
    "FieldChange",
    "FieldError",
    "FieldEvidence",
    "Goal",
    "IdentityItem",
    "JiebeiStatus",
    "LifeScene",
    "LoanError",
    "LoanPayment",
    "LoanSchedule",
    "Method",
    "MonthEvidence",
    "Period",
    "Plan",
    "PlanChanges",
    "PlanMonth",
    "PlanNote",
    "PlannedAction",
    "Profile",
    "Progress",
    "ScamVerdict",
    "Session",
    "SignalFound",
    "actual_day_schedule",
    "add_months",
    "apply_changes",
    "borrowing_warnings",
    "build_plan",
    "check_message",
    "compare_methods",
    "compare_progress",
    "compare_with_profile",
    "cost_lines_crossed",
    "demo_profile",
    "early_savings",
    "field_errors",
    "index_of",
    "load_bill_mappings",
    "load_catalog",
    "load_cost_lines",
    "load_lpr",
    "load_model",
    "load_sources",
    "loan_schedule",
    "month_evidence",
    "month_label",
    "month_start",
    "offers_in_plan",
    "read_bill",
    "replan",
    "score",
    "term_for",
]
