"""The register of processing: generated from the models, checked against them, and kept in docs/.
No test here touches the database: the register must not depend on its contents."""

import dataclasses
import io
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import override_settings
from django.utils import translation

from tryggsam.privacy.register import (
    DECLARATIONS,
    DEFAULT_OUTPUT,
    NOT_PERSONAL,
    PersonalField,
    RegisterError,
    build_register,
    looks_personal,
    render_markdown,
    undeclared_personal_fields,
)

COMMITTED = Path(settings.BASE_DIR) / DEFAULT_OUTPUT


def _with_field(label: str, name: str) -> dict:
    declaration = DECLARATIONS[label]
    fields = {**declaration.fields, name: PersonalField("x", "y")}
    return {**DECLARATIONS, label: dataclasses.replace(declaration, fields=fields)}


def _without_field(label: str, name: str) -> dict:
    declaration = DECLARATIONS[label]
    fields = {k: v for k, v in declaration.fields.items() if k != name}
    return {**DECLARATIONS, label: dataclasses.replace(declaration, fields=fields)}


def test_processing_register__committed_file_equals_generated():
    assert COMMITTED.read_text(encoding="utf-8") == render_markdown(), (
        "docs/processing-register.md är inaktuell: kör `python manage.py processing_register`"
    )


def test_undeclared_personal_fields__none_in_the_project():
    assert undeclared_personal_fields() == []


def test_undeclared_personal_fields__reports_a_field_taken_out_of_the_declarations():
    missing = undeclared_personal_fields(_without_field("incidents.Incident", "reporter"), NOT_PERSONAL)
    assert missing == ["incidents.Incident.reporter"]


def test_undeclared_personal_fields__reports_a_field_whose_reason_is_removed():
    not_personal = {**NOT_PERSONAL, "places.Area": {"name": "x"}}
    assert undeclared_personal_fields(DECLARATIONS, not_personal) == ["places.Area.geometry", "places.Area.folded_name"]


@pytest.mark.parametrize(
    ("label", "name", "expected"),
    [
        ("incidents.Incident", "reporter", True),  # FK to the user model
        ("incidents.Incident", "description", True),  # free text
        ("accounts.User", "email", True),  # EmailField
        ("accounts.User", "phone", True),  # name suggests a person
        ("meetings.Attendance", "name", True),
        ("documents.ImportedDocument", "file", True),
        ("incidents.Incident", "occurred_at", False),
        ("incidents.Incident", "reporting_organisation", False),  # FK, but to an organisation
        ("places.Area", "centroid_lat", False),
    ],
)
def test_looks_personal__by_relation_type_and_name(label, name, expected):
    assert looks_personal(apps.get_model(label)._meta.get_field(name)) is expected


def test_build_register__declared_field_that_does_not_exist_raises():
    with pytest.raises(RegisterError, match=r"incidents\.Incident\.reporterr"):
        build_register(_with_field("incidents.Incident", "reporterr"), NOT_PERSONAL)


def test_build_register__not_personal_field_that_does_not_exist_raises():
    with pytest.raises(RegisterError, match=r"places\.Area\.nmae"):
        build_register(DECLARATIONS, {**NOT_PERSONAL, "places.Area": {"nmae": "x"}})


def test_build_register__unknown_model_raises():
    declarations = {**DECLARATIONS, "incidents.Incidnet": DECLARATIONS["incidents.Incident"]}
    with pytest.raises(RegisterError, match=r"incidents\.Incidnet"):
        build_register(declarations, NOT_PERSONAL)


def test_build_register__field_both_personal_and_not_raises():
    not_personal = {**NOT_PERSONAL, "incidents.Incident": {"reporter": "x"}}
    with pytest.raises(RegisterError, match=r"incidents\.Incident\.reporter"):
        build_register(DECLARATIONS, not_personal)


def test_build_register__reads_names_labels_and_types_from_the_models():
    register = build_register()
    incident = next(m for m in register.models if m.label == "incidents.Incident")
    reporter = next(f for f in incident.fields if f.name == "reporter")
    assert (reporter.label, reporter.kind) == ("rapportör", "ForeignKey → accounts.User")
    assert "places.Area" in dict(register.without_personal_data)
    assert "incidents.Incident" not in dict(register.without_personal_data)


@pytest.mark.parametrize(
    ("months", "expected"),
    [(6, "6 månader efter händelsen"), (1, "1 månad efter händelsen"), (36, "36 månader efter händelsen")],
)
def test_render_markdown__incident_retention_follows_the_setting(months, expected):
    with override_settings(TRYGGSAM_RETENTION_MONTHS=months):
        text = render_markdown()
    assert text.count(expected) == 6  # description, reporter, created_by, title, lat, lon
    assert f"här {months} månader" in text


def test_render_markdown__swedish_and_the_same_whatever_the_active_language():
    swedish = render_markdown()
    with translation.override("en"):
        assert render_markdown() == swedish
    assert swedish.startswith("# Förteckning över behandlingar")
    assert "| Fält | Typ | Vad | Varför | Hur länge |" in swedish


def test_processing_register_command__writes_the_file(tmp_path):
    target = tmp_path / "docs" / "register.md"
    call_command("processing_register", output=str(target), stdout=io.StringIO())
    assert target.read_text(encoding="utf-8") == render_markdown()


def test_processing_register_command__check_passes_on_a_current_file(tmp_path):
    target = tmp_path / "register.md"
    target.write_text(render_markdown(), encoding="utf-8")
    call_command("processing_register", "--check", output=str(target), stdout=io.StringIO())


def test_processing_register_command__check_fails_on_a_modified_file(tmp_path):
    target = tmp_path / "register.md"
    target.write_text(render_markdown().replace("rapportör", "reporter"), encoding="utf-8")
    before = target.read_text(encoding="utf-8")
    with pytest.raises(CommandError, match="inaktuell"):
        call_command("processing_register", "--check", output=str(target))
    assert target.read_text(encoding="utf-8") == before  # --check writes nothing


def test_processing_register_command__check_fails_on_a_missing_file(tmp_path):
    with pytest.raises(CommandError, match="saknas"):
        call_command("processing_register", "--check", output=str(tmp_path / "missing.md"))
