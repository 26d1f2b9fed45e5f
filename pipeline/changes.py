"""What changed between two releases, and whether the version bump says so.

Records are matched by ``id`` first; a record whose id disappeared is then matched by
``source_path`` (an edited page keeps its path but gets a new id, since ids come from the
source bytes), so an edit shows as one changed record, not one removed plus one added.
Two matched records differ when their content hashes differ; the fields that differ are
counted. Memory grows with the number of records (an id and a short hash each), never
with their text.

Semantic versioning for data: a schema change needs a major bump, records added or
removed a minor one, corrected values (or a different quarantine) a patch.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from datasets import Features, List, Value

from pipeline.errors import UserError, first_line
from pipeline.package import QUARANTINE, RECORDS, Table

BUMPS = ("none", "patch", "minor", "major")
LIST_LIMIT = 50  # ids listed per kind of change; the counts are always complete
VERSION = re.compile(r"^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$")


def parse_version(text: str) -> tuple[int, int, int]:
    match = VERSION.match(text)
    if not match:
        raise UserError(f"{text!r} is not a version of the form MAJOR.MINOR.PATCH")
    major, minor, patch = (int(g) for g in match.groups())
    return major, minor, patch


def bump_between(old: str, new: str) -> str:
    """``major``, ``minor``, ``patch``, ``none`` (same number) or ``downgrade``."""
    a, b = parse_version(old), parse_version(new)
    if b < a:
        return "downgrade"
    for level, x, y in zip(("major", "minor", "patch"), a, b, strict=True):
        if y > x:
            return level
    return "none"


def next_version(old: str, level: str) -> str:
    major, minor, patch = parse_version(old)
    bumped = {"major": (major + 1, 0, 0), "minor": (major, minor + 1, 0), "patch": (major, minor, patch + 1)}[level]
    return ".".join(str(n) for n in bumped)


def previous_release(dataset_root: Path, version: str) -> Path | None:
    """The release ``version`` is compared with: the highest complete release below it in
    ``dist/<name>/``, or, when ``version`` was built before, the one its changelog was compared
    with then (a lower version added since must not change the bytes of a rebuild)."""
    target = parse_version(version)
    lower = {p.name: p for p in dataset_root.iterdir()
             if p.is_dir() and VERSION.match(p.name) and (p / "dataset_dict.json").exists()
             and parse_version(p.name) < target} if dataset_root.is_dir() else {}
    if (pinned := compared_with(dataset_root / version)) is not None:
        return lower.get(pinned) if pinned else None
    return lower[max(lower, key=parse_version)] if lower else None


def compared_with(release: Path) -> str | None:
    """The version an existing release's CHANGELOG.md compares it with ("" for a first release,
    None when there is no such release): the second "## <version>" heading of its changelog."""
    path = release / CHANGELOG
    if not path.is_file():
        return None
    headings = re.findall(r"^## (\S+)$", path.read_text(encoding="utf-8", errors="replace"), re.M)
    return headings[1] if len(headings) > 1 else ""


def digest(value: Any, size: int = 16) -> bytes:
    """A content hash of any JSON-like value (raw bytes: a third of the memory of hex)."""
    blob = json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    return hashlib.sha256(blob).digest()[:size]


def has_value(value: Any) -> bool:
    return value not in (None, "", [], {})


def rows(table: Table, root: Path) -> Iterator[dict[str, Any]]:
    try:
        ds = table.load(root)
    except (FileNotFoundError, ValueError) as exc:
        raise UserError(f"{root}: cannot load {table.arrow_dir}/: {exc}") from None
    for batch in ds.iter(batch_size=256):
        names = list(batch)
        for values in zip(*(batch[n] for n in names), strict=True):
            yield dict(zip(names, values, strict=True))


def describe(feature: Any) -> str:
    """A short type name for a feature: ``string``, ``list<string>``, ``struct<a: int64>``."""
    if isinstance(feature, Value):
        return feature.dtype
    if isinstance(feature, List):
        return f"list<{describe(feature.feature)}>"
    if isinstance(feature, dict):
        return "struct<" + ", ".join(f"{k}: {describe(v)}" for k, v in feature.items()) + ">"
    return type(feature).__name__


def schema_changes(old: Features, new: Features, table: str) -> list[str]:
    out = [f"{table}: field `{n}` added ({describe(new[n])})" for n in new if n not in old]
    out += [f"{table}: field `{n}` removed" for n in old if n not in new]
    out += [f"{table}: field `{n}` changed type: {describe(old[n])} → {describe(new[n])}"
            for n in new if n in old and describe(old[n]) != describe(new[n])]
    return out


@dataclass
class Side:
    """One release's records, reduced to what matching needs."""

    by_id: dict[str, tuple[str, bytes]] = field(default_factory=dict)  # id → (source_path, content hash)
    filled: Counter[str] = field(default_factory=Counter)  # field → records with a value
    records: int = 0


def index(table: Table, root: Path) -> Side:
    side = Side()
    for row in rows(table, root):
        side.records += 1
        side.by_id[row["id"]] = (row["source_path"], digest(row))
        side.filled.update(name for name, value in row.items() if has_value(value))
    return side


def match(old: Side, new: Side) -> tuple[list[tuple[str, str]], list[str], list[str]]:
    """(pairs of old id and new id, removed ids, added ids)."""
    pairs = [(i, i) for i in new.by_id if i in old.by_id]
    gone = {old.by_id[i][0]: i for i in sorted(old.by_id) if i not in new.by_id}
    added = []
    for i in sorted(new.by_id):
        if i in old.by_id:
            continue
        old_id = gone.pop(new.by_id[i][0], None)
        if old_id is None:
            added.append(i)
        else:
            pairs.append((old_id, i))
    return sorted(pairs), sorted(gone.values()), added


FIELD_DIGEST = 8  # bytes per field: enough to tell a changed value, small enough to keep per changed record


def packed_fields(row: dict[str, Any], names: list[str]) -> bytes:
    """One short hash per field, concatenated: a few bytes per field instead of a dict per record."""
    return b"".join(digest(row.get(name, "<absent>"), FIELD_DIGEST) for name in names)


def count_field_changes(old_root: Path, new_root: Path, changed: list[tuple[str, str]],
                        names: list[str]) -> Counter[str]:
    """Per field, how many changed records differ in it. Only the old side is held, packed; the new
    side is compared as it streams past."""
    new_to_old = {b: a for a, b in changed}
    wanted = set(new_to_old.values())
    olds = {row["id"]: packed_fields(row, names) for row in rows(RECORDS, old_root) if row["id"] in wanted}
    counts: Counter[str] = Counter()
    for row in rows(RECORDS, new_root):
        old_id = new_to_old.get(row["id"])
        if old_id is None:
            continue
        before, after = olds[old_id], packed_fields(row, names)
        width = FIELD_DIGEST
        counts.update(name for i, name in enumerate(names)
                      if before[i * width:(i + 1) * width] != after[i * width:(i + 1) * width])
    return counts


def quarantine_multiset(root: Path) -> Counter[str]:
    if not (root / QUARANTINE.arrow_dir).exists():
        return Counter()
    return Counter(digest(row) for row in rows(QUARANTINE, root))


def read_version(root: Path) -> str:
    info = root / "build_info.json"
    if info.exists():
        return str(json.loads(info.read_text(encoding="utf-8")).get("version", root.name))
    return root.name


@dataclass
class ReleaseDiff:
    old_version: str
    new_version: str
    added: list[str]
    removed: list[str]
    changed: list[tuple[str, str]]
    unchanged: int
    field_changes: Counter[str]
    filled_old: Counter[str]
    filled_new: Counter[str]
    fields: list[str]
    schema: list[str]
    quarantine_added: int
    quarantine_removed: int
    old_records: int = 0
    new_records: int = 0
    paths: dict[str, str] = field(default_factory=dict)  # id → source_path, for the listed ids

    @property
    def required_bump(self) -> str:
        if self.schema:
            return "major"
        if self.added or self.removed:
            return "minor"
        if self.changed or self.quarantine_added or self.quarantine_removed:
            return "patch"
        return "none"

    @property
    def bump(self) -> str:
        return bump_between(self.old_version, self.new_version)

    def bump_warning(self) -> str | None:
        """A one-line warning when the version bump is smaller than the changes need."""
        need, got = self.required_bump, self.bump
        if got == "downgrade":
            return f"version {self.new_version} is lower than the previous release {self.old_version}"
        if BUMPS.index(got) >= BUMPS.index(need):
            return None
        why = {"major": "the schema changed", "minor": "records were added or removed",
               "patch": "record values or the quarantine changed"}[need]
        return (f"version {self.new_version} is a {got} bump from {self.old_version} but {why}: "
                f"semantic versioning for data asks for a {need} bump ({next_version(self.old_version, need)})")

    def to_json(self) -> dict[str, Any]:
        return {
            "old_version": self.old_version, "new_version": self.new_version,
            "records": {"added": len(self.added), "removed": len(self.removed), "changed": len(self.changed),
                        "unchanged": self.unchanged},
            "added_ids": self.added, "removed_ids": self.removed,
            "changed_ids": [{"old": a, "new": b} for a, b in self.changed],
            "field_changes": dict(sorted(self.field_changes.items())),
            "values_present": {f: {"old": self.filled_old[f], "new": self.filled_new[f]} for f in self.fields},
            "schema_changes": self.schema,
            "quarantine": {"added": self.quarantine_added, "removed": self.quarantine_removed},
            "required_bump": self.required_bump, "bump": self.bump,
        }


def check_release(root: Path) -> None:
    if not (root / "dataset_dict.json").exists():
        raise UserError(f"{root}: not a release folder (no dataset_dict.json)")


# What reading a damaged release raises: pyarrow (OSError, ArrowInvalid is a ValueError), json
# (ValueError), a table without the columns a release has (KeyError, TypeError).
DAMAGE = (OSError, ValueError, KeyError, TypeError)


def compare(old_root: Path, new_root: Path) -> ReleaseDiff:
    for root in (old_root, new_root):
        check_release(root)
    try:
        return compare_releases(old_root, new_root)
    except DAMAGE as exc:
        raise UserError(f"cannot compare {old_root} with {new_root}: a file is damaged ({type(exc).__name__}: "
                        f"{first_line(exc, 160)}); `presscorpus verify` each release to find it") from None


def compare_releases(old_root: Path, new_root: Path) -> ReleaseDiff:
    old, new = index(RECORDS, old_root), index(RECORDS, new_root)
    pairs, removed, added = match(old, new)
    changed = [(a, b) for a, b in pairs if old.by_id[a][1] != new.by_id[b][1]]
    q_old, q_new = quarantine_multiset(old_root), quarantine_multiset(new_root)
    old_features, new_features = RECORDS.load(old_root).features, RECORDS.load(new_root).features
    fields = list(new_features) + [n for n in old_features if n not in new_features]
    paths = {i: old.by_id[i][0] for i in removed[:LIST_LIMIT]}
    paths.update({i: new.by_id[i][0] for i in added[:LIST_LIMIT]})
    paths.update({b: new.by_id[b][0] for _, b in changed[:LIST_LIMIT]})
    return ReleaseDiff(
        old_version=read_version(old_root), new_version=read_version(new_root),
        added=added, removed=removed, changed=changed, unchanged=len(pairs) - len(changed),
        field_changes=count_field_changes(old_root, new_root, changed, sorted(fields)),
        filled_old=old.filled, filled_new=new.filled, fields=fields,
        schema=schema_changes(old_features, new_features, RECORDS.split)
        + schema_changes(quarantine_features(old_root), quarantine_features(new_root), QUARANTINE.split),
        quarantine_added=sum((q_new - q_old).values()), quarantine_removed=sum((q_old - q_new).values()),
        old_records=old.records, new_records=new.records, paths=paths,
    )


def quarantine_features(root: Path) -> Features:
    return QUARANTINE.load(root).features if (root / QUARANTINE.arrow_dir).exists() else QUARANTINE.features


def path_of(paths: dict[str, str], record_id: str) -> str:
    """A source path as one line of Markdown (file names may hold newlines or backticks)."""
    return " ".join(paths.get(record_id, "?").split()).replace("`", "'")


def id_list(ids: list[str], paths: dict[str, str]) -> str:
    shown = [f"- `{i}` ({path_of(paths, i)})" for i in ids[:LIST_LIMIT]]
    if len(ids) > LIST_LIMIT:
        shown.append(f"- … and {len(ids) - LIST_LIMIT} more")
    return "\n".join(shown)


def plural(n: int, word: str) -> str:
    if n == 1:
        return f"1 {word}"
    return f"{n} {word[:-1]}ies" if word.endswith("y") else f"{n} {word}s"


def render(diff: ReleaseDiff) -> str:
    """The Markdown body of a CHANGELOG entry (also what ``presscorpus diff`` prints)."""
    n = diff
    lines = [
        f"Compared with {n.old_version}: {plural(len(n.added), 'record')} added, {len(n.removed)} removed, "
        f"{len(n.changed)} changed, {n.unchanged} unchanged; quarantine: {plural(n.quarantine_added, 'entry')} "
        f"added, {n.quarantine_removed} removed.",
        "",
        f"Version bump: {n.bump} (these changes need at least: {n.required_bump}).",
    ]
    lines += ["", "**Schema changes**", ""] + [f"- {s}" for s in n.schema] if n.schema else ["", "Schema: unchanged."]
    if n.added:
        lines += ["", "**Added records** (id, source path)", "", id_list(n.added, n.paths)]
    if n.removed:
        lines += ["", "**Removed records** (id, source path)", "", id_list(n.removed, n.paths)]
    if n.changed:
        changed = [f"- `{a}` → `{b}` ({path_of(n.paths, b)})" if a != b else f"- `{a}` ({path_of(n.paths, a)})"
                   for a, b in n.changed[:LIST_LIMIT]]
        if len(n.changed) > LIST_LIMIT:
            changed.append(f"- … and {len(n.changed) - LIST_LIMIT} more")
        lines += ["", "**Changed records** (old id → new id when the source changed)", ""] + changed
        lines += ["", "**Fields changed** (records whose value differs)", "", "| field | records |", "|---|---|"]
        lines += [f"| {f} | {c} |" for f, c in sorted(n.field_changes.items())]
    # Fields every record fills (id, text ...) only repeat the record counts: show the optional ones.
    counts = [(f, n.filled_old[f], n.filled_new[f]) for f in n.fields
              if (n.filled_old[f], n.filled_new[f]) != (n.old_records, n.new_records)]
    if counts:
        lines += ["", "**Records with a value, per field**", "",
                  "| field | before | after | change |", "|---|---|---|---|"]
        lines += [f"| {f} | {a} | {b} | {b - a:+d} |" for f, a, b in counts]
    return "\n".join(lines) + "\n"


CHANGELOG = "CHANGELOG.md"


def changelog(name: str, version: str, diff: ReleaseDiff | None, previous: Path | None, records: int) -> str:
    """CHANGELOG.md: this version's entry on top of the previous release's changelog."""
    if previous is None:
        entry = f"## {version}\n\nFirst release: {records} records. There is no earlier version to compare with.\n"
        older = ""
    elif diff is None:
        entry = (f"## {version}\n\n{records} records. The previous release, {previous.name}, is damaged "
                 "and was not compared.\n")
        older = ""
    else:
        entry = f"## {version}\n\n{render(diff)}"
        old_log = previous / CHANGELOG
        older = old_log.read_text(encoding="utf-8").split("\n", 1)[1].lstrip("\n") if old_log.exists() else ""
        older = older or f"## {diff.old_version}\n\n(No changelog in that release.)\n"
    return f"# Changelog: {name}\n\n{entry}" + (f"\n{older}" if older else "")
