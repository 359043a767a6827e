"""The ``parley`` command: thin commands over the library.

Each command parses its options, makes one library call and prints the result;
Parley's own errors become one red line and exit status 1.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import shlex
import sys
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from functools import wraps
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    SpinnerColumn,
    TextColumn,
    TimeElapsedColumn,
)
from rich.table import Table
from typer.core import TyperArgument

from parley import __version__
from parley.config import CleanOptions, SourceOptions, db_url
from parley.errors import ConfigError, InputError, ParleyError, QueryError
from parley.limits import BUCKETS, MAX_LIMIT
from parley.records import Record

# typer prints an argument's Python type ("<list[str]>") after its metavar; the metavar and the
# help already say what to give, in words a person reads.
TyperArgument.display_type_rich = lambda self, ctx: None  # type: ignore[method-assign]

app = typer.Typer(
    name="parley",
    help="Turn news about diplomacy and conflict into quotations and CAMEO/PLOVER events.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)
# Piped output gets a fixed, roomy width instead of rich's 80 columns, and lines that are not
# tables are never wrapped, so a URL or a path stays whole on its line.
_PIPED = not sys.stdout.isatty()
out = Console(width=None if not _PIPED else 140, soft_wrap=_PIPED)
err = Console(stderr=True, soft_wrap=not sys.stderr.isatty())

F = TypeVar("F", bound=Callable[..., Any])

FORMATS = ("table", "json", "jsonl", "csv")

DbOption = Annotated[
    str | None,
    typer.Option(
        "--db",
        metavar="URL",
        help="Store URL (default: $PARLEY_DB or sqlite:///parley.db).",
        show_default=False,
    ),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")]
FormatOption = Annotated[
    str,
    typer.Option(
        "--format",
        "-f",
        metavar="FORMAT",
        help="Output: table, json (one array), jsonl (one object a line) or csv.",
    ),
]
LimitOption = Annotated[
    int,
    typer.Option(
        "--limit", "-n", metavar="N", min=1, max=MAX_LIMIT, help=f"Rows to show (at most {MAX_LIMIT})."
    ),
]
OffsetOption = Annotated[
    int,
    typer.Option("--offset", metavar="N", min=0, help="Skip the first N rows (the next page: add --limit)."),
]
AfterOption = Annotated[
    int | None,
    typer.Option(
        "--after", metavar="ID", min=1, help="Rows past this id, for paging an id order: the last id shown."
    ),
]
FieldsOption = Annotated[
    str | None,
    typer.Option("--fields", metavar="NAMES", help="Only these columns (json: keys), comma-separated."),
]
ExactOption = Annotated[
    bool,
    typer.Option(
        "--exact",
        help="A country means its own actor only, not its whole side (state, government, officials, forces).",
    ),
]
SinceOption = Annotated[
    dt.datetime | None,
    typer.Option("--since", metavar="DATE", formats=["%Y-%m-%d"], help="From this date (YYYY-MM-DD)."),
]
UntilOption = Annotated[
    dt.datetime | None,
    typer.Option("--until", metavar="DATE", formats=["%Y-%m-%d"], help="Up to this date (YYYY-MM-DD)."),
]
OutletFilter = Annotated[
    str | None, typer.Option("--outlet", metavar="NAME", help="Only articles from this outlet (any case).")
]
PublishedOption = Annotated[
    dt.datetime | None,
    typer.Option(
        "--published",
        metavar="DATE",
        formats=["%Y-%m-%d"],
        help="Publication date (YYYY-MM-DD) for inputs that have none.",
    ),
]
TitleOption = Annotated[
    str | None, typer.Option("--title", metavar="TEXT", help="Title for an input that has none.")
]
OutletOption = Annotated[
    str | None, typer.Option("--outlet", metavar="NAME", help="Outlet for an input that has none.")
]
MinCharsOption = Annotated[
    int,
    typer.Option(
        "--min-chars",
        min=1,
        metavar="N",
        help="Shortest body kept from crawled inputs (feed items, page URLs, WARC records).",
    ),
]
AsOption = Annotated[
    str | None,
    typer.Option(
        "--as",
        metavar="KIND",
        help="Treat every input as this kind: text, html, jsonl, feed or warc (default: detect).",
    ),
]

MaxBytesOption = Annotated[
    int | None,
    typer.Option(
        "--max-bytes",
        metavar="N",
        min=1,
        help="Largest file (or JSON line, or archived page) to read, in bytes.",
    ),
]


def edge(func: F) -> F:
    """Turn Parley's errors into one red line and exit status 1 (2 for a filter it cannot apply);
    anything else is a bug: a traceback."""

    @wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except QueryError as exc:
            # A filter value the store does not know is a usage error, like a bad option.
            err.print(f"[red]Error:[/red] {exc}", highlight=False)
            raise typer.Exit(2) from None
        except ParleyError as exc:
            err.print(f"[red]Error:[/red] {exc}", highlight=False)
            raise typer.Exit(1) from None

    return wrapper  # type: ignore[return-value]


@contextmanager
def open_store(db: str | None, *, create: bool = False, read_only: bool = False) -> Iterator[Any]:
    """The store ``--db`` names; only commands that write (``create``) may make a new one, and
    commands that only read open it ``read_only`` (so a store on read-only media can be read)."""
    from parley.store import Store

    store = Store(db_url(db), create=create, read_only=read_only)
    try:
        yield store
    finally:
        store.close()


def _date(value: dt.datetime | None) -> dt.date | None:
    return value.date() if value else None


def _overrides(published: dt.datetime | None, title: str | None, outlet: str | None) -> Any:
    from parley.ingest import Overrides

    return Overrides(published=_date(published), title=title, outlet=outlet)


def _source_options(
    kind: str | None, include: Sequence[str] | None, fetch_pages: bool, max_bytes: int | None = None
) -> SourceOptions:
    base = SourceOptions()
    return SourceOptions(
        fetch=base.fetch,
        max_file_bytes=max_bytes or base.max_file_bytes,
        include=tuple(include) if include else base.include,
        force_kind=kind,
        fetch_pages=fetch_pages,
    )


def _fields(fields: str | None, columns: Sequence[str], rows: list[dict[str, Any]], fmt: str) -> list[str]:
    """The columns to print: ``--fields`` when given (checked), else ``columns``."""
    if not fields:
        return list(columns)
    wanted = [f.strip() for f in fields.split(",") if f.strip()]
    known = list(dict.fromkeys([*columns, *(k for row in rows for k in row)]))
    unknown = [f for f in wanted if f not in known]
    if unknown:
        raise QueryError(f"--fields {', '.join(unknown)}: not a field; use some of {', '.join(known)}")
    return wanted


def _print_rows(
    rows: list[dict[str, Any]],
    columns: Sequence[str],
    fmt: str,
    title: str | None = None,
    *,
    fields: str | None = None,
    whole: bool = False,
) -> None:
    """Rows as a rich table, a JSON array, JSON Lines or CSV.

    JSON keeps every key of a row (``whole``) unless ``--fields`` names some; a table and
    CSV show ``columns``.
    """
    if fmt not in FORMATS:
        raise QueryError(f"--format {fmt!r}: use one of {', '.join(FORMATS)}")
    chosen = _fields(fields, columns, rows, fmt)
    if fmt in ("json", "jsonl"):
        picked = rows if whole and not fields else [{c: row.get(c) for c in chosen} for row in rows]
        if fmt == "json":
            print(json.dumps(picked, ensure_ascii=False, default=str))
        else:
            for row in picked:
                print(json.dumps(row, ensure_ascii=False, default=str))
        return
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=chosen, extrasaction="ignore")
        writer.writeheader()
        for row in rows:
            writer.writerow({c: _cell(row.get(c)) for c in chosen})
        sys.stdout.write(buffer.getvalue())
        return
    table = Table(title=title, show_lines=False, header_style="bold")
    for column in chosen:
        if column in _WIDE:
            table.add_column(column, ratio=1, min_width=24, overflow="fold")
        else:
            table.add_column(column, no_wrap=True)
    for row in rows:
        table.add_row(*(_clip(_cell(row.get(c))) if c in _WIDE else _cell(row.get(c)) for c in chosen))
    out.print(table)
    if not rows:
        out.print("[dim]No rows.[/dim]")


def _note(fmt: str, text: str) -> None:
    """A line about the output (what a filter matched, how many rows there are): under a
    table, on stderr when the output is data for a program."""
    (out if fmt == "table" else err).print(f"[dim]{text}[/dim]", highlight=False)


def _page_notes(page: Any, fmt: str, noun: str, offset: int) -> None:
    """What each actor filter matched, and which rows of how many the page shows."""
    for match in page.matched:
        _note(fmt, match.describe())
    if page.total is None:
        return
    if not page:
        _note(fmt, f"0 of {page.total} {noun}")
        return
    shown = f"{offset + 1}-{offset + len(page)}"
    more = f"; the next page: --offset {offset + len(page)}" if offset + len(page) < page.total else ""
    _note(fmt, f"{shown} of {page.total} {noun}{more}")


# Columns of running text: they take the remaining width, clipped, so short columns stay on one line.
_WIDE = frozenset({"title", "text", "sentence_text", "url", "status", "condition"})


def _clip(text: str, limit: int = 160) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _dicts(
    records: Sequence[Record], derived: Mapping[str, Callable[[dict[str, Any]], Any]] | None = None
) -> list[dict[str, Any]]:
    """Records as their dicts, with the columns ``derived`` computes from each added."""
    rows = [record.to_dict() for record in records]
    return [{**row, **{name: compute(row) for name, compute in (derived or {}).items()}} for row in rows]


def _type(event: dict[str, Any]) -> str | None:
    """An event's PLOVER type, for its own column."""
    plover: dict[str, Any] | None = event.get("plover")
    return plover["type"] if plover else None


def _speaker(field: str) -> Callable[[dict[str, Any]], Any]:
    """A column of a quote's speaker."""
    return _side("speaker", field)


def _side(actor: str, field: str) -> Callable[[dict[str, Any]], Any]:
    """A column of one of a record's actors (``speaker``, ``source``, ``target``)."""
    return lambda row: row[actor][field] if row.get(actor) else None


def _flags(event: dict[str, Any]) -> str:
    """An event's flags as one comma-separated cell."""
    return ",".join(f for f in ("negated", "conditional", "hypothetical", "reported") if event.get(f))


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, dict):
        return str(value.get("name") or value.get("type") or "")
    if isinstance(value, bool):
        return "yes" if value else ""
    return str(value)


@app.callback(invoke_without_command=True)
def _main(
    version: Annotated[bool, typer.Option("--version", help="Show the version and exit.")] = False,
) -> None:
    if version:
        out.print(f"parley {__version__}")
        raise typer.Exit()


@app.command()
@edge
def ingest(
    sources: Annotated[
        list[str],
        typer.Argument(metavar="SOURCE", help="Files, directories, page or feed URLs, JSONL or WARC files."),
    ],
    db: DbOption = None,
    kind: AsOption = None,
    include: Annotated[
        list[str] | None,
        typer.Option("--include", metavar="GLOB", help="Glob for files in directories (repeatable)."),
    ] = None,
    fetch_pages: Annotated[
        bool, typer.Option("--fetch-pages", help="Fetch an item's page when a feed carries only a summary.")
    ] = False,
    published: PublishedOption = None,
    title: TitleOption = None,
    outlet: OutletOption = None,
    no_analyze: Annotated[bool, typer.Option("--no-analyze", help="Store cleaned articles only.")] = False,
    min_chars: MinCharsOption = CleanOptions().min_body_chars,
    max_bytes: MaxBytesOption = None,
    strict: Annotated[
        bool, typer.Option("--strict", help="Exit with status 1 when any input failed (for scripts).")
    ] = False,
    workers: Annotated[
        int, typer.Option("--workers", "-w", metavar="N", min=1, help="Analyse in N processes (one writer).")
    ] = 1,
    engine: Annotated[
        str,
        typer.Option(
            "--engine",
            metavar="ENGINE",
            help="local (this machine) or dask (a Dask cluster, see --scheduler).",
        ),
    ] = "local",
    scheduler: Annotated[
        str | None,
        typer.Option(
            "--scheduler",
            metavar="ADDRESS",
            help="Dask scheduler address (tcp://HOST:PORT); without it, a LocalCluster.",
        ),
    ] = None,
) -> None:
    """Read articles, clean them, extract quotes and events, and store them.

    Re-ingesting the same input is a no-op; near-duplicates are stored with a link to the
    original and not analysed again; failures are listed and the run goes on (the exit
    status is 1 when every input failed, or any with --strict).

    Example: parley ingest samples/ https://example.org/feed.xml --db sqlite:///news.db

    Example: parley ingest archive/ --workers 2, or --engine dask --scheduler tcp://10.0.0.5:8786
    """
    from contextlib import nullcontext

    from parley.ingest import IngestOptions
    from parley.ingest import ingest as run_ingest
    from parley.scale.engines import batch_size, open_analyzer

    options = IngestOptions(
        sources=_source_options(kind, include, fetch_pages, max_bytes),
        clean=CleanOptions(min_body_chars=min_chars),
        overrides=_overrides(published, title, outlet),
        analyze=not no_analyze,
        batch_size=batch_size(workers),
    )
    engine_context = nullcontext(None) if no_analyze else open_analyzer(engine, workers, scheduler)
    with (
        open_store(db, create=True) as store,
        engine_context as analyzer,
        _progress("Ingesting") as advance,
    ):
        report = run_ingest(sources, store, options, analyzer=analyzer, progress=advance)
    for warning in report.warnings:
        err.print(f"[yellow]Warning:[/yellow] {warning}", highlight=False)
    for source, reason in report.failed:
        err.print(f"[red]Failed:[/red] {source}: {reason}", highlight=False)
    out.print(
        f"[bold]{len(report.ingested)}[/bold] ingested, [bold]{len(report.duplicates)}[/bold] duplicates, "
        f"[bold]{len(report.unchanged)}[/bold] already stored, [bold]{len(report.failed)}[/bold] failed"
    )
    if report.unchanged and not report.ingested and not report.duplicates:
        out.print("[dim]Nothing new: every input was already in the store.[/dim]")
    if report.failed and (strict or report.seen == len(report.failed)):
        raise typer.Exit(1)


@contextmanager
def _progress(label: str) -> Iterator[Callable[[str, str], None]]:
    """A progress display that counts items as the library reports them."""
    progress = Progress(
        SpinnerColumn(),
        TextColumn("[bold]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        TextColumn("{task.fields[origin]}", style="dim"),
        console=err,
        transient=True,
        disable=not err.is_terminal,
    )
    with progress:
        task = progress.add_task(label, total=None, origin="")

        def advance(origin: str, outcome: str) -> None:
            progress.update(task, advance=1, origin=Path(origin).name if "://" not in origin else origin)

        yield advance


@app.command()
@edge
def analyze(
    paths: Annotated[
        list[str] | None,
        typer.Argument(help="Files, directories or URLs to analyse; - reads standard input.", metavar="PATH"),
    ] = None,
    text: Annotated[
        list[str] | None, typer.Option("--text", "-t", metavar="TEXT", help="Analyse this text (repeatable).")
    ] = None,
    as_json: JsonOption = False,
    kind: AsOption = None,
    published: PublishedOption = None,
    title: TitleOption = None,
    outlet: OutletOption = None,
    min_chars: MinCharsOption = CleanOptions().min_body_chars,
    max_bytes: MaxBytesOption = None,
) -> None:
    """Analyse articles without a database and print what was found.

    Any non-empty text given explicitly is analysed, a single sentence included. With
    --json, prints one JSON object per article (the analysis contract: title, outlet,
    published, the dateline's place and agency, text, actors, quotes, events, and the
    source it came from).

    Example: parley analyze article.txt --published 2025-05-03 --json

    Example: parley analyze --text "Russia rejected Ukraine's offer of talks."

    Example: curl -s https://example.org/story.txt | parley analyze - --json
    """
    from parley.ingest import IngestOptions
    from parley.ingest import analyze as run_analyze
    from parley.sources.document import Document
    from parley.sources.files import text_document

    inputs: list[str | Document] = []
    for path in paths or []:
        inputs.append(text_document(sys.stdin.read(), "<stdin>") if path == "-" else path)
    for i, words in enumerate(text or [], 1):
        inputs.append(
            Document(origin=f"--text {i}" if len(text or []) > 1 else "--text", kind="text", content=words)
        )
    if not inputs:
        raise typer.BadParameter("give a file, directory or URL, - for standard input, or --text")
    options = IngestOptions(
        sources=_source_options(kind, None, False, max_bytes),
        clean=CleanOptions(min_body_chars=min_chars),
        overrides=_overrides(published, title, outlet),
    )
    failed = 0
    analysed = 0
    for item in run_analyze(inputs, options):
        if isinstance(item, InputError):
            err.print(f"[red]Failed:[/red] {item}", highlight=False)
            failed += 1
            continue
        article, analysis = item
        analysed += 1
        if as_json:
            print(json.dumps(analysis.to_dict(article), ensure_ascii=False))
        else:
            _print_analysis(analysis.to_dict(article))
    if failed and not analysed:
        raise typer.Exit(1)


def _dateline(result: dict[str, Any]) -> str:
    """The heading's note of an article's dateline ("  dateline KYIV (Reuters)"), or ""."""
    words = [result["dateline"]] if result["dateline"] else []
    if result["dateline_agency"]:
        words.append(f"({result['dateline_agency']})")
    return f"  dateline {escape(' '.join(words))}" if words else ""


def _print_analysis(result: dict[str, Any]) -> None:
    heading = f"[bold]{result['title'] or '(untitled)'}[/bold]"
    out.rule(f"{heading}  {result['outlet'] or ''}  {result['published'] or ''}{_dateline(result)}")
    actors = Table(title="Actors", header_style="bold")
    for column in ("name", "country", "role", "code", "mentions"):
        actors.add_column(column)
    for actor in result["actors"]:
        actors.add_row(
            actor["name"],
            actor["country"] or "",
            actor["role"] or "",
            actor["code"] or "",
            str(len(actor["mentions"])),
        )
    out.print(actors)
    quotes = Table(title="Quotes", header_style="bold")
    for column in ("speaker", "kind", "cue", "text"):
        quotes.add_column(column, overflow="fold")
    for quote in result["quotes"]:
        speaker = quote["speaker"]["name"] if quote["speaker"] else "—"
        quotes.add_row(speaker, quote["kind"], quote["cue"] or "", quote["text"])
    out.print(quotes)
    if result["events"]:
        events = Table(title="Events", header_style="bold")
        for column in ("source", "target", "cameo", "plover", "flags", "date", "trigger"):
            events.add_column(column, overflow="fold")
        text = result["text"]
        for event in result["events"]:
            flags = _flags(event)
            start, end = event["trigger"]
            events.add_row(
                _cell(event["source"]),
                _cell(event["target"]),
                event["cameo"],
                event["plover"]["type"] or "statement",
                flags,
                event["date"] or "",
                text[start:end],
            )
        out.print(events)
    if result.get("positions"):
        stances = Table(title="Positions", header_style="bold")
        for column in ("actor", "issue", "stance", "condition", "sentence"):
            stances.add_column(column, overflow="fold")
        for position in result["positions"]:
            start, end = position["sentence"]
            stances.add_row(
                _cell(position["actor"]),
                position["issue"],
                position["stance"],
                position["condition"] or "",
                _clip(result["text"][start:end]),
            )
        out.print(stances)
    for shift in result.get("shifts") or []:
        cue = result["text"][shift["cue"][0] : shift["cue"][1]] if shift["cue"] else ""
        out.print(
            f"Shift: {_cell(shift['actor'])} on {shift['issue']}: {shift['from']} -> {shift['to']} "
            f"({shift['kind']}{', cue: ' + repr(cue) if cue else ''})",
            highlight=False,
        )


@app.command()
@edge
def articles(
    db: DbOption = None,
    search: Annotated[
        str | None,
        typer.Option("--search", "-s", metavar="WORDS", help="Full-text search in titles and bodies."),
    ] = None,
    outlet: OutletFilter = None,
    since: SinceOption = None,
    until: UntilOption = None,
    limit: LimitOption = 50,
    offset: OffsetOption = 0,
    after: AfterOption = None,
    sort: Annotated[
        str, typer.Option("--sort", metavar="KEY", help="id or published; -id, -published for newest first.")
    ] = "-id",
    fmt: FormatOption = "table",
    fields: FieldsOption = None,
    as_json: Annotated[bool, typer.Option("--json", help="The same as --format json.")] = False,
) -> None:
    """List stored articles, newest first, with how many there are.

    With --format json or jsonl each article carries its text; --fields narrows the keys.

    Example: parley articles --search ceasefire --limit 10

    Example: parley articles --outlet Reuters --format json --fields id,title,text
    """
    fmt = "json" if as_json else fmt
    with open_store(db, read_only=True) as store:
        page = store.articles(
            search=search,
            outlet=outlet,
            since=_date(since),
            until=_date(until),
            limit=limit,
            offset=offset,
            after=after,
            sort=sort,
            count=True,
            text=fmt in ("json", "jsonl") or "text" in (fields or ""),
        )
    columns = ["id", "published", "outlet", "title", "n_quotes", "n_events", "duplicate_of"]
    rows = [{**a.to_dict(), **({} if a.text is None else {"text": a.text})} for a in page]
    _print_rows(rows, columns, fmt, title="Articles", fields=fields, whole=True)
    _page_notes(page, fmt, "articles", offset)


@app.command()
@edge
def show(
    article_id: Annotated[
        int, typer.Argument(metavar="ID", help="Article id, as listed by `parley articles`.")
    ],
    db: DbOption = None,
    fmt: Annotated[
        str, typer.Option("--format", "-f", metavar="FORMAT", help="table (with the text) or json.")
    ] = "table",
    as_json: Annotated[bool, typer.Option("--json", help="The same as --format json.")] = False,
) -> None:
    """Show one article with its actors (each once), quotes and events.

    Example: parley show 3 --format json
    """
    fmt = "json" if as_json else fmt
    if fmt not in ("table", "json"):
        raise QueryError(f"--format {fmt!r}: parley show prints table or json")
    with open_store(db, read_only=True) as store:
        article = store.article(article_id).to_dict()
    if fmt == "json":
        print(json.dumps(article, ensure_ascii=False, default=str))
        return
    _print_analysis(article)
    out.print(article["text"])


@app.command()
@edge
def stats(
    db: DbOption = None,
    fmt: Annotated[str, typer.Option("--format", "-f", metavar="FORMAT", help="table or json.")] = "table",
    as_json: Annotated[bool, typer.Option("--json", help="The same as --format json.")] = False,
) -> None:
    """What the store holds: articles, quotes, events and actors, the dates they span, the
    feeds read and how they fare, and the inputs that failed, by reason.

    Example: parley stats --db sqlite:///demo.db
    """
    fmt = "json" if as_json else fmt
    if fmt not in ("table", "json"):
        raise QueryError(f"--format {fmt!r}: parley stats prints table or json")
    with open_store(db, read_only=True) as store:
        figures = store.stats().to_dict()
    if fmt == "json":
        print(json.dumps(figures, default=str))
        return
    table = Table(title="Parley store", header_style="bold", show_header=False)
    table.add_column("what")
    table.add_column("count", justify="right")
    span = f"{figures['first_published'] or '?'} to {figures['last_published'] or '?'}"
    lines = [
        ("articles", f"{figures['articles']} ({figures['duplicates']} duplicates)"),
        ("published", span if figures["first_published"] else "no dates"),
        ("quotes", str(figures["quotes"])),
        ("events", str(figures["events"])),
        ("undated events", f"{figures['undated_events']} (left out of charts and dyads)"),
        ("actors", str(figures["actors"])),
        ("feeds", str(len(figures["feeds"]))),
        ("failed inputs", str(figures["failures"])),
    ]
    for what, value in lines:
        table.add_row(what, value)
    out.print(table)
    if figures["feeds"]:
        feeds = Table(title="Feeds", header_style="bold")
        for column in ("url", "last read", "articles", "failures"):
            feeds.add_column(column, overflow="fold" if column == "url" else "ellipsis")
        for feed in figures["feeds"]:
            feeds.add_row(feed["url"], feed["checked_at"] or "", str(feed["articles"]), str(feed["failures"]))
        out.print(feeds)
    if figures["failures_by_reason"]:
        reasons = Table(title="Failures by reason", header_style="bold")
        reasons.add_column("reason", overflow="fold")
        reasons.add_column("inputs", justify="right")
        for reason, n in figures["failures_by_reason"].items():
            reasons.add_row(reason, str(n))
        out.print(reasons)
    if figures["undated_events"]:
        out.print("[dim]List the undated events: parley events --undated[/dim]")


@app.command()
@edge
def actors(
    db: DbOption = None,
    search: Annotated[
        str | None, typer.Option("--search", "-s", metavar="TEXT", help="A part of the name, in any case.")
    ] = None,
    country: Annotated[
        str | None,
        typer.Option("--country", metavar="COUNTRY", help="Country code or name, e.g. RUS or Russia."),
    ] = None,
    role: Annotated[
        str | None, typer.Option("--role", metavar="ROLE", help="Role, e.g. GOV, MIL, IGO.")
    ] = None,
    limit: LimitOption = 50,
    offset: OffsetOption = 0,
    sort: Annotated[
        str,
        typer.Option("--sort", metavar="KEY", help="-activity (most active first), activity, name or -name."),
    ] = "-activity",
    fmt: FormatOption = "table",
    fields: FieldsOption = None,
) -> None:
    """List the actors found, most active first: how often each is mentioned, quoted, and the
    source or target of an event. These names, codes and countries are what filters accept.

    Example: parley actors --country RUS

    Example: parley actors --search peskov --format json
    """
    with open_store(db, read_only=True) as store:
        page = store.actors(
            search=search, country=country, role=role, limit=limit, offset=offset, sort=sort, count=True
        )
    columns = [
        "id",
        "name",
        "country",
        "role",
        "code",
        "n_mentions",
        "n_quotes",
        "n_events_source",
        "n_events_target",
    ]
    _print_rows(_dicts(page), columns, fmt, title="Actors", fields=fields, whole=True)
    _page_notes(page, fmt, "actors", offset)


@app.command()
@edge
def quotes(
    db: DbOption = None,
    speaker: Annotated[
        str | None,
        typer.Option(
            "--speaker", metavar="ACTOR", help="Speaker: name or surname in any case, actor code or country."
        ),
    ] = None,
    country: Annotated[
        str | None,
        typer.Option(
            "--country", metavar="COUNTRY", help="Speaker's country (code or name): its whole side."
        ),
    ] = None,
    exact: ExactOption = False,
    search: Annotated[
        str | None, typer.Option("--search", "-s", metavar="TEXT", help="Words in the quote.")
    ] = None,
    outlet: OutletFilter = None,
    since: SinceOption = None,
    until: UntilOption = None,
    limit: LimitOption = 50,
    offset: OffsetOption = 0,
    after: AfterOption = None,
    sort: Annotated[
        str, typer.Option("--sort", metavar="KEY", help="id or published; -id, -published for newest first.")
    ] = "-id",
    fmt: FormatOption = "table",
    fields: FieldsOption = None,
) -> None:
    """List quotations with their speakers, and say which actors the filters matched.

    Example: parley quotes --speaker peskov

    Example: parley quotes --country RUS --since 2025-05-01 --format csv
    """
    with open_store(db, read_only=True) as store:
        page = store.quotes(
            speaker=speaker,
            country=country,
            exact=exact,
            search=search,
            outlet=outlet,
            since=_date(since),
            until=_date(until),
            limit=limit,
            offset=offset,
            after=after,
            sort=sort,
            count=True,
        )
    rows = _dicts(page, {"speaker_name": _speaker("name"), "speaker_country": _speaker("country")})
    columns = ["id", "published", "speaker_name", "speaker_country", "kind", "cue", "text", "article_id"]
    _print_rows(rows, columns, fmt, title="Quotes", fields=fields, whole=True)
    _page_notes(page, fmt, "quotes", offset)


EVENT_COLUMNS = [
    "id",
    "date",
    "date_precision",
    "source",
    "source_country",
    "target",
    "target_country",
    "cameo",
    "type",
    "flags",
    "article_id",
    "sentence_text",
]


@app.command()
@edge
def events(
    db: DbOption = None,
    source: Annotated[
        str | None,
        typer.Option(
            "--source", metavar="ACTOR", help="Source actor: country (its side), code, name or surname."
        ),
    ] = None,
    target: Annotated[
        str | None, typer.Option("--target", metavar="ACTOR", help="Target actor, as --source.")
    ] = None,
    actor: Annotated[
        str | None,
        typer.Option("--actor", metavar="ACTOR", help="Either side: source or target, as --source."),
    ] = None,
    exact: ExactOption = False,
    event_type: Annotated[
        str | None, typer.Option("--type", metavar="TYPE", help="PLOVER type, e.g. THREATEN.")
    ] = None,
    cameo: Annotated[
        str | None, typer.Option("--cameo", metavar="CODE", help="CAMEO code or prefix, e.g. 13 or 0871.")
    ] = None,
    asserted_only: Annotated[
        bool,
        typer.Option(
            "--asserted-only", help="Leave out negated, hypothetical and reported (only claimed) events."
        ),
    ] = False,
    undated: Annotated[
        bool, typer.Option("--undated", help="Only events with no date, which charts and dyads leave out.")
    ] = False,
    outlet: OutletFilter = None,
    since: SinceOption = None,
    until: UntilOption = None,
    limit: LimitOption = 50,
    offset: OffsetOption = 0,
    after: AfterOption = None,
    sort: Annotated[
        str, typer.Option("--sort", metavar="KEY", help="id or date; -id, -date for newest first.")
    ] = "-id",
    fmt: FormatOption = "table",
    fields: FieldsOption = None,
) -> None:
    """List coded events: who did what to whom, and when; and which actors the filters matched.

    A country (RUS, Russia) stands for its whole side: the state, its government (Moscow,
    the Kremlin), officials and forces; --exact asks for the country's own actor.

    Example: parley events --source USA --type THREATEN --since 2025-05-01

    Example: parley events --actor Russia --asserted-only --format csv
    """
    with open_store(db, read_only=True) as store:
        page = store.events(
            source=source,
            target=target,
            actor=actor,
            exact=exact,
            type=event_type,
            cameo=cameo,
            since=_date(since),
            until=_date(until),
            outlet=outlet,
            asserted_only=asserted_only,
            undated=undated,
            limit=limit,
            offset=offset,
            after=after,
            sort=sort,
            count=True,
        )
    derived = {
        "type": _type,
        "flags": _flags,
        "source_country": _side("source", "country"),
        "target_country": _side("target", "country"),
    }
    _print_rows(_dicts(page, derived), EVENT_COLUMNS, fmt, title="Events", fields=fields, whole=True)
    _page_notes(page, fmt, "events", offset)


@app.command()
@edge
def dyad(
    a: Annotated[
        str, typer.Argument(metavar="ACTOR_A", help="First actor: country (its side), code, name or surname.")
    ],
    b: Annotated[str, typer.Argument(metavar="ACTOR_B", help="Second actor.")],
    db: DbOption = None,
    bucket: Annotated[
        str, typer.Option("--bucket", metavar="PERIOD", help=f"Period: {', '.join(BUCKETS)}.")
    ] = "week",
    exact: ExactOption = False,
    since: SinceOption = None,
    until: UntilOption = None,
    fmt: FormatOption = "table",
) -> None:
    """Events between two actors over time: cooperation and conflict per period.

    Events without a date cannot be placed in a period; how many there are is said.

    Example: parley dyad RUS UKR --bucket month --since 2025-04-01
    """
    with open_store(db, read_only=True) as store:
        page = store.dyad(a, b, bucket=bucket, exact=exact, since=_date(since), until=_date(until))
    columns = ["period", "cooperation", "conflict", "a_to_b", "b_to_a"]
    _print_rows(_dicts(page), columns, fmt, title=f"{a} and {b}")
    _page_notes(page, fmt, "periods", 0)
    if page.undated:
        _note(
            fmt,
            f"{page.undated} undated events between them are left out; list them with "
            f"parley events --source {shlex.quote(a)} --target {shlex.quote(b)} --undated, and the reverse",
        )


IssueOption = Annotated[
    str | None,
    typer.Option(
        "--issue",
        metavar="ISSUE",
        help="Issue: ceasefire, talks, mediation, withdrawal, territory, sanctions, prisoners, arms, aid, "
        "nuclear or other.",
    ),
]
ActorOption = Annotated[
    str | None,
    typer.Option("--actor", metavar="ACTOR", help="Actor: country (its side), code, name or alias (Kyiv)."),
]


@app.command()
@edge
def positions(
    db: DbOption = None,
    actor: ActorOption = None,
    issue: IssueOption = None,
    since: SinceOption = None,
    until: UntilOption = None,
    limit: LimitOption = 50,
    fmt: FormatOption = "table",
) -> None:
    """List positions: which actor stands for, against or conditionally on which issue, and where it says so.

    Example: parley positions --actor Ukraine --issue talks --since 2025-05-01
    """
    with open_store(db, read_only=True) as store:
        page = store.positions(actor=actor, issue=issue, since=_date(since), until=_date(until), limit=limit)
    columns = ["id", "day", "actor", "issue", "stance", "condition", "sentence_text", "article_id"]
    _print_rows(_dicts(page), columns, fmt, title="Positions", whole=True)
    _page_notes(page, fmt, "positions", 0)


@app.command()
@edge
def shifts(
    db: DbOption = None,
    actor: ActorOption = None,
    issue: IssueOption = None,
    kind: Annotated[
        str | None,
        typer.Option("--kind", metavar="KIND", help="walk-back, reversal, hardening or softening."),
    ] = None,
    since: SinceOption = None,
    until: UntilOption = None,
    limit: LimitOption = 50,
    fmt: FormatOption = "table",
) -> None:
    """List shifts: an actor's stance on an issue changing, within an article or across articles.

    Example: parley shifts --actor USA --kind walk-back
    """
    with open_store(db, read_only=True) as store:
        page = store.shifts(
            actor=actor, issue=issue, kind=kind, since=_date(since), until=_date(until), limit=limit
        )
    columns = [
        "id",
        "date",
        "actor",
        "issue",
        "from",
        "to",
        "kind",
        "cue_text",
        "across_articles",
        "article_id",
    ]
    _print_rows(_dicts(page), columns, fmt, title="Shifts", whole=True)
    _page_notes(page, fmt, "shifts", 0)


@app.command()
@edge
def process(
    a: Annotated[
        str, typer.Argument(metavar="PARTY_A", help="One party: a country (its side), code, name or alias.")
    ],
    b: Annotated[str, typer.Argument(metavar="PARTY_B", help="The other party.")],
    db: DbOption = None,
    mediator: Annotated[
        list[str] | None,
        typer.Option(
            "--mediator",
            "-m",
            metavar="ACTOR",
            help="A mediator to add to those found in the data (repeatable).",
        ),
    ] = None,
    fmt: FormatOption = "table",
) -> None:
    """A peace process: its parties, its mediators and the timeline of offers, demands, rejections,
    threats, talks and ceasefires (JSON adds every position, the positions matrix and the shifts).

    Example: parley process RUS UKR --mediator USA
    """
    with open_store(db, read_only=True) as store:
        found = store.process(a, b, mediators=mediator or [])
    if fmt in ("json", "jsonl"):
        print(json.dumps(found.to_dict(), ensure_ascii=False))
        return
    columns = ["date", "kind", "source", "target", "cameo", "flags", "sentence_text"]
    steps = _dicts(found.timeline, {"flags": _flags})
    if fmt == "csv":
        _print_rows(steps, columns, fmt)
        return
    mediators = ", ".join(found.mediators) or "none found"
    title = f"Process {found.id}: parties {' and '.join(found.parties)}; mediators {mediators}"
    _print_rows(steps, columns, fmt, title=title)
    issues = sorted({issue for row in found.matrix for issue in row.issues})
    stances = Table(title="Latest stances", header_style="bold")
    for column in ("actor", *issues):
        stances.add_column(column, no_wrap=True)
    for row in found.matrix:
        cells = [row.issues[i].latest.stance if i in row.issues else "" for i in issues]
        stances.add_row(row.actor, *cells)
    out.print(stances)


@app.command()
@edge
def rebuild(
    what: Annotated[
        str, typer.Argument(metavar="WHAT", help="What to derive again: positions (positions and shifts).")
    ],
    db: DbOption = None,
) -> None:
    """Derive records again for the whole store from what it holds, e.g. after editing the position lexicon
    (PARLEY_POSITION_LEXICON).

    Example: PARLEY_POSITION_LEXICON=my-issues.yaml parley rebuild positions
    """
    if what != "positions":
        raise ConfigError(f"rebuild {what!r}: only 'positions' can be rebuilt")
    with open_store(db) as store:
        found, changed = store.rebuild_positions()
    err.print(f"{found} positions and {changed} shifts derived", highlight=False)


@app.command("eval")
@edge
def evaluate(
    gold: Annotated[
        list[Path] | None,
        typer.Argument(help="Gold files or folders (seed or PLOVER format).", metavar="PATH"),
    ] = None,
    as_json: JsonOption = False,
    details: Annotated[bool, typer.Option("--details", help="List every miss and false positive.")] = False,
    polnear: Annotated[
        Path | None,
        typer.Option("--polnear", metavar="DIR", help="Also score attribution on a local PolNeAR checkout."),
    ] = None,
    split: Annotated[
        str, typer.Option("--split", metavar="SPLIT", help="PolNeAR split: train or dev.")
    ] = "dev",
) -> None:
    """Score Parley on gold data: quotes, events, actors, cleaning, positions and shifts; PLOVER
    event types; quotation attribution on PolNeAR.

    Example: parley eval ../shared/corpus/wikinews/dev --details

    Example: parley eval --polnear ~/src/PolNeAR --split dev
    """
    from parley.errors import GoldError
    from parley.evaluate import evaluate as run_evaluate
    from parley.evaluate import format_report
    from parley.evaluate.polnear import read_polnear, score_polnear
    from parley.ingest import IngestOptions
    from parley.ingest import analyze as run_analyze
    from parley.nlp.pipeline import Analyzer
    from parley.records import Article, Event

    if not gold and polnear is None:
        raise GoldError("nothing to score: give gold files or folders, or --polnear DIR")
    analyzer = Analyzer()

    def analyze_batch(articles: Sequence[Article]) -> list[Any]:
        return list(analyzer.analyze_many(articles))

    def analyze_article(path: Path, published: dt.date | None) -> dict[str, Any]:
        options = IngestOptions(
            overrides=_overrides(dt.datetime.combine(published, dt.time()) if published else None, None, None)
        )
        for item in run_analyze([str(path)], options, analyzer=analyze_batch):
            if isinstance(item, ParleyError):
                raise item
            article, analysis = item
            return analysis.to_dict(article)
        raise GoldError(f"{path}: no article could be read")

    def analyze_sentence(text: str) -> list[Event]:
        return analyzer.analyze(Article(text=text)).events

    def analyze_text(text: str) -> dict[str, Any]:
        article = Article(text=text)
        return analyzer.analyze(article).to_dict(article)

    results: dict[str, Any] = {}
    if gold:
        report = run_evaluate(gold, analyze_article, analyze_sentence)
        results["gold"] = report.to_dict()
        if not as_json:
            print(format_report(report, details=details))
    if polnear is not None:
        attribution = score_polnear(read_polnear(polnear, split), analyze_text)
        results["polnear"] = attribution.to_dict()
        if not as_json:
            print(("\n" if gold else "") + attribution.format(details=details))
    if as_json:
        print(json.dumps(results["gold"] if polnear is None else results, ensure_ascii=False, default=str))


@app.command()
@edge
def export(
    db: DbOption = None,
    fmt: Annotated[
        str, typer.Option("--format", "-f", metavar="FORMAT", help="jsonl, csv or parquet.")
    ] = "jsonl",
    schema: Annotated[
        str,
        typer.Option(
            "--schema",
            metavar="SCHEMA",
            help="parley (articles with their records), gdelt or plover (events).",
        ),
    ] = "parley",
    output: Annotated[
        Path | None,
        typer.Option(
            "--output", "-o", metavar="PATH", help="File to write (stdout when omitted, except Parquet)."
        ),
    ] = None,
    source: Annotated[
        str | None,
        typer.Option(
            "--source", metavar="ACTOR", help="Events' source actor, resolved as in events (gdelt, plover)."
        ),
    ] = None,
    target: Annotated[
        str | None, typer.Option("--target", metavar="ACTOR", help="Events' target actor (gdelt, plover).")
    ] = None,
    actor: Annotated[
        str | None,
        typer.Option(
            "--actor",
            metavar="ACTOR",
            help="Either side of events (gdelt, plover); positions' or shifts' actor.",
        ),
    ] = None,
    exact: ExactOption = False,
    event_type: Annotated[
        str | None, typer.Option("--type", metavar="TYPE", help="PLOVER type (gdelt, plover).")
    ] = None,
    cameo: Annotated[
        str | None, typer.Option("--cameo", metavar="CODE", help="CAMEO code prefix (gdelt, plover).")
    ] = None,
    search: Annotated[
        str | None, typer.Option("--search", "-s", metavar="WORDS", help="Full-text search (parley).")
    ] = None,
    outlet: Annotated[
        str | None, typer.Option("--outlet", metavar="NAME", help="Only this outlet (parley).")
    ] = None,
    records: Annotated[
        str | None,
        typer.Option(
            "--records",
            metavar="RECORDS",
            help="positions or shifts: export those records (instead of --schema).",
        ),
    ] = None,
    issue: Annotated[
        str | None, typer.Option("--issue", metavar="ISSUE", help="Positions' or shifts' issue, e.g. talks.")
    ] = None,
    since: SinceOption = None,
    until: UntilOption = None,
) -> None:
    """Export the dataset as JSON Lines, CSV or Parquet, in Parley's, GDELT's or PLOVER's shape,
    or its positions and shifts.

    Example: parley export --schema gdelt --format csv --source RUS -o events.csv;
    parley export --records positions --actor UKR --format parquet -o positions.parquet
    """
    from parley.export import ExportFilters
    from parley.export import export as run_export

    if records is not None:
        if records not in ("positions", "shifts"):
            raise ConfigError(f"--records {records!r}: expected positions or shifts")
        if schema != "parley":
            raise ConfigError("--records and --schema choose the same thing: give one of them")
        schema = records

    filters = ExportFilters(
        source=source,
        target=target,
        actor=actor,
        exact=exact,
        type=event_type.upper() if event_type else None,
        cameo=cameo,
        since=_date(since),
        until=_date(until),
        search=search,
        outlet=outlet,
        issue=issue,
    )
    with open_store(db, read_only=True) as store:
        written = run_export(store, fmt, schema, output if output else sys.stdout, filters)
    if output:
        err.print(f"{written} rows written to {output}", highlight=False)


@app.command()
@edge
def serve(
    db: DbOption = None,
    host: Annotated[
        str, typer.Option("--host", metavar="HOST", help="Address to bind (loopback by default).")
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", metavar="N", help="Port to listen on.")] = 8000,
    allow_ingest: Annotated[
        bool, typer.Option("--allow-ingest", help="Enable POST /api/ingest (needs PARLEY_TOKEN).")
    ] = False,
    allow_private_urls: Annotated[
        bool,
        typer.Option("--allow-private-urls", help="Let /api/ingest fetch private and loopback addresses."),
    ] = False,
    server_name: Annotated[
        list[str] | None,
        typer.Option(
            "--server-name",
            metavar="NAME",
            help="A host name clients use to reach the server (repeatable); other Host headers get 400.",
        ),
    ] = None,
) -> None:
    """Browse the store in a web app with a JSON API (read-only by default).

    The server answers requests addressed to --host, localhost, 127.0.0.1 and each
    --server-name, so a web page cannot reach it through a DNS name rebound to it.

    Example: parley serve --db sqlite:///demo.db --port 8000

    Example: parley serve --host 0.0.0.0 --server-name parley.example.org
    """
    import os

    from parley.web.serve import serve as run_server

    if allow_ingest and not os.environ.get("PARLEY_TOKEN"):
        raise ConfigError("--allow-ingest needs a bearer token in PARLEY_TOKEN")
    err.print(f"Serving {db_url(db)} at http://{host}:{port}/ (Ctrl+C to stop)", highlight=False)
    run_server(
        db_url(db),
        host=host,
        port=port,
        allow_ingest=allow_ingest,
        allow_private_urls=allow_private_urls,
        names=tuple(server_name or ()),
    )


# --- feeds, watch and alerts -------------------------------------------------------------

feeds_app = typer.Typer(
    help=(
        "The list of feeds `parley watch` reads.\n\n"
        "Example: parley feeds add https://example.org/feed.xml --every 15m"
    ),
    no_args_is_help=True,
)
alerts_app = typer.Typer(
    help=(
        "Named queries whose new matches `parley watch` delivers.\n\n"
        'Example: parley alerts add threats --query "events --source RUS --type THREATEN"'
    ),
    no_args_is_help=True,
)
app.add_typer(feeds_app, name="feeds")
app.add_typer(alerts_app, name="alerts")

EveryOption = Annotated[
    str,
    typer.Option(
        "--every",
        metavar="INTERVAL",
        help="How often to fetch: 90s, 15m, 2h or 1d (a bare number is minutes).",
    ),
]
FeedKey = Annotated[
    str, typer.Argument(metavar="FEED", help="The feed's id, URL or name, as `parley feeds list` shows.")
]


@feeds_app.command("add")
@edge
def feeds_add(
    url: Annotated[str, typer.Argument(metavar="URL", help="The feed's URL (RSS or Atom).")],
    db: DbOption = None,
    name: Annotated[
        str | None, typer.Option("--name", metavar="NAME", help="A short name for the feed.")
    ] = None,
    every: EveryOption = "15m",
    fetch_pages: Annotated[
        bool, typer.Option("--fetch-pages", help="Fetch an item's page when the feed carries only a summary.")
    ] = False,
) -> None:
    """Add a feed to the list; `parley watch` fetches it from its next round.

    Example: parley feeds add https://example.org/feed.xml --name Example --every 30m
    """
    from parley.store.feeds import FeedList
    from parley.watch import parse_interval

    with open_store(db, create=True) as store:
        feed = FeedList(store).add(
            url, name=name, interval=parse_interval(every), fetch_pages=fetch_pages, at=_now()
        )
    out.print(f"Added feed {feed.id}: {feed.label} (every {feed.to_dict()['every']})", highlight=False)


@feeds_app.command("list")
@edge
def feeds_list(db: DbOption = None, fmt: FormatOption = "table") -> None:
    """List the feeds with their health: last fetch, status, failures in a row, items, next fetch.

    Example: parley feeds list --format jsonl
    """
    from parley.store.feeds import FeedList

    with open_store(db, read_only=True) as store:
        rows = [feed.to_dict() for feed in FeedList(store).all()]
    if fmt != "table":
        columns = list(rows[0]) if rows else ["id", "name", "url"]
        _print_rows(rows, columns, fmt, title="Feeds", whole=True)
        return
    table_rows = [
        {
            "id": row["id"],
            "name": row["name"],
            "url": row["url"],
            "every": row["every"],
            "fetched": _minute(row["last_fetched_at"]),
            "status": row["last_status"],
            "fails": row["failures"],
            "items": row["items_seen"],
            "next": "paused" if row["paused"] else _minute(row["next_due_at"]),
        }
        for row in rows
    ]
    columns = ["id", "name", "url", "every", "fetched", "status", "fails", "items", "next"]
    _print_rows(table_rows, columns, fmt, title="Feeds")
    for row in rows:
        if row["paused"]:
            err.print(
                f"[red]Paused:[/red] {row['name'] or row['url']}: {row['pause_reason']}", highlight=False
            )


@feeds_app.command("history")
@edge
def feeds_history(
    key: FeedKey, db: DbOption = None, limit: LimitOption = 20, fmt: FormatOption = "table"
) -> None:
    """A feed's latest fetches, newest first: when, the URL, the status and the new items.

    Example: parley feeds history Example --limit 5
    """
    from parley.store.feeds import FeedList

    with open_store(db, read_only=True) as store:
        rows = FeedList(store).fetches(key, limit=limit)
    if fmt == "table":
        for row in rows:
            row["at"] = _minute(row["at"])
    _print_rows(rows, ["at", "status", "new_items", "url"], fmt, title=f"Fetches of {key}", whole=True)


@feeds_app.command("remove")
@edge
def feeds_remove(key: FeedKey, db: DbOption = None) -> None:
    """Remove a feed from the list (the articles read from it stay).

    Example: parley feeds remove Example
    """
    from parley.store.feeds import FeedList

    with open_store(db) as store:
        feed = FeedList(store).remove(key)
    out.print(f"Removed feed {feed.id}: {feed.label}", highlight=False)


@feeds_app.command("resume")
@edge
def feeds_resume(key: FeedKey, db: DbOption = None) -> None:
    """Resume a paused feed: its failures are forgotten and it is fetched in the next round.

    Example: parley feeds resume 3
    """
    from parley.store.feeds import FeedList

    with open_store(db) as store:
        feed = FeedList(store).resume(key, at=_now())
    out.print(f"Resumed feed {feed.id}: {feed.label}", highlight=False)


@feeds_app.command("import")
@edge
def feeds_import(
    path: Annotated[Path, typer.Argument(metavar="FILE", help="An OPML file, as feed readers export.")],
    db: DbOption = None,
    every: EveryOption = "15m",
    fetch_pages: Annotated[
        bool, typer.Option("--fetch-pages", help="Fetch an item's page when a feed carries only a summary.")
    ] = False,
) -> None:
    """Add every feed of an OPML file (feeds already listed are skipped).

    Example: parley feeds import subscriptions.opml --every 30m
    """
    from parley.watch import parse_interval
    from parley.watch.feedlist import import_opml

    with open_store(db, create=True) as store:
        report = import_opml(store, path, interval=parse_interval(every), fetch_pages=fetch_pages, at=_now())
    for url, why in report.skipped:
        err.print(f"[yellow]Skipped:[/yellow] {url}: {why}", highlight=False)
    out.print(f"{len(report.added)} feeds added, {len(report.skipped)} skipped", highlight=False)


@feeds_app.command("export")
@edge
def feeds_export(
    db: DbOption = None,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", metavar="FILE", help="File to write (stdout when omitted)."),
    ] = None,
) -> None:
    """Write the feed list as OPML 2.0, for a feed reader or another Parley store.

    Example: parley feeds export -o feeds.opml
    """
    from parley.watch.feedlist import export_opml

    with open_store(db, read_only=True) as store:
        document = export_opml(store, at=_now())
    if output:
        output.write_text(document, encoding="utf-8")
        err.print(f"Feed list written to {output}", highlight=False)
    else:
        sys.stdout.write(document)


@app.command()
@edge
def watch(
    db: DbOption = None,
    once: Annotated[
        bool, typer.Option("--once", help="Run one round and exit (for cron and timers).")
    ] = False,
    per_host: Annotated[
        int,
        typer.Option(
            "--per-host", metavar="N", min=1, help="At most this many requests to one host at once."
        ),
    ] = 2,
    log_json: Annotated[bool, typer.Option("--log-json", help="Log one JSON object per line.")] = False,
    no_analyze: Annotated[bool, typer.Option("--no-analyze", help="Store cleaned articles only.")] = False,
) -> None:
    """Keep reading the feed list: fetch each due feed, ingest new items, deliver alerts, sleep.

    Ctrl+C or SIGTERM finishes the article being written and exits; a second `watch` on the
    same store refuses to start. Log lines go to stdout; on a terminal a status line shows progress.

    Example: parley watch --db sqlite:///news.db --per-host 2

    Example: parley watch --once --log-json   (from cron or a systemd timer)
    """
    import threading

    from parley.ingest import IngestOptions
    from parley.watch import Watcher, WatchOptions, stop_on_signals

    options = WatchOptions(ingest=IngestOptions(analyze=not no_analyze), once=once, per_host=per_host)
    stopping = threading.Event()
    with open_store(db, create=True) as store, stop_on_signals(stopping), _watch_log(log_json) as log:
        Watcher(store, options, log=log, stopping=stopping).run()


@contextmanager
def _watch_log(as_json: bool) -> Iterator[Callable[[Any], None]]:
    """Where watch events go: JSON lines, plain lines, or lines under a live status line on a terminal."""
    if as_json or not out.is_terminal:

        def line(event: Any) -> None:
            if as_json:
                print(json.dumps(event.to_dict(), ensure_ascii=False, default=str), flush=True)
            elif event.kind != "sleeping":
                print(f"{event.at:%Y-%m-%dT%H:%M:%SZ} {event.kind:<13} {event.message}", flush=True)

        yield line
        return
    totals = {"rounds": 0, "new": 0, "alerts": 0, "failed": 0}
    with out.status("[bold]watching[/bold]", spinner="dots") as status:

        def show(event: Any) -> None:
            if event.kind == "round":
                totals["rounds"] += 1
            elif event.kind == "article" and event.data.get("outcome") in ("ingested", "duplicate"):
                totals["new"] += 1
            elif event.kind == "alert":
                totals["alerts"] += 1
            elif event.kind in ("failed", "paused"):
                totals["failed"] += 1
            if event.kind not in ("sleeping", "article", "round"):
                colour = {"alert": "bold magenta", "failed": "red", "paused": "red", "fetched": "green"}
                style = colour.get(event.kind, "dim")
                out.print(
                    f"[dim]{event.at:%H:%M:%S}[/dim] [{style}]{event.kind}[/{style}] {event.message}",
                    highlight=False,
                )
            state = event.message if event.kind in ("sleeping", "round", "article") else ""
            status.update(
                f"[bold]watching[/bold] · round {totals['rounds']} · {totals['new']} new articles · "
                f"{totals['alerts']} alerts · {totals['failed']} feed failures · [dim]{state}[/dim]"
            )

        yield show


@alerts_app.command("add")
@edge
def alerts_add(
    name: Annotated[str, typer.Argument(metavar="NAME", help="A name for the alert.")],
    query: Annotated[
        str,
        typer.Option(
            "--query",
            "-q",
            metavar="QUERY",
            help='A list command with its options, e.g. "events --source RUS --type THREATEN".',
        ),
    ],
    db: DbOption = None,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", metavar="FILE", help="Append each match to this JSON Lines file."),
    ] = None,
    webhook: Annotated[
        str | None, typer.Option("--webhook", metavar="URL", help="POST each match as JSON to this URL.")
    ] = None,
) -> None:
    """Add an alert: `parley watch` prints each new match once, and delivers it to a file or webhook.

    The query takes the options of `parley events` or `parley quotes`. Only records stored
    after the alert is added can match.

    Example: parley alerts add threats --query "events --source RUS --type THREATEN" --output threats.jsonl
    """
    from parley.alerts import add_alert

    with open_store(db, create=True) as store:
        alert = add_alert(store, name, query, output=output, webhook=webhook)
    where = ", ".join(w for w in (alert.output, alert.webhook) if w) or "the watch log only"
    out.print(f"Added alert {alert.name!r}: {alert.query} -> {where}", highlight=False)


@alerts_app.command("list")
@edge
def alerts_list(db: DbOption = None, fmt: FormatOption = "table") -> None:
    """List the alerts and where their matches go.

    Example: parley alerts list
    """
    from parley.store.alerts import AlertBook

    with open_store(db, read_only=True) as store:
        rows = [alert.to_dict() for alert in AlertBook(store).all()]
    columns = ["id", "name", "query", "output", "webhook", "created_at"]
    _print_rows(rows, columns, fmt, title="Alerts", whole=True)


@alerts_app.command("remove")
@edge
def alerts_remove(
    name: Annotated[str, typer.Argument(metavar="ALERT", help="The alert's name or id.")], db: DbOption = None
) -> None:
    """Remove an alert, with its deliveries still pending.

    Example: parley alerts remove threats
    """
    from parley.store.alerts import AlertBook

    with open_store(db) as store:
        alert = AlertBook(store).remove(name)
    out.print(f"Removed alert {alert.name!r}", highlight=False)


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _minute(iso: str | None) -> str | None:
    """An ISO time shortened for a table: "2026-01-05 12:00"."""
    return iso[:16].replace("T", " ") if iso and iso[:4].isdigit() else iso


def main() -> None:
    """Entry point of the ``parley`` console script."""
    app()


if __name__ == "__main__":
    main()
