from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "tryggsam.audit"
    default_auto_field = "django.db.models.BigAutoField"
