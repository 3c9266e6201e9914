"""The EST checklist as it stood when the app was created (frozen here; later changes to the defaults
go through `services.ensure_default_categories`, which never overwrites an installation's edits)."""

from django.db import migrations

CATEGORIES = (
    ("vandalism", "Skadegörelse"),
    ("graffiti", "Klotter"),
    ("litter", "Nedskräpning"),
    ("youths", "Ungdomar som samlas eller stör"),
    ("drug_dealing", "Narkotikahandel"),
    ("public_drinking", "Alkohol på allmän plats"),
    ("threats_violence", "Hot eller våld"),
    ("robbery", "Rån"),
    ("burglary", "Inbrott"),
    ("fire", "Brand"),
    ("illegal_settlement", "Olovlig bosättning"),
    ("aggressive_begging", "Påträngande tiggeri"),
    ("reckless_driving", "Vårdslös körning"),
    ("unsafe_place", "Mörk eller otrygg plats"),
    ("other", "Annat"),
)


def create(apps, schema_editor):
    category = apps.get_model("incidents", "IncidentCategory")
    for position, (code, name) in enumerate(CATEGORIES, start=1):
        category.objects.get_or_create(code=code, defaults={"name": name, "position": position * 10})


class Migration(migrations.Migration):
    dependencies = [("incidents", "0001_initial")]

    operations = [migrations.RunPython(create, migrations.RunPython.noop)]
