"""`trajectory voice ...`: the voice records from the command line (the system actor, who
sees every figure; a file is uploaded all or nothing as on the upload page).

- `trajectory voice surveys --council CODE [--json]`: each survey's questions, wave by wave;
- `trajectory voice upload FILE --council CODE --survey ID`: keep a results or answers file,
  or list every problem with it and keep nothing (exit status 1);
- `trajectory voice engagement --council CODE [--since YYYY-MM-DD] [--until YYYY-MM-DD]`:
  the engagement events by kind and format, with attendance.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from trajectory.councils.models import Council
from trajectory.voice import selectors, services


def _day(text: str | None) -> date | None:
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise CommandError(f"{text!r} is not a date such as 2025-04-01.") from None


class Command(BaseCommand):
    help = "Surveys of children and staff, uploads and the engagement log."

    def add_arguments(self, parser):
        actions = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
        surveys = actions.add_parser("surveys", help="Each survey's results wave by wave")
        surveys.add_argument("--council", required=True, metavar="CODE")
        surveys.add_argument("--json", action="store_true", help="Print JSON")
        upload = actions.add_parser("upload", help="Upload a results or answers file")
        upload.add_argument("file", type=Path)
        upload.add_argument("--council", required=True, metavar="CODE")
        upload.add_argument("--survey", required=True, type=int, metavar="ID")
        engagement = actions.add_parser("engagement", help="Engagement events by kind")
        engagement.add_argument("--council", required=True, metavar="CODE")
        engagement.add_argument("--since", metavar="YYYY-MM-DD")
        engagement.add_argument("--until", metavar="YYYY-MM-DD")

    def handle(self, *args, action: str, **options):
        council = Council.objects.filter(code=options["council"]).first()
        if council is None:
            raise CommandError(f"No council {options['council']}. See `trajectory councils list`.")
        getattr(self, f"_{action}")(council, options)

    def _surveys(self, council, options):
        out = []
        for survey in selectors.surveys(None, council):
            out.append(
                {
                    "id": survey.pk,
                    "title": survey.title,
                    "audience": survey.audience,
                    "kind": survey.kind,
                    "questions": [
                        {
                            "code": trend.question.code,
                            "question": trend.question.text,
                            "waves": [
                                {
                                    "wave": row.wave,
                                    "held_on": row.held_on.isoformat(),
                                    "council_percent": row.council_shown,
                                    "comparator_percent": row.comparator_shown,
                                    "respondents": row.respondents,
                                    "change": row.change_shown,
                                }
                                for row in trend.rows
                            ],
                        }
                        for trend in selectors.survey_trends(None, council, survey)
                    ],
                }
            )
        if options["json"]:
            self.stdout.write(json.dumps({"council": council.code, "surveys": out}, indent=2))
            return
        for survey in out:
            self.stdout.write(f"{survey['id']}  {survey['title']} ({survey['audience']})")
            for question in survey["questions"]:
                waves = "; ".join(
                    f"{wave['wave']} {wave['council_percent']}"
                    + (f" (vs {wave['comparator_percent']})" if wave["comparator_percent"] else "")
                    for wave in question["waves"]
                )
                self.stdout.write(f"    {question['question']}: {waves}")

    def _upload(self, council, options):
        survey = selectors.surveys(None, council).filter(pk=options["survey"]).first()
        if survey is None:
            raise CommandError(f"No survey {options['survey']} in {council.name}.")
        path: Path = options["file"]
        if not path.is_file():
            raise CommandError(f"No file {path}.")
        outcome = services.results_upload(
            survey=survey, user=None, file_name=path.name, content=path.read_bytes()
        )
        if outcome.upload is None:
            for problem in outcome.problems:
                self.stderr.write(str(problem))
            raise CommandError(f"Nothing was kept: {len(outcome.problems)} problem(s).")
        self.stdout.write(
            f"Kept {outcome.upload.file_name}: {outcome.upload.rows} rows for "
            f"{', '.join(outcome.waves)} (upload {outcome.upload.pk}, sha256 "
            f"{outcome.upload.sha256[:12]})."
        )

    def _engagement(self, council, options):
        since, until = _day(options.get("since")), _day(options.get("until"))
        events = selectors.events(None, council)
        if since:
            events = events.filter(held_on__gte=since)
        if until:
            events = events.filter(held_on__lte=until)
        for row in selectors.engagement_summary(list(events)):
            self.stdout.write(
                f"{row.kind_label}: {row.face_to_face} face to face, {row.virtual} virtual, "
                f"{row.attendance} attended ({row.first.isoformat()} to {row.last.isoformat()})"
            )
