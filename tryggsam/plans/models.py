from django.db import models
from django.utils.translation import gettext_lazy as _

from tryggsam.core.models import ClassifiedModel, TimeStampedModel


class PlanKind(models.TextChoices):
    ACTION_PLAN = "action_plan", _("Åtgärdsplan")
    AGREEMENT = "agreement", _("Samverkansöverenskommelse")
    CITIZEN_PROMISE = "citizen_promise", _("Medborgarlöfte")


class PlanStatus(models.TextChoices):
    DRAFT = "draft", _("Utkast")
    DECIDED = "decided", _("Beslutad")


class ActionPlan(ClassifiedModel):
    """The joint plan of the district administration and the police, with its focus areas. A decided
    plan is frozen: changes are made in its next version, which starts as a copy (`previous`)."""

    title = models.CharField(_("titel"), max_length=300)
    kind = models.CharField(_("typ"), max_length=20, choices=PlanKind.choices, default=PlanKind.ACTION_PLAN)
    parties = models.CharField(_("parter"), max_length=300, blank=True)
    forum = models.ForeignKey(
        "forums.Forum", verbose_name=_("styrande forum"), on_delete=models.SET_NULL, null=True, blank=True
    )
    area = models.ForeignKey("places.Area", verbose_name=_("område"), on_delete=models.SET_NULL, null=True, blank=True)
    valid_from = models.DateField(_("gäller från"), null=True, blank=True)
    valid_to = models.DateField(_("gäller till"), null=True, blank=True)
    introduction = models.TextField(_("inledning"), blank=True)
    status = models.CharField(_("status"), max_length=16, choices=PlanStatus.choices, default=PlanStatus.DRAFT)
    version = models.PositiveIntegerField(_("version"), default=1)
    previous = models.ForeignKey(
        "self", verbose_name=_("föregående version"), on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_on = models.DateField(_("beslutad den"), null=True, blank=True)
    decided_by = models.CharField(_("beslutad av"), max_length=300, blank=True, help_text=_("T.ex. rådets möte."))
    decided_at_meeting = models.ForeignKey(
        "meetings.Meeting",
        verbose_name=_("beslutad vid mötet"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("åtgärdsplan")
        verbose_name_plural = _("åtgärdsplaner")
        ordering = ["-valid_from", "title"]
        constraints = [
            models.CheckConstraint(condition=models.Q(status__in=PlanStatus.values), name="plan_status_valid"),
            models.CheckConstraint(
                condition=models.Q(status="draft") | models.Q(decided_on__isnull=False), name="plan_decided_has_date"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_frozen(self) -> bool:
        return self.status == PlanStatus.DECIDED


class FocusArea(TimeStampedModel):
    """One focus area of a plan, with every field the councils' plans use."""

    plan = models.ForeignKey(ActionPlan, on_delete=models.CASCADE, related_name="focus_areas", verbose_name=_("plan"))
    position = models.PositiveIntegerField(default=0, verbose_name=_("ordning"))
    name = models.CharField(_("fokusområde"), max_length=200)
    area = models.ForeignKey("places.Area", verbose_name=_("plats"), on_delete=models.SET_NULL, null=True, blank=True)
    goal = models.TextField(_("mål"), blank=True)
    purpose = models.TextField(_("syfte"), blank=True)
    target_group = models.TextField(_("målgrupp"), blank=True)
    measure = models.TextField(_("åtgärd"), blank=True)
    responsible = models.CharField(_("ansvarig"), max_length=300, blank=True)
    forum = models.ForeignKey(
        "forums.Forum", verbose_name=_("samverkansforum"), on_delete=models.SET_NULL, null=True, blank=True
    )
    forum_text = models.CharField(_("samverkansforum (fritext)"), max_length=300, blank=True)
    activities = models.JSONField(_("prioriterade aktiviteter"), default=list, blank=True)
    police_contact = models.CharField(_("polisens kontakt"), max_length=300, blank=True)
    police_commitment = models.TextField(_("polisens åtagande"), blank=True)
    district_contact = models.CharField(_("stadsdelsförvaltningens kontakt"), max_length=300, blank=True)
    district_commitment = models.TextField(_("stadsdelsförvaltningens åtagande"), blank=True)
    other_actors = models.TextField(_("tänkbara övriga aktörer"), blank=True)
    funding = models.TextField(_("finansiering"), blank=True)
    communication = models.TextField(_("kommunikation"), blank=True)
    follow_up = models.TextField(_("uppföljning"), blank=True)

    class Meta:
        verbose_name = _("fokusområde")
        verbose_name_plural = _("fokusområden")
        ordering = ["plan", "position", "id"]

    def __str__(self) -> str:
        return self.name


class FollowUpStatus(models.TextChoices):
    DONE = "done", _("Genomfört")
    PARTLY = "partly", _("Delvis genomfört")
    NOT_DONE = "not_done", _("Inte genomfört")


class PlanFollowUp(TimeStampedModel):
    """One follow-up of a decided plan or citizen promise (usually twice a year): what was done by then.
    Recorded on a frozen plan without changing it; the plan's text stays as it was decided."""

    plan = models.ForeignKey(ActionPlan, on_delete=models.CASCADE, related_name="follow_ups", verbose_name=_("plan"))
    date = models.DateField(_("uppföljningsdatum"))
    summary = models.TextField(_("sammanfattning"), blank=True)
    recorded_by = models.ForeignKey(
        "accounts.User",
        verbose_name=_("registrerad av"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("uppföljning av plan")
        verbose_name_plural = _("uppföljningar av planer")
        ordering = ["plan", "date", "id"]
        constraints = [models.UniqueConstraint(fields=["plan", "date"], name="plan_follow_up_one_per_date")]

    def __str__(self) -> str:
        return f"{self.plan} {self.date:%Y-%m-%d}"


class PlanFollowUpEntry(TimeStampedModel):
    """What was done for one promise (focus area), or one of its activities, at a follow-up."""

    follow_up = models.ForeignKey(
        PlanFollowUp, on_delete=models.CASCADE, related_name="entries", verbose_name=_("uppföljning")
    )
    focus_area = models.ForeignKey(
        FocusArea, on_delete=models.CASCADE, related_name="follow_up_entries", verbose_name=_("fokusområde")
    )
    activity = models.CharField(_("aktivitet"), max_length=500, blank=True, help_text=_("Tom: löftet som helhet."))
    status = models.CharField(_("status"), max_length=16, choices=FollowUpStatus.choices)
    text = models.TextField(_("vad som gjordes"), blank=True)

    class Meta:
        verbose_name = _("uppföljning per löfte")
        verbose_name_plural = _("uppföljningar per löfte")
        ordering = ["follow_up", "focus_area__position", "focus_area_id", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status__in=FollowUpStatus.values), name="plan_follow_up_status_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.focus_area}: {self.get_status_display()}"
