"""Incidents of the situation picture and the category checklist they are reported on."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tryggsam.core.models import ClassifiedModel, TimeStampedModel


class IncidentCategory(TimeStampedModel):
    """One box of the EST checklist. Editable per installation: the defaults are created by
    `services.ensure_default_categories()`, and an installation may rename, reorder or deactivate them."""

    code = models.SlugField(_("kod"), max_length=50, unique=True)
    name = models.CharField(_("namn"), max_length=100)
    active = models.BooleanField(_("aktiv"), default=True)
    position = models.PositiveIntegerField(_("ordning"), default=0)

    class Meta:
        verbose_name = _("händelsekategori")
        verbose_name_plural = _("händelsekategorier")
        ordering = ["position", "name"]

    def __str__(self) -> str:
        return self.name


class IncidentSource(models.TextChoices):
    PARTNER_REPORT = "partner_report", _("Partnerrapport")
    POLICE_EVENT = "police_event", _("Polisens händelser")
    RESIDENT_TIP = "resident_tip", _("Tips från invånare")
    SAFETY_WALK = "safety_walk", _("Trygghetsvandring")


class ReviewStatus(models.TextChoices):
    """Whether an incident counts in the situation picture. Residents' tips come from anyone and wait
    for a coordinator's review (or for the organisation the coordinator routed them to); every other
    source is counted as it arrives. Only a reviewed incident counts, and only if it is not a
    duplicate of another (see `counted_q`)."""

    PENDING = "pending", _("Väntar på granskning")
    ROUTED = "routed", _("Skickad till organisation")
    REVIEWED = "reviewed", _("Granskad")
    DISMISSED = "dismissed", _("Avfärdad")


AWAITING_REVIEW = (ReviewStatus.PENDING, ReviewStatus.ROUTED)


def counted_q(prefix: str = "") -> models.Q:
    """The incidents that count in figures (roll-ups, counts per category): reviewed and not marked as
    a duplicate of another. One rule for the roll-ups, their rebuild and the selectors."""
    return models.Q(**{f"{prefix}review_status": ReviewStatus.REVIEWED, f"{prefix}duplicate_of__isnull": True})


class Precision(models.TextChoices):
    """How well the location is known; the point (lat/lon) is never given more precisely than this."""

    PLACE = "place", _("Plats")
    DISTRICT = "district", _("Stadsdel")
    DISTRICT_AREA = "district_area", _("Stadsdelsområde")
    MUNICIPALITY = "municipality", _("Kommun")
    COUNTY = "county", _("Län")
    UNKNOWN = "unknown", _("Okänd")


# The precisions of an incident without a district that a drawn polygon can count (its partial index).
UNPLACED_DRAWN = [Precision.PLACE, Precision.DISTRICT_AREA]


class Incident(ClassifiedModel):
    """One reported event or observation, from any source, linked to the area at every level."""

    source = models.CharField(_("källa"), max_length=20, choices=IncidentSource.choices)
    categories = models.ManyToManyField(
        IncidentCategory, verbose_name=_("kategorier"), blank=True, related_name="incidents"
    )
    original_type = models.CharField(_("ursprunglig typ"), max_length=200, blank=True)
    occurred_at = models.DateTimeField(_("inträffade"))
    reported_at = models.DateTimeField(_("rapporterad"), default=timezone.now)
    title = models.CharField(_("rubrik"), max_length=300, blank=True)
    description = models.TextField(_("beskrivning"), blank=True)
    lat = models.FloatField(_("latitud"), null=True, blank=True)
    lon = models.FloatField(_("longitud"), null=True, blank=True)
    precision = models.CharField(_("precision"), max_length=16, choices=Precision.choices, default=Precision.UNKNOWN)
    # Indexed only where set (Meta.indexes), like routed_to, duplicate_of and problem: NULL in almost
    # every row, and every query asks `= ?` (docs/benchmarks.md, issue 17 item 3).
    place = models.ForeignKey(
        "places.Area",
        verbose_name=_("plats"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        db_index=False,
    )
    # No single-column index: (district, occurred_at) below serves lookups by district too, and every
    # extra index slows the bulk import (see docs/benchmarks.md).
    district = models.ForeignKey(
        "places.Area",
        verbose_name=_("stadsdel"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        db_index=False,
    )
    district_area = models.ForeignKey(
        "places.Area",
        verbose_name=_("stadsdelsområde"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        db_index=False,
    )
    municipality = models.CharField(_("kommun"), max_length=100, blank=True)
    # Not indexed, like `owner_organisation` and `created_by` below: no query filters incidents by them
    # (the policy's owner test is an OR with the classification, which no index serves), and each index
    # costs the bulk import about 5 % (see docs/benchmarks.md). Deleting a user or an organisation, rare,
    # scans the incidents.
    reporting_organisation = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("rapporterande organisation"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="reported_incidents",
        db_index=False,
    )
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("rapportör"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="reported_incidents",
        db_index=False,
    )
    owner_organisation = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("ägande organisation"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        db_index=False,
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        db_index=False,
        verbose_name=_("skapad av"),
    )
    external_id = models.CharField(_("extern id"), max_length=100, blank=True)
    url = models.URLField(_("länk"), max_length=500, blank=True)
    # A database default too: the bulk import writes its rows with plain INSERTs that leave it out.
    review_status = models.CharField(
        _("granskning"),
        max_length=10,
        choices=ReviewStatus.choices,
        default=ReviewStatus.REVIEWED,
        db_default=ReviewStatus.REVIEWED,
    )
    routed_to = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("skickad till"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="routed_incidents",
        db_index=False,
    )
    # A database default: the bulk import of the police feed writes plain INSERTs that leave it out.
    dismissal_reason = models.TextField(_("skäl att avfärda"), blank=True, db_default="")
    duplicate_of = models.ForeignKey(
        "self",
        verbose_name=_("dubblett av"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="duplicates",
        db_index=False,
    )
    problem = models.ForeignKey(
        "casework.Problem",
        verbose_name=_("problem"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="incidents",
        db_index=False,
    )

    class Meta:
        verbose_name = _("händelse")
        verbose_name_plural = _("händelser")
        ordering = ["-occurred_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["source", "external_id"],
                condition=~models.Q(external_id=""),
                name="incident_unique_external_id_per_source",
            ),
            models.CheckConstraint(condition=models.Q(source__in=IncidentSource.values), name="incident_source_valid"),
            models.CheckConstraint(condition=models.Q(precision__in=Precision.values), name="incident_precision_valid"),
            models.CheckConstraint(
                condition=models.Q(review_status__in=ReviewStatus.values), name="incident_review_status_valid"
            ),
            models.CheckConstraint(
                condition=~models.Q(duplicate_of=models.F("pk")), name="incident_not_duplicate_of_itself"
            ),
            models.CheckConstraint(
                condition=~models.Q(review_status="dismissed", dismissal_reason=""),
                name="incident_dismissal_has_reason",
            ),
            models.CheckConstraint(
                condition=(models.Q(lat__isnull=True) & models.Q(lon__isnull=True))
                | (models.Q(lat__gte=-90, lat__lte=90) & models.Q(lon__gte=-180, lon__lte=180)),
                name="incident_point_valid",
            ),
        ]
        indexes = [
            models.Index(fields=["district", "occurred_at"]),
            models.Index(fields=["district_area", "occurred_at"]),
            models.Index(fields=["occurred_at"]),
            models.Index(fields=["place"], condition=models.Q(place__isnull=False), name="incident_place_set"),
            models.Index(fields=["problem"], condition=models.Q(problem__isnull=False), name="incident_problem_set"),
            models.Index(
                fields=["routed_to"], condition=models.Q(routed_to__isnull=False), name="incident_routed_to_set"
            ),
            models.Index(
                fields=["duplicate_of"],
                condition=models.Q(duplicate_of__isnull=False),
                name="incident_duplicate_of_set",
            ),
            # The review queue (selectors.tips_awaiting_review): the few incidents awaiting review, oldest first.
            models.Index(
                fields=["reported_at", "id"],
                condition=models.Q(review_status__in=AWAITING_REVIEW),
                name="incident_awaiting_review",
            ),
            # A drawn polygon reads the incidents without a district that it may count (a point, or
            # known only to a district area) by time (situation.polygon.DrawnArea.raw_q): without
            # this, the index on district and time read every incident known only to the
            # municipality in the span to keep none. Rare rows, so the bulk insert barely pays it.
            models.Index(
                fields=["district", "occurred_at"],
                condition=models.Q(district__isnull=True, precision__in=UNPLACED_DRAWN),
                name="incident_unplaced_drawn",
            ),
        ]

    def __str__(self) -> str:
        return self.title or f"{self.get_source_display()} {self.occurred_at:%Y-%m-%d %H:%M}"

    @property
    def is_counted(self) -> bool:
        return self.review_status == ReviewStatus.REVIEWED and self.duplicate_of_id is None

    @property
    def awaits_review(self) -> bool:
        return self.review_status in AWAITING_REVIEW

    @property
    def is_police_event_in_review(self) -> bool:
        """A police event that still counts: police events are public and reviewed by the police, so
        they count at once, but a coordinator may still route one to an organisation, link it to a
        problem or dismiss it as not relevant (then it no longer counts)."""
        return self.source == IncidentSource.POLICE_EVENT and self.review_status == ReviewStatus.REVIEWED

    def audit_repr(self) -> str:
        """How the audit log names the incident: never the reporter's own words, which the
        retention purge removes (a safety-walk title carries the finding's text)."""
        if self.source == IncidentSource.SAFETY_WALK:
            return f"{self.get_source_display()} {self.occurred_at:%Y-%m-%d}"
        return str(self)[:300]


class TipSubmission(models.Model):
    """One resident's tip (or look-up of a tip's status) sent from an address: the store, shared by
    every application server, of the limits per address and hour. The address is kept only as a keyed
    hash, and rows older than the limit's window are deleted as new ones arrive."""

    SEND = "send"
    LOOKUP = "lookup"

    address = models.CharField(max_length=64, verbose_name=_("avsändaradress"))
    sent_at = models.DateTimeField(default=timezone.now, verbose_name=_("skickad"))
    purpose = models.CharField(max_length=10, default=SEND, db_default=SEND, verbose_name=_("syfte"))

    class Meta:
        indexes = [models.Index(fields=["address", "sent_at"]), models.Index(fields=["sent_at"])]

    def __str__(self) -> str:
        return f"{self.address[:8]} {self.sent_at:%Y-%m-%d %H:%M}"


class TipReceipt(models.Model):
    """What a resident holds of their tip: its reference number (shown on the thank-you page, asked
    for on the public status page and by Open311 clients), the e-mail address they chose to leave for
    an answer (optional; removed by the retention purge once the tip is closed), and the answer written
    for them. Kept apart from Incident so that the bulk imports of other sources never carry it."""

    incident = models.OneToOneField(
        Incident, on_delete=models.CASCADE, related_name="tip_receipt", verbose_name=_("händelse")
    )
    reference = models.CharField(_("referensnummer"), max_length=11, unique=True)
    email = models.EmailField(_("e-postadress"), blank=True)
    answer = models.TextField(_("svar till tipsaren"), blank=True, max_length=2000)
    created_at = models.DateTimeField(default=timezone.now, verbose_name=_("skapad"))
    closed_at = models.DateTimeField(_("avslutat"), null=True, blank=True)

    class Meta:
        verbose_name = _("kvitto på tips")
        verbose_name_plural = _("kvitton på tips")
        indexes = [models.Index(fields=["closed_at"])]

    def __str__(self) -> str:
        return self.reference

    def audit_repr(self) -> str:
        return self.reference
