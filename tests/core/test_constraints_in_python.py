"""Check constraints decided in Python (`core.constraints`) agree with the database on every check
constraint of the project, and on conditions of our own, for values the database would store."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import hypothesis
import hypothesis.strategies as st
import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q

from tryggsam.core.constraints import ChecksInPython, Undecided, evaluate, row_values
from tryggsam.meetings.models import Meeting

TZ = dt.timezone(dt.timedelta(hours=1))


def _names(condition: Q) -> set[str]:
    names: set[str] = set()
    for child in condition.children:
        if isinstance(child, Q):
            names |= _names(child)
        else:
            names.add(child[0].split("__")[0])
            if isinstance(child[1], F):
                names.add(child[1].name)
    return names


def _values_for(field: models.Field) -> st.SearchStrategy:
    if field.choices:
        base = st.sampled_from([value for value, _ in field.flatchoices] + ["x", "", "Öppen"])
    elif isinstance(field, (models.ForeignKey, models.AutoField)):
        base = st.integers(min_value=1, max_value=5)
    elif isinstance(field, models.BooleanField):
        base = st.booleans()
    elif isinstance(field, models.DecimalField):
        base = st.decimals(min_value=-200, max_value=200, places=1, allow_nan=False)
    elif isinstance(field, models.FloatField):
        base = st.floats(min_value=-200, max_value=200, allow_nan=False)
    elif isinstance(field, models.IntegerField):
        base = st.integers(min_value=-3, max_value=3)
    elif isinstance(field, models.DateTimeField):
        base = st.datetimes(min_value=dt.datetime(2020, 1, 1), max_value=dt.datetime(2021, 1, 1), timezones=st.just(TZ))
    elif isinstance(field, models.DateField):
        base = st.dates(min_value=dt.date(2020, 1, 1), max_value=dt.date(2020, 1, 10))
    elif isinstance(field, models.TimeField):
        base = st.times(min_value=dt.time(8), max_value=dt.time(10)).map(lambda t: t.replace(microsecond=0))
    else:
        base = st.sampled_from(["", "a", "2024/25", "ab", "2024-25"])
    return st.none() | base if field.null else base


def _project_checks() -> list[tuple[type[models.Model], Q, str]]:
    found = []
    for model in apps.get_models():
        if not model.__module__.startswith("tryggsam."):
            continue
        for constraint in model._meta.constraints:
            if isinstance(constraint, models.CheckConstraint):
                found.append((model, Q(constraint.condition), f"{model._meta.label}.{constraint.name}"))
    return found


OWN_CONDITIONS = [
    Q(start_time__lt=F("end_time")),
    Q(start_time__gte=F("end_time")) | Q(end_time__isnull=True),
    ~Q(status="draft", approved_at__isnull=True),
    Q(date__gt=dt.date(2020, 1, 5)) & ~Q(location=""),
    Q(status__in=["draft", None]),
    Q(sequence__lte=2) | Q(date__lte=F("date")),
]

CASES = _project_checks() + [(Meeting, q, f"own: {q}") for q in OWN_CONDITIONS]


def test_the_project_has_check_constraints_to_compare():
    assert len(_project_checks()) >= 20


@pytest.mark.django_db
@pytest.mark.parametrize(("model", "condition", "label"), CASES, ids=[c[2] for c in CASES])
@hypothesis.settings(max_examples=40, deadline=None, suppress_health_check=list(hypothesis.HealthCheck))
@hypothesis.given(data=st.data())
def test_python_decides_as_the_database(model, condition, label, data):
    instance = model()
    fields = {f.name: f for f in model._meta.local_concrete_fields}
    for name in _names(condition) & set(fields):
        setattr(instance, fields[name].attname, data.draw(_values_for(fields[name]), label=name))
    against = instance._get_field_expression_map(meta=model._meta, exclude=set())
    database = Q(condition).check(against)
    try:
        python = evaluate(Q(condition), row_values(instance, model._meta, set()))
    except Undecided:
        return  # left to the database: nothing to compare
    assert (python is not False) == database, label


def test_undecided_cases_are_left_to_the_database():
    values = {"name": "b", "n": 1, "when": dt.date(2020, 1, 1), "at": dt.datetime(2020, 1, 1)}
    for condition in [
        Q(name__gt="a"),  # text ordering follows the database's collation
        Q(name__regex="^b"),
        Q(n="1"),  # mixed types
        Q(when=F("at")),  # a date against a datetime
        Q(missing=1),
        Q(name__lower="b"),
    ]:
        with pytest.raises(Undecided):
            evaluate(condition, values)
    assert evaluate(Q(n__gte=Decimal("0.5")), values) is True
    assert evaluate(Q(n__in=[2, None]), values) is False  # Django leaves None out of IN
    assert evaluate(Q(missing__isnull=True) | Q(n=1), {"missing": None, "n": None}) is True


@pytest.mark.django_db
def test_full_clean_reports_a_violated_check_without_a_query(django_assert_num_queries):
    meeting = Meeting(date=dt.date(2026, 1, 1), start_time=dt.time(15), end_time=dt.time(13))
    assert isinstance(meeting, ChecksInPython)
    with django_assert_num_queries(0), pytest.raises(ValidationError) as error:
        meeting.validate_constraints(exclude={"forum"})
    assert any("meeting" in name or name == "__all__" for name in error.value.message_dict)


@pytest.mark.django_db
def test_foreign_keys_to_held_rows_are_not_queried_and_others_still_are(django_assert_num_queries):
    from tests.factories import ForumFactory

    forum = ForumFactory()
    held = Meeting(forum=forum, date=dt.date(2026, 1, 1))
    with django_assert_num_queries(0):
        held.clean_fields()
    by_id = Meeting(forum_id=forum.pk, date=dt.date(2026, 1, 1))
    with django_assert_num_queries(1):
        by_id.clean_fields()
    missing = Meeting(forum_id=forum.pk + 1000, date=dt.date(2026, 1, 1))
    with pytest.raises(ValidationError) as error:
        missing.clean_fields()
    assert "forum" in error.value.message_dict
    unsaved = Meeting(forum=type(forum)(name="Ny"), date=dt.date(2026, 1, 1))
    unsaved.forum_id = forum.pk + 1000  # an object that is not a stored row proves nothing
    with pytest.raises(ValidationError):
        unsaved.clean_fields()


@pytest.mark.django_db
def test_conditional_unique_and_db_default_are_decided_without_a_query(django_assert_num_queries):
    from tryggsam.incidents.models import Incident, IncidentSource

    when = dt.datetime(2026, 1, 1, 12, tzinfo=TZ)
    report = Incident(source=IncidentSource.PARTNER_REPORT, occurred_at=when, title="Klotter")
    # dismissal_reason holds Django's DatabaseDefault until saved; external_id "" is outside the
    # partial unique index (external_id, source), so neither needs the database.
    with django_assert_num_queries(0):
        report.validate_constraints()
    Incident.objects.create(source=IncidentSource.POLICE_EVENT, external_id="42", occurred_at=when, title="Brand")
    twin = Incident(source=IncidentSource.POLICE_EVENT, external_id="42", occurred_at=when, title="Brand")
    with pytest.raises(ValidationError):  # inside the index: the database is asked
        twin.validate_constraints()
    dismissed = Incident(source=IncidentSource.PARTNER_REPORT, occurred_at=when, title="x", review_status="dismissed")
    with django_assert_num_queries(0), pytest.raises(ValidationError):
        dismissed.validate_constraints()
