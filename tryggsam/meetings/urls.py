from django.urls import path

from tryggsam.meetings import action_views, download_views, views

app_name = "meetings"
urlpatterns = [
    path("", views.meeting_list, name="list"),
    path("ny/", views.meeting_create, name="create"),
    path("<int:pk>/", views.meeting_detail, name="detail"),
    path("<int:pk>/andra/", views.meeting_change, name="change"),
    path("<int:pk>/minnesanteckningar.docx", download_views.minutes_docx, name="minutes_docx"),
    path("<int:pk>/minnesanteckningar.pdf", download_views.minutes_pdf, name="minutes_pdf"),
    path("<int:pk>/minnesanteckningar/<slug:fmt>/status/", download_views.minutes_status, name="minutes_status"),
    path("<int:pk>/minnesanteckningar/", views.minutes_html, name="minutes_html"),
    path("<int:pk>/kalender.ics", views.meeting_calendar, name="ics"),
    path("<int:pk>/kalla/", action_views.call_members, name="call"),
    path("<int:pk>/gast/", action_views.guest_add, name="guest_add"),
    path("<int:pk>/kallelse/", action_views.invite_send, name="invite"),
    path("<int:pk>/dagordning/mall/", action_views.agenda_template, name="agenda_template"),
    path("<int:pk>/dagordning/ny/", action_views.item_add, name="item_add"),
    path("<int:pk>/justera/", action_views.approve, name="approve"),
    path("<int:pk>/ny-version/", action_views.new_version, name="new_version"),
    path("<int:pk>/skicka/", action_views.send_minutes, name="send_minutes"),
    path("<int:pk>/publicera/", action_views.publish, name="publish"),
    path("<int:pk>/publicerat.pdf", download_views.published, name="published"),
    path("forslag/<int:forum_id>/boka/", action_views.confirm_proposal, name="confirm_proposal"),
    path("narvaro/<int:pk>/", action_views.attendance_mark, name="attendance_mark"),
    path("punkt/<int:pk>/anteckningar/", action_views.item_notes, name="item_notes"),
    path("punkt/<int:pk>/flytta/", action_views.item_move, name="item_move"),
    path("punkt/<int:pk>/beslut/", action_views.decision_add, name="decision_add"),
    path("punkt/<int:pk>/arbetstabeller/", views.item_tables, name="item_tables"),
    path("punkt/<int:pk>/formular/<slug:form>/", views.item_form, name="item_form"),
    path("<int:pk>/formular/<slug:form>/", views.meeting_form, name="meeting_form"),
    path("punkt/<int:pk>/besluta-plan/", action_views.plan_decide, name="plan_decide"),
    path("punkt/<int:pk>/besluta-prioriteringar/", action_views.priorities_decide, name="priorities_decide"),
    path("<int:pk>/sok/", views.row_search, name="row_search"),
]
