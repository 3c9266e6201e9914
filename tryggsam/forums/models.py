from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from tryggsam.core.models import ClassifiedModel, TimeStampedModel


class ForumKind(models.TextChoices):
    COUNCIL = "council", _("Lokalt brottsförebyggande råd")
    WORKING_GROUP = "working_group", _("Arbetsgrupp")
    PARTNERSHIP = "partnership", _("Platssamverkan")
    NETWORK = "network", _("Nätverk")


class Forum(ClassifiedModel):
    """The council, a working group, a place partnership or a network."""

    name = models.CharField(_("namn"), max_length=200, unique=True)
    kind = models.CharField(_("typ"), max_length=16, choices=ForumKind.choices)
    purpose = models.TextField(_("syfte"), blank=True)
    cadence = models.CharField(_("mötesfrekvens"), max_length=200, blank=True)
    parent = models.ForeignKey(
        "self", verbose_name=_("styrgrupp"), on_delete=models.SET_NULL, null=True, blank=True, related_name="children"
    )
    area = models.ForeignKey(
        "places.Area", verbose_name=_("område"), on_delete=models.PROTECT, null=True, blank=True, related_name="forums"
    )
    description = models.TextField(_("beskrivning"), blank=True)
    is_active = models.BooleanField(_("aktiv"), default=True)
    places = models.ManyToManyField(
        "places.Area",
        verbose_name=_("platser"),
        blank=True,
        related_name="partnerships",
        help_text=_("De platser som en platssamverkan arbetar med."),
    )

    class Meta:
        verbose_name = _("forum")
        verbose_name_plural = _("forum")
        ordering = ["kind", "name"]
        constraints = [models.CheckConstraint(condition=models.Q(kind__in=ForumKind.values), name="forum_kind_valid")]

    def __str__(self) -> str:
        return self.name


class ForumRole(models.TextChoices):
    CHAIR = "chair", _("Ordförande")
    VICE_CHAIR = "vice_chair", _("Vice ordförande")
    CONVENER = "convener", _("Sammankallande")
    SECRETARY = "secretary", _("Sekreterare")
    MEMBER = "member", _("Ledamot")
    CO_OPTED = "co_opted", _("Adjungerad")


class ForumMember(TimeStampedModel):
    forum = models.ForeignKey(Forum, on_delete=models.CASCADE, related_name="members", verbose_name=_("forum"))
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="forum_memberships",
        verbose_name=_("användare"),
    )
    organisation = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="forum_memberships",
        verbose_name=_("organisation"),
    )
    role = models.CharField(_("roll"), max_length=16, choices=ForumRole.choices, default=ForumRole.MEMBER)
    title = models.CharField(_("titel i forumet"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("forummedlem")
        verbose_name_plural = _("forummedlemmar")
        constraints = [
            models.UniqueConstraint(fields=["forum", "user"], name="forum_member_unique_user"),
            models.CheckConstraint(
                condition=models.Q(user__isnull=False) | models.Q(organisation__isnull=False),
                name="forum_member_user_or_org",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user or self.organisation} i {self.forum}"


class Programme(TimeStampedModel):
    """A preventive programme offered to schools, e.g. YOLO for grade 7."""

    name = models.CharField(_("namn"), max_length=200, unique=True)
    short_name = models.CharField(_("kortnamn"), max_length=40, blank=True)
    grade = models.PositiveSmallIntegerField(_("årskurs"), null=True, blank=True)
    description = models.TextField(_("beskrivning"), blank=True)
    forum = models.ForeignKey(
        Forum, on_delete=models.SET_NULL, null=True, blank=True, related_name="programmes", verbose_name=_("forum")
    )
    responsible_organisation = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("ansvarig organisation"),
    )

    class Meta:
        verbose_name = _("program")
        verbose_name_plural = _("program")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.short_name or self.name


class DeliveryStatus(models.TextChoices):
    OFFERED = "offered", _("Erbjudet")
    PLANNED = "planned", _("Planerat")
    DELIVERED = "delivered", _("Genomfört")
    NOT_HELD = "not_held", _("Inte genomfört")
    DECLINED = "declined", _("Avböjt")


class ProgrammeDelivery(TimeStampedModel):
    programme = models.ForeignKey(
        Programme, on_delete=models.CASCADE, related_name="deliveries", verbose_name=_("program")
    )
    school = models.ForeignKey(
        "accounts.Organisation", on_delete=models.PROTECT, related_name="programme_deliveries", verbose_name=_("skola")
    )
    school_year = models.CharField(_("läsår"), max_length=9, help_text=_("t.ex. 2025/26"))
    status = models.CharField(
        _("status"), max_length=16, choices=DeliveryStatus.choices, default=DeliveryStatus.PLANNED
    )
    delivered_on = models.DateField(_("genomfört datum"), null=True, blank=True)
    classes = models.PositiveSmallIntegerField(_("antal klasser"), null=True, blank=True)
    pupils = models.PositiveIntegerField(_("antal elever"), null=True, blank=True)
    delivered_by = models.CharField(_("genomfört av"), max_length=200, blank=True)
    note = models.TextField(_("anteckning"), blank=True)

    class Meta:
        verbose_name = _("programleverans")
        verbose_name_plural = _("programleveranser")
        ordering = ["-school_year", "programme__name"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "school", "school_year"], name="delivery_unique_per_year"),
            models.CheckConstraint(
                condition=models.Q(school_year__regex=r"^\d{4}/\d{2}$"), name="delivery_year_format"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.programme} {self.school} {self.school_year}"


class SafetyWalk(ClassifiedModel):
    """A safety walk (trygghetsvandring / närmiljövandring) with residents and partners."""

    title = models.CharField(_("rubrik"), max_length=200)
    date = models.DateField(_("datum"))
    area = models.ForeignKey(
        "places.Area", on_delete=models.PROTECT, related_name="safety_walks", verbose_name=_("område")
    )
    forum = models.ForeignKey(
        Forum, on_delete=models.SET_NULL, null=True, blank=True, related_name="safety_walks", verbose_name=_("forum")
    )
    participants = models.TextField(_("deltagare"), blank=True)
    summary = models.TextField(_("sammanfattning"), blank=True)
    route = models.JSONField(
        _("rutt"),
        null=True,
        blank=True,
        help_text=_("Vandringens väg som en GeoJSON LineString (longitud, latitud), kontrollerad med shapely."),
    )

    class Meta:
        verbose_name = _("trygghetsvandring")
        verbose_name_plural = _("trygghetsvandringar")
        ordering = ["-date"]

    def __str__(self) -> str:
        return f"{self.title} {self.date:%Y-%m-%d}"


class WalkInvitee(TimeStampedModel):
    """Someone invited to a safety walk: a member of the collaboration (an account), or a guest of whom
    nothing but a name is kept (a resident, an association's representative)."""

    walk = models.ForeignKey(
        SafetyWalk, on_delete=models.CASCADE, related_name="invitees", verbose_name=_("trygghetsvandring")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    guest_name = models.CharField(_("gästens namn"), max_length=120, blank=True)

    class Meta:
        verbose_name = _("inbjuden till trygghetsvandring")
        verbose_name_plural = _("inbjudna till trygghetsvandringar")
        ordering = ["id"]
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(user__isnull=False) & models.Q(guest_name=""))
                | (models.Q(user__isnull=True) & ~models.Q(guest_name="")),
                name="walk_invitee_user_or_guest",
            ),
            models.UniqueConstraint(fields=["walk", "user"], name="walk_invitee_unique_user"),
        ]

    def __str__(self) -> str:
        return str(self.user) if self.user_id else self.guest_name


class Finding(TimeStampedModel):
    """What the walk saw at one spot. The photo is stored re-encoded without its metadata (EXIF
    location, camera, time) and is served only through the policy (`finding_photo`)."""

    walk = models.ForeignKey(
        SafetyWalk, on_delete=models.CASCADE, related_name="findings", verbose_name=_("trygghetsvandring")
    )
    text = models.TextField(_("iakttagelse"))
    location = models.CharField(_("plats"), max_length=200, blank=True)
    area = models.ForeignKey(
        "places.Area", on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("område")
    )
    lat = models.FloatField(_("latitud"), null=True, blank=True)
    lon = models.FloatField(_("longitud"), null=True, blank=True)
    photo = models.FileField(_("foto"), upload_to="findings/%Y/", blank=True, max_length=200)
    problem = models.ForeignKey(
        "casework.Problem",
        verbose_name=_("blev problem"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="findings",
    )

    class Meta:
        verbose_name = _("iakttagelse")
        verbose_name_plural = _("iakttagelser")
        ordering = ["id"]

    def __str__(self) -> str:
        return self.text[:80]
