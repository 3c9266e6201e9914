from django.urls import path, register_converter

from tryggsam.statutory import views


class FormatConverter:
    regex = "pdf|docx"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(FormatConverter, "fmt")

app_name = "statutory"
urlpatterns = [
    path("", views.document_list, name="list"),
    path("<int:pk>/", views.document_detail, name="detail"),
    path("<int:pk>/dokument.<fmt:fmt>", views.document_file, name="file"),
    path("<int:pk>/texter/", views.document_texts, name="texts"),
    path("<int:pk>/besluta/", views.document_decide, name="decide"),
    path("<int:pk>/ny-version/", views.document_new_version, name="new_version"),
    path("<int:pk>/publicera/", views.document_publish, name="publish"),
    path("offentlig/<int:pk>/", views.public_document, name="public"),
    path("offentlig/<int:pk>/dokument.<fmt:fmt>", views.public_file, name="public_file"),
]
