"""One overdue rule (store.schedule, through wizard.overdue) for the register table, the home screen's count and the reports."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from wizard.overdue import days_overdue, is_overdue, overdue_count
from wizard.tui import display

TODAY = date(2025, 11, 3)


def test_a_review_is_overdue_from_the_day_after_it_falls_due():
    assert days_overdue("2025-11-03", "active", TODAY) == 0
    assert days_overdue("2025-11-02", "active", TODAY) == 1
    assert days_overdue("2025-10-03", None, TODAY) == 31


def test_an_ended_partnership_or_one_without_a_review_date_is_never_overdue():
    assert not is_overdue("2020-01-01", "ended", TODAY)
    assert not is_overdue(None, "active", TODAY)


def test_the_register_table_marks_what_the_rule_calls_overdue():
    assert str(display.review_due("2025-11-02", TODAY, "active")) == "2025-11-02 overdue"
    assert str(display.review_due("2025-11-03", TODAY, "active")) == "2025-11-03"
    assert str(display.review_due("2025-11-02", TODAY, "ended")) == "2025-11-02"


@given(
    st.lists(
        st.tuples(
            st.one_of(st.none(), st.dates(date(1999, 1, 1), date(2100, 12, 31))),
            st.sampled_from([None, "proposed", "active", "under-review", "ended"]),
        ),
        max_size=30,
    ),
    st.dates(date(2000, 1, 1), date(2099, 12, 31)),
)
def test_the_home_screens_count_is_the_rules_count(rows, today):
    """The count compares ISO dates as text (5,000 at every start); it must agree with the rule day by day."""
    summaries = [{"next_review_due": due and due.isoformat(), "status": status} for due, status in rows]
    summaries += [{"next_review_due": (today - timedelta(days=1)).isoformat(), "status": "active"}]  # the edge
    expected = sum(is_overdue(s["next_review_due"], s["status"], today) for s in summaries)
    assert overdue_count(summaries, today) == expected
