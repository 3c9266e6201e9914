from django.urls import path

from tryggsam.situation import views

app_name = "situation"
urlpatterns = [
    path("", views.situation_page, name="picture"),
    path("karta.json", views.situation_map, name="map_data"),
    path("rapport.pdf", views.report_pdf_view, name="report_pdf"),
    path("rapport.docx", views.report_docx_view, name="report_docx"),
    path("rapport/<slug:fmt>/status/", views.report_status, name="report_status"),
    path("prenumerera/", views.subscribe, name="subscribe"),
]
