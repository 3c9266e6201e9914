from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tryggsam.core.models import TimeStampedModel


class UserManager(BaseUserManager["User"]):
    def create_user(self, email: str, password: str | None = None, **extra: object) -> "User":
        if not email:
            raise ValueError("E-postadress krävs.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str | None = None, **extra: object) -> "User":
        extra.setdefault("is_staff", True)
        extra.setdefault("is_superuser", True)
        return self.create_user(email, password, **extra)


class User(AbstractBaseUser, PermissionsMixin):
    """A person who logs in with an e-mail address."""

    email = models.EmailField(_("e-postadress"), unique=True)
    full_name = models.CharField(_("namn"), max_length=200)
    title = models.CharField(_("titel"), max_length=200, blank=True)
    phone = models.CharField(_("telefon"), max_length=40, blank=True)
    is_active = models.BooleanField(_("aktiv"), default=True)
    is_staff = models.BooleanField(_("personal (admin)"), default=False)
    date_joined = models.DateTimeField(_("registrerad"), default=timezone.now)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["full_name"]

    class Meta:
        verbose_name = _("användare")
        verbose_name_plural = _("användare")
        ordering = ["full_name"]

    def __str__(self) -> str:
        return User.label(self.full_name, self.email)

    @staticmethod
    def label(full_name: str, email: str) -> str:
        """How a person is named (`str(user)`), from the two columns: a select reads only those."""
        return full_name or email


class OrganisationKind(models.TextChoices):
    DISTRICT_ADMINISTRATION = "district_administration", _("Stadsdelsförvaltning/kommun")
    POLICE = "police", _("Polis")
    FIRE_AND_RESCUE = "fire_and_rescue", _("Räddningstjänst")
    SCHOOL = "school", _("Skola")
    SOCIAL_SERVICES = "social_services", _("Socialtjänst")
    HOUSING_COMPANY = "housing_company", _("Bostadsbolag/fastighetsägare")
    SECURITY_COMPANY = "security_company", _("Bevakningsföretag")
    PUBLIC_TRANSPORT = "public_transport", _("Kollektivtrafik")
    BUSINESS = "business", _("Näringsliv")
    ASSOCIATION = "association", _("Förening")
    OTHER = "other", _("Annan")


class Organisation(TimeStampedModel):
    name = models.CharField(_("namn"), max_length=200, unique=True)
    short_name = models.CharField(_("kortnamn"), max_length=60, blank=True)
    kind = models.CharField(_("typ"), max_length=32, choices=OrganisationKind.choices, default=OrganisationKind.OTHER)
    # The municipality the organisation works in: an archive import matches forum names within it, so
    # that two councils of the same name in different municipalities stay two forums.
    # Defaults in the database too: rows written by code that predates the columns (older migrations'
    # historical models, a restore of an older backup's data) still get a value.
    municipality = models.CharField(_("kommun"), max_length=100, blank=True, default="", db_default="")
    is_active = models.BooleanField(
        _("aktiv"),
        default=True,
        db_default=True,
        help_text=_("En inaktiv organisation behåller sin historik men får inga nya medlemmar eller uppdrag."),
    )

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisationer")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Role(models.TextChoices):
    ADMIN = "admin", _("Administratör")
    COORDINATOR = "coordinator", _("Samordnare")
    MEMBER = "member", _("Medlem")
    REPORTER = "reporter", _("Rapportör")
    READER = "reader", _("Läsare")


class Membership(TimeStampedModel):
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("användare"))
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("organisation")
    )
    role = models.CharField(_("roll"), max_length=16, choices=Role.choices, default=Role.MEMBER)

    class Meta:
        verbose_name = _("medlemskap")
        verbose_name_plural = _("medlemskap")
        constraints = [
            models.UniqueConstraint(fields=["user", "organisation"], name="membership_unique_user_org"),
            models.CheckConstraint(condition=models.Q(role__in=Role.values), name="membership_role_valid"),
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.organisation} ({self.get_role_display()})"


class EnrolmentCode(TimeStampedModel):
    """A one-time code e-mailed to the account's address before a two-factor device may be enrolled, so
    that knowing the password alone is not enough to bind an authenticator app to the account. Only an
    HMAC of the code (keyed with SECRET_KEY) is stored; it expires after a few minutes and after a few
    wrong tries."""

    user = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="enrolment_codes", verbose_name=_("användare")
    )
    code_hash = models.CharField(max_length=128, verbose_name=_("kodens kontrollsumma"))
    expires_at = models.DateTimeField(verbose_name=_("giltig till"))
    used_at = models.DateTimeField(null=True, blank=True, verbose_name=_("använd"))
    failed_attempts = models.PositiveSmallIntegerField(default=0, verbose_name=_("misslyckade försök"))

    class Meta:
        verbose_name = _("engångskod för tvåstegsverifiering")
        verbose_name_plural = _("engångskoder för tvåstegsverifiering")

    def __str__(self) -> str:
        return f"{self.user} ({self.created_at:%Y-%m-%d %H:%M})" if self.created_at else str(self.user)

    def audit_repr(self) -> str:
        return f"engångskod #{self.pk} för användare #{self.user_id}"
