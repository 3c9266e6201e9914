"""The storage of generated documents (core.generated): safe names, atomic writes, one version per
slot, one job per key."""

from __future__ import annotations

import os
import time

import pytest

from tryggsam.core import generated


def _key(version: str = "aaaa", audience: str = "orgs-1", fmt: str = "pdf") -> generated.FileKey:
    return generated.FileKey("minutes", "7", audience, version, fmt)


@pytest.mark.parametrize("part", ["../x", "a/b", "", "A", "x" * 81, "a.b"])
def test_file_key__refuses_what_is_not_a_safe_name(part):
    with pytest.raises(ValueError):
        generated.FileKey("minutes", "7", part, "v1", "pdf")


def test_store__keeps_one_version_per_slot(generated_files):
    generated.store(_key("aaaa"), b"old")
    generated.store(_key("aaaa", audience="open"), b"public")
    generated.store(_key("aaaa", fmt="docx"), b"word")
    generated.store(_key("bbbb"), b"new")
    names = sorted(p.name for p in (generated_files / "minutes" / "7").iterdir())
    assert names == ["open--aaaa.pdf", "orgs-1--aaaa.docx", "orgs-1--bbbb.pdf"]
    assert generated.stored(_key("bbbb")).read_bytes() == b"new" and generated.stored(_key("aaaa")) is None


def test_claim__one_job_per_key_and_a_dead_one_is_taken_over(generated_files, settings):
    key = _key()
    assert generated.claim(key) is True
    assert generated.claim(key) is False
    assert generated.state(key)[0] is generated.State.PENDING
    old = time.time() - generated.stale_after() - 1
    os.utime(key.marker, (old, old))
    assert generated.state(key)[0] is generated.State.MISSING
    assert generated.claim(key) is True


def test_content_of__models_dates_and_dataclasses(coordinator):
    import datetime as dt
    from dataclasses import dataclass

    @dataclass
    class Row:
        when: dt.date
        who: object

    first = generated.content_of({"rows": [Row(dt.date(2026, 1, 2), coordinator)]})
    assert first["rows"][0]["when"] == "2026-01-02" and first["rows"][0]["who"][0] == "accounts.User"
    coordinator.full_name = "Nytt Namn"
    assert generated.digest(first) != generated.digest(
        generated.content_of({"rows": [Row(dt.date(2026, 1, 2), coordinator)]})
    )


@pytest.mark.django_db
def test_content_of__deferred_fields_loaded_in_one_query_per_model(django_assert_num_queries):
    """The situation picture's top places are loaded with `only("pk", "name")`: their picture is the
    same as the full rows', read with one query for all of them instead of one per instance and field."""
    from tests.factories import AreaFactory, OrganisationFactory
    from tryggsam.accounts.models import Organisation
    from tryggsam.places.models import Area

    parent = AreaFactory()
    for name in ("Norr", "Söder", "Väster"):
        AreaFactory(parent=parent, name=name, external_id=f"x-{name}")
    OrganisationFactory()
    full = list(Area.objects.filter(parent=parent).order_by("pk"))
    organisations = list(Organisation.objects.order_by("pk"))
    expected = generated.content_of({"top": [(a, 3) for a in full], "by": organisations, "area": parent})
    slim = list(Area.objects.filter(parent=parent).only("pk", "name").order_by("pk"))
    slim_organisations = list(Organisation.objects.only("pk").order_by("pk"))
    with django_assert_num_queries(2):  # the areas, the organisations
        assert generated.content_of({"top": [(a, 3) for a in slim], "by": slim_organisations, "area": parent}) == (
            expected
        )
    with django_assert_num_queries(0):  # now loaded on the instances, as reading them would leave them
        assert [a.external_id for a in slim] == ["x-Norr", "x-Söder", "x-Väster"]


def test_content_of__a_deferred_row_deleted_meanwhile_fails_as_reading_it_would(db):
    from tests.factories import AreaFactory
    from tryggsam.places.models import Area

    area = AreaFactory()
    slim = Area.objects.only("pk").get(pk=area.pk)
    Area.objects.filter(pk=area.pk).delete()
    with pytest.raises(Area.DoesNotExist):
        generated.content_of([slim])


def test_claim__one_job_per_slot_whatever_version_each_download_asked_for(generated_files):
    assert generated.claim(_key("aaaa")) is True
    assert generated.claim(_key("bbbb")) is False  # the running job renders what is current
    assert generated.state(_key("bbbb"))[0] is generated.State.PENDING
    assert generated.claim(_key("bbbb", audience="open")) is True  # another audience's slot
    assert generated.claim(_key("bbbb", fmt="docx")) is True  # another format's slot


def test_previous__the_slots_earlier_version_only_with_its_facts(generated_files):
    generated.store(_key("aaaa"), b"no facts")
    assert generated.previous(_key("bbbb")) is None
    generated.store(_key("cccc"), b"old", facts={"last": 7})
    generated.store(_key("cccc", audience="open"), b"public", facts={"last": 9})
    found = generated.previous(_key("dddd"))
    assert found is not None and found.key == _key("cccc") and found.facts == {"last": 7}
    assert found.key.path.read_bytes() == b"old" and generated.previous(_key("cccc")) is None
    generated.store(_key("dddd"), b"new")  # the slot's older version and its facts go
    assert generated.previous(_key("eeee")) is None
    assert sorted(p.name for p in (generated_files / "minutes" / "7").iterdir()) == [
        "open--cccc.pdf",
        "open--cccc.pdf.facts",
        "orgs-1--dddd.pdf",
    ]
