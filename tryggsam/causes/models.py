"""The cause tree of a problem or a focus area: causes and sub-causes, their evidence and the measures
aimed at them. None of these rows is classified on its own: who may read or change them follows the
owner (the problem, or the focus area's plan), asked of accounts.permissions."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from tryggsam.core.models import TimeStampedModel

MAX_DEPTH = 4
"""A cause, its sub-cause, and two levels more: deeper trees are not read by anyone (Brå's problem
trees go two or three levels down)."""


class CauseTree(TimeStampedModel):
    """One tree per problem or per focus area: exactly one owner, made on the first cause."""

    problem = models.OneToOneField(
        "casework.Problem",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="cause_tree",
        verbose_name=_("problem"),
    )
    focus_area = models.OneToOneField(
        "plans.FocusArea",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="cause_tree",
        verbose_name=_("fokusområde"),
    )

    class Meta:
        verbose_name = _("orsaksträd")
        verbose_name_plural = _("orsaksträd")
        constraints = [
            models.CheckConstraint(
                condition=(Q(problem__isnull=False) & Q(focus_area__isnull=True))
                | (Q(problem__isnull=True) & Q(focus_area__isnull=False)),
                name="cause_tree_exactly_one_owner",
            )
        ]

    def __str__(self) -> str:
        return str(self.owner)

    @property
    def owner(self) -> Any:
        return self.problem if self.problem_id else self.focus_area


class Cause(TimeStampedModel):
    """A cause (or, with a parent, a sub-cause) in a tree; siblings are ordered by `position`."""

    tree = models.ForeignKey(CauseTree, on_delete=models.CASCADE, related_name="causes", verbose_name=_("orsaksträd"))
    parent = models.ForeignKey(
        "self", verbose_name=_("överordnad orsak"), on_delete=models.CASCADE, null=True, blank=True,
        related_name="children",
    )  # fmt: skip
    title = models.CharField(_("orsak"), max_length=300)
    description = models.TextField(_("beskrivning"), blank=True)
    position = models.PositiveIntegerField(default=0, verbose_name=_("ordning"))
    measures = models.ManyToManyField(
        "casework.Measure", verbose_name=_("åtgärder riktade mot orsaken"), blank=True, related_name="causes"
    )

    class Meta:
        verbose_name = _("orsak")
        verbose_name_plural = _("orsaker")
        ordering = ["tree", "position", "id"]
        constraints = [models.CheckConstraint(condition=~Q(parent=models.F("id")), name="cause_not_own_parent")]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        """A parent in the same tree, no cycle, and no deeper than MAX_DEPTH (the services ask too)."""
        if self.parent_id is None:
            return
        parent = self.parent
        assert parent is not None
        if parent.tree_id != self.tree_id:
            raise ValidationError({"parent": _("Den överordnade orsaken hör till ett annat orsaksträd.")})
        seen: set[int] = set()
        node: Cause | None = parent
        depth = 1
        while node is not None:
            if (self.pk is not None and node.pk == self.pk) or node.pk in seen:
                raise ValidationError({"parent": _("En orsak kan inte ligga under sig själv eller sina underorsaker.")})
            seen.add(node.pk)
            depth += 1
            node = node.parent
        if depth + self.height() > MAX_DEPTH:
            raise ValidationError({"parent": _("Orsaksträdet får vara högst %(n)d nivåer djupt.") % {"n": MAX_DEPTH}})

    def height(self) -> int:
        """Levels below this cause (0 for a leaf)."""
        if self.pk is None:
            return 0
        below, frontier = 0, [self.pk]
        while True:
            frontier = list(Cause.objects.filter(parent_id__in=frontier).values_list("pk", flat=True))
            if not frontier:
                return below
            below += 1


class EvidenceKind(models.TextChoices):
    INCIDENTS = "incidents", _("Händelser (filter)")
    STATISTIC = "statistic", _("Brottsstatistik")
    SURVEY = "survey", _("Trygghetsmätning")
    FINDING = "finding", _("Iakttagelse från trygghetsvandring")
    TEXT = "text", _("Fritext med källa")


class Evidence(TimeStampedModel):
    """What supports a cause. An incident filter is stored, not its count: the count is read live, as
    the reader, so each reader sees only what they may count."""

    cause = models.ForeignKey(Cause, on_delete=models.CASCADE, related_name="evidence", verbose_name=_("orsak"))
    kind = models.CharField(_("typ av underlag"), max_length=16, choices=EvidenceKind.choices)
    position = models.PositiveIntegerField(default=0, verbose_name=_("ordning"))
    # incidents: a saved filter
    categories = models.ManyToManyField(
        "incidents.IncidentCategory", verbose_name=_("kategorier"), blank=True, related_name="+"
    )
    area = models.ForeignKey(
        "places.Area", verbose_name=_("område"), on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    period_start = models.DateField(_("från"), null=True, blank=True)
    period_end = models.DateField(_("till"), null=True, blank=True)
    # A row of published data or a finding: the evidence goes with it if the row is removed (a new import).
    statistic = models.ForeignKey(
        "crimestats.CrimeStatistic", verbose_name=_("statistikrad"), on_delete=models.CASCADE, null=True,
        blank=True, related_name="+",
    )  # fmt: skip
    survey_result = models.ForeignKey(
        "crimestats.SurveyResult", verbose_name=_("resultat från trygghetsmätning"), on_delete=models.CASCADE,
        null=True, blank=True, related_name="+",
    )  # fmt: skip
    finding = models.ForeignKey(
        "forums.Finding", verbose_name=_("iakttagelse"), on_delete=models.CASCADE, null=True, blank=True,
        related_name="+",
    )  # fmt: skip
    # text: what was observed and where it comes from
    text = models.TextField(_("underlag"), blank=True)
    source = models.CharField(_("källa"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("underlag")
        verbose_name_plural = _("underlag")
        ordering = ["cause", "position", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(kind__in=EvidenceKind.values), name="evidence_kind_valid"),
            models.CheckConstraint(
                condition=~Q(kind=EvidenceKind.INCIDENTS)
                | (
                    Q(period_start__isnull=False)
                    & Q(period_end__isnull=False)
                    & Q(period_end__gte=models.F("period_start"))
                ),
                name="evidence_incidents_has_period",
            ),
            models.CheckConstraint(
                condition=~Q(kind=EvidenceKind.STATISTIC) | Q(statistic__isnull=False),
                name="evidence_statistic_has_row",
            ),
            models.CheckConstraint(
                condition=~Q(kind=EvidenceKind.SURVEY) | Q(survey_result__isnull=False),
                name="evidence_survey_has_row",
            ),
            models.CheckConstraint(
                condition=~Q(kind=EvidenceKind.FINDING) | Q(finding__isnull=False), name="evidence_finding_has_row"
            ),
            models.CheckConstraint(
                condition=~Q(kind=EvidenceKind.TEXT) | (~Q(text="") & ~Q(source="")),
                name="evidence_text_has_source",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.cause}"
