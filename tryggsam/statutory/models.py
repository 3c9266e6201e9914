"""The statutory documents (Lag 2023:196): a municipal lägesbild, an åtgärdsplan and a yearly
follow-up per council (or municipality area) and year. A draft is read live from the data; deciding
it freezes a snapshot (the generated sections as JSON, see `snapshot.py`) for the members and one
for the public, so that a decided version never changes when the data does. The next version starts
as a draft copy of the written sections."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from tryggsam.core.models import ClassifiedModel


class DocumentKind(models.TextChoices):
    SITUATION = "situation", _("Lägesbild")
    ACTION_PLAN = "action_plan", _("Åtgärdsplan")
    FOLLOW_UP = "follow_up", _("Årlig uppföljning")


class DocumentStatus(models.TextChoices):
    DRAFT = "draft", _("Utkast")
    DECIDED = "decided", _("Beslutad")


class StatutoryDocument(ClassifiedModel):
    kind = models.CharField(_("typ"), max_length=16, choices=DocumentKind.choices)
    forum = models.ForeignKey(
        "forums.Forum",
        verbose_name=_("råd"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    area = models.ForeignKey(
        "places.Area", verbose_name=_("område"), on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    year = models.PositiveSmallIntegerField(_("år"))
    version = models.PositiveIntegerField(_("version"), default=1)
    previous = models.ForeignKey(
        "self", verbose_name=_("föregående version"), on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    status = models.CharField(_("status"), max_length=16, choices=DocumentStatus.choices, default=DocumentStatus.DRAFT)
    summary = models.TextField(_("sammanfattning"), blank=True)
    risk_factors = models.TextField(_("risk- och skyddsfaktorer"), blank=True)
    conclusions = models.TextField(_("slutsatser"), blank=True)
    decided_on = models.DateField(_("beslutad den"), null=True, blank=True)
    decided_at_meeting = models.ForeignKey(
        "meetings.Meeting",
        verbose_name=_("beslutad vid mötet"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    snapshot = models.JSONField(_("beslutad version"), null=True, blank=True, editable=False)
    public_snapshot = models.JSONField(_("offentlig version"), null=True, blank=True, editable=False)
    published_on = models.DateField(_("publicerad den"), null=True, blank=True)

    class Meta:
        verbose_name = _("styrdokument")
        verbose_name_plural = _("styrdokument")
        ordering = ["-year", "kind", "-version"]
        constraints = [
            models.CheckConstraint(condition=models.Q(kind__in=DocumentKind.values), name="statutory_kind_valid"),
            models.CheckConstraint(condition=models.Q(status__in=DocumentStatus.values), name="statutory_status_valid"),
            models.CheckConstraint(
                condition=models.Q(forum__isnull=False) | models.Q(area__isnull=False), name="statutory_has_scope"
            ),
            models.CheckConstraint(
                condition=models.Q(status="draft")
                | (
                    models.Q(decided_on__isnull=False)
                    & models.Q(snapshot__isnull=False)
                    & models.Q(public_snapshot__isnull=False)
                ),
                name="statutory_decided_is_frozen",
            ),
            models.CheckConstraint(
                condition=models.Q(published_on__isnull=True) | models.Q(status="decided"),
                name="statutory_published_when_decided",
            ),
            models.CheckConstraint(
                condition=models.Q(year__gte=2000) & models.Q(year__lte=2100), name="statutory_year_range"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.year} – {self.scope_name} (v{self.version})"

    @property
    def scope_name(self) -> str:
        if self.forum_id:
            return str(self.forum)
        return str(self.area) if self.area_id else ""

    @property
    def is_frozen(self) -> bool:
        return self.status == DocumentStatus.DECIDED

    @property
    def is_published(self) -> bool:
        return self.published_on is not None
