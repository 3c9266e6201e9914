import pytest

from tests.factories import ForumFactory, MeasureFactory, ProblemFactory
from tryggsam.casework.models import Measure, Problem
from tryggsam.meetings.forms import DecisionForm

pytestmark = pytest.mark.django_db


def test_decision_form__problems_and_measures_grouped_by_partnership_in_swedish_order():
    torget, angby = ForumFactory(name="Platssamverkan Torget"), ForumFactory(name="Platssamverkan Ängby")
    MeasureFactory(problem=ProblemFactory(forum=angby, title="Öl i parken"), title="Ökad närvaro")
    MeasureFactory(problem=ProblemFactory(forum=torget, title="Åverkan på busskur"), title="Snabbsanering")
    MeasureFactory(problem=ProblemFactory(forum=torget, title="Klotter i tunneln"), title="Belysning")
    form = DecisionForm(problems=Problem.objects.all(), measures=Measure.objects.all())
    problems, measures = str(form["problem"]), str(form["measure"])
    assert problems.index('label="Platssamverkan Torget"') < problems.index('label="Platssamverkan Ängby"')
    assert problems.index("Klotter i tunneln") < problems.index("Åverkan på busskur") < problems.index("Öl i parken")
    assert measures.index('label="Platssamverkan Torget"') < measures.index("Belysning")
