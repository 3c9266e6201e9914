"""The surveys, open problems and measures beside the situation picture (`situation.beside`): their
statements are kept per process for each reader audience and set of areas, so a reader with other
rights, other areas and a new record each give another answer."""

import datetime as dt

import pytest
from django.contrib.auth.models import AnonymousUser

from tests.factories import (
    AreaFactory,
    ForumFactory,
    MeasureFactory,
    OrganisationFactory,
    ProblemFactory,
    user_with_role,
)
from tryggsam.accounts.models import Role
from tryggsam.casework.models import Measure, MeasureStatus
from tryggsam.crimestats.models import StatisticsImport, SurveyResult
from tryggsam.places.models import AreaLevel
from tryggsam.situation.beside import OpenMeasure, OpenProblem, SurveyRow, open_work, surveys_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def work():
    org_a, org_b = OrganisationFactory(name="Org A"), OrganisationFactory(name="Org B")
    top = AreaFactory(name="Överby", level=AreaLevel.DISTRICT_AREA)
    district = AreaFactory(name="Mellanby", level=AreaLevel.DISTRICT, parent=top)
    forum = ForumFactory(name="Samverkan Mellanby", owner_organisation=org_a)
    ProblemFactory(title="Öppet", area=district, forum=forum, owner_organisation=org_a)
    ProblemFactory(title="Stängt", area=district, forum=forum, is_closed=True)
    secret = ProblemFactory(
        title="Hemligt", area=district, forum=forum, classification="restricted", owner_organisation=org_a
    )
    MeasureFactory(problem=secret, title="Hemlig åtgärd", status=MeasureStatus.PLANNED)
    return {
        "a": user_with_role(Role.MEMBER, org_a),
        "b": user_with_role(Role.MEMBER, org_b),
        "top": top,
        "district": district,
        "forum": forum,
    }


def test_open_work__another_reader_sees_another_list(work):
    areas = [work["top"].pk, work["district"].pk]
    for _ in range(2):  # the second round runs the statements kept in the first
        problems_a, measures_a = open_work(work["a"], areas)
        problems_b, measures_b = open_work(work["b"], areas)
        assert problems_a == [OpenProblem("Öppet", "Samverkan Mellanby"), OpenProblem("Hemligt", "Samverkan Mellanby")]
        assert [m.title for m in measures_a] == ["Hemlig åtgärd"]
        assert measures_a[0].status_label == Measure(status=MeasureStatus.PLANNED).get_status_display()
        assert problems_b == [OpenProblem("Öppet", "Samverkan Mellanby")] and measures_b == []
        assert open_work(AnonymousUser(), areas) == ([], [])  # internal records: not for the public


def test_open_work__a_new_record_and_other_areas_give_another_answer(work):
    areas = [work["district"].pk]
    assert [p.title for p in open_work(work["b"], areas)[0]] == ["Öppet"]
    problem = ProblemFactory(title="Nytt", area=work["district"], forum=None)
    MeasureFactory(problem=problem, title="Ny åtgärd", status=MeasureStatus.ONGOING)
    problems, measures = open_work(work["b"], areas)
    assert problems[-1] == OpenProblem("Nytt", None)  # no forum
    assert measures == [OpenMeasure(measures[0].pk, "Ny åtgärd", MeasureStatus.ONGOING)]
    assert open_work(work["b"], [work["top"].pk]) == ([], [])


def test_surveys_of__the_area_and_the_one_above(work):
    source = StatisticsImport.objects.create(file_name="trygghet.csv")
    assert surveys_of(work["district"]) == []
    for area, name, year, share in ((work["district"], "Mellanby", 2025, 27.5), (work["top"], "Överby", 2024, 31.0)):
        SurveyResult.objects.create(
            area=area, area_name=name, year=year, question="Otrygg", share=share, source_import=source
        )
    assert surveys_of(work["district"]) == [
        SurveyRow("Otrygg", "Mellanby", 2025, 27.5),
        SurveyRow("Otrygg", "Överby", 2024, 31.0),
    ]
    assert surveys_of(work["top"]) == [SurveyRow("Otrygg", "Överby", 2024, 31.0)]


def test_picture__shows_the_lists_as_before(work, client):
    client.force_login(work["a"])
    today = dt.date.today()
    body = client.get(
        "/lagesbild/bild/", {"area": work["top"].pk, "start": today - dt.timedelta(days=29), "end": today}
    ).content.decode()
    assert '<li>Öppet <span class="muted">(Samverkan Mellanby)</span></li>' in body
    assert "Hemlig åtgärd</a> – " in body and "Stängt" not in body
