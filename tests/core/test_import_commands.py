"""Every import command answers the same way (issue 14): a refused import is a CommandError with exit
code 2 and a Swedish message, nothing saved; `--json` prints one JSON object."""

import io
import json

import pytest
from django.core.management import CommandError, call_command

from tryggsam.audit.models import AuditEvent

IMPORTS = ["import_areas", "import_places", "load_district_areas", "import_statistics", "import_survey",
           "import_police_events", "import_document", "import_archive"]  # fmt: skip
SWEDISH = ("finns inte", "inget sparades", "kan inte läsas")


@pytest.mark.django_db
@pytest.mark.parametrize("command", IMPORTS)
def test_import_command__missing_file_exits_2_in_swedish_and_saves_nothing(command, tmp_path):
    missing = tmp_path / "saknas.csv"
    out = io.StringIO()

    with pytest.raises(CommandError) as refused:
        call_command(command, str(missing), stdout=out, stderr=io.StringIO())

    assert refused.value.returncode == 2
    assert any(words in str(refused.value) for words in SWEDISH), str(refused.value)
    assert not AuditEvent.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("command", ["import_areas", "import_places", "load_district_areas"])
def test_import_command__refusal_lists_the_reasons_one_a_line(command, tmp_path):
    empty = tmp_path / "tom.csv"
    empty.write_text("", encoding="utf-8")

    with pytest.raises(CommandError) as refused:
        call_command(command, str(empty), "--json", stdout=io.StringIO())

    assert str(refused.value).splitlines() == ["Importen avbröts, inget sparades:", "Filen är tom: tom.csv"]


@pytest.mark.django_db
def test_import_command__json_is_one_object(tmp_path):
    places = tmp_path / "platser.csv"
    places.write_text("station,lat,lon\nTestplan,59.3,18.0\n", encoding="utf-8")
    out = io.StringIO()

    call_command("import_places", str(places), "--json", stdout=out)

    assert json.loads(out.getvalue())["created"] == 1
