"""The session list reads "what is next" straight from the stored document, without
building the plan; these properties tie that shortcut to the plan's own rule."""

from __future__ import annotations

from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from jiebei_coach.domain import Profile, Session, build_plan, demo_profile
from jiebei_coach.store.codec import Summary, session_to_doc
from tests.strategies import partial_profiles

START = date(2026, 11, 29)


@settings(max_examples=60, deadline=None)
@given(
    profile=st.one_of(st.just(demo_profile()), partial_profiles()),
    ticks=st.lists(st.booleans(), max_size=80),
    offset=st.integers(min_value=-60, max_value=900),
)
def test_the_list_shows_the_plans_own_next_action(
    profile: Profile, ticks: list[bool], offset: int
) -> None:
    plan = build_plan(profile, START)
    for (_, action), done in zip(plan.actions(), ticks, strict=False):
        if done:
            plan = plan.with_done(action.key, True, START)
    session = Session(
        id="0" * 32, name="s", profile=profile, plan=plan, created=START, updated=START
    )
    today = date.fromordinal(START.toordinal() + offset)

    summary = Summary(session_to_doc(session), today)

    expected = plan.next_open(today)
    assert summary.next_key == (expected.key if expected else None)
    assert summary.next_action == (expected.action_id if expected else None)
    assert (summary.done, summary.total) == plan.progress()
    index = plan.month_index(today)
    month_open = 0 if index is None else sum(not a.done for a in plan.months[index].actions)
    assert summary.month_open == month_open
