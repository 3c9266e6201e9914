"""Backup and restore round trip on the database the suite runs on (SQLite online backup API, or
pg_dump/pg_restore when DATABASE_URL points at PostgreSQL). The round trip commits data, so it runs in a
transactional test; the database is flushed afterwards as after any such test, and its schema is the
same as before because the backup was taken from it."""

import builtins
import io
import json
import sqlite3
import stat
import tarfile

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.test import override_settings

from tests.factories import FollowUpFactory, ForumFactory, MeasureFactory, OrganisationFactory, ProblemFactory
from tryggsam.accounts.models import Organisation
from tryggsam.audit.models import AuditEvent
from tryggsam.casework.models import FollowUp, Measure, Problem
from tryggsam.documents.extract import extract
from tryggsam.documents.management.import_options import IMPORT_SYSTEM
from tryggsam.documents.models import ImportedDocument
from tryggsam.documents.saving import document_save
from tryggsam.forums.models import ForumKind
from tryggsam.incidents.models import Incident
from tryggsam.privacy.fingerprint import media_fingerprints, table_fingerprints
from tryggsam.situation.models import DailyRollup, MonthlyRollup

# Minutes whose original is archived in MEDIA_ROOT when imported (read from ../shared at run time).
SEED_MINUTES = "004_6c754eb08dec5d99.txt"
only_sqlite = pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's own file format")


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
    restored = AuditEvent.objects.filter(object_type="system.database").get()  # the restore is in the log
    assert (restored.action, restored.actor_label) == ("import", "system")
    assert restored.changes["source"][1] == "tryggsam.backup" and "tryggsam.backup" in restored.note


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


@pytest.mark.django_db(transaction=True)
def test_backup_restore__demo_with_rollups_and_archived_originals_is_exact(tmp_path, shared_dir):
    """Every table's row count and checksum, and every archived file, are as before after the round trip."""
    media = tmp_path / "media"
    with override_settings(MEDIA_ROOT=media):
        call_command("load_demo", stdout=io.StringIO())
        ForumFactory(name="Lokala Brå", kind=ForumKind.COUNCIL)  # the seed names only this generic forum
        document_save(
            actor=IMPORT_SYSTEM,
            path=shared_dir / "seeds" / SEED_MINUTES,
            data=extract(shared_dir / "seeds" / SEED_MINUTES),
        )
        assert DailyRollup.objects.exists() and MonthlyRollup.objects.exists()
        archived = ImportedDocument.objects.get().file.name
        assert (media / archived).is_file()
        tables, files = table_fingerprints(), media_fingerprints()
        assert archived in files
        target = tmp_path / "kopior" / "tryggsam.backup"
        target.parent.mkdir()

        out = io.StringIO()
        call_command("backup", str(target), stdout=out)
        assert stat.S_IMODE(target.stat().st_mode) == 0o600  # readable by its owner only
        assert f"{len(files)} arkiverade filer" in out.getvalue()
        assert not list(target.parent.iterdir())[1:]  # no partial file or work folder left

        MonthlyRollup.objects.all().delete()
        DailyRollup.objects.filter(pk__in=DailyRollup.objects.all()[:5]).delete()
        Incident.objects.filter(pk=Incident.objects.order_by("pk").first().pk).update(title="Ändrad efter backupen")
        ProblemFactory(title="Tillagd efter backupen")
        (media / archived).write_bytes(b"skrivet efter backupen")
        (media / "arkiv" / "efter.txt").write_text("inte i kopian")
        assert table_fingerprints() != tables

        out = io.StringIO()
        call_command("restore", str(target), "--yes", stdout=out)

        after = table_fingerprints()
        audit_table = AuditEvent._meta.db_table
        # Exact, but for the one row that says the database was restored (the log must say so).
        assert after[audit_table][0] == tables[audit_table][0] + 1
        assert {t: v for t, v in after.items() if t != audit_table} == {
            t: v for t, v in tables.items() if t != audit_table
        }
        assert AuditEvent.objects.filter(object_type="system.database").count() == 1
        assert media_fingerprints() == files
        assert "1 filer som inte fanns i kopian borttagna" in out.getvalue()
        ProblemFactory(title="Går att skriva efter återställningen")


@only_sqlite
def test_restore__sqlite_backup_with_the_old_rollup_layout_is_accepted(tmp_path):
    """SQLite 3.40 reports NULLs that are not there in a WITHOUT ROWID table whose key columns are
    declared last (the roll-ups before situation.0007): such a backup is not damaged."""
    path = tmp_path / "gammal.sqlite3"
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE django_migrations (id integer PRIMARY KEY, app text, name text, applied text)")
        db.execute(
            "CREATE TABLE rollup (source text NOT NULL, n integer NOT NULL, day date NOT NULL, area_id bigint "
            "NOT NULL, PRIMARY KEY (area_id, day, source)) WITHOUT ROWID"
        )
        db.executemany(
            "INSERT INTO rollup VALUES (?, ?, ?, ?)", [("x", i, f"2024-01-{i:02d}", i) for i in range(1, 29)]
        )
    db.close()
    from tryggsam.privacy.backup import check_backup_file

    check_backup_file(source=path)


@only_sqlite
@pytest.mark.django_db
def test_restore__damaged_sqlite_backup_is_refused(tmp_path):
    path = tmp_path / "skadad.sqlite3"
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE django_migrations (id integer PRIMARY KEY, app text, name text, applied text)")
        db.execute("CREATE TABLE t (a text NOT NULL, b integer NOT NULL, PRIMARY KEY (b, a)) WITHOUT ROWID")
        db.executemany("INSERT INTO t VALUES (?, ?)", [("x" * 200, i) for i in range(2000)])
    db.close()
    data = bytearray(path.read_bytes())
    page = 4096
    data[3 * page + 10 : 3 * page + 400] = b"\xff" * 390  # a page of the table's B-tree
    path.write_bytes(bytes(data))
    with pytest.raises(CommandError, match="skadad"):
        call_command("restore", str(path), "--yes")


def _tar(path, members: dict[str, bytes], *, link: str | None = None) -> None:
    with tarfile.open(path, "w") as tar:
        for name, data in members.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
        if link:
            info = tarfile.TarInfo(link)
            info.type = tarfile.SYMTYPE
            info.linkname = "/etc/passwd"
            tar.addfile(info)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("members", "link", "message"),
    [
        ({"media/../../utanför.txt": b"x"}, None, "otillåten post"),
        ({"/tmp/absolut.txt": b"x"}, None, "otillåten post"),
        ({}, "media/länk", "otillåten post"),
        ({"annat.txt": b"x"}, None, "okänd fil"),
    ],
)
def test_restore__a_tar_with_other_paths_is_refused_and_nothing_is_written(tmp_path, members, link, message):
    ProblemFactory(title="Finns kvar")
    manifest = json.dumps({"format": 1, "vendor": connection.vendor, "database": "x"}).encode()
    path = tmp_path / "farlig.backup"
    _tar(path, {"tryggsam-backup.json": manifest, **members}, link=link)
    media = tmp_path / "media"
    with override_settings(MEDIA_ROOT=media), pytest.raises(CommandError, match=message):
        call_command("restore", str(path), "--yes")
    assert not (tmp_path.parent / "utanför.txt").exists() and not media.exists()
    assert Problem.objects.filter(title="Finns kvar").exists()


@pytest.mark.django_db
def test_restore__a_backup_of_the_other_database_type_is_refused(tmp_path):
    other = "postgresql" if connection.vendor == "sqlite" else "sqlite"
    path = tmp_path / "annan.backup"
    _tar(path, {"tryggsam-backup.json": json.dumps({"format": 1, "vendor": other}).encode()})
    with pytest.raises(CommandError, match=f"från en {other}-databas"):
        call_command("restore", str(path), "--yes")
