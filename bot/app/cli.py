"""The ``nhacviec`` command line (SPEC.md "Command line").

Exit status: 0 on success, 1 on a user error (one line, or the list of file
problems; never a traceback), 2 on a usage error.
"""

from __future__ import annotations

import asyncio
import json
import logging
import os
import sys
from collections.abc import Awaitable, Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Annotated, Any, NoReturn, TypeVar

import typer
from dotenv import dotenv_values

from bot.app import admin
from bot.app.builder import calendar_from
from bot.app.logs import configure as configure_logs
from bot.app.redaction import install as install_redaction
from bot.app.redaction import secrets_of
from bot.app.runtime import serve
from bot.app.settings import ConfigError, Settings, load_settings
from bot.channels.base import StartRefused, TokenRejected
from bot.texts import describe_problem, t
from scheduler.clock import Clock, SimulatedClock, SystemClock
from storage.db import Database, display_url
from storage.imports.directory import ImportReport
from storage.imports.problems import MAX_LISTED, ImportFailed
from storage.leader import AlreadyRunning, LeadershipLost

T = TypeVar("T")


def _configured_language() -> str:
    """``NHACVIEC_LANGUAGE`` of the environment or ./config.env, before settings are parsed.

    Read when this module is imported, for the ``--help`` texts; anything but
    ``en`` is Vietnamese (a bad value is reported once the settings are parsed).
    """
    raw = os.environ.get("NHACVIEC_LANGUAGE")
    if raw is None and Path("config.env").is_file():
        raw = dotenv_values("config.env").get("NHACVIEC_LANGUAGE")
    return "en" if (raw or "").strip().lower() == "en" else "vi"


HELP_LANG = _configured_language()


def _help(key: str) -> str:
    return t(HELP_LANG, key)


app = typer.Typer(
    add_completion=False,
    pretty_exceptions_enable=False,
    no_args_is_help=True,
    help=_help("cli_app"),
)


class Context:
    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.lang = settings.language

    def clock(self) -> Clock:
        if self.settings.clock_start is not None:
            return SimulatedClock(self.settings.clock_start, self.settings.clock_speed)
        return SystemClock()

    def run(self, action: Callable[[Database], Awaitable[T]]) -> T:
        """Run one async action on a fresh database handle; user errors exit 1."""

        async def runner() -> T:
            db = Database(self.settings.database_url)
            try:
                return await action(db)
            finally:
                await db.dispose()

        try:
            return asyncio.run(runner())
        except admin.UserError as exc:
            _fail(str(exc))
        except ImportFailed as exc:
            self.print_problems(exc)
            raise typer.Exit(1) from None

    def print_problems(self, exc: ImportFailed) -> None:
        lines = [t(self.lang, "import_failed", source=exc.source, count=len(exc.problems))]
        lines += [describe_problem(self.lang, p) for p in exc.problems[:MAX_LISTED]]
        if len(exc.problems) > MAX_LISTED:
            lines.append(t(self.lang, "more_problems", count=len(exc.problems) - MAX_LISTED))
        typer.echo("\n".join(lines), err=True)


def _fail(message: str) -> NoReturn:
    typer.echo(message, err=True)
    raise typer.Exit(1)


@app.callback()
def _load(ctx: typer.Context) -> None:
    install_redaction()  # before anything can log; the configured secrets once known
    try:
        settings = load_settings()
    except ConfigError as exc:
        for key, detail in exc.problems:
            typer.echo(t(HELP_LANG, "config_bad", key=key, detail=detail), err=True)
        raise typer.Exit(1) from None
    install_redaction(secrets_of(settings))
    ctx.obj = Context(settings)


def _dry_run_note(ctx: Context, dry_run: bool) -> None:
    if dry_run:
        typer.echo(t(ctx.lang, "dry_run"))


def _print_directory_report(ctx: Context, what: str, report: ImportReport) -> None:
    typer.echo(
        t(
            ctx.lang,
            "directory_summary",
            what=what,
            added=len(report.added),
            changed=len(report.changed),
            unchanged=report.unchanged,
        )
    )
    for name, fields in report.changed:
        typer.echo(t(ctx.lang, "task_changed", code=name, fields=", ".join(fields)))


DryRun = Annotated[bool, typer.Option("--dry-run", help=_help("cli_dry_run"))]


@app.command("init", help=_help("cli_init"))
def init_command(ctx: typer.Context) -> None:
    c: Context = ctx.obj
    typer.echo(c.run(lambda db: admin.init_database(db, c.lang)))


@app.command("backup", help=_help("cli_backup"))
def backup_command(
    ctx: typer.Context,
    out: Annotated[Path, typer.Option("--out", help=_help("cli_backup_out"))],
) -> None:
    c: Context = ctx.obj
    from storage.backup import BackupFailed, backup

    try:
        done = backup(c.settings.database_url, out)
    except BackupFailed as failed:
        _fail(t(c.lang, failed.key, **failed.values))
    typer.echo(t(c.lang, "backup_done", path=done.path, size=_size(done.size)))


@app.command("restore", help=_help("cli_restore"))
def restore_command(
    ctx: typer.Context,
    file: Annotated[Path, typer.Argument(help=_help("cli_restore_file"))],
    replace: Annotated[bool, typer.Option("--replace", help=_help("cli_restore_replace"))] = False,
) -> None:
    c: Context = ctx.obj
    from storage.backup import BackupFailed, restore

    try:
        restore(c.settings.database_url, file, replace=replace)
    except BackupFailed as failed:
        _fail(t(c.lang, failed.key, **failed.values))
    typer.echo(t(c.lang, "restore_done", path=file))


@app.command("status", help=_help("cli_status"))
def status_command(
    ctx: typer.Context,
    as_json: Annotated[bool, typer.Option("--json", help=_help("cli_status_json"))] = False,
) -> None:
    c: Context = ctx.obj
    from bot.app import status

    async def action(db: Database):
        await admin.require_ready(db, c.lang)
        return await status.gather(db, c.clock().now(), status.wall_now(), c.settings.sweep_seconds)

    found = c.run(action)
    if as_json:
        counts = {"queue": vars(found.queue), "unlinked": found.unlinked}
        counts["pending_extensions"] = found.pending_extensions
        typer.echo(json.dumps(found.health.to_json() | counts, ensure_ascii=False))
    else:
        typer.echo("\n".join(status.render(found, c.lang, c.settings.timezone)))
    if not found.health.healthy:
        raise typer.Exit(1)


def _size(size: int) -> str:
    return f"{size / 2**20:.1f} MB" if size >= 2**20 else f"{max(size // 1024, 1)} KB"


@app.command("import-agencies", help=_help("cli_import_agencies"))
def import_agencies_command(
    ctx: typer.Context,
    files: Annotated[
        list[Path],
        typer.Argument(help=_help("cli_agency_files")),
    ],
    dry_run: DryRun = False,
) -> None:
    c: Context = ctx.obj

    async def action(db: Database):
        await admin.require_ready(db, c.lang)
        today = c.clock().now().astimezone(c.settings.timezone).date()
        return await admin.run_import_agencies(db, files, c.lang, dry_run=dry_run, today=today)

    report = c.run(action)
    _dry_run_note(c, dry_run)
    _print_directory_report(c, t(c.lang, "what_agencies"), report.agencies)
    _print_directory_report(c, t(c.lang, "what_collectives"), report.collectives)


@app.command("import-plan", help=_help("cli_import_plan"))
def import_plan_command(
    ctx: typer.Context,
    file: Path,
    dry_run: DryRun = False,
    year: Annotated[int | None, typer.Option(help=_help("cli_year"))] = None,
    title: Annotated[str | None, typer.Option(help=_help("cli_plan_title"))] = None,
    decision: Annotated[str | None, typer.Option(help=_help("cli_plan_decision"))] = None,
    issuer: Annotated[str | None, typer.Option(help=_help("cli_plan_issuer"))] = None,
) -> None:
    c: Context = ctx.obj

    async def action(db: Database):
        await admin.require_ready(db, c.lang)
        return await admin.run_import_plan(
            db,
            file,
            c.lang,
            c.clock().now(),
            dry_run=dry_run,
            year=year,
            calendar=calendar_from(c.settings),
            title=title,
            decision=decision,
            issuer=issuer,
            join_grace_days=c.settings.join_grace_days,
        )

    report = c.run(action)
    _dry_run_note(c, dry_run)
    from bot.app.lifecycle import decision_text

    named = decision_text(report.decision, report.issuer, c.lang)
    typer.echo(t(c.lang, "plan_named", title=report.title, decision=named))
    typer.echo(
        t(
            c.lang,
            "plan_summary",
            year=report.year,
            added=len(report.tasks_added),
            changed=len(report.tasks_changed),
            unchanged=report.tasks_unchanged,
            restored=len(report.tasks_restored),
            removed=len(report.tasks_removed),
            a_added=report.assignments_added,
            a_changed=report.assignments_changed,
            a_withdrawn=report.assignments_withdrawn,
            a_total=report.assignments_total,
        )
    )
    if not report.created_plan:
        for code in report.tasks_added:
            typer.echo(t(c.lang, "task_added", code=code))
    for code, fields in report.tasks_changed:
        typer.echo(t(c.lang, "task_changed", code=code, fields=", ".join(fields)))
    for code in report.tasks_restored:
        typer.echo(t(c.lang, "task_restored", code=code))
    for code in report.tasks_removed:
        typer.echo(t(c.lang, "task_removed", code=code))
    if not report.created_plan:  # a first import adds everything: no list of it
        for key, codes in (
            ("assignments_added", report.added_codes),
            ("assignments_withdrawn", report.withdrawn_codes),
        ):
            if codes:
                typer.echo(t(c.lang, key, count=len(codes), codes=", ".join(codes)))
        if report.moved_codes:
            moves = ", ".join(f"{old} → {new}" for old, new in report.moved_codes)
            typer.echo(t(c.lang, "assignments_moved", count=len(report.moved_codes), codes=moves))
    if report.closed_requests:
        codes = ", ".join(r.code for r in report.closed_requests)
        count = len(report.closed_requests)
        typer.echo(t(c.lang, "extensions_closed_withdrawn", count=count, codes=codes))


DeactivateMissing = Annotated[
    bool, typer.Option("--deactivate-missing", help=_help("cli_deactivate_missing"))
]


@app.command("import-people", help=_help("cli_import_people"))
def import_people_command(
    ctx: typer.Context,
    file: Path,
    dry_run: DryRun = False,
    deactivate_missing: DeactivateMissing = False,
) -> None:
    c: Context = ctx.obj

    async def action(db: Database):
        await admin.require_ready(db, c.lang)
        return await admin.run_import_people(
            db,
            file,
            c.lang,
            c.clock().now(),
            dry_run=dry_run,
            deactivate_missing=deactivate_missing,
        )

    report = c.run(action)
    _dry_run_note(c, dry_run)
    _print_directory_report(c, t(c.lang, "what_people"), report)
    for name in report.added:
        typer.echo(t(c.lang, "person_added", name=name))
    if report.focal:
        typer.echo(t(c.lang, "people_focal", count=report.focal))
    if report.absent:
        header = "people_missing_header" if deactivate_missing else "people_absent"
        typer.echo(t(c.lang, header, count=len(report.absent)))
        for name in report.absent:
            typer.echo(t(c.lang, "person_missing", name=name))
        if not deactivate_missing:
            typer.echo(t(c.lang, "people_missing_kept"))
        elif dry_run:
            typer.echo(t(c.lang, "people_would_deactivate", count=len(report.deactivated)))
        else:
            typer.echo(t(c.lang, "people_deactivated", count=len(report.deactivated)))


@app.command("invite", help=_help("cli_invite"))
def invite_command(
    ctx: typer.Context,
    person: Annotated[str | None, typer.Argument(help=_help("cli_invite_person"))] = None,
    agency: Annotated[str | None, typer.Option(help=_help("cli_invite_agency"))] = None,
    all_: Annotated[bool, typer.Option("--all", help=_help("cli_invite_all"))] = False,
    out: Annotated[Path | None, typer.Option(help=_help("cli_invite_out"))] = None,
    days: Annotated[int, typer.Option(help=_help("cli_invite_days"))] = 7,
) -> None:
    c: Context = ctx.obj
    if all_:
        _invite_all(c, agency, out, days)
        return
    if person is None:
        _fail(t(c.lang, "invites_need_person"))

    async def action(db: Database):
        await admin.require_ready(db, c.lang)
        return await admin.run_invite(db, person, c.lang, c.clock().now(), agency=agency)

    result = c.run(action)
    expires = result.expires_at.astimezone(c.settings.timezone).strftime("%d/%m/%Y %H:%M")
    typer.echo(t(c.lang, "invite_done", name=result.person, agency=result.agency, expires=expires))
    username = admin.telegram_username(c.settings)
    typer.echo(
        t(c.lang, "invite_link", link=f"https://t.me/{username or '<bot>'}?start={result.code}")
    )
    typer.echo(t(c.lang, "invite_code", code=result.code))
    if username is None:
        typer.echo(t(c.lang, "invite_no_bot"))


def _invite_all(c: Context, agency: str | None, out: Path | None, days: int) -> None:
    from bot.app import onboarding

    if out is None or out.suffix.lower() not in (".csv", ".xlsx"):
        _fail(t(c.lang, "invites_need_out"))
    try:  # before any invite is replaced: a file that cannot be written loses no code
        out.open("ab").close()
    except OSError as exc:
        _fail(t(c.lang, "cannot_write", path=out, detail=exc.strerror))
    username = admin.telegram_username(c.settings)
    tz = c.settings.timezone

    async def action(db: Database):
        await admin.require_ready(db, c.lang)
        rows, skipped = await onboarding.invite_all(
            db, c.lang, c.clock().now(), username=username, agency=agency, days=days
        )
        onboarding.write_invites(out, rows, c.lang, tz, linkable=username is not None)
        return rows, skipped

    rows, skipped = c.run(action)
    typer.echo(t(c.lang, "invites_written", count=len(rows), days=days, path=out, skipped=skipped))
    if username is None:
        typer.echo(t(c.lang, "invite_no_bot"))


@app.command("people", help=_help("cli_people"))
def people_command(
    ctx: typer.Context,
    unlinked: Annotated[
        bool, typer.Option("--unlinked", help=_help("cli_people_unlinked"))
    ] = False,
    agency: Annotated[str | None, typer.Option(help=_help("cli_invite_agency"))] = None,
) -> None:
    c: Context = ctx.obj
    from bot.app import onboarding

    async def action(db: Database):
        await admin.require_ready(db, c.lang)
        return await onboarding.unlinked(db, c.lang, agency=agency), await onboarding.count_active(
            db, c.lang, agency=agency
        )

    waiting, active = c.run(action)
    typer.echo(
        t(
            c.lang,
            "people_counts",
            active=active,
            linked=active - len(waiting),
            unlinked=len(waiting),
        )
    )
    if not unlinked:
        return
    if not waiting:
        typer.echo(t(c.lang, "unlinked_none"))
        return
    now = c.clock().now()
    typer.echo(t(c.lang, "unlinked_header", count=len(waiting)))
    for w in waiting:
        if w.invited_until is None:
            invite = t(c.lang, "unlinked_no_invite")
        else:
            when = w.invited_until.astimezone(c.settings.timezone).strftime("%d/%m/%Y")
            key = "unlinked_invited" if w.invited_until > now else "unlinked_expired"
            invite = t(c.lang, key, expires=when)
        typer.echo(
            t(c.lang, "unlinked_line", person=w.person, role=w.role, agency=w.agency, invite=invite)
        )
    typer.echo(t(c.lang, "unlinked_hint"))


@app.command("deactivate", help=_help("cli_deactivate"))
def deactivate_command(
    ctx: typer.Context,
    person: Annotated[str, typer.Argument(help=_help("cli_invite_person"))],
    agency: Annotated[str | None, typer.Option(help=_help("cli_invite_agency"))] = None,
) -> None:
    c: Context = ctx.obj
    from bot.app import onboarding

    async def action(db: Database):
        await admin.require_ready(db, c.lang)
        return await onboarding.deactivate(db, person, c.lang, c.clock().now(), agency=agency)

    name, links = c.run(action)
    typer.echo(t(c.lang, "deactivated_done", name=name, links=links))


@app.command("transfer", help=_help("cli_transfer"))
def transfer_command(
    ctx: typer.Context,
    person: Annotated[str, typer.Argument(help=_help("cli_invite_person"))],
    to: Annotated[str, typer.Option("--agency", help=_help("cli_transfer_to"))],
    from_: Annotated[str | None, typer.Option("--from", help=_help("cli_person_from"))] = None,
) -> None:
    c: Context = ctx.obj
    from bot.app import onboarding

    async def action(db: Database):
        await admin.require_ready(db, c.lang)
        return await onboarding.transfer(db, person, to, c.lang, agency=from_)

    name, old, new = c.run(action)
    typer.echo(t(c.lang, "transfer_done", name=name, old=old, new=new))


@app.command("template", help=_help("cli_template"))
def template_command(
    ctx: typer.Context,
    kind: Annotated[str, typer.Argument(help=_help("cli_template_kind"))],
    out: Annotated[Path, typer.Option(help=_help("cli_template_out"))],
) -> None:
    c: Context = ctx.obj
    from bot.app.templates import KINDS, template_workbook

    if kind not in KINDS:
        raise typer.BadParameter(" | ".join(KINDS), param_hint="KIND")
    if out.suffix.lower() != ".xlsx":
        _fail(t(c.lang, "template_bad_suffix", path=out))
    try:
        out.write_bytes(template_workbook(kind, c.lang))
    except OSError as exc:
        _fail(t(c.lang, "cannot_write", path=out, detail=exc.strerror))
    typer.echo(t(c.lang, "template_written", kind=kind, path=out))


@app.command("schedule", help=_help("cli_schedule"))
def schedule_command(
    ctx: typer.Context,
    from_: Annotated[str | None, typer.Option("--from", help=_help("cli_from"))] = None,
    to: Annotated[str | None, typer.Option(help=_help("cli_to"))] = None,
    fmt: Annotated[str, typer.Option("--format", help=_help("cli_schedule_format"))] = "text",
) -> None:
    c: Context = ctx.obj
    if fmt not in ("text", "tsv"):
        raise typer.BadParameter("text | tsv", param_hint="--format")
    today = c.clock().now().astimezone(c.settings.timezone).date()
    start = _day_option(from_, "--from") or today
    end = _day_option(to, "--to") or start + timedelta(days=30)

    async def action(db: Database):
        await admin.require_ready(db, c.lang)
        return await admin.preview_schedule(db, c.settings, start, end)

    lines = c.run(action)
    if fmt == "tsv":
        typer.echo("local_time\tkind\tassignment\tperson")
        for line in lines:
            stamp = line.local_time.strftime("%Y-%m-%d %H:%M")
            typer.echo(f"{stamp}\t{line.kind}\t{line.assignment}\t{line.person}")
        return
    # As people get them: one check-in per person and day (a leader's escalations apart).
    messages = admin.preview_messages(lines)
    for message in messages:
        stamp = message.local_time.strftime("%d/%m/%Y %H:%M")
        key = "schedule_escalation_line" if message.leader else "schedule_checkin_line"
        items = ", ".join(f"{n.assignment} ({n.kind})" for n in message.nudges)
        count = len(message.nudges)
        typer.echo(t(c.lang, key, time=stamp, person=message.person, count=count, items=items))
    if lines:
        people_count = len({line.person_id for line in lines})
        typer.echo(
            t(
                c.lang,
                "schedule_total",
                messages=len(messages),
                people=people_count,
                nudges=len(lines),
            )
        )
    else:
        typer.echo(
            t(
                c.lang,
                "schedule_empty",
                start=start.strftime("%d/%m/%Y"),
                end=end.strftime("%d/%m/%Y"),
            )
        )


def _day_option(raw: str | None, name: str) -> date | None:
    if raw is None:
        return None
    try:
        return date.fromisoformat(raw)
    except ValueError:
        raise typer.BadParameter("YYYY-MM-DD", param_hint=name) from None


@app.command("report", help=_help("cli_report"))
def report_command(
    ctx: typer.Context,
    fmt: Annotated[str, typer.Option("--format", help=_help("cli_report_format"))] = "text",
    out: Annotated[Path | None, typer.Option(help=_help("cli_report_out"))] = None,
    issuer: Annotated[str, typer.Option(help=_help("cli_report_issuer"))] = "",
    year: Annotated[int | None, typer.Option(help=_help("cli_report_year"))] = None,
) -> None:
    c: Context = ctx.obj
    from bot.app.lifecycle import report_scope
    from bot.documents.report import FORMATS, build_report, is_format, report_filename
    from storage.summary import Closing

    if not is_format(fmt):
        raise typer.BadParameter(" | ".join(FORMATS), param_hint="--format")
    calendar = calendar_from(c.settings)
    today = calendar.local_date(c.clock().now())

    async def action(db: Database):
        await admin.require_ready(db, c.lang)
        async with db.unit_of_work() as session:
            closing = Closing.of(calendar, today)
            return await build_report(
                session,
                today,
                fmt,
                c.lang,
                plan_id=await report_scope(session, year, c.lang),
                tz=calendar.timezone,
                closing=closing,
                issuer=issuer,
            )

    content = c.run(action)
    if out is None and fmt in ("xlsx", "docx"):
        out = Path(report_filename(today, fmt))
    if out is None:
        sys.stdout.buffer.write(content)
        sys.stdout.flush()
        return
    try:
        out.write_bytes(content)
    except OSError as exc:
        _fail(t(c.lang, "cannot_write", path=out, detail=exc.strerror))
    typer.echo(t(c.lang, "report_written", path=out))


@app.command("plans", help=_help("cli_plans"))
def plans_command(ctx: typer.Context) -> None:
    c: Context = ctx.obj
    from bot.app import lifecycle

    async def action(db: Database):
        await admin.require_ready(db, c.lang)
        return await lifecycle.plan_lines(db, c.lang)

    for line in c.run(action):
        typer.echo(line)


def _lifecycle(c: Context, dry_run: bool, call: Callable[..., Awaitable[Any]]) -> Any:
    """The plan and agency lifecycle commands' one shape: a ready store,
    ``call(db, now, zone)``, then the dry-run note."""

    async def action(db: Database):
        await admin.require_ready(db, c.lang)
        return await call(db, c.clock().now(), c.settings.timezone)

    outcome = c.run(action)
    _dry_run_note(c, dry_run)
    return outcome


@app.command("close-plan", help=_help("cli_close_plan"))
def close_plan_command(
    ctx: typer.Context,
    year: Annotated[int, typer.Argument(help=_help("cli_plan_year"))],
    reopen: Annotated[bool, typer.Option("--reopen", help=_help("cli_reopen"))] = False,
    dry_run: DryRun = False,
) -> None:
    c: Context = ctx.obj
    from bot.app import lifecycle

    closure = _lifecycle(
        c,
        dry_run,
        lambda db, now, _tz: lifecycle.close_plan(
            db,
            year,
            c.lang,
            now,
            reopen=reopen,
            dry_run=dry_run,
            calendar=calendar_from(c.settings),
        ),
    )
    typer.echo(lifecycle.describe_closure(closure, c.lang, reopen=reopen))


AgencyArg = Annotated[str, typer.Argument(help=_help("cli_agency"))]
FromDay = Annotated[str | None, typer.Option("--from", help=_help("cli_agency_from"))]


@app.command("end-agency", help=_help("cli_end_agency"))
def end_agency_command(
    ctx: typer.Context, agency: AgencyArg, from_: FromDay = None, dry_run: DryRun = False
) -> None:
    c: Context = ctx.obj
    from bot.app import lifecycle

    day = _day_option(from_, "--from")
    outcome = _lifecycle(
        c,
        dry_run,
        lambda db, now, tz: lifecycle.end_agency(
            db, agency, c.lang, now, tz, day=day, dry_run=dry_run
        ),
    )
    for line in lifecycle.describe_end(outcome, c.lang):
        typer.echo(line)


@app.command("rename-agency", help=_help("cli_rename_agency"))
def rename_agency_command(
    ctx: typer.Context,
    agency: AgencyArg,
    new_name: Annotated[str, typer.Argument(help=_help("cli_new_name"))],
    code: Annotated[str | None, typer.Option("--code", help=_help("cli_new_code"))] = None,
    from_: FromDay = None,
    dry_run: DryRun = False,
) -> None:
    c: Context = ctx.obj
    from bot.app import lifecycle

    day = _day_option(from_, "--from")
    old, new, when = _lifecycle(
        c,
        dry_run,
        lambda db, now, tz: lifecycle.rename_agency(
            db, agency, new_name, c.lang, now, tz, day=day, new_code=code, dry_run=dry_run
        ),
    )
    typer.echo(t(c.lang, "agency_renamed", old=old, new=new, day=when.strftime("%d/%m/%Y")))


@app.command("merge-agency", help=_help("cli_merge_agency"))
def merge_agency_command(
    ctx: typer.Context,
    old: Annotated[str, typer.Argument(help=_help("cli_merge_old"))],
    new: Annotated[str, typer.Argument(help=_help("cli_merge_new"))],
    close_open: Annotated[bool, typer.Option("--close-open", help=_help("cli_close_open"))] = False,
    people_action: Annotated[
        str, typer.Option("--people", help=_help("cli_people_action"))
    ] = "transfer",
    from_: FromDay = None,
    dry_run: DryRun = False,
) -> None:
    c: Context = ctx.obj
    from bot.app import lifecycle

    if people_action not in lifecycle.PEOPLE_ACTIONS:
        raise typer.BadParameter(" | ".join(lifecycle.PEOPLE_ACTIONS), param_hint="--people")
    day = _day_option(from_, "--from")
    outcome = _lifecycle(
        c,
        dry_run,
        lambda db, now, tz: lifecycle.merge_agency(
            db,
            old,
            new,
            c.lang,
            now,
            tz,
            day=day,
            close_open=close_open,
            people_action=people_action,
            dry_run=dry_run,
            calendar=calendar_from(c.settings),
        ),
    )
    for line in lifecycle.describe_end(outcome, c.lang):
        typer.echo(line)


@app.command("run", help=_help("cli_run"))
def run_command(
    ctx: typer.Context,
    sample: Annotated[bool, typer.Option("--sample", help=_help("cli_sample"))] = False,
) -> None:
    c: Context = ctx.obj
    console = not (c.settings.telegram_bot_token or c.settings.zalo_bot_token)
    log_file = configure_logs(c.settings.log_level, console=console, file=c.settings.log_file)
    if log_file is not None:
        typer.echo(t(c.lang, "log_file", path=log_file))
    clock = c.clock()

    async def action(db: Database):
        await admin.init_database(db, c.lang)
        loaded = False
        if sample and (await admin.store_overview(db)).plans == 0:
            await admin.load_sample(db, c.lang, clock.now())
            loaded = True
        overview = await admin.store_overview(db)
        shown = display_url(c.settings.database_url)
        typer.echo(t(c.lang, "sample_loaded", url=shown) if loaded else "", nl=loaded)
        typer.echo(t(c.lang, "store_overview", **vars(overview)))
        if overview.plans == 0:
            typer.echo(t(c.lang, "store_empty"))
        if console:
            if loaded:
                invite = await admin.run_invite(db, admin.SAMPLE_TRY_PERSON, c.lang, clock.now())
                typer.echo(
                    t(
                        c.lang,
                        "console_try",
                        name=invite.person,
                        agency=invite.agency,
                        code=invite.code,
                    )
                )
            typer.echo(t(c.lang, "console_banner"))
        await serve(c.settings, db, clock)

    try:
        c.run(action)
    except TokenRejected as rejected:
        _fail(t(c.lang, "token_rejected", key=rejected.key))
    except StartRefused as refused:
        _fail(t(c.lang, refused.key, **refused.values))
    except AlreadyRunning as running:
        _fail(t(c.lang, "run_already_running", path=running.path))
    except LeadershipLost:
        _fail(t(c.lang, "run_leadership_lost"))


@app.command("demo", help=_help("cli_demo"))
def demo_command(
    ctx: typer.Context,
    fast: Annotated[bool, typer.Option("--fast", help=_help("cli_fast"))] = False,
    out: Annotated[Path, typer.Option(help=_help("cli_demo_out"))] = Path("nhacviec-demo"),
) -> None:
    c: Context = ctx.obj
    logging.basicConfig(level=logging.ERROR)
    from bot.app.demo import run_demo  # matplotlib and the rest only for this command

    try:
        asyncio.run(run_demo(c.settings, sys.stdout, fast=fast, out_dir=out))
    except OSError as exc:
        _fail(t(c.lang, "cannot_write", path=out, detail=exc.strerror))


def main(argv: list[str] | None = None) -> None:
    app(args=argv if argv is not None else sys.argv[1:], prog_name="nhacviec")
