"""A council's rhythm of prioritisation and its priority lists.

A list is drafted by the council's coordinators for one ended period (tertial or quarter) and decided
in a meeting of the council (meetings.agenda.decision_decide_priorities): from then on it is frozen
and names the meeting. The meeting is referred to by name ("meetings.Meeting"), as a decided action
plan does: this app lies below meetings and imports nothing of it."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from tryggsam.core.models import ClassifiedModel, TimeStampedModel
from tryggsam.priorities.periods import Period, Rhythm


class PrioritySettings(TimeStampedModel):
    """The council's choice of rhythm; a council without a row prioritises per tertial."""

    council = models.OneToOneField(
        "forums.Forum", verbose_name=_("råd"), on_delete=models.CASCADE, related_name="priority_settings"
    )
    rhythm = models.CharField(_("rytm"), max_length=8, choices=Rhythm.choices, default=Rhythm.TERTIAL)

    class Meta:
        verbose_name = _("prioriteringsinställning")
        verbose_name_plural = _("prioriteringsinställningar")
        constraints = [
            models.CheckConstraint(condition=models.Q(rhythm__in=Rhythm.values), name="priority_rhythm_valid")
        ]

    def __str__(self) -> str:
        return f"{self.council}: {self.get_rhythm_display()}"


class PriorityStatus(models.TextChoices):
    DRAFT = "draft", _("Utkast")
    DECIDED = "decided", _("Beslutad")


class PriorityList(ClassifiedModel):
    """The council's prioritised areas for one period, in order."""

    council = models.ForeignKey(
        "forums.Forum", verbose_name=_("råd"), on_delete=models.PROTECT, related_name="priority_lists"
    )
    rhythm = models.CharField(_("rytm"), max_length=8, choices=Rhythm.choices)
    year = models.PositiveSmallIntegerField(_("år"))
    number = models.PositiveSmallIntegerField(_("period"))
    status = models.CharField(_("status"), max_length=8, choices=PriorityStatus.choices, default=PriorityStatus.DRAFT)
    decided_on = models.DateField(_("beslutad den"), null=True, blank=True)
    decided_at_meeting = models.ForeignKey(
        "meetings.Meeting",
        verbose_name=_("beslutad vid möte"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("prioriteringslista")
        verbose_name_plural = _("prioriteringslistor")
        ordering = ["-year", "-number", "-id"]
        constraints = [
            models.CheckConstraint(condition=models.Q(rhythm__in=Rhythm.values), name="priority_list_rhythm_valid"),
            models.CheckConstraint(
                condition=models.Q(status__in=PriorityStatus.values), name="priority_list_status_valid"
            ),
            models.CheckConstraint(condition=models.Q(number__gte=1, number__lte=4), name="priority_list_number_valid"),
            models.CheckConstraint(
                condition=models.Q(status=PriorityStatus.DRAFT) | models.Q(decided_on__isnull=False),
                name="priority_list_decided_has_date",
            ),
            models.UniqueConstraint(
                fields=["council", "rhythm", "year", "number"],
                condition=models.Q(status=PriorityStatus.DECIDED),
                name="priority_list_one_decided_per_period",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.council}: {self.period.label}"

    @property
    def period(self) -> Period:
        return Period(self.rhythm, self.year, self.number)

    @property
    def is_frozen(self) -> bool:
        return self.status == PriorityStatus.DECIDED


class PriorityEntry(TimeStampedModel):
    """One prioritised area of a list, at its place in the order, with the council's reason."""

    priority_list = models.ForeignKey(
        PriorityList, on_delete=models.CASCADE, related_name="entries", verbose_name=_("prioriteringslista")
    )
    area = models.ForeignKey("places.Area", verbose_name=_("område"), on_delete=models.PROTECT, related_name="+")
    position = models.PositiveSmallIntegerField(_("plats"))
    justification = models.TextField(_("motivering"), blank=True)

    class Meta:
        verbose_name = _("prioriterat område")
        verbose_name_plural = _("prioriterade områden")
        ordering = ["position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["priority_list", "area"], name="priority_entry_unique_area"),
            models.UniqueConstraint(fields=["priority_list", "position"], name="priority_entry_unique_position"),
        ]

    def __str__(self) -> str:
        return f"{self.position}. {self.area}"
