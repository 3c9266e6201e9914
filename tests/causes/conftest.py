from __future__ import annotations

from typing import Any

import pytest

from tests.factories import ProblemFactory, user_with_role
from tryggsam.accounts.models import Role
from tryggsam.causes import services


@pytest.fixture
def problem(measure: Any) -> Any:
    return measure.problem


@pytest.fixture
def member(district_admin: Any) -> Any:
    """A member of the problem's owning organisation: may edit its causes."""
    return user_with_role(Role.MEMBER, district_admin, full_name="Mia Medlem")


@pytest.fixture
def reader(district_admin: Any) -> Any:
    return user_with_role(Role.READER, district_admin, full_name="Ronja Läsare")


@pytest.fixture
def tree(problem: Any, coordinator: Any) -> dict[str, Any]:
    """Two causes, the first with one sub-cause."""
    first = services.cause_add(actor=coordinator, owner=problem, title="Mörk passage")
    second = services.cause_add(actor=coordinator, owner=problem, title="Ingen vuxen närvaro")
    sub = services.cause_add(actor=coordinator, owner=problem, title="Trasig belysning", parent=first)
    return {"first": first, "second": second, "sub": sub}


@pytest.fixture
def other_problem(partnership: Any, district_admin: Any) -> Any:
    return ProblemFactory(forum=partnership, owner_organisation=district_admin, title="Klotter i tunneln")
