"""The ``policykg`` command: one thin command per stage over the public API."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

import policykg as api
from policykg.buildfiles import parse_shard
from policykg.describe import DEFAULT_LICENSE
from policykg.errors import EXIT_FAILED, EXIT_OK, EXIT_USAGE, PolicyKGError

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    help="Turn Chinese policy documents into a knowledge graph; query it; explore it.",
)
err = Console(stderr=True, soft_wrap=True)
out = Console(soft_wrap=True)

GraphDir = Annotated[Path, typer.Option("--graph", "-g", help="folder written by `build --out`")]
Formats = ("table", "csv", "json")


def _params(pairs: list[str] | None) -> dict[str, str]:
    """--param key=value options as a mapping (a value may itself contain '=')."""
    found: dict[str, str] = {}
    for pair in pairs or []:
        key, equals, value = pair.partition("=")
        if not equals or not key.strip():
            raise typer.BadParameter(
                f"{pair!r} is not key=value (e.g. --param agency=区人社局)", param_hint="--param")
        found[key.strip()] = value
    return found


def _version(show: bool) -> None:
    if show:
        out.print(f"policykg {api.__version__}", highlight=False)
        raise typer.Exit(EXIT_OK)


@app.callback()
def main(
    version: Annotated[bool, typer.Option(
        "--version", callback=_version, is_eager=True, help="print the version and exit")] = False,
) -> None:
    """Turn Chinese policy documents into a knowledge graph; query it; explore it."""


def _fail(exc: PolicyKGError) -> typer.Exit:
    err.print(f"[red]error:[/red] {exc}", markup=True, highlight=False)
    return typer.Exit(exc.exit_code)


@app.command()
def build(
    docs: Annotated[list[Path], typer.Argument(help="files or folders of documents")],
    out_dir: Annotated[Path, typer.Option("--out", "-o", help="output folder")] = Path("build"),
    jobs: Annotated[int | None, typer.Option(help="worker processes (default: by size)")] = None,
    views: Annotated[bool, typer.Option(help="also write the HTML views to OUT/views")] = True,
    shard: Annotated[
        str | None, typer.Option(help="build only shard i of n (i/n, 1 <= i <= n), by file name")
    ] = None,
    license_iri: Annotated[str, typer.Option(
        "--license", help="IRI of the data's licence, stated in OUT/void.ttl")] = DEFAULT_LICENSE,
) -> None:
    """Build the graph, the embedded store, the answers and the build report."""
    try:
        part = parse_shard(shard) if shard else None
    except ValueError as exc:
        err.print(f"error: {exc}", highlight=False, markup=False)
        raise typer.Exit(EXIT_USAGE) from None
    missing = [str(path) for path in docs if not path.exists()]
    if missing:  # a mistyped path: nothing is built, and the report is not overwritten
        err.print(f"error: no such file or folder: {', '.join(missing)}",
                  highlight=False, markup=False)
        raise typer.Exit(EXIT_USAGE)
    columns = (
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
    )
    with Progress(*columns, console=err, transient=True, disable=not err.is_terminal) as bar:
        task = bar.add_task("extracting", total=None)

        def tick(done: int, total: int, path: str) -> None:
            bar.update(task, completed=done, total=total, description=Path(path).name[:40])

        report = api.build_corpus(
            docs, out_dir, jobs=jobs, progress=tick, views=views, shard=part,
            license_iri=license_iri,
        )
    for doc in report.documents:
        if doc.status in ("failed", "duplicate"):
            err.print(f"{doc.path}: {doc.status}: {doc.problem}", highlight=False, markup=False)
    built = sum(d.status in ("built", "unchanged") for d in report.documents)
    totals = ", ".join(f"{k} {v}" for k, v in report.totals().items())
    out.print(f"{built} documents in {report.seconds:.2f}s, {report.triples} triples: {totals}")
    out.print(f"report: {out_dir / 'report.json'}", highlight=False)
    raise typer.Exit(EXIT_FAILED if report.failed else EXIT_OK)


@app.command()
def query(
    name: Annotated[str | None, typer.Argument(help="canned query name or a .rq file")] = None,
    sparql: Annotated[str | None, typer.Option("--sparql", help="SPARQL text to run")] = None,
    graph: GraphDir = Path("build"),
    param: Annotated[list[str] | None, typer.Option("--param", "-p", help="key=value")] = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="table, csv or json")] = "table",
    endpoint: Annotated[str | None, typer.Option(help="remote SPARQL endpoint URL")] = None,
    limit: Annotated[int | None, typer.Option(help="at most this many rows (a page)")] = None,
    offset: Annotated[int, typer.Option(help="skip this many rows first")] = 0,
) -> None:
    """Run a canned query, a .rq file or SPARQL text; print table, CSV or JSON."""
    if fmt not in Formats or (name is None) == (sparql is None):
        err.print("give a query NAME or FILE, or --sparql TEXT; --format is table, csv or json")
        raise typer.Exit(EXIT_USAGE)
    params = _params(param)
    try:
        text = name or sparql or ""
        result = api.run_query(text, graph, params, endpoint=endpoint, limit=limit, offset=offset)
    except PolicyKGError as exc:
        raise _fail(exc) from None
    sys.stdout.write(api.format_rows(result.rows, result.columns, fmt))
    for found in result.resolutions:
        if not found.iris:
            close = "; ".join(s.label for s in found.suggestions) or "none"
            err.print(f"no {found.param} matches {found.value!r}; close names: {close}",
                      highlight=False, markup=False)


@app.command("queries")
def list_queries() -> None:
    """List the canned queries with their descriptions and parameters."""
    for q in api.canned_queries():
        params = ", ".join(q.params) or "no parameters"
        out.print(f"[bold]{q.name}[/bold] — {q.title} ({params})", highlight=False)
        out.print(f"    {q.description}", highlight=False, markup=False)


@app.command()
def viz(
    graph: GraphDir = Path("build"),
    out_dir: Annotated[Path, typer.Option("--out", "-o", help="folder for the HTML views")] = Path(
        "build/views"
    ),
) -> None:
    """Write the offline interactive HTML views."""
    try:
        pages = api.render_views(graph, out_dir)
    except PolicyKGError as exc:
        raise _fail(exc) from None
    out.print(f"{len(pages)} pages in {out_dir}; open {out_dir / 'index.html'}", highlight=False)


@app.command()
def validate(graph: GraphDir = Path("build")) -> None:
    """Check the graph against the SHACL shapes; exit 1 when it does not conform."""
    try:
        conforms, text = api.validate_graph(graph)
    except PolicyKGError as exc:
        raise _fail(exc) from None
    out.print(text, highlight=False, markup=False)
    raise typer.Exit(EXIT_OK if conforms else EXIT_FAILED)


@app.command()
def stats(graph: GraphDir = Path("build")) -> None:
    """Counts of documents, tasks, agencies, groups and indicators."""
    try:
        counts = api.graph_stats(graph)
    except PolicyKGError as exc:
        raise _fail(exc) from None
    for key, value in counts.items():
        out.print(f"{key:>20}  {value}", highlight=False)


@app.command()
def serve(
    graph: GraphDir = Path("build"),
    port: Annotated[int, typer.Option(help="port of the workbench (0: any free port)",
                                      min=0, max=65535)] = 7878,
    host: Annotated[str, typer.Option(help="address to bind (loopback by default)")] = "127.0.0.1",
    timeout: Annotated[int, typer.Option(help="query time-out in seconds")] = 30,
    writable: Annotated[bool, typer.Option(help="accept SPARQL Update and pushes")] = False,
) -> None:
    """Serve the graph with Oxigraph (read-only) and the workbench; Ctrl-C stops both."""
    try:
        bench = api.serve_workbench(graph, host=host, port=port, timeout_s=timeout,
                                    writable=writable)
    except PolicyKGError as exc:
        raise _fail(exc) from None
    out.print(f"workbench {bench.url}  SPARQL {bench.sparql_url}  (Ctrl-C stops)", highlight=False)
    try:
        bench.wait()
    except KeyboardInterrupt:
        pass
    finally:
        bench.stop()


@app.command()
def push(
    endpoint: Annotated[str, typer.Option(help="Graph Store Protocol URL, e.g. http://host/store")],
    graph: GraphDir = Path("build"),
) -> None:
    """Send each document's graph to a SPARQL Graph Store endpoint (one named graph each)."""
    try:
        count = api.push_graph(graph, endpoint)
    except PolicyKGError as exc:
        raise _fail(exc) from None
    out.print(f"{count} document graphs pushed to {endpoint}", highlight=False)


@app.command()
def export(
    out_file: Annotated[Path, typer.Option("--out", "-o", help="file to write")],
    fmt: Annotated[str, typer.Option("--format", "-f", help="turtle, ntriples, nquads, trig, "
                                     "jsonld, graphml, gexf, csv or xlsx")] = "turtle",
    graph: GraphDir = Path("build"),
    query: Annotated[str | None, typer.Option(help="canned query (csv, xlsx)")] = None,
    param: Annotated[list[str] | None, typer.Option("--param", "-p", help="key=value")] = None,
) -> None:
    """Export the graph (RDF), the agency network (GraphML, GEXF) or a query (CSV, XLSX)."""
    params = _params(param)
    try:
        path = api.export_graph(graph, fmt, out_file, query=query, params=params)
    except PolicyKGError as exc:
        raise _fail(exc) from None
    out.print(f"wrote {path}", highlight=False)
