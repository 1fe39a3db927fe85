from django.core.management.base import BaseCommand

from trajectory.councils.models import Role
from trajectory.reference.status import missing_message
from trajectory.synth.demo import demo_load


class Command(BaseCommand):
    help = "Load the synthetic demo council Westshire with one user per role, and print the logins."

    def add_arguments(self, parser):
        parser.add_argument("--children", type=int, default=2500)
        parser.add_argument("--years", type=int, default=3)
        parser.add_argument("--seed", type=int, default=2026)

    def handle(self, *args, children, years, seed, **options):
        demo = demo_load(children=children, years=years, seed=seed)
        council = demo.council
        verb = "Loaded" if demo.created else "Kept"
        held = ", ".join(f"{name} version {number}" for name, number in demo.returns.items())
        self.stdout.write(
            f"{verb} {council.name} ({council.code}): {held or 'no returns'}; indicators computed."
        )
        self.stdout.write("")
        self.stdout.write("Sign in at http://127.0.0.1:8000/ as one of these (user name – role):")
        for role, user in demo.users.items():
            self.stdout.write(f"  {user.username} – {Role(role).label}")
        self.stdout.write(f"Password for every demo user (new on each start): {demo.password}")
        self.stdout.write("")
        self.stdout.write(f"The generated return is in {demo.data_dir}")
        self.stdout.write(
            f"A corrected return to upload on the Returns page is in {demo.corrected_dir}"
        )
        if demo.reference_missing:
            self.stdout.write("")
            self.stdout.write(
                "England's Ofsted picture and the statistical neighbours are not loaded; the "
                "pages that show them say so."
            )
            self.stdout.write(missing_message(demo.reference_missing, then=("trajectory demo",)))
