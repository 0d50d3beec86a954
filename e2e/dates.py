"""Days ahead of today, so no journey types a year and the suite passes next year too."""

from __future__ import annotations

import datetime as dt


def future_day(weeks: int, weekday: int) -> dt.date:
    """The given weekday (Monday = 0) of the week `weeks` weeks from this one."""
    today = dt.date.today()
    monday = today - dt.timedelta(days=today.weekday()) + dt.timedelta(weeks=weeks)
    return monday + dt.timedelta(days=weekday)


def local(day: dt.date, time: str) -> str:
    """A datetime-local field's value: 2027-03-10T09:30."""
    return f"{day.isoformat()}T{time}"
