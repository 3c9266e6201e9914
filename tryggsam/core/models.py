from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from tryggsam.core.constraints import ChecksInPython


class TimeStampedModel(ChecksInPython):
    created_at = models.DateTimeField(_("skapad"), auto_now_add=True)
    updated_at = models.DateTimeField(_("ändrad"), auto_now=True)

    class Meta:
        abstract = True


class Classification(models.TextChoices):
    """Who may read a record: open = everyone, internal = members of the collaboration,
    restricted = the owning organisation only."""

    OPEN = "open", _("Öppen")
    INTERNAL = "internal", _("Intern")
    RESTRICTED = "restricted", _("Begränsad")


class ClassifiedModel(TimeStampedModel):
    """A record that belongs to an organisation and carries a classification. The policy module
    (accounts.permissions) decides visibility from these two fields."""

    classification = models.CharField(
        _("klassificering"), max_length=16, choices=Classification.choices, default=Classification.INTERNAL
    )
    owner_organisation = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("ägande organisation"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    shared_with = models.ManyToManyField(
        "accounts.Organisation",
        verbose_name=_("delas med"),
        blank=True,
        related_name="%(app_label)s_%(class)s_shared+",
        help_text=_("För begränsade uppgifter: organisationer utöver den ägande som får läsa."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("skapad av"),
    )

    class Meta:
        abstract = True
