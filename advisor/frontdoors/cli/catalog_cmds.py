"""`advisor ingest`, `advisor search`, `advisor index stats|verify|rebuild`."""
from __future__ import annotations

from pathlib import Path

import typer

from advisor.frontdoors.cli.common import emit_json, fail, get_advisor

index_app = typer.Typer(help="Inspect and repair the vector index.", no_args_is_help=True)


def ingest_cmd(
    path: Path = typer.Argument(..., help="Image folder (optional same-name .txt captions) or a JSONL/CSV manifest."),
    domain: str | None = typer.Option(None, "--domain", "-d", help="Catalog domain for every item."),
    as_json: bool = typer.Option(False, "--json", help="Print a JSON summary on stdout."),
    engine: str = typer.Option("local", "--engine", help="'local' (this process) or 'ray' (a Ray cluster embeds)."),
    address: str | None = typer.Option(None, "--address", help="Ray cluster address (ray://host:10001); "
                                                                "default: a local Ray cluster."),
    workers: int = typer.Option(2, "--workers", min=1, max=4096, help="Ray encoder actors (one model each)."),
) -> None:
    """Add images and captions to the catalog (database + index). Bad rows are named and skipped."""
    from advisor.core.ingest import IngestError  # noqa: PLC0415 - commands load the product when they run, so `advisor --help` stays fast

    if engine not in ("local", "ray"):
        fail(f"--engine must be 'local' or 'ray', not {engine!r}", as_json=as_json)
    advisor = get_advisor()
    try:
        if engine == "ray":
            from advisor.core.ingest_ray import RayIngestOptions, ingest_with_ray  # noqa: PLC0415 - commands load the product when they run, so `advisor --help` stays fast

            report = ingest_with_ray(advisor, path, domain=domain,
                                     options=RayIngestOptions(address=address, workers=workers))
        else:
            report = advisor.ingest(path, domain=domain, progress=not as_json)
    except IngestError as exc:
        fail(str(exc), as_json=as_json)
    except ImportError as exc:  # --engine ray without the 'scale' extra
        fail(f"{exc}; install the scale extra: pip install 'smart-advisor[scale]'", as_json=as_json)
    if as_json:
        emit_json({"added": report.added, "duplicates": report.duplicates, "skipped": [s.model_dump() for s in report.skipped],
                   "ids": report.ids, "seconds": report.seconds})
    else:
        typer.echo(f"added {report.added} item(s), {report.duplicates} duplicate(s) skipped, "
                   f"{len(report.skipped)} problem(s), in {report.seconds:.1f}s", err=True)
        for skipped in report.skipped:
            typer.echo(f"  skipped {skipped.source}: {skipped.reason}", err=True)
        typer.echo(f"catalog now holds {advisor.store.count_items()} item(s)")


def search_cmd(
    text: str | None = typer.Argument(None, help="What to look for."),
    image: Path | None = typer.Option(None, "--image", "-i", help="An image to search by (alone or with TEXT)."),
    k: int = typer.Option(10, "--k", "-k", min=1, max=1000, help="How many results."),
    domain: str | None = typer.Option(None, "--domain", "-d", help="Only this catalog domain."),
    as_json: bool = typer.Option(False, "--json", help="Print {\"results\": [...]} on stdout."),
) -> None:
    """Search the catalog by text, image, or both."""
    from advisor.application.facade import AdvisorError  # noqa: PLC0415 - commands load the product when they run, so `advisor --help` stays fast

    if image is not None and not image.exists():
        fail(f"{image}: file not found", as_json=as_json)
    advisor = get_advisor()
    try:
        hits = advisor.search(text=text, image=str(image) if image else None, k=k, domain=domain)
    except AdvisorError as exc:
        fail(str(exc), as_json=as_json)
    if as_json:
        emit_json({"results": [h.model_dump(include={"id", "score", "image", "caption", "metadata", "domain"}) for h in hits]})
        return
    if not hits:
        typer.echo("no results")
    for rank, hit in enumerate(hits, 1):
        typer.echo(f"{rank:>3}. {hit.score:.3f}  #{hit.id}  {hit.caption}  ({hit.image})")


@index_app.command("stats")
def index_stats(as_json: bool = typer.Option(False, "--json")) -> None:
    """Items, vectors, index kind and dimension."""
    report = get_advisor().index_report()
    payload = report.model_dump() | {"agree": report.agree}
    if as_json:
        emit_json(payload)
    else:
        typer.echo(f"items {report.items}, vectors {report.vectors}, kind {report.kind or '-'}, dim {report.dim or '-'}, "
                   f"encoder {report.encoder}, {'in agreement' if report.agree else 'NOT in agreement'}")


@index_app.command("verify")
def index_verify(as_json: bool = typer.Option(False, "--json")) -> None:
    """Check that the index and the database agree; exit 1 when they do not."""
    advisor = get_advisor()
    catalog = advisor.catalog  # opening recovers from interrupted writes (crashed ingests), and only those
    # otherwise verify must not silently repair: compare the file on disk with the database
    from indexes import VectorIndexError  # noqa: PLC0415 - commands load the product when they run, so `advisor --help` stays fast

    items = set(advisor.store.item_ids())
    try:
        vectors = set(catalog.load_saved().ids().tolist()) if catalog.path.exists() else set()
        problem = None
    except VectorIndexError as exc:
        vectors, problem = set(), str(exc)
    missing, orphans = sorted(items - vectors), sorted(vectors - items)
    agree = not missing and not orphans and problem is None
    payload = {"agree": agree, "items": len(items), "vectors": len(vectors), "missing_from_index": missing[:100],
               "orphans_in_index": orphans[:100], "problem": problem}
    if as_json:
        emit_json(payload)
    else:
        typer.echo("index and database agree" if agree else
                   f"MISMATCH: {len(missing)} item(s) missing from the index, {len(orphans)} orphan vector(s)"
                   + (f"; {problem}" if problem else "") + " — run `advisor index rebuild`")
    raise typer.Exit(0 if agree else 1)


@index_app.command("rebuild")
def index_rebuild(as_json: bool = typer.Option(False, "--json")) -> None:
    """Rebuild the index from the database (re-embedding items that have no stored vector)."""
    report = get_advisor().rebuild_index(progress=not as_json)
    if as_json:
        emit_json(report.model_dump() | {"agree": report.agree})
    else:
        typer.echo(f"rebuilt: {report.vectors} vector(s) for {report.items} item(s); "
                   f"{'in agreement' if report.agree else f'{len(report.missing_from_index)} item(s) could not be embedded'}")


def register(app: typer.Typer) -> None:
    app.command("ingest")(ingest_cmd)
    app.command("search")(search_cmd)
    app.add_typer(index_app, name="index")
