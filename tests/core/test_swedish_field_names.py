"""Every field of the project's models has a Swedish name through gettext: Django shows it in error
messages (a batch refusal once said "meeting"), forms and the admin, and without one it falls back
to the English attribute name."""

from django.apps import apps
from django.utils.functional import Promise


def test_models__every_concrete_field_has_a_translated_verbose_name():
    english = [
        f"{model._meta.label}.{field.name}: {field.verbose_name!r}"
        for model in apps.get_models()
        if model.__module__.startswith("tryggsam.")
        for field in model._meta.concrete_fields
        if not field.auto_created and not isinstance(field.verbose_name, Promise)
    ]
    assert not english, "Fält utan svenskt namn (verbose_name=_(...)):\n" + "\n".join(english)


def test_attendance_meeting__named_in_swedish():
    from tryggsam.meetings.models import Attendance

    assert str(Attendance._meta.get_field("meeting").verbose_name) == "möte"
