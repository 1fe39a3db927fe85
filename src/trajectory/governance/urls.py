from django.urls import path

from trajectory.governance import action_views, approval_views, views

urlpatterns = [
    path("", views.bodies, name="governance_bodies"),
    path("bodies/add/", views.body_add, name="governance_body_add"),
    path("bodies/<int:body_id>/", views.body_detail, name="governance_body"),
    path("bodies/<int:body_id>/edit/", views.body_edit, name="governance_body_edit"),
    path("bodies/<int:body_id>/members/add/", views.member_add, name="governance_member_add"),
    path("bodies/<int:body_id>/meetings/add/", views.meeting_add, name="governance_meeting_add"),
    path("members/<int:member_id>/edit/", views.member_edit, name="governance_member_edit"),
    path("meetings/<int:meeting_id>/", views.meeting_detail, name="governance_meeting"),
    path("meetings/<int:meeting_id>/edit/", views.meeting_edit, name="governance_meeting_edit"),
    path("meetings/<int:meeting_id>/attendance/", views.attendance, name="governance_attendance"),
    path("meetings/<int:meeting_id>/items/add/", views.item_add, name="governance_item_add"),
    path(
        "meetings/<int:meeting_id>/decisions/add/",
        views.decision_add,
        name="governance_decision_add",
    ),
    path(
        "meetings/<int:meeting_id>/actions/add/",
        views.board_action_add,
        name="governance_action_add",
    ),
    path("meetings/<int:meeting_id>/minutes/", views.minutes_edit, name="governance_minutes"),
    path(
        "meetings/<int:meeting_id>/minutes/approve/",
        views.minutes_approve,
        name="governance_minutes_approve",
    ),
    path("items/<int:item_id>/edit/", views.item_edit, name="governance_item_edit"),
    path("items/<int:item_id>/papers/add/", views.paper_add, name="governance_paper_add"),
    path("decisions/<int:decision_id>/edit/", views.decision_edit, name="governance_decision_edit"),
    path("actions/", action_views.board_actions, name="governance_actions"),
    path("actions/<int:action_id>/edit/", views.board_action_edit, name="governance_action_edit"),
    path(
        "plans/<int:plan_id>/approval/add/",
        approval_views.approval_step_add,
        name="governance_approval_add",
    ),
    path(
        "approval/<int:step_id>/edit/",
        approval_views.approval_step_edit,
        name="governance_approval_edit",
    ),
]
