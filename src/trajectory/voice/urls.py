from django.urls import path

from trajectory.voice import views

urlpatterns = [
    path("", views.survey_list, name="voice_surveys"),
    path("surveys/add/", views.survey_add, name="voice_survey_add"),
    path("surveys/<int:survey>/", views.survey_detail, name="voice_survey"),
    path("surveys/<int:survey>/change/", views.survey_edit, name="voice_survey_edit"),
    path("surveys/<int:survey>/upload/", views.upload, name="voice_upload"),
    path(
        "surveys/<int:survey>/upload/<int:pending>/",
        views.upload_preview,
        name="voice_upload_preview",
    ),
    path(
        "surveys/<int:survey>/questions/<int:question>/",
        views.question_detail,
        name="voice_question",
    ),
    path(
        "surveys/<int:survey>/questions/<int:question>/answers/<int:answer>/",
        views.answer_tag,
        name="voice_answer_tag",
    ),
    path("themes/", views.theme_list, name="voice_themes"),
    path("themes/add/", views.theme_add, name="voice_theme_add"),
    path("themes/<int:theme>/", views.theme_edit, name="voice_theme_edit"),
    path("engagement/", views.engagement, name="voice_engagement"),
    path("engagement/add/", views.event_add, name="voice_event_add"),
    path("engagement/<int:event>/", views.event_edit, name="voice_event_edit"),
    path("small-numbers/", views.settings_edit, name="voice_settings"),
]
