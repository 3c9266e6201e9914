from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from tryggsam.core.models import ClassifiedModel


class WorkKind(models.TextChoices):
    PROBLEM = "problem", _("Problemområde")
    DEVELOPMENT = "development", _("Utvecklingsområde")


class Problem(ClassifiedModel):
    """A problem (or development area) at a place, worked on in a partnership or forum."""

    kind = models.CharField(_("typ"), max_length=16, choices=WorkKind.choices, default=WorkKind.PROBLEM)
    title = models.CharField(_("problemområde"), max_length=300)
    description = models.TextField(_("beskrivning"), blank=True)
    area = models.ForeignKey(
        "places.Area", verbose_name=_("plats"), on_delete=models.PROTECT, null=True, blank=True, related_name="problems"
    )
    categories = models.JSONField(_("kategorier"), default=list, blank=True)
    forum = models.ForeignKey(
        "forums.Forum",
        verbose_name=_("forum/platssamverkan"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="problems",
    )
    is_closed = models.BooleanField(_("avslutat"), default=False)
    closed_on = models.DateField(_("avslutat den"), null=True, blank=True)
    closed_reason = models.TextField(_("skäl till avslut"), blank=True)
    position = models.PositiveIntegerField(default=0, verbose_name=_("ordning"))
    # Raised by every edit of the problem's fields (problem_update): an API client edits with the
    # version it read, and a stale one is refused, as for a measure.
    version = models.PositiveIntegerField(default=1, verbose_name=_("version"))

    class Meta:
        verbose_name = _("problem")
        verbose_name_plural = _("problem")
        ordering = ["position", "id"]
        constraints = [models.CheckConstraint(condition=models.Q(kind__in=WorkKind.values), name="problem_kind_valid")]

    def __str__(self) -> str:
        return self.title


class MeasureStatus(models.TextChoices):
    PLANNED = "planned", _("Planerad")
    ONGOING = "ongoing", _("Pågående")
    PAUSED = "paused", _("Pausad")
    DONE = "done", _("Genomförd")
    STOPPED = "stopped", _("Avbruten")


ALLOWED_TRANSITIONS: dict[str, set[str]] = {
    MeasureStatus.PLANNED: {MeasureStatus.ONGOING, MeasureStatus.PAUSED, MeasureStatus.DONE, MeasureStatus.STOPPED},
    MeasureStatus.ONGOING: {MeasureStatus.PAUSED, MeasureStatus.DONE, MeasureStatus.STOPPED},
    MeasureStatus.PAUSED: {MeasureStatus.ONGOING, MeasureStatus.DONE, MeasureStatus.STOPPED},
    MeasureStatus.DONE: {MeasureStatus.ONGOING},
    MeasureStatus.STOPPED: {MeasureStatus.PLANNED, MeasureStatus.ONGOING},
}


class Measure(ClassifiedModel):
    """What is done about a problem (åtgärd/insats), by whom, with status. `version` is raised on
    every save and checked by the update services (optimistic locking)."""

    problem = models.ForeignKey(Problem, verbose_name=_("problem"), on_delete=models.CASCADE, related_name="measures")
    kind = models.CharField(_("typ"), max_length=16, choices=WorkKind.choices, default=WorkKind.PROBLEM)
    title = models.CharField(_("åtgärd/insats"), max_length=300)
    description = models.TextField(_("beskrivning"), blank=True)
    participating_organisations = models.ManyToManyField(
        "accounts.Organisation", verbose_name=_("deltagande organisationer"), blank=True, related_name="measures"
    )
    participants_text = models.CharField(_("deltagare (fritext)"), max_length=500, blank=True)
    responsible_organisation = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("ansvarig organisation"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="responsible_for_measures",
    )
    responsible_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("ansvarig person"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="responsible_for_measures",
    )
    responsible_text = models.CharField(_("sammankallande/ansvarig (fritext)"), max_length=300, blank=True)
    status = models.CharField(_("status"), max_length=16, choices=MeasureStatus.choices, default=MeasureStatus.PLANNED)
    start_date = models.DateField(_("start"), null=True, blank=True)
    end_date = models.DateField(_("slut"), null=True, blank=True)
    next_follow_up = models.DateField(_("nästa uppföljning"), null=True, blank=True, db_index=True)
    version = models.PositiveIntegerField(default=1, verbose_name=_("version"))
    position = models.PositiveIntegerField(default=0, verbose_name=_("ordning"))

    class Meta:
        verbose_name = _("åtgärd")
        verbose_name_plural = _("åtgärder")
        ordering = ["position", "id"]
        constraints = [
            models.CheckConstraint(condition=models.Q(status__in=MeasureStatus.values), name="measure_status_valid"),
            models.CheckConstraint(condition=models.Q(kind__in=WorkKind.values), name="measure_kind_valid"),
            models.CheckConstraint(
                condition=models.Q(end_date__isnull=True)
                | models.Q(start_date__isnull=True)
                | models.Q(end_date__gte=models.F("start_date")),
                name="measure_end_after_start",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def responsible_label(self) -> str:
        if self.responsible_text:
            return self.responsible_text
        return responsible_label(
            "",
            str(self.responsible_user) if self.responsible_user_id else None,
            str(self.responsible_organisation) if self.responsible_organisation_id else None,
        )


def responsible_label(text: str, user: str | None, organisation: str | None) -> str:
    """Who a measure names as responsible: its free text, else the person and the organisation (their
    names as `str()` gives them; None for none)."""
    if text:
        return text
    return ", ".join(p for p in (user, organisation) if p is not None)


class FollowUp(ClassifiedModel):
    """A dated status note on a measure (status/uppföljning)."""

    measure = models.ForeignKey(Measure, on_delete=models.CASCADE, related_name="follow_ups", verbose_name=_("åtgärd"))
    date = models.DateField(_("datum"))
    text = models.TextField(_("uppföljning"))
    status_after = models.CharField(_("status efter"), max_length=16, choices=MeasureStatus.choices)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("av"), on_delete=models.SET_NULL, null=True, blank=True
    )

    class Meta:
        verbose_name = _("uppföljning")
        verbose_name_plural = _("uppföljningar")
        ordering = ["-date", "-id"]

    def __str__(self) -> str:
        return f"{self.date:%Y-%m-%d}: {self.text[:60]}"


class ReminderSent(models.Model):
    """One reminder e-mail per measure, person and due date: send_reminders never repeats itself."""

    measure = models.ForeignKey(Measure, on_delete=models.CASCADE, related_name="reminders", verbose_name=_("åtgärd"))
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+", verbose_name=_("mottagare")
    )
    due_date = models.DateField(verbose_name=_("uppföljningsdatum"))
    sent_at = models.DateTimeField(auto_now_add=True, verbose_name=_("skickad"))

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["measure", "recipient", "due_date"], name="reminder_once_per_due_date")
        ]

    def __str__(self) -> str:
        return f"{self.recipient} {self.measure} {self.due_date}"
