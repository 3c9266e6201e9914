from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    name = "tryggsam.documents"
    default_auto_field = "django.db.models.BigAutoField"
