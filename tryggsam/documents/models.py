from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from tryggsam.core.models import ClassifiedModel


class ImportedDocument(ClassifiedModel):
    """An original minutes, plan or agreement brought in from the archive. The file is kept, and
    every record the import produced links back to it (DocumentRecord)."""

    file = models.FileField(_("fil"), upload_to="arkiv/%Y/")
    original_name = models.CharField(_("filnamn"), max_length=300)
    sha256 = models.CharField(max_length=64, unique=True, verbose_name=_("kontrollsumma (SHA-256)"))
    kind = models.CharField(_("typ"), max_length=20)
    title = models.CharField(_("titel"), max_length=300, blank=True)
    extracted = models.JSONField(_("utläst innehåll"), default=dict)
    summary = models.JSONField(_("vad som sparades"), default=dict)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, verbose_name=_("importerad av")
    )

    class Meta:
        verbose_name = _("importerat dokument")
        verbose_name_plural = _("importerade dokument")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.title or self.original_name


class DocumentRecord(models.Model):
    """A record produced or updated by importing a document."""

    document = models.ForeignKey(
        ImportedDocument, on_delete=models.CASCADE, related_name="records", verbose_name=_("dokument")
    )
    object_type = models.CharField(max_length=100, verbose_name=_("objekttyp"))
    object_id = models.CharField(max_length=64, verbose_name=_("objekt-id"))
    action = models.CharField(max_length=16, default="created", verbose_name=_("vad som gjordes"))

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["document", "object_type", "object_id"], name="document_record_unique")
        ]
        indexes = [models.Index(fields=["object_type", "object_id"])]

    def __str__(self) -> str:
        return f"{self.document} → {self.object_type}#{self.object_id}"


class BatchStatus(models.TextChoices):
    QUEUED = "queued", _("I kö")
    RUNNING = "running", _("Pågår")
    DONE = "done", _("Klar")


class ImportBatch(models.Model):
    """Many archive files imported in the background; the page polls its progress."""

    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("skapad"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, verbose_name=_("skapad av")
    )
    status = models.CharField(
        max_length=10, choices=BatchStatus.choices, default=BatchStatus.QUEUED, verbose_name=_("status")
    )
    total = models.PositiveIntegerField(default=0, verbose_name=_("totalt"))
    processed = models.PositiveIntegerField(default=0, verbose_name=_("behandlade"))
    saved = models.PositiveIntegerField(default=0, verbose_name=_("sparade"))
    skipped = models.PositiveIntegerField(default=0, verbose_name=_("överhoppade"))
    failed = models.PositiveIntegerField(default=0, verbose_name=_("misslyckade"))
    log = models.JSONField(default=list, verbose_name=_("logg"))
    # Forums the batch created because no forum of the importing organisation's municipality had the
    # name a document gave: shown in the batch's summary, never created silently.
    created_forums = models.JSONField(default=list, verbose_name=_("skapade forum"))

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"Import {self.pk}: {self.processed}/{self.total}"

    @property
    def percent(self) -> int:
        return round(100 * self.processed / self.total) if self.total else 100
