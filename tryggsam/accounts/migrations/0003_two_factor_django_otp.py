"""Two-factor devices move to django-otp (throttled in the database across logins). Each confirmed
device keeps its secret and its last used time step, so enrolled users keep their authenticator app;
half-finished (unconfirmed) enrolments are dropped and start again with an e-mailed code."""

import base64

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

DEVICE_NAME = "Autentiseringsapp"


def _hex_key(secret: str) -> str:
    secret = secret.strip().replace(" ", "").upper()
    return base64.b32decode(secret + "=" * (-len(secret) % 8)).hex()


def to_django_otp(apps, schema_editor):
    Old = apps.get_model("accounts", "TOTPDevice")
    New = apps.get_model("otp_totp", "TOTPDevice")
    for old in Old.objects.filter(confirmed=True).order_by("pk"):
        New.objects.create(
            user_id=old.user_id,
            name=DEVICE_NAME,
            confirmed=True,
            key=_hex_key(old.secret),
            step=30,
            t0=0,
            digits=6,
            tolerance=1,
            drift=0,
            last_t=old.last_used_step if old.last_used_step > 0 else -1,
        )


def from_django_otp(apps, schema_editor):
    Old = apps.get_model("accounts", "TOTPDevice")
    New = apps.get_model("otp_totp", "TOTPDevice")
    seen = set()
    for new in New.objects.filter(confirmed=True, step=30, digits=6, t0=0).order_by("pk"):
        if new.user_id in seen:
            continue
        seen.add(new.user_id)
        Old.objects.create(
            user_id=new.user_id,
            secret=base64.b32encode(bytes.fromhex(new.key)).decode("ascii").rstrip("="),
            confirmed=True,
            last_used_step=max(new.last_t, 0),
        )
    New.objects.filter(user_id__in=seen).delete()


class Migration(migrations.Migration):

    dependencies = [
        ("accounts", "0002_totp_device"),
        ("otp_totp", "0003_add_timestamps"),
    ]

    operations = [
        migrations.RunPython(to_django_otp, from_django_otp),
        migrations.DeleteModel(name="TOTPDevice"),
        migrations.CreateModel(
            name="EnrolmentCode",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="skapad")),
                ("updated_at", models.DateTimeField(auto_now=True, verbose_name="ändrad")),
                ("code_hash", models.CharField(max_length=128)),
                ("expires_at", models.DateTimeField()),
                ("used_at", models.DateTimeField(blank=True, null=True)),
                ("failed_attempts", models.PositiveSmallIntegerField(default=0)),
                (
                    "user",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="enrolment_codes",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "verbose_name": "engångskod för tvåstegsverifiering",
                "verbose_name_plural": "engångskoder för tvåstegsverifiering",
            },
        ),
    ]
