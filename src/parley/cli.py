"""The ``parley`` command: thin commands over the library.

Each command parses its options, makes one library call and prints the result;
Parley's own errors become one red line and exit status 1.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
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

from parley import __version__
from parley.config import CleanOptions, SourceOptions, db_url
from parley.errors import ConfigError, InputError, ParleyError
from parley.limits import BUCKETS, MAX_LIMIT
from parley.records import Record

app = typer.Typer(
    name="parley",
    help="Turn news about diplomacy and conflict into quotations and CAMEO/PLOVER events.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode="markdown",
    context_settings={"help_option_names": ["-h", "--help"]},
)
# Piped output gets a fixed, roomy width instead of rich's 80 columns.
out = Console(width=None if sys.stdout.isatty() else 140)
err = Console(stderr=True)

F = TypeVar("F", bound=Callable[..., Any])

DbOption = Annotated[
    str | None,
    typer.Option("--db", help="Store URL (default: $PARLEY_DB or sqlite:///parley.db).", show_default=False),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")]
FormatOption = Annotated[str, typer.Option("--format", "-f", help="Output format: table, json or csv.")]
LimitOption = Annotated[
    int, typer.Option("--limit", "-n", min=1, max=MAX_LIMIT, help=f"Rows to show (at most {MAX_LIMIT}).")
]
SinceOption = Annotated[
    dt.datetime | None, typer.Option("--since", formats=["%Y-%m-%d"], help="From this date (YYYY-MM-DD).")
]
UntilOption = Annotated[
    dt.datetime | None, typer.Option("--until", formats=["%Y-%m-%d"], help="Up to this date (YYYY-MM-DD).")
]
PublishedOption = Annotated[
    dt.datetime | None,
    typer.Option("--published", formats=["%Y-%m-%d"], help="Publication date for inputs that have none."),
]
TitleOption = Annotated[str | None, typer.Option("--title", help="Title for an input that has none.")]
OutletOption = Annotated[str | None, typer.Option("--outlet", help="Outlet for an input that has none.")]
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
        "--as", help="Treat every input as this kind: text, html, jsonl, feed or warc (default: detect)."
    ),
]


def edge(func: F) -> F:
    """Turn Parley's errors into one red line and exit status 1; anything else is a bug: a traceback."""

    @wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except ParleyError as exc:
            err.print(f"[red]Error:[/red] {exc}", highlight=False)
            raise typer.Exit(1) from None

    return wrapper  # type: ignore[return-value]


@contextmanager
def open_store(db: str | None) -> Iterator[Any]:
    from parley.store import Store

    store = Store(db_url(db))
    try:
        yield store
    finally:
        store.close()


def _date(value: dt.datetime | None) -> dt.date | None:
    return value.date() if value else None


def _overrides(published: dt.datetime | None, title: str | None, outlet: str | None) -> Any:
    from parley.ingest import Overrides

    return Overrides(published=_date(published), title=title, outlet=outlet)


def _source_options(kind: str | None, include: Sequence[str] | None, fetch_pages: bool) -> SourceOptions:
    base = SourceOptions()
    return SourceOptions(
        fetch=base.fetch,
        max_file_bytes=base.max_file_bytes,
        include=tuple(include) if include else base.include,
        force_kind=kind,
        fetch_pages=fetch_pages,
    )


def _print_rows(
    records: Sequence[Record],
    columns: Sequence[str],
    fmt: str,
    title: str | None = None,
    derived: Mapping[str, Callable[[dict[str, Any]], Any]] | None = None,
) -> None:
    """Records as a rich table, JSON Lines (each record's own dict) or CSV.

    ``derived`` computes the table and CSV columns that are not a field of the records.
    """
    rows = [record.to_dict() for record in records]
    if fmt == "json":
        for row in rows:
            print(json.dumps(row, ensure_ascii=False))
        return
    if derived:
        rows = [{**row, **{name: compute(row) for name, compute in derived.items()}} for row in rows]
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=list(columns), extrasaction="ignore")
        writer.writeheader()
        for row in rows:
            writer.writerow({c: _cell(row.get(c)) for c in columns})
        sys.stdout.write(buffer.getvalue())
        return
    if fmt != "table":
        raise ConfigError(f"--format {fmt!r}: expected table, json or csv")
    table = Table(title=title, show_lines=False, header_style="bold")
    for column in columns:
        if column in _WIDE:
            table.add_column(column, ratio=1, min_width=24, overflow="fold")
        else:
            table.add_column(column, no_wrap=True)
    for row in rows:
        table.add_row(*(_clip(_cell(row.get(c))) if c in _WIDE else _cell(row.get(c)) for c in columns))
    out.print(table)
    if not rows:
        out.print("[dim]No rows.[/dim]")


# Columns of running text: they take the remaining width, clipped, so short columns stay on one line.
_WIDE = frozenset({"title", "text", "sentence_text"})


def _clip(text: str, limit: int = 160) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _type(event: dict[str, Any]) -> str | None:
    """An event's PLOVER type, for its own column."""
    plover: dict[str, Any] | None = event.get("plover")
    return plover["type"] if plover else None


def _speaker(field: str) -> Callable[[dict[str, Any]], Any]:
    """A column of a quote's speaker."""
    return lambda quote: quote["speaker"][field] if quote.get("speaker") else None


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
        list[str], typer.Argument(help="Files, directories, page or feed URLs, JSONL or WARC files.")
    ],
    db: DbOption = None,
    kind: AsOption = None,
    include: Annotated[
        list[str] | None, typer.Option("--include", help="Glob for files in directories (repeatable).")
    ] = None,
    fetch_pages: Annotated[
        bool, typer.Option("--fetch-pages", help="Fetch an item's page when a feed carries only a summary.")
    ] = False,
    published: PublishedOption = None,
    title: TitleOption = None,
    outlet: OutletOption = None,
    no_analyze: Annotated[bool, typer.Option("--no-analyze", help="Store cleaned articles only.")] = False,
    min_chars: MinCharsOption = CleanOptions().min_body_chars,
    workers: Annotated[
        int, typer.Option("--workers", "-w", min=1, help="Analyse in N processes (one writer).")
    ] = 1,
    engine: Annotated[
        str, typer.Option("--engine", help="local (this machine) or dask (a Dask cluster, see --scheduler).")
    ] = "local",
    scheduler: Annotated[
        str | None,
        typer.Option(
            "--scheduler", help="Dask scheduler address (tcp://HOST:PORT); without it, a LocalCluster."
        ),
    ] = None,
) -> None:
    """Read articles, clean them, extract quotes and events, and store them.

    Re-ingesting the same input is a no-op; near-duplicates are stored with a link to the
    original and not analysed again; failures are listed and the run goes on.

    Example: parley ingest samples/ https://example.org/feed.xml --db sqlite:///news.db

    Example: parley ingest archive/ --workers 2, or --engine dask --scheduler tcp://10.0.0.5:8786
    """
    from contextlib import nullcontext

    from parley.ingest import IngestOptions
    from parley.ingest import ingest as run_ingest
    from parley.scale.engines import batch_size, open_analyzer

    options = IngestOptions(
        sources=_source_options(kind, include, fetch_pages),
        clean=CleanOptions(min_body_chars=min_chars),
        overrides=_overrides(published, title, outlet),
        analyze=not no_analyze,
        batch_size=batch_size(workers),
    )
    engine_context = nullcontext(None) if no_analyze else open_analyzer(engine, workers, scheduler)
    with open_store(db) as store, engine_context as analyzer, _progress("Ingesting") as advance:
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
    if report.failed and report.seen == len(report.failed):
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
        sources=_source_options(kind, None, False),
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


@app.command()
@edge
def articles(
    db: DbOption = None,
    search: Annotated[
        str | None, typer.Option("--search", "-s", help="Full-text search in titles and bodies.")
    ] = None,
    outlet: Annotated[str | None, typer.Option("--outlet", help="Only this outlet.")] = None,
    since: SinceOption = None,
    until: UntilOption = None,
    limit: LimitOption = 50,
    as_json: JsonOption = False,
) -> None:
    """List stored articles, newest first.

    Example: parley articles --search ceasefire --limit 10
    """
    with open_store(db) as store:
        rows = store.articles(
            search=search, outlet=outlet, since=_date(since), until=_date(until), limit=limit
        )
    columns = ["id", "published", "outlet", "title", "n_quotes", "n_events", "duplicate_of"]
    _print_rows(rows, columns, "json" if as_json else "table", title="Articles")


@app.command()
@edge
def show(
    article_id: Annotated[int, typer.Argument(help="Article id, as listed by `parley articles`.")],
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """Show one article with its actors, quotes and events.

    Example: parley show 3 --json
    """
    with open_store(db) as store:
        article = store.article(article_id).to_dict()
    if as_json:
        print(json.dumps(article, ensure_ascii=False))
        return
    _print_analysis(article)
    out.print(article["text"])


@app.command()
@edge
def stats(db: DbOption = None, as_json: JsonOption = False) -> None:
    """Counts of what the store holds.

    Example: parley stats --db sqlite:///demo.db
    """
    with open_store(db) as store:
        figures = store.stats().to_dict()
    if as_json:
        print(json.dumps(figures))
        return
    table = Table(title="Parley store", header_style="bold", show_header=False)
    table.add_column("what")
    table.add_column("count", justify="right")
    for key, value in figures.items():
        table.add_row(key.replace("_", " "), str(value if value is not None else ""))
    out.print(table)


@app.command()
@edge
def quotes(
    db: DbOption = None,
    speaker: Annotated[str | None, typer.Option("--speaker", help="Speaker name (case-insensitive).")] = None,
    country: Annotated[
        str | None, typer.Option("--country", help="Speaker's country, ISO 3166 alpha-3.")
    ] = None,
    search: Annotated[str | None, typer.Option("--search", "-s", help="Words in the quote.")] = None,
    since: SinceOption = None,
    until: UntilOption = None,
    limit: LimitOption = 50,
    fmt: FormatOption = "table",
) -> None:
    """List quotations with their speakers.

    Example: parley quotes --country RUS --since 2025-05-01 --format csv
    """
    with open_store(db) as store:
        rows = store.quotes(
            speaker=speaker,
            country=country,
            search=search,
            since=_date(since),
            until=_date(until),
            limit=limit,
        )
    columns = ["id", "published", "speaker_name", "speaker_country", "kind", "cue", "text", "article_id"]
    by_speaker = {"speaker_name": _speaker("name"), "speaker_country": _speaker("country")}
    _print_rows(rows, columns, fmt, title="Quotes", derived=by_speaker)


@app.command()
@edge
def events(
    db: DbOption = None,
    source: Annotated[
        str | None, typer.Option("--source", help="Source actor: ISO3 country, actor code or name.")
    ] = None,
    target: Annotated[
        str | None, typer.Option("--target", help="Target actor: ISO3 country, actor code or name.")
    ] = None,
    event_type: Annotated[str | None, typer.Option("--type", help="PLOVER type, e.g. THREATEN.")] = None,
    cameo: Annotated[
        str | None, typer.Option("--cameo", help="CAMEO code or prefix, e.g. 13 or 0871.")
    ] = None,
    since: SinceOption = None,
    until: UntilOption = None,
    limit: LimitOption = 50,
    fmt: FormatOption = "table",
) -> None:
    """List coded events: who did what to whom, and when.

    Example: parley events --source USA --type THREATEN --since 2025-05-01
    """
    with open_store(db) as store:
        rows = store.events(
            source=source,
            target=target,
            type=event_type.upper() if event_type else None,
            cameo=cameo,
            since=_date(since),
            until=_date(until),
            limit=limit,
        )
    columns = ["id", "date", "source", "target", "cameo", "type", "flags", "sentence_text"]
    _print_rows(rows, columns, fmt, title="Events", derived={"type": _type, "flags": _flags})


@app.command()
@edge
def dyad(
    a: Annotated[str, typer.Argument(help="First actor: ISO3 country, actor code or name.")],
    b: Annotated[str, typer.Argument(help="Second actor.")],
    db: DbOption = None,
    bucket: Annotated[str, typer.Option("--bucket", help=f"Period: {', '.join(BUCKETS)}.")] = "week",
    fmt: FormatOption = "table",
) -> None:
    """Events between two actors over time: cooperation and conflict per period.

    Example: parley dyad RUS UKR --bucket month
    """
    with open_store(db) as store:
        rows = store.dyad(a, b, bucket=bucket)
    columns = ["period", "cooperation", "conflict", "a_to_b", "b_to_a"]
    _print_rows(rows, columns, fmt, title=f"{a} and {b}")


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
    split: Annotated[str, typer.Option("--split", help="PolNeAR split: train or dev.")] = "dev",
) -> None:
    """Score Parley on gold data: quotes, events, actors and cleaning; PLOVER event types;
    quotation attribution on PolNeAR.

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
    fmt: Annotated[str, typer.Option("--format", "-f", help="jsonl, csv or parquet.")] = "jsonl",
    schema: Annotated[
        str, typer.Option("--schema", help="parley (articles with their records), gdelt or plover (events).")
    ] = "parley",
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="File to write (stdout when omitted, except Parquet)."),
    ] = None,
    source: Annotated[
        str | None, typer.Option("--source", help="Events' source actor (gdelt, plover).")
    ] = None,
    target: Annotated[
        str | None, typer.Option("--target", help="Events' target actor (gdelt, plover).")
    ] = None,
    event_type: Annotated[str | None, typer.Option("--type", help="PLOVER type (gdelt, plover).")] = None,
    cameo: Annotated[str | None, typer.Option("--cameo", help="CAMEO code prefix (gdelt, plover).")] = None,
    search: Annotated[str | None, typer.Option("--search", "-s", help="Full-text search (parley).")] = None,
    outlet: Annotated[str | None, typer.Option("--outlet", help="Only this outlet (parley).")] = None,
    since: SinceOption = None,
    until: UntilOption = None,
) -> None:
    """Export the dataset as JSON Lines, CSV or Parquet, in Parley's, GDELT's or PLOVER's shape.

    Example: parley export --schema gdelt --format csv --source RUS -o events.csv
    """
    from parley.export import ExportFilters
    from parley.export import export as run_export

    filters = ExportFilters(
        source=source,
        target=target,
        type=event_type.upper() if event_type else None,
        cameo=cameo,
        since=_date(since),
        until=_date(until),
        search=search,
        outlet=outlet,
    )
    with open_store(db) as store:
        written = run_export(store, fmt, schema, output if output else sys.stdout, filters)
    if output:
        err.print(f"{written} rows written to {output}", highlight=False)


@app.command()
@edge
def serve(
    db: DbOption = None,
    host: Annotated[str, typer.Option("--host", help="Address to bind (loopback by default).")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", help="Port to listen on.")] = 8000,
    allow_ingest: Annotated[
        bool, typer.Option("--allow-ingest", help="Enable POST /api/ingest (needs PARLEY_TOKEN).")
    ] = False,
    allow_private_urls: Annotated[
        bool,
        typer.Option("--allow-private-urls", help="Let /api/ingest fetch private and loopback addresses."),
    ] = False,
) -> None:
    """Browse the store in a web app with a JSON API (read-only by default).

    Example: parley serve --db sqlite:///demo.db --port 8000
    """
    import os

    from parley.web.serve import serve as run_server

    if allow_ingest and not os.environ.get("PARLEY_TOKEN"):
        raise ConfigError("--allow-ingest needs a bearer token in PARLEY_TOKEN")
    err.print(f"Serving {db_url(db)} at http://{host}:{port}/ (Ctrl+C to stop)", highlight=False)
    run_server(
        db_url(db), host=host, port=port, allow_ingest=allow_ingest, allow_private_urls=allow_private_urls
    )


def main() -> None:
    """Entry point of the ``parley`` console script."""
    app()


if __name__ == "__main__":
    main()
