"""Build: read a folder, run every stage batch by batch, package a release.

The build streams: a batch of pages is read, passed through the stages, and its
records, quarantine entries and removals are appended to JSONL files in a staging
folder. Only when everything is written does the staging folder replace
``dist/<name>/<version>``, and a different existing release is never overwritten
without ``--force``.
"""

from __future__ import annotations

import json
import os
import platform
import re
import shutil
import sys
import unicodedata
from collections import Counter
from dataclasses import asdict, dataclass, field
from importlib import metadata
from pathlib import Path
from typing import IO

from tqdm import tqdm

import pipeline
from pipeline import card, changes, croissant, figures, package, verify
from pipeline.config import HUMAN_FIELDS, Config
from pipeline.corpus_stats import CorpusStats
from pipeline.doc import Doc
from pipeline.errors import UserError
from pipeline.readers import input_files, known_pages, read_sources
from pipeline.stage import RunStats, StageResult, batched, run_batch
from pipeline.stages import default_stages

# Libraries whose versions shape the bytes of a release (text, tables, card, figures).
LIBRARIES = ("trafilatura", "datasets", "ftfy", "langdetect", "jsonschema", "charset-normalizer", "pyarrow",
             "htmldate", "dateparser", "PyYAML", "matplotlib")


@dataclass
class BuildSummary:
    release: Path
    status: str  # written | unchanged | replaced | restored: …
    inputs: int
    records: int
    quarantined: Counter[str] = field(default_factory=Counter)
    removal_rules: Counter[str] = field(default_factory=Counter)
    warnings: list[str] = field(default_factory=list)


class Sinks:
    """The three JSONL streams of a build, opened in the staging folder."""

    def __init__(self, work: Path) -> None:
        self.files: dict[str, IO[str]] = {
            n: (work / f"{n}.jsonl").open("w", encoding="utf-8") for n in ("records", "quarantine", "removals")
        }

    def write(self, name: str, row: dict) -> None:
        self.files[name].write(json.dumps(row, ensure_ascii=False, sort_keys=True) + "\n")

    def close(self) -> None:
        for fh in self.files.values():
            fh.close()


def check_paths(input_dir: Path, output_root: Path) -> None:
    if not input_dir.exists():
        raise UserError(f"{input_dir}: input folder not found")
    if not input_dir.is_dir():
        raise UserError(f"{input_dir}: input is not a folder")
    if output_root.exists() and not output_root.is_dir():
        raise UserError(f"{output_root}: output path is a file, not a folder")
    for folder in output_root.parents:  # "out/a.txt/sub": a file on the way
        if folder.exists():
            if not folder.is_dir():
                raise UserError(f"{output_root}: output path runs through a file, {folder}")
            break
    if output_root.resolve().is_relative_to(input_dir.resolve()):
        # the build would read its own work files and earlier releases as pages
        raise UserError(f"{output_root}: output folder is inside the input folder {input_dir}; put it beside it")


def library_versions() -> dict[str, str]:
    """Versions of the project's runtime dependencies (from its installed metadata) and LIBRARIES."""
    try:
        requires = metadata.requires("presscorpus") or []
    except metadata.PackageNotFoundError:  # run from a source tree that was never installed
        requires = []
    names = {re.match(r"[A-Za-z0-9._-]+", r).group(0) for r in requires if "extra ==" not in r}
    names = {n.lower().replace("_", "-") for n in names | set(LIBRARIES)}
    return {name: metadata.version(name) for name in sorted(names)}


def input_digest(records: Path, quarantine: Path) -> list[dict[str, str]]:
    """(path, sha256) of every input; rows are streamed, so texts are never held in memory."""
    pairs = set()
    for path in (records, quarantine):
        with path.open(encoding="utf-8") as fh:
            pairs.update((r["source_path"], r["source_sha256"]) for r in map(json.loads, fh))
    return [{"path": p, "sha256": h} for p, h in sorted(pairs)]


def build_info(config: Config, work: Path) -> dict:
    return {
        "name": config.name,
        "version": config.version,
        "config_sha256": config.digest,
        "code_version": f"presscorpus {pipeline.__version__}",
        # major.minor only: the Unicode tables (NFC, str.split) change with it, not with patch releases.
        "python": ".".join(platform.python_version_tuple()[:2]),
        "unicode": unicodedata.unidata_version,
        "libraries": library_versions(),
        "inputs": input_digest(work / "records.jsonl", work / "quarantine.jsonl"),
    }


def learn_site_templates(stages: list, input_dir: Path, batch_size: int) -> None:
    """Pre-pass (streaming): the stages before Clean read and repair every page, and Clean
    counts their lines per site, so lines repeated across a site's pages go as template."""
    from pipeline.stages.clean import Clean

    clean = next((s for s in stages if isinstance(s, Clean)), None)
    if clean is not None:
        head = stages[: stages.index(clean)]
        # Templates are learnt from text pages only: HTML is not read twice.
        text_pages = (doc for doc in read_sources(input_dir) if is_text_page(doc))
        clean.learn_templates(doc for batch in batched(text_pages, batch_size)
                              for doc in run_batch(head, batch, RunStats()).docs)


def is_text_page(doc: Doc) -> bool:
    return doc.source_format == "txt" or doc.hints.get("markup") == "text"


def run_stages(config: Config, input_dir: Path, sinks: Sinks, progress: bool) -> tuple[RunStats, CorpusStats, int]:
    stages, stats, corpus = default_stages(config), RunStats(), CorpusStats()
    files = list(input_files(input_dir))  # listed once: a big corpus is a long walk
    inputs = len(files)
    learn_site_templates(stages, input_dir, config.batch_size)
    # pages, not files: a WARC holds many (the bar then counts up without a total)
    with tqdm(total=known_pages(files), unit="page", desc="building", disable=not progress,
              file=sys.stderr) as bar:
        for batch in batched(read_sources(input_dir), config.batch_size):
            result: StageResult = run_batch(stages, batch, stats)
            for doc in result.docs:
                record = doc.to_record()
                corpus.add(record)
                sinks.write("records", record)
            for entry in result.quarantined:
                sinks.write("quarantine", asdict(entry))
            for removal in result.removals:
                sinks.write("removals", asdict(removal))
            bar.update(len(batch))
    return stats, corpus, inputs


def build(config: Config, input_dir: Path, output_root: Path, *, force: bool = False,
          progress: bool = True) -> BuildSummary:
    check_paths(input_dir, output_root)
    release = output_root / config.name / config.version
    for path in (release.parent, release):
        if path.exists() and not path.is_dir():
            raise UserError(f"{path}: a file stands where the release folder goes; move it away")
    staging = release.parent / f".{config.version}.tmp-{os.getpid()}"
    remove_stale_work(release.parent)
    try:
        (staging / "work").mkdir(parents=True)
    except OSError as exc:  # read-only disk, /proc, no permission
        raise UserError(f"{output_root}: cannot write there: {exc.strerror}") from None
    try:
        sinks = Sinks(staging / "work")
        try:
            stats, corpus, inputs = run_stages(config, input_dir, sinks, progress)
        finally:
            sinks.close()
        out = staging / "release"
        warnings = package_release(config, staging / "work", out, release.parent, (stats, corpus, inputs))
        status = install(out, release, force)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return BuildSummary(
        release=release, status=status, inputs=inputs, records=corpus.records,
        quarantined=stats.quarantined, removal_rules=stats.removal_rules,
        warnings=warnings + missing_answers(config),
    )


STAGING = re.compile(r"^\.(?P<name>.+)\.(?:tmp|old)-(?P<pid>\d+)$")


def remove_stale_work(dataset_root: Path) -> None:
    """Delete the work folders of builds that are gone (killed before they could clean up:
    their page texts stay on disk otherwise); a running build's are left alone."""
    for path in dataset_root.glob(".*-*") if dataset_root.is_dir() else []:
        m = STAGING.match(path.name)
        if m and path.is_dir() and not running(int(m["pid"])):
            shutil.rmtree(path, ignore_errors=True)


def running(pid: int) -> bool:
    if pid == os.getpid():
        return False  # this process's own name, left by an earlier run that had the same pid
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # another user's process
    return True


def missing_answers(config: Config) -> list[str]:
    warnings = [f"dataset.toml does not give the {f}" for f in config.missing_human_fields()]
    core = {dotted.split(".", 1)[1] for dotted in HUMAN_FIELDS}  # already warned about above
    others = [k for k in card.unanswered(config) if k not in core]
    if others:
        warnings.append(f"{len(others)} datasheet questions have no answer in dataset.toml: {', '.join(others)}")
    return warnings


def package_release(config: Config, work: Path, out: Path, dataset_root: Path,
                    measured: tuple[RunStats, CorpusStats, int]) -> list[str]:
    """Write every file of the release into ``out``; return warnings (e.g. a too-small version bump)."""
    stats, corpus, inputs = measured
    tables = package.save_tables(work, out, config.name, config.version)
    facts = card.Facts(config=config, corpus=corpus, run=stats, inputs=inputs, tables=tables,
                       rows={package.RECORDS.split: corpus.records,
                             package.QUARANTINE.split: sum(stats.quarantined.values())},
                       parquet_bytes={t.split: (out / t.parquet).stat().st_size for t in tables},
                       figures=figures.draw_all(corpus, out))
    package.write_json(out / "build_info.json", build_info(config, work))
    previous = changes.previous_release(dataset_root, config.version)
    warnings = []
    try:
        diff = changes.compare(previous, out) if previous else None
    except UserError as exc:  # a damaged earlier release does not stop a new one
        diff = None
        warnings.append(f"no changelog diff: {exc}")
    (out / changes.CHANGELOG).write_text(changes.changelog(config.name, config.version, diff, previous,
                                                           corpus.records), encoding="utf-8")
    facts.changelog = changelog_line(diff)
    (out / "CITATION.cff").write_text(card.citation_cff(config), encoding="utf-8")
    (out / "README.md").write_text(card.render(facts), encoding="utf-8")
    croissant.write(out / croissant.FILE, croissant.build(config, out, tables, facts.rows, corpus, stats))
    package.write_manifest(out)
    warning = diff.bump_warning() if diff else None
    return warnings + ([warning] if warning else [])


def damaged(release: Path) -> bool:
    """Whether a release's files differ from its own manifest (``verify``'s checksum check)."""
    report = verify.Report(root=release)
    verify.check_manifest(release, report)
    return not report.ok


def changelog_line(diff: changes.ReleaseDiff | None) -> str:
    if diff is None:
        return "First release."
    return (f"Against {diff.old_version}: {changes.plural(len(diff.added), 'record')} added, "
            f"{len(diff.removed)} removed, "
            f"{len(diff.changed)} changed" + (", schema changed." if diff.schema else "."))


def install(built: Path, release: Path, force: bool) -> str:
    """Move a finished build into place, refusing to overwrite a different release."""
    if not release.exists():
        built.rename(release)
        return "written"
    old, new = package.read_manifest(release), package.read_manifest(built)
    if old == new:
        if damaged(release):  # the same release, its files since damaged: put the published bytes back
            swap(built, release)
            return "restored: files on disk differed from its manifest"
        return "unchanged"
    if not force:
        files = sorted({name for name, _ in set(old.items()) ^ set(new.items())})
        raise UserError(
            f"{release} already holds a different build ({len(files)} files differ, e.g. {files[0]}); "
            "bump the version in dataset.toml, or pass --force to replace it"
        )
    swap(built, release)
    return "replaced"


def swap(built: Path, release: Path) -> None:
    """Put ``built`` in the place of ``release`` by two renames, so that the release folder is
    always either the old one or the new one, whole; the old one is deleted last."""
    retired = release.with_name(f".{release.name}.old-{os.getpid()}")
    release.rename(retired)
    try:
        built.rename(release)
    except OSError:
        retired.rename(release)
        raise
    shutil.rmtree(retired, ignore_errors=True)
