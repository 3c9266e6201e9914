from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from tryggsam.core.models import ClassifiedModel


class Meeting(ClassifiedModel):
    """A meeting of a forum: when, where, who chairs and keeps the minutes."""

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
            )
        ]

    def __str__(self) -> str:
        return f"{self.forum} {self.date:%Y-%m-%d}"
