"""`trajectory synth {903,cin,annexa,workforce,all} ...`: one synthetic council's returns.

Every kind is drawn from the same council (trajectory.synth.council): for the same --council,
--seed, --children, --years, --end and --referrals, the CIN census holds the 903's children,
Annex A lists them, and the workforce census's case holders are SWEpisodes' workers, whichever
kind is asked for. `all` writes the four into subfolders 903/, cin/, annexa/ and workforce/,
with every worker's team in teams.csv beside them.
"""

from __future__ import annotations

import time
from datetime import date
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from trajectory.synth import council as synth_council
from trajectory.synth import ssda903

HELP = {
    "903": "SSDA903 children looked after return: Header, Episodes, Reviews, ... (CSV)",
    "cin": "CIN census (DfE's XML), holding the 903's children looked after",
    "annexa": "Ofsted's Annex A workbook (lists 1-11, xlsx) from the same children",
    "workforce": "social work workforce census (worker and vacancy CSV), SWEpisodes' workers",
    "all": "all four returns of the same council, in subfolders of --out",
}


class Command(BaseCommand):
    help = "Generate synthetic statutory returns (seeded, no real child data)."

    def add_arguments(self, parser):
        returns = parser.add_subparsers(dest="return_kind", required=True, metavar="RETURN")
        for kind, text in HELP.items():
            sub = returns.add_parser(kind, help=text)
            sub.add_argument("--council", required=True, help="3-digit council code")
            sub.add_argument(
                "--children",
                type=int,
                default=2500,
                help="distinct children in the SSDA903 extract (default 2500)",
            )
            sub.add_argument(
                "--years",
                type=int,
                default=3,
                help="collection years the extract covers, ending --end (default 3)",
            )
            sub.add_argument("--seed", type=int, required=True)
            sub.add_argument("--out", type=Path, required=True, help="output folder")
            sub.add_argument(
                "--end",
                type=date.fromisoformat,
                default=date(2025, 3, 31),
                help="last day of the extract, YYYY-MM-DD (31 March)",
            )
            sub.add_argument(
                "--referrals",
                type=int,
                default=None,
                help="referrals a year in the CIN census and Annex A "
                f"(default {synth_council.REFERRALS_PER_CHILD} for each child of the extract)",
            )
            if kind == "903":
                sub.add_argument(
                    "--workers",
                    action="store_true",
                    help="write SWEpisodes too (the workers of the workforce census)",
                )

    def handle(self, *args, **options):
        if options["children"] < 1 or options["years"] < 1:
            raise CommandError("--children and --years must be at least 1")
        if options["referrals"] is not None and options["referrals"] < 1:
            raise CommandError("--referrals must be at least 1")
        kind = options["return_kind"]
        kinds = synth_council.KINDS if kind == "all" else (kind,)
        started = time.perf_counter()
        council = synth_council.generate_council(
            council_code=options["council"],
            seed=options["seed"],
            children=options["children"],
            years=options["years"],
            end=options["end"],
            referrals=options["referrals"],
            kinds=kinds,
        )
        out = options["out"]
        if kind == "903" and not options["workers"]:
            council.ssda903 = {
                name: frame for name, frame in council.ssda903.items() if name != "SWEpisodes"
            }
        for each in kinds:
            folder = out / each if kind == "all" else out
            for path in synth_council.write_council(council, folder, each):
                self.stdout.write(f"{path}  {_described(council, each, path)}")
        if kind == "all":
            teams = synth_council.write_teams(council, out / "teams.csv")
            self.stdout.write(f"{teams}  {council.teams.height} rows")
        if "903" in kinds:
            looked_after = ssda903.looked_after_on(council.ssda903, options["end"])
            self.stdout.write(
                f"Children looked after on {options['end']:%d/%m/%Y} (not counting short "
                f"breaks): {looked_after}"
            )
        if "cin" in kinds or "annexa" in kinds:
            referrals = _referrals_in_year(council)
            self.stdout.write(f"Referrals in the year to {options['end']:%d/%m/%Y}: {referrals}")
        self.stdout.write(f"Made in {time.perf_counter() - started:.1f} s")


def _described(council, kind: str, path: Path) -> str:
    if kind == "903":
        name = next(n for n in council.ssda903 if f"{n.lower()}.csv" == path.name)
        return f"{council.ssda903[name].height} rows"
    if kind == "cin":
        return f"{council.cin['ChildIdentifiers'].height} children"
    if kind == "annexa":
        counts = ", ".join(f"{len(rows)}" for rows in council.annex_a.values())
        return f"rows in lists 1-11: {counts}"
    name = "CSWWWorker" if "workers" in path.name else "LALevelVacancies"
    return f"{council.workforce[name].height} rows"


def _referrals_in_year(council) -> int:
    if council.annex_a is not None:
        return len(council.annex_a["List3"])
    import polars as pl

    start = synth_council._years_before(council.end, 1)
    return council.cin["CINdetails"].filter(pl.col("CINreferralDate") > start).height
