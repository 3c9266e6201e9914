from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditAction(models.TextChoices):
    CREATE = "create", _("Skapad")
    UPDATE = "update", _("Ändrad")
    DELETE = "delete", _("Borttagen")
    STATUS = "status", _("Status ändrad")
    READ = "read", _("Läst")
    IMPORT = "import", _("Importerad")
    LOGIN = "login", _("Inloggning")


class AuditEvent(models.Model):
    """One change (or read of restricted data). Written only by audit.services.audit_record inside
    the same transaction as the change; never edited or deleted through the application."""

    occurred_at = models.DateTimeField(_("tidpunkt"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("vem"), on_delete=models.SET_NULL, null=True, blank=True
    )
    actor_label = models.CharField(_("vem (text)"), max_length=200, blank=True)
    action = models.CharField(_("händelse"), max_length=16, choices=AuditAction.choices)
    object_type = models.CharField(_("objekttyp"), max_length=100, db_index=True)
    object_id = models.CharField(_("objekt-id"), max_length=64, db_index=True)
    object_repr = models.CharField(_("objekt"), max_length=300)
    changes = models.JSONField(_("ändringar"), default=dict, blank=True)
    note = models.CharField(_("kommentar"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("granskningshändelse")
        verbose_name_plural = _("granskningslogg")
        ordering = ["-occurred_at", "-id"]
        indexes = [models.Index(fields=["object_type", "object_id"])]

    def __str__(self) -> str:
        return f"{self.occurred_at:%Y-%m-%d %H:%M} {self.actor_label} {self.action} {self.object_repr}"

    def save(self, *args: object, **kwargs: object) -> None:
        if self.pk is not None:
            raise RuntimeError("Granskningshändelser kan inte ändras.")
        super().save(*args, **kwargs)  # type: ignore[arg-type]

    def delete(self, *args: object, **kwargs: object) -> tuple[int, dict[str, int]]:
        raise RuntimeError("Granskningshändelser kan inte tas bort.")


class WriteCounter(models.Model):
    """How many committed transactions wrote records of one model (audited writes only; reads and
    logins are not writes). Bumped after each commit by `audit.services` (issue 17, item 4), so a
    reader can tell cheaply whether anything of some models changed since it last looked: the sum of
    the counters only grows, and grows with every commit that wrote one of them."""

    object_type = models.CharField(_("objekttyp"), max_length=100, primary_key=True)
    writes = models.BigIntegerField(_("skrivningar"), default=0)

    class Meta:
        verbose_name = _("skrivräknare")
        verbose_name_plural = _("skrivräknare")

    def __str__(self) -> str:
        return f"{self.object_type}: {self.writes}"
