from django.contrib import admin

from trajectory.councils.models import Council, Membership, StatisticalNeighbour, Team


@admin.register(Council)
class CouncilAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "region", "child_population", "is_synthetic")
    search_fields = ("code", "name", "e_code")


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ("user", "council", "role", "team")
    list_filter = ("role", "council")


admin.site.register(Team)
admin.site.register(StatisticalNeighbour)
