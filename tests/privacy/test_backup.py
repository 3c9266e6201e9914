"""Backup and restore round trip on the database the suite runs on (SQLite online backup API, or
pg_dump/pg_restore when DATABASE_URL points at PostgreSQL). The round trip commits data, so it runs in a
transactional test; the database is flushed afterwards as after any such test, and its schema is the
same as before because the backup was taken from it."""

import builtins

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from tests.factories import FollowUpFactory, MeasureFactory, OrganisationFactory, ProblemFactory
from tryggsam.accounts.models import Organisation
from tryggsam.casework.models import FollowUp, Measure, Problem


def _counts() -> dict[str, int]:
    return {
        "organisations": Organisation.objects.count(),
        "problems": Problem.objects.count(),
        "measures": Measure.objects.count(),
        "follow_ups": FollowUp.objects.count(),
    }


@pytest.mark.django_db(transaction=True)
def test_backup_restore__round_trip_brings_everything_back(tmp_path):
    owner = OrganisationFactory(name="Bostadsbolaget")
    problem = ProblemFactory(title="Klotter vid tunnelbanan", owner_organisation=owner)
    kept = MeasureFactory(problem=problem, title="Sanering inom ett dygn", participants_text="Bostadsbolaget, SL")
    MeasureFactory(problem=problem, title="Trygghetsvandring i mars")
    FollowUpFactory(measure=kept, text="Klottret borta efter en natt.")
    before = _counts()
    target = tmp_path / "tryggsam.backup"

    call_command("backup", str(target))
    assert target.stat().st_size > 0
    assert not list(tmp_path.glob("*.delvis"))

    Measure.objects.filter(pk=kept.pk).update(title="Ändrad efter backupen")
    FollowUp.objects.all().delete()
    ProblemFactory(title="Tillagd efter backupen")
    assert _counts() != before

    call_command("restore", str(target), "--yes")

    assert _counts() == before
    kept_now = Measure.objects.get(pk=kept.pk)
    assert (kept_now.title, kept_now.participants_text) == ("Sanering inom ett dygn", "Bostadsbolaget, SL")
    assert FollowUp.objects.get().text == "Klottret borta efter en natt."
    assert not Problem.objects.filter(title="Tillagd efter backupen").exists()
    assert Problem.objects.get(pk=problem.pk).owner_organisation == owner
    ProblemFactory(title="Går att skriva efter återställningen")  # the database is usable afterwards


@pytest.mark.django_db(transaction=True)
def test_restore__answer_other_than_ja_changes_nothing(tmp_path, monkeypatch):
    ProblemFactory(title="Före")
    target = tmp_path / "kopia.backup"
    call_command("backup", str(target))
    ProblemFactory(title="Efter")
    monkeypatch.setattr(builtins, "input", lambda prompt: "nej")
    with pytest.raises(CommandError, match="avbröts; inget ändrades"):
        call_command("restore", str(target))
    assert Problem.objects.filter(title="Efter").exists()


@pytest.mark.django_db
def test_restore__refuses_a_file_that_is_not_a_backup(tmp_path):
    ProblemFactory(title="Finns kvar")
    garbage = tmp_path / "inte-en-kopia.backup"
    garbage.write_text("DROP TABLE casework_problem;")
    with pytest.raises(CommandError, match="ingen säkerhetskopia"):
        call_command("restore", str(garbage), "--yes")
    assert Problem.objects.filter(title="Finns kvar").exists()


@pytest.mark.django_db
def test_restore__missing_file_gives_swedish_error(tmp_path):
    with pytest.raises(CommandError, match="finns inte"):
        call_command("restore", str(tmp_path / "saknas.backup"), "--yes")


@pytest.mark.django_db
def test_backup__missing_directory_gives_swedish_error(tmp_path):
    with pytest.raises(CommandError, match=r"Katalogen .* finns inte"):
        call_command("backup", str(tmp_path / "saknas" / "kopia.backup"))
