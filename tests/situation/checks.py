"""Checks shared by the roll-up tests."""

from tryggsam.situation.models import DailyRollup, MonthlyRollup


def assert_months_sum_the_days():
    """The monthly roll-ups are exactly the daily ones summed per calendar month."""
    dims = ("area", "category", "source", "classification", "owner", "audience")
    folded: dict[tuple, int] = {}
    for r in DailyRollup.objects.values("day", "count", *dims):
        key = (r["day"].replace(day=1), *(r[d] for d in dims))
        folded[key] = folded.get(key, 0) + r["count"]
    monthly = {
        (r["month"], *(r[d] for d in dims)): r["count"] for r in MonthlyRollup.objects.values("month", "count", *dims)
    }
    assert monthly == folded and len(monthly) > 0
