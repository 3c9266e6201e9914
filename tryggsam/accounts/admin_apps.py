from django.contrib.admin import apps as admin_apps


class TryggSamAdminConfig(admin_apps.AdminConfig):
    """Django's admin, with the site that asks the policy module."""

    default_site = "tryggsam.accounts.admin_site.TryggSamAdminSite"
