"""Each kind of document saved as the records of that kind (issue 13, item 4), and forums that belong to
someone (item 6): names matched within the importing organisation's municipality, a forum the user
chooses, and batches that say which forums they created."""

from __future__ import annotations

import io

import pytest
from django.core.management import CommandError, call_command
from django.test import override_settings

from tests.factories import ForumFactory, OrganisationFactory, user_with_role
from tryggsam.accounts.models import Role
from tryggsam.core.errors import ServiceError
from tryggsam.documents.extract import extract
from tryggsam.documents.management.import_options import IMPORT_SYSTEM
from tryggsam.documents.models import ImportBatch, ImportedDocument
from tryggsam.documents.saving import document_save
from tryggsam.forums.models import Forum, ForumKind
from tryggsam.meetings.models import Meeting
from tryggsam.plans.models import ActionPlan, FocusArea, PlanKind, PlanStatus


@pytest.fixture(autouse=True)
def _media(tmp_path):
    with override_settings(MEDIA_ROOT=tmp_path / "media"):
        yield


def _file(tmp_path, name: str, text: str):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _save(path, **kwargs):
    kwargs.setdefault("actor", IMPORT_SYSTEM)
    return document_save(path=path, data=extract(path), **kwargs)


ACTION_PLAN = """Handlingsplan för trygghetsrådet i Sjöby 2026

Fokusområden
 • Trygga skolvägar
 • Belysning i parkerna
"""

PROMISE = """Sjöby – medborgarlöften 2026

Situationen idag

Boende i Sjöby oroar sig för mopedåkning i parken.

Utifrån lägesbilden lovar polisen i lokalpolisområde Sjöby:

  • Att genomföra mopedkontroller varje vecka under sommaren.
  • Att delta i skolornas föräldramöten.
"""

SITUATION = """Lägesbild Sjöby våren 2026

Anmälda brott har minskat sedan förra året, men den upplevda tryggheten vid stationen är låg.
"""

AGENDA = """Kallelse till trygghetsrådet i Sjöby
Tid: tisdag 3 mars 2099 kl. 13-15
Plats: Stadshuset

1. Mötets öppnande
2. Lägesbild
3. Övriga frågor
"""

WORKSHOP_MINUTES = """Minnesanteckningar trygghetsrådet i Sjöby
Datum: 2024-05-06

1. Workshop
De två fokusområden som valdes är skolvägar och parker.
"""


def test_save__action_plan_is_a_draft_plan_with_focus_areas(tmp_path):
    result = _save(_file(tmp_path, "plan.txt", ACTION_PLAN))
    plan = ActionPlan.objects.get()
    assert plan.kind == PlanKind.ACTION_PLAN and plan.status == PlanStatus.DRAFT
    assert list(plan.focus_areas.values_list("name", flat=True)) == ["Trygga skolvägar", "Belysning i parkerna"]
    assert result.document.kind == "action_plan"
    assert not Forum.objects.exists() and not Meeting.objects.exists()


def test_save__citizen_promise_is_the_plans_citizen_promise_kind(tmp_path):
    _save(_file(tmp_path, "loften.txt", PROMISE))
    plan = ActionPlan.objects.get()
    assert plan.kind == PlanKind.CITIZEN_PROMISE
    assert (str(plan.valid_from), str(plan.valid_to)) == ("2026-01-01", "2026-12-31")
    assert "mopedåkning" in plan.introduction
    promises = list(plan.focus_areas.order_by("position"))
    assert [p.name for p in promises] == [
        "Genomföra mopedkontroller varje vecka under sommaren",
        "Delta i skolornas föräldramöten",
    ]
    assert all(p.police_commitment and not p.district_commitment for p in promises)


def test_save__situation_picture_is_kept_as_the_document_with_a_warning(tmp_path):
    result = _save(_file(tmp_path, "lage.txt", SITUATION))
    assert result.document.kind == "situation_picture"
    assert not ActionPlan.objects.exists() and not Forum.objects.exists() and not Meeting.objects.exists()
    assert any("sparades som lägesbild; inga andra poster" in w for w in result.warnings)


def test_save__agenda_is_the_forums_coming_meeting_not_approved(tmp_path):
    _save(_file(tmp_path, "kallelse.txt", AGENDA))
    meeting = Meeting.objects.get()
    assert str(meeting.date) == "2099-03-03" and not meeting.is_approved
    assert meeting.items.count() == 3


def test_save__minutes_naming_focus_areas_make_no_plan(tmp_path):
    result = _save(_file(tmp_path, "workshop.txt", WORKSHOP_MINUTES))
    assert not ActionPlan.objects.exists() and not FocusArea.objects.exists()
    assert any("sparades inte som plan" in w for w in result.warnings)


def test_save__corpus_documents_as_their_records(shared_dir, tmp_path):
    documents = shared_dir / "corpus" / "documents"
    for prefix, expected in (
        ("07", PlanKind.ACTION_PLAN),
        ("09", PlanKind.CITIZEN_PROMISE),
        ("15", PlanKind.CITIZEN_PROMISE),
    ):
        path = sorted(documents.glob(f"{prefix}_*"))[0]
        _save(path)
        assert ActionPlan.objects.filter(kind=expected).exists(), prefix
    promise = ActionPlan.objects.get(kind=PlanKind.CITIZEN_PROMISE, focus_areas__name="Trygghetsvandringar")
    assert promise.focus_areas.count() == 2
    for prefix in ("11", "13"):
        result = _save(sorted(documents.glob(f"{prefix}_*"))[0])
        assert result.created == {"importeddocument": 0} or not result.created, prefix
        assert any("inga andra poster" in w for w in result.warnings), prefix


# --- forums belong to someone ------------------------------------------------------------------------

MINUTES = """Protokoll Centrums trygghetsråd
Datum: 2024-04-09

Närvarande:
Kim Berg, polisen
Eva Lind, skolan

1. Mötets öppnande
Ordföranden öppnade mötet.
"""


@pytest.fixture
def two_municipalities(db):
    ekby = OrganisationFactory(name="Ekby kommun", municipality="Ekby")
    vikby = OrganisationFactory(name="Vikby kommun", municipality="Vikby")
    return ekby, vikby


def test_forum__same_name_in_two_municipalities_is_two_forums(two_municipalities, tmp_path):
    ekby, vikby = two_municipalities
    ekby_coordinator = user_with_role(Role.COORDINATOR, ekby)
    vikby_coordinator = user_with_role(Role.COORDINATOR, vikby)
    first = _save(_file(tmp_path, "ekby.txt", MINUTES), actor=ekby_coordinator)
    second = _save(_file(tmp_path, "vikby.txt", MINUTES.replace("2024-04-09", "2024-05-14")), actor=vikby_coordinator)
    forums = Forum.objects.order_by("pk")
    assert [(f.name, f.owner_organisation) for f in forums] == [
        ("Centrums trygghetsråd", ekby),
        ("Centrums trygghetsråd (Vikby)", vikby),
    ]
    assert first.created_forums == ["Centrums trygghetsråd"] and second.created_forums == [
        "Centrums trygghetsråd (Vikby)"
    ]
    # A third document of Ekby's council goes into Ekby's forum, not Vikby's.
    _save(_file(tmp_path, "ekby2.txt", MINUTES.replace("2024-04-09", "2024-06-11")), actor=ekby_coordinator)
    assert Meeting.objects.get(date="2024-06-11").forum.owner_organisation == ekby
    assert Forum.objects.count() == 2


def test_forum__organisations_of_one_municipality_share_their_forums(two_municipalities, tmp_path):
    ekby, _vikby = two_municipalities
    police = OrganisationFactory(name="Lokalpolisområde Ekby", municipality="ekby")
    council = ForumFactory(name="Centrums trygghetsråd", kind=ForumKind.COUNCIL, owner_organisation=ekby)
    _save(_file(tmp_path, "polis.txt", MINUTES), actor=user_with_role(Role.COORDINATOR, police))
    assert Forum.objects.get() == council and Meeting.objects.get().forum == council


def test_forum__chosen_forum_for_a_document_without_one(two_municipalities, tmp_path):
    ekby, _vikby = two_municipalities
    council = ForumFactory(name="Ekby brottsförebyggande råd", kind=ForumKind.COUNCIL, owner_organisation=ekby)
    path = _file(
        tmp_path, "utan_forum.txt", "Minnesanteckningar\nDatum: 2024-02-06\n\n1. Lägesbild\nPolisen berättade."
    )
    data = {**extract(path), "forum_id": council.pk}
    document_save(path=path, data=data, actor=user_with_role(Role.COORDINATOR, ekby))
    assert Meeting.objects.get().forum == council


def test_forum__a_chosen_forum_the_user_may_not_import_into_is_refused(two_municipalities, tmp_path):
    ekby, vikby = two_municipalities
    theirs = ForumFactory(
        name="Vikbys råd", kind=ForumKind.COUNCIL, owner_organisation=vikby, classification="restricted"
    )
    path = _file(tmp_path, "x.txt", MINUTES)
    with pytest.raises(ServiceError):
        document_save(
            path=path, data={**extract(path), "forum_id": theirs.pk}, actor=user_with_role(Role.COORDINATOR, ekby)
        )
    assert not ImportedDocument.objects.exists() and not Meeting.objects.exists()


def test_import_document__forum_and_organisation_options(two_municipalities, tmp_path):
    ekby, _vikby = two_municipalities
    council = ForumFactory(name="Ekbyrådet", kind=ForumKind.COUNCIL, owner_organisation=ekby)
    path = _file(
        tmp_path, "utan_forum.txt", "Minnesanteckningar\nDatum: 2024-02-06\n\n1. Lägesbild\nPolisen berättade."
    )
    err = io.StringIO()
    call_command("import_document", str(path), "--forum", str(council.pk), stdout=io.StringIO(), stderr=err)
    assert Meeting.objects.get().forum == council


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["--forum", "999999"], "Forumet 999999 finns inte"),
        (["--organisation", "999999"], "Organisationen 999999 finns inte"),
        ([], "flera kommuner"),
    ],
)
def test_import_document__wrong_or_missing_target_exits_2(two_municipalities, tmp_path, arguments, message):
    path = _file(tmp_path, "p.txt", MINUTES)
    with pytest.raises(CommandError) as refused:
        call_command("import_document", str(path), *arguments, stdout=io.StringIO(), stderr=io.StringIO())
    assert refused.value.returncode == 2 and message in str(refused.value)
    assert not ImportedDocument.objects.exists() and not Forum.objects.exists()


def test_import_archive__summary_names_the_forums_it_created(two_municipalities, tmp_path):
    ekby, _vikby = two_municipalities
    folder = tmp_path / "arkiv"
    folder.mkdir()
    _file(folder, "a.txt", MINUTES)
    out = io.StringIO()
    call_command("import_archive", str(folder), "--organisation", str(ekby.pk), stdout=out)
    assert "nytt forum skapat: Centrums trygghetsråd" in out.getvalue()
    assert "Nya forum som importen skapade (1): Centrums trygghetsråd" in out.getvalue()
    assert Forum.objects.get().owner_organisation == ekby


def test_review_screen__forum_select_offers_importable_forums_only(client, two_municipalities, tmp_path):
    ekby, vikby = two_municipalities
    coordinator = user_with_role(Role.COORDINATOR, ekby)
    ours = ForumFactory(name="Ekbys trygghetsråd", kind=ForumKind.COUNCIL, owner_organisation=ekby)
    ForumFactory(
        name="Vikbys hemliga råd", kind=ForumKind.COUNCIL, owner_organisation=vikby, classification="restricted"
    )
    client.force_login(coordinator)
    path = _file(
        tmp_path, "anteckningar.txt", "Minnesanteckningar\nDatum: 2024-02-06\n\n1. Lägesbild\nPolisen berättade."
    )
    with open(path, "rb") as handle:
        client.post("/arkiv/", {"documents": [handle]})
    page = client.get("/arkiv/").content.decode()
    assert "Ekbys trygghetsråd" in page and "Vikbys hemliga råd" not in page
    token = page.split('action="/arkiv/')[1].split("/spara/")[0]
    fields = {f"{token}-token": token, f"{token}-date": "2024-02-06"}
    client.post(f"/arkiv/{token}/spara/", fields)  # no forum read, none chosen: refused with a message
    assert not Meeting.objects.exists()
    client.post(f"/arkiv/{token}/spara/", {**fields, f"{token}-forum_choice": str(ours.pk)})
    assert Meeting.objects.get().forum == ours


def test_batch__log_and_summary_say_which_forum_was_created(client, two_municipalities, tmp_path):
    ekby, _vikby = two_municipalities
    client.force_login(user_with_role(Role.COORDINATOR, ekby))
    for name, date in (("a.txt", "2024-04-09"), ("b.txt", "2024-05-14")):
        with open(_file(tmp_path, name, MINUTES.replace("2024-04-09", date)), "rb") as handle:
            client.post("/arkiv/", {"documents": [handle]})
    client.post("/arkiv/bakgrund/")
    batch = ImportBatch.objects.get()
    assert batch.created_forums == ["Centrums trygghetsråd"]
    assert any("nytt forum skapat: Centrums trygghetsråd" in line for line in batch.log)
    page = client.get(f"/arkiv/bakgrund/{batch.pk}/").content.decode()
    assert "Importen skapade ett nytt forum:" in page
