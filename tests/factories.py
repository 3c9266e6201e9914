"""One factory per model. Texts are the project's own, not the seeds'."""

import datetime as dt

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from tryggsam.accounts.models import Membership, Organisation, OrganisationKind, Role, User
from tryggsam.casework.models import FollowUp, Measure, MeasureStatus, Problem, WorkKind
from tryggsam.core.models import Classification
from tryggsam.forums.models import Finding, Forum, ForumKind, ForumMember, Programme, ProgrammeDelivery, SafetyWalk
from tryggsam.incidents.models import Incident, IncidentSource
from tryggsam.incidents.police_import import import_events
from tryggsam.places.models import Area, AreaAlias, AreaLevel
from tryggsam.plans.models import ActionPlan, FocusArea

SQUARE = '{"type":"Polygon","coordinates":[[[18.0,59.3],[18.01,59.3],[18.01,59.31],[18.0,59.31],[18.0,59.3]]]}'


class OrganisationFactory(DjangoModelFactory):
    class Meta:
        model = Organisation
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Organisation {n}")
    kind = OrganisationKind.DISTRICT_ADMINISTRATION


class UserFactory(DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@exempel.se")
    full_name = factory.Sequence(lambda n: f"Person {n}")
    password = factory.PostGenerationMethodCall("set_password", "losenord-123")

    @factory.post_generation
    def saved(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class MembershipFactory(DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    role = Role.MEMBER


def user_with_role(role: str, organisation: Organisation | None = None, **kwargs) -> User:
    membership = MembershipFactory(
        role=role,
        organisation=organisation or OrganisationFactory(),
        user__is_staff=role == Role.ADMIN,
        **{f"user__{k}": v for k, v in kwargs.items()},
    )
    return membership.user


class AreaFactory(DjangoModelFactory):
    class Meta:
        model = Area

    name = factory.Sequence(lambda n: f"Område {n}")
    level = AreaLevel.DISTRICT
    geometry = SQUARE
    centroid_lat = 59.305
    centroid_lon = 18.005
    min_lat, min_lon, max_lat, max_lon = 59.3, 18.0, 59.31, 18.01


class AreaAliasFactory(DjangoModelFactory):
    class Meta:
        model = AreaAlias

    area = factory.SubFactory(AreaFactory)
    name = factory.Sequence(lambda n: f"Alias {n}")


class ForumFactory(DjangoModelFactory):
    class Meta:
        model = Forum

    name = factory.Sequence(lambda n: f"Platssamverkan {n}")
    kind = ForumKind.PARTNERSHIP
    classification = Classification.INTERNAL


class ForumMemberFactory(DjangoModelFactory):
    class Meta:
        model = ForumMember

    forum = factory.SubFactory(ForumFactory)
    user = factory.SubFactory(UserFactory)


class ProblemFactory(DjangoModelFactory):
    class Meta:
        model = Problem

    title = factory.Sequence(lambda n: f"Nedskräpning vid busshållplats {n}")
    kind = WorkKind.PROBLEM
    forum = factory.SubFactory(ForumFactory)
    classification = Classification.INTERNAL


class MeasureFactory(DjangoModelFactory):
    class Meta:
        model = Measure

    problem = factory.SubFactory(ProblemFactory)
    kind = factory.SelfAttribute("problem.kind")
    title = factory.Sequence(lambda n: f"Extra städning och belysning {n}")
    status = MeasureStatus.ONGOING
    classification = factory.SelfAttribute("problem.classification")
    owner_organisation = factory.SelfAttribute("problem.owner_organisation")


class FollowUpFactory(DjangoModelFactory):
    class Meta:
        model = FollowUp

    measure = factory.SubFactory(MeasureFactory)
    date = factory.LazyFunction(dt.date.today)
    text = "Lugnare sedan förra mötet."
    status_after = MeasureStatus.ONGOING
    classification = factory.SelfAttribute("measure.classification")


class ProgrammeFactory(DjangoModelFactory):
    class Meta:
        model = Programme

    name = factory.Sequence(lambda n: f"Program {n}")
    grade = 7


class ProgrammeDeliveryFactory(DjangoModelFactory):
    class Meta:
        model = ProgrammeDelivery

    programme = factory.SubFactory(ProgrammeFactory)
    school = factory.SubFactory(OrganisationFactory, kind=OrganisationKind.SCHOOL)
    school_year = "2025/26"


class SafetyWalkFactory(DjangoModelFactory):
    class Meta:
        model = SafetyWalk

    title = "Kvällsvandring runt torget"
    date = dt.date(2026, 10, 1)
    area = factory.SubFactory(AreaFactory)


class FindingFactory(DjangoModelFactory):
    class Meta:
        model = Finding

    walk = factory.SubFactory(SafetyWalkFactory)
    text = "Trasig belysning i gångtunneln"
    location = "Gångtunneln vid skolan"


class ActionPlanFactory(DjangoModelFactory):
    class Meta:
        model = ActionPlan

    title = "Gemensam åtgärdsplan"


class FocusAreaFactory(DjangoModelFactory):
    class Meta:
        model = FocusArea

    plan = factory.SubFactory(ActionPlanFactory)
    name = factory.Sequence(lambda n: f"Fokusområde {n}")


def police_event(
    external_id: str,
    *,
    event_type: str = "Skadegörelse",
    place: str = "Stockholm",
    summary: str = "",
    published: dt.datetime | None = None,
):
    """One police event imported the way the feed imports it (counted at once, in the roll-ups): the
    raw event is our own, with the name "<type>, <place>" (no date in it, so it happened when it was
    published; `place` is the municipality the feed names)."""
    when = timezone.localtime(published or timezone.now() - dt.timedelta(hours=1))
    offset = when.strftime("%z")
    raw = {
        "id": external_id,
        "datetime": f"{when:%Y-%m-%d %H:%M:%S} {offset[:3]}:{offset[3:]}",
        "name": f"{event_type}, {place}",
        "summary": summary,
        "url": f"/aktuellt/handelser/test/{external_id}/",
        "type": event_type,
        "location": {"name": place, "gps": ""},
    }
    result = import_events([raw], source_label="test")
    assert result.created == 1, result.errors
    return Incident.objects.get(source=IncidentSource.POLICE_EVENT, external_id=external_id)
