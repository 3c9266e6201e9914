"""Issue 13: a generic council word ('BRÅ', 'Brottsförebyggande rådet', 'Trygghetsrådet') is not a
forum's identity. Importing never creates a forum of such a name: the document goes to the forum the
user chose, or is held with 'välj forum'. The corpus is read from ../shared at run time."""

from __future__ import annotations

import io
import shutil

import pytest
from django.core.management import call_command
from django.test import override_settings

from tests.factories import ForumFactory, OrganisationFactory, user_with_role
from tryggsam.accounts.models import Role
from tryggsam.core.errors import ServiceError
from tryggsam.core.text import fold_words
from tryggsam.documents.extract import extract
from tryggsam.documents.forum_saving import GENERIC_FORUM_WORDS, is_generic_forum_name
from tryggsam.documents.saving import document_save
from tryggsam.forums.models import Forum, ForumKind
from tryggsam.meetings.models import Meeting


@pytest.fixture(autouse=True)
def _media(tmp_path):
    with override_settings(MEDIA_ROOT=tmp_path / "media"):
        yield


@pytest.mark.parametrize(
    "name", ["BRÅ", "Brå", "Lokala BRÅ", "Brottsförebyggande rådet", "brottsförebyggande råd", "Trygghetsrådet",
             "LoBRÅ", "Styrgruppen", "Lokalt brottsförebyggande råd"],
)  # fmt: skip
def test_is_generic_forum_name__sort_words_only(name):
    assert is_generic_forum_name(name)


@pytest.mark.parametrize(
    "name", ["Trygghetsrådet i Norrvik", "Ekbys brottsförebyggande råd", "BRÅ Västra", "Platssamverkan Torget"]
)
def test_is_generic_forum_name__a_place_or_owner_names_one(name):
    assert not is_generic_forum_name(name)


MINUTES = "Protokoll {forum}\nDatum: 2024-10-02\nNärvarande: Eva Berg, Omar Ali\n\n1. Läget\nLugnt.\n"


@pytest.fixture
def coordinator_of_ekby(db):
    ekby = OrganisationFactory(name="Ekby kommun", municipality="Ekby")
    return ekby, user_with_role(Role.COORDINATOR, ekby)


def test_save__generic_forum_is_not_created_and_nothing_is_saved(tmp_path, coordinator_of_ekby):
    _ekby, user = coordinator_of_ekby
    path = tmp_path / "protokoll.txt"
    path.write_text(MINUTES.format(forum="Brottsförebyggande rådet"), encoding="utf-8")
    with pytest.raises(ServiceError, match="välj forum"):
        document_save(path=path, data=extract(path), actor=user)
    assert not Forum.objects.exists() and not Meeting.objects.exists()


def test_save__generic_forum_goes_to_the_chosen_forum(tmp_path, coordinator_of_ekby):
    ekby, user = coordinator_of_ekby
    council = ForumFactory(name="Ekbys råd mot brott", kind=ForumKind.COUNCIL, owner_organisation=ekby)
    path = tmp_path / "protokoll.txt"
    path.write_text(MINUTES.format(forum="BRÅ"), encoding="utf-8")
    result = document_save(path=path, data={**extract(path), "forum_id": council.pk}, actor=user)
    assert result.created_forums == [] and Meeting.objects.get().forum == council


def test_import_archive__corpus_into_an_empty_database_creates_no_generic_forum(shared_dir, tmp_path):
    ekby = OrganisationFactory(name="Ekby kommun", municipality="Ekby")
    folder = tmp_path / "arkiv"
    shutil.copytree(shared_dir / "corpus" / "documents", folder)
    out = io.StringIO()
    call_command("import_archive", str(folder), "--organisation", str(ekby.pk), stdout=out)
    names = list(Forum.objects.values_list("name", flat=True))
    assert not any(is_generic_forum_name(n) for n in names), names
    assert not any(set(fold_words(n).split()) <= GENERIC_FORUM_WORDS for n in names)
    text = out.getvalue()
    assert "välj forum" in text  # the documents that name only 'BRÅ' are held, and said so
    if names:
        assert "Nya forum som importen skapade" in text and all(n in text for n in names)
