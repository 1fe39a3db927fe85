from django.contrib import admin

from trajectory.audit.models import AuditEntry


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    """Read-only: the audit log can be searched but never edited."""

    list_display = ("at", "username", "council", "action", "object_type", "object_id")
    list_filter = ("action", "council")
    search_fields = ("username", "action", "object_id")
    date_hierarchy = "at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
