"""The audit log renders every shape of recorded value, and an archive import's audit event says
what was read in counts, not in the names it read (issue 11, finding 11)."""

import json

import pytest
from django.core.management import call_command
from django.test import override_settings
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.factories import ForumFactory, user_with_role
from tryggsam.accounts.models import Role
from tryggsam.audit.models import AuditEvent
from tryggsam.audit.presentation import MAX_SHOWN, readable
from tryggsam.documents.models import ImportedDocument
from tryggsam.forums.models import ForumKind

pytestmark = pytest.mark.django_db

# A seed minutes with attendees, a chair and a contact (read from ../shared at run time).
SEED_MINUTES = "004_6c754eb08dec5d99.txt"


def _names_in(extracted: dict) -> set[str]:
    names = {person.get("name") or "" for key in ("attendees", "contacts") for person in extracted.get(key) or []}
    names.add((extracted.get("meeting") or {}).get("chair") or "")
    return {name for name in names if len(name) > 3}


def test_audit_log_page__renders_after_an_archive_import_without_copying_names(client, shared_dir, tmp_path):
    ForumFactory(name="Lokala Brå", kind=ForumKind.COUNCIL)  # the seed names only this generic forum
    folder = tmp_path / "arkiv"
    folder.mkdir()
    (folder / SEED_MINUTES).write_bytes((shared_dir / "seeds" / SEED_MINUTES).read_bytes())
    with override_settings(MEDIA_ROOT=tmp_path / "media"):
        call_command("import_archive", str(folder), stdout=None)
    document = ImportedDocument.objects.get()
    names = _names_in(document.extracted)
    assert names, "the seed names its attendees; without them this test proves nothing"

    event = AuditEvent.objects.get(object_type="documents.importeddocument", object_id=str(document.pk))
    recorded = json.dumps(event.changes, ensure_ascii=False)
    assert not [name for name in names if name in recorded]
    extracted_counts = event.changes["extracted"][1]
    assert extracted_counts["attendees"] == len(document.extracted["attendees"])

    client.force_login(user_with_role(Role.ADMIN))
    response = client.get("/granskning/")
    assert response.status_code == 200
    assert "Importerat dokument #" in response.content.decode()


json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**63), max_value=2**63 - 1)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=3000),
    lambda children: st.lists(children, max_size=40) | st.dictionaries(st.text(max_size=20), children, max_size=40),
    max_leaves=200,
)
# Real field names too: a choice field, a date-time, a foreign key to a named model, a JSON field.
field_names = st.sampled_from(["status", "classification", "created_at", "owner_organisation", "extracted", "x"])


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    object_type=st.sampled_from(["casework.measure", "documents.importeddocument", "nope.nothing", ""]),
    changes=st.dictionaries(field_names | st.text(max_size=300), json_values, max_size=8) | json_values,
)
def test_readable__every_json_shape_renders_and_large_values_are_summarised(object_type, changes):
    event = AuditEvent(object_type=object_type, object_id="1", object_repr="x", action="update", changes=changes)
    (shown,) = readable([event])
    for change in shown.changes:
        for text in (change.field, change.before, change.after):
            assert isinstance(text, str)
        assert len(change.before) <= MAX_SHOWN + 40 and len(change.after) <= MAX_SHOWN + 40
        assert len(change.field) <= MAX_SHOWN


def test_readable__nested_values_are_shown_readably():
    event = AuditEvent(
        object_type="documents.importeddocument",
        object_id="1",
        action="create",
        changes={"extracted": [None, {"attendees": 9, "meeting": {"date": "2019-02-22"}}], "n": [1, 2.5]},
    )
    (shown,) = readable([event])
    by_field = {c.field: c for c in shown.changes}
    assert "attendees: 9" in by_field["Utläst innehåll"].after
    assert "2019-02-22" in by_field["Utläst innehåll"].after
    assert (by_field["n"].before, by_field["n"].after) == ("1", "2.5")
    long = AuditEvent(object_type="x", object_id="1", action="update", changes={"t": ["a" * 10_000, None]})
    (shown,) = readable([long])
    assert len(shown.changes[0].before) <= MAX_SHOWN + 40 and "10000 tecken" in shown.changes[0].before


def test_readable__organisations_are_named_in_lists_of_any_length():
    from tests.factories import OrganisationFactory

    organisations = [OrganisationFactory(name=f"Förening {letter}") for letter in "ABC"]
    event = AuditEvent(
        object_type="casework.measure",
        object_id="1",
        action="update",
        changes={"responsible_organisation": [o.pk for o in organisations]},
    )
    (shown,) = readable([event])
    assert shown.changes[0].after == "Förening A, Förening B, Förening C"
