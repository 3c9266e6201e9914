"""Two people add the first cause of the same owner at the same instant: both find no tree, both try to
make it. The one who comes second must get the tree the first one made (its cause placed after the
other's), not an error page. The conflict is simulated: the other person's cause is added right after
this request has looked for the tree and found none."""

from __future__ import annotations

from typing import Any

import pytest
from django.db.models.query import QuerySet
from django.urls import reverse

from tryggsam.audit.models import AuditEvent
from tryggsam.causes import services
from tryggsam.causes.models import Cause, CauseTree
from tryggsam.causes.selectors import tree_of


@pytest.fixture
def other_person_comes_first(monkeypatch: pytest.MonkeyPatch, member: Any, problem: Any) -> None:
    """The first look for the owner's tree finds none; at that instant the member adds their first cause."""
    real_first = QuerySet.first
    state = {"raced": False}

    def first(self: QuerySet) -> Any:
        if self.model is CauseTree and not state["raced"]:
            state["raced"] = True
            found = real_first(self)
            services.cause_add(actor=member, owner=problem, title="Den andras orsak")
            return found
        return real_first(self)

    monkeypatch.setattr(QuerySet, "first", first)


@pytest.fixture(params=["checked", "at_insert"])
def race(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch, other_person_comes_first: None) -> str:
    """ "checked": the other tree is seen by the model's unique check; "at_insert": both checks passed
    before either committed, and the database's unique index refuses the second insert."""
    if request.param == "at_insert":
        monkeypatch.setattr(CauseTree, "validate_unique", lambda self, exclude=None: None)
    return str(request.param)


def test_cause_add__first_cause_at_the_same_instant_joins_the_other_tree(race, problem, coordinator):
    cause = services.cause_add(actor=coordinator, owner=problem, title="Min orsak")
    assert CauseTree.objects.filter(problem=problem).count() == 1
    titles = list(Cause.objects.filter(tree=tree_of(problem)).order_by("position").values_list("title", "position"))
    assert titles == [("Den andras orsak", 0), ("Min orsak", 1)]
    assert AuditEvent.objects.filter(object_type="causes.causetree", action="create").count() == 1
    assert AuditEvent.objects.filter(object_type="causes.cause", object_id=str(cause.pk), action="create").exists()


def test_problem_cause_add__first_cause_at_the_same_instant_answers_with_the_tree(race, client, problem, coordinator):
    client.force_login(coordinator)
    response = client.post(reverse("causes:problem_cause_add", args=[problem.pk]), {"title": "Min orsak"})
    assert response.status_code == 302
    assert response.url.startswith(reverse("causes:problem_tree", args=[problem.pk]))
    assert sorted(Cause.objects.filter(tree__problem=problem).values_list("title", flat=True)) == [
        "Den andras orsak",
        "Min orsak",
    ]
