from django.urls import path

from tryggsam.meetings import actions, views

app_name = "meetings"
urlpatterns = [
    path("", views.meeting_list, name="list"),
    path("ny/", views.meeting_create, name="create"),
    path("<int:pk>/", views.meeting_detail, name="detail"),
    path("<int:pk>/andra/", views.meeting_change, name="change"),
    path("<int:pk>/minnesanteckningar.docx", views.minutes_docx, name="minutes_docx"),
    path("<int:pk>/minnesanteckningar.pdf", views.minutes_pdf, name="minutes_pdf"),
    path("<int:pk>/minnesanteckningar/", views.minutes_html, name="minutes_html"),
    path("<int:pk>/kalender.ics", views.meeting_calendar, name="ics"),
    path("<int:pk>/kalla/", actions.call_members, name="call"),
    path("<int:pk>/gast/", actions.guest_add, name="guest_add"),
    path("<int:pk>/kallelse/", actions.invite_send, name="invite"),
    path("<int:pk>/dagordning/mall/", actions.agenda_template, name="agenda_template"),
    path("<int:pk>/dagordning/ny/", actions.item_add, name="item_add"),
    path("<int:pk>/justera/", actions.approve, name="approve"),
    path("<int:pk>/ny-version/", actions.new_version, name="new_version"),
    path("<int:pk>/skicka/", actions.send_minutes, name="send_minutes"),
    path("<int:pk>/publicera/", actions.publish, name="publish"),
    path("<int:pk>/publicerat.pdf", views.published, name="published"),
    path("forslag/<int:forum_id>/boka/", actions.confirm_proposal, name="confirm_proposal"),
    path("narvaro/<int:pk>/", actions.attendance_mark, name="attendance_mark"),
    path("punkt/<int:pk>/anteckningar/", actions.item_notes, name="item_notes"),
    path("punkt/<int:pk>/flytta/", actions.item_move, name="item_move"),
    path("punkt/<int:pk>/beslut/", actions.decision_add, name="decision_add"),
    path("punkt/<int:pk>/arbetstabeller/", views.item_tables, name="item_tables"),
    path("punkt/<int:pk>/formular/<slug:form>/", views.item_form, name="item_form"),
    path("<int:pk>/formular/<slug:form>/", views.meeting_form, name="meeting_form"),
    path("punkt/<int:pk>/besluta-plan/", actions.plan_decide, name="plan_decide"),
    path("<int:pk>/sok/", views.row_search, name="row_search"),
]
