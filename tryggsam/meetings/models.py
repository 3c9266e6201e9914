from django.conf import settings
from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from tryggsam.accounts import permissions
from tryggsam.core.errors import ServiceError
from tryggsam.core.models import Classification, ClassifiedModel, TimeStampedModel


class MinutesStatus(models.TextChoices):
    DRAFT = "draft", _("Utkast")
    APPROVED = "approved", _("Justerat")


class Meeting(ClassifiedModel):
    """A meeting of a forum: when, where, who chairs and keeps the minutes. Approved minutes are
    frozen; a change needs a new version (a copy that points back through `previous_version`).
    `sequence` is the iCalendar SEQUENCE, raised whenever date, time or place change."""

    forum = models.ForeignKey(
        "forums.Forum", verbose_name=_("forum"), on_delete=models.PROTECT, related_name="meetings"
    )
    date = models.DateField(_("datum"), db_index=True)
    start_time = models.TimeField(_("starttid"), null=True, blank=True)
    end_time = models.TimeField(_("sluttid"), null=True, blank=True)
    location = models.CharField(_("plats"), max_length=300, blank=True)
    online_link = models.URLField(_("länk för digitalt möte"), blank=True)
    chair = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("ordförande"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    secretary = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("sekreterare"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    status = models.CharField(
        _("protokollets status"), max_length=16, choices=MinutesStatus.choices, default=MinutesStatus.DRAFT
    )
    approved_at = models.DateTimeField(_("justerat"), null=True, blank=True)
    published_at = models.DateTimeField(_("publicerat"), null=True, blank=True)
    sent_at = models.DateTimeField(_("skickat till deltagarna"), null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("justerat av"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    version = models.PositiveIntegerField(_("version"), default=1)
    previous_version = models.ForeignKey(
        "self",
        verbose_name=_("föregående version"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="next_versions",
    )
    sequence = models.PositiveIntegerField(_("kalenderversion"), default=0)

    class Meta:
        verbose_name = _("möte")
        verbose_name_plural = _("möten")
        ordering = ["date", "start_time"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_time__isnull=True)
                | models.Q(start_time__isnull=True)
                | models.Q(end_time__gt=models.F("start_time")),
                name="meeting_end_after_start",
            ),
            models.CheckConstraint(condition=models.Q(status__in=MinutesStatus.values), name="meeting_status_valid"),
            models.CheckConstraint(
                condition=models.Q(status=MinutesStatus.DRAFT) | models.Q(approved_at__isnull=False),
                name="meeting_approved_has_date",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.forum} {self.date:%Y-%m-%d}"

    @property
    def is_approved(self) -> bool:
        return self.status == MinutesStatus.APPROVED

    def ensure_editable(self) -> None:
        """Refuse any change to approved minutes (the rule: accounts.permissions.minutes_are_open)."""
        if not permissions.minutes_are_open(self):
            raise ServiceError(
                gettext("Protokollet är justerat och kan inte ändras. Skapa en ny version om något behöver rättas.")
            )

    @property
    def first_version_pk(self) -> int:
        """The pk of the first version: the calendar UID stays the same across versions."""
        meeting, seen = self, set()
        while meeting.previous_version_id and meeting.previous_version_id not in seen:
            seen.add(meeting.previous_version_id)
            meeting = meeting.previous_version  # type: ignore[assignment]
        return int(meeting.pk)


class AttendanceStatus(models.TextChoices):
    CALLED = "called", _("Kallad")
    PRESENT = "present", _("Närvarande")
    ABSENT = "absent", _("Frånvarande")
    EXCUSED = "excused", _("Anmält förhinder")


class Attendance(TimeStampedModel):
    """One person called to a meeting: a user of the system or a guest known only by name."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendances", verbose_name=_("möte"))
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("person"), on_delete=models.SET_NULL, null=True, blank=True
    )
    name = models.CharField(_("namn"), max_length=200)
    title = models.CharField(_("titel"), max_length=200, blank=True)
    organisation = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    organisation_text = models.CharField(_("organisation (fritext)"), max_length=200, blank=True)
    status = models.CharField(
        _("närvaro"), max_length=16, choices=AttendanceStatus.choices, default=AttendanceStatus.CALLED
    )
    is_guest = models.BooleanField(_("gäst"), default=False)
    position = models.PositiveIntegerField(default=0, verbose_name=_("ordning"))

    class Meta:
        verbose_name = _("närvaro")
        verbose_name_plural = _("närvaro")
        ordering = ["position", "id"]
        constraints = [
            models.CheckConstraint(condition=models.Q(status__in=AttendanceStatus.values), name="attendance_status"),
            models.UniqueConstraint(
                fields=["meeting", "user"], condition=models.Q(user__isnull=False), name="attendance_unique_user"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def organisation_label(self) -> str:
        if self.organisation_text:
            return self.organisation_text
        return str(self.organisation) if self.organisation_id else ""


class AgendaItem(TimeStampedModel):
    """One item of the agenda with its notes; `depth` 1 is a sub-item (numbered 3.1, 3.2, …).

    The item (heading, notes, decisions) carries its own classification: it starts as the meeting's
    (never more open than a record it is linked to) and whoever runs the meeting may change it. It is
    read with the meeting's owner and sharing (`permissions.can_view_agenda_item`); only open items
    reach the public version of the minutes."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="items", verbose_name=_("möte"))
    position = models.PositiveIntegerField(default=0, verbose_name=_("ordning"))
    depth = models.PositiveSmallIntegerField(default=0, verbose_name=_("nivå"))
    number = models.CharField(_("nummer"), max_length=16, blank=True)
    heading = models.CharField(_("rubrik"), max_length=300)
    notes = models.TextField(_("anteckningar"), blank=True)
    classification = models.CharField(
        _("klassificering"), max_length=16, choices=Classification.choices, default=Classification.INTERNAL
    )
    partnership = models.ForeignKey(
        "forums.Forum",
        verbose_name=_("platssamverkan"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    problem = models.ForeignKey(
        "casework.Problem",
        verbose_name=_("problem"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    measure = models.ForeignKey(
        "casework.Measure", verbose_name=_("åtgärd"), on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    focus_area = models.ForeignKey(
        "plans.FocusArea",
        verbose_name=_("fokusområde"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("punkt på dagordningen")
        verbose_name_plural = _("dagordning")
        ordering = ["position", "id"]
        constraints = [
            models.CheckConstraint(condition=models.Q(depth__lte=1), name="agenda_item_depth"),
            models.CheckConstraint(
                condition=models.Q(classification__in=Classification.values), name="agenda_item_classification"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.heading}".strip()


class Decision(TimeStampedModel):
    """A decision under an item; it may have created a measure, changed one, set a follow-up date, or
    decided a plan (which the plans service then freezes)."""

    item = models.ForeignKey(
        AgendaItem, on_delete=models.CASCADE, related_name="decisions", verbose_name=_("dagordningspunkt")
    )
    text = models.TextField(_("beslut"))
    created_measure = models.ForeignKey(
        "casework.Measure",
        verbose_name=_("ny åtgärd"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    changed_measure = models.ForeignKey(
        "casework.Measure",
        verbose_name=_("ändrad åtgärd"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    follow_up_date = models.DateField(_("uppföljning"), null=True, blank=True)
    decided_plan = models.ForeignKey(
        "plans.ActionPlan",
        verbose_name=_("beslutad plan"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("beslut")
        verbose_name_plural = _("beslut")
        ordering = ["id"]

    def __str__(self) -> str:
        return self.text[:80]

    @property
    def measure(self):  # type: ignore[no-untyped-def]
        return self.created_measure or self.changed_measure
