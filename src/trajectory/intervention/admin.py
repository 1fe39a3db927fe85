"""The recommendation options are configured here (issue 9.4): an administrator may add, reword,
reorder or deactivate one; an option a recommendation has used is never deleted."""

from django.contrib import admin

from trajectory.intervention.models import RecommendationOption


@admin.register(RecommendationOption)
class RecommendationOptionAdmin(admin.ModelAdmin):
    list_display = ("label", "key", "order", "active")
    list_editable = ("order", "active")
    ordering = ("order", "label")

    def get_readonly_fields(self, request, obj=None):
        # The key is how the demo and the command line name an option: fixed once used.
        if obj is not None and obj.recommendations.exists():
            return ("key",)
        return ()

    def has_delete_permission(self, request, obj=None):
        if obj is not None and obj.recommendations.exists():
            return False
        return super().has_delete_permission(request, obj)
