"""The cause tree's invariants: the database holds them (check constraints) and so does full_clean."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from tests.factories import FocusAreaFactory
from tryggsam.causes import services
from tryggsam.causes.models import MAX_DEPTH, Cause, CauseTree, Evidence, EvidenceKind


def test_tree__needs_exactly_one_owner(problem):
    focus_area = FocusAreaFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        CauseTree.objects.create()
    with pytest.raises(IntegrityError), transaction.atomic():
        CauseTree.objects.create(problem=problem, focus_area=focus_area)
    assert CauseTree.objects.create(problem=problem).owner == problem
    assert CauseTree.objects.create(focus_area=focus_area).owner == focus_area


def test_cause__not_its_own_parent_in_the_database(tree):
    cause = tree["first"]
    with pytest.raises(IntegrityError), transaction.atomic():
        Cause.objects.filter(pk=cause.pk).update(parent=cause.pk)


def test_cause__clean_refuses_a_cycle(tree):
    first, sub = tree["first"], tree["sub"]
    first.parent = sub
    with pytest.raises(ValidationError, match="under sig själv"):
        first.full_clean()


def test_cause__clean_refuses_a_parent_of_another_tree(tree, other_problem, coordinator):
    stranger = services.cause_add(actor=coordinator, owner=other_problem, title="Annat träd")
    cause = tree["second"]
    cause.parent = stranger
    with pytest.raises(ValidationError, match="annat orsaksträd"):
        cause.full_clean()


def test_cause__clean_refuses_a_tree_deeper_than_the_limit(problem, coordinator):
    parent = None
    for level in range(MAX_DEPTH):
        parent = services.cause_add(actor=coordinator, owner=problem, title=f"Nivå {level + 1}", parent=parent)
    with pytest.raises(ValidationError, match="nivåer djupt"):
        services.cause_add(actor=coordinator, owner=problem, title="För djupt", parent=parent)


@pytest.mark.parametrize(
    ("fields", "constraint"),
    [
        ({"kind": EvidenceKind.INCIDENTS}, "evidence_incidents_has_period"),
        (
            {"kind": EvidenceKind.INCIDENTS, "period_start": dt.date(2026, 2, 1), "period_end": dt.date(2026, 1, 1)},
            "evidence_incidents_has_period",
        ),
        ({"kind": EvidenceKind.STATISTIC}, "evidence_statistic_has_row"),
        ({"kind": EvidenceKind.SURVEY}, "evidence_survey_has_row"),
        ({"kind": EvidenceKind.FINDING}, "evidence_finding_has_row"),
        ({"kind": EvidenceKind.TEXT, "text": "Något"}, "evidence_text_has_source"),
        ({"kind": EvidenceKind.TEXT, "source": "Någon"}, "evidence_text_has_source"),
        ({"kind": "gissning"}, "evidence_kind_valid"),
    ],
)
def test_evidence__constraints_per_kind(tree, fields, constraint):
    with pytest.raises(IntegrityError, match=constraint), transaction.atomic():
        Evidence.objects.create(cause=tree["first"], **fields)
