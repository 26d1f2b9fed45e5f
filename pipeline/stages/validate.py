"""Validate: every record must match ``schemas/record.schema.json`` before packaging."""

from __future__ import annotations

from jsonschema import Draft202012Validator

from pipeline.doc import Doc, Quarantined
from pipeline.schemas import load_schema
from pipeline.stage import Stage


def record_validator() -> Draft202012Validator:
    return Draft202012Validator(load_schema("record"))


def first_error(validator: Draft202012Validator, record: dict) -> str | None:
    errors = sorted(validator.iter_errors(record), key=lambda e: list(e.absolute_path))
    if not errors:
        return None
    where = "/".join(str(p) for p in errors[0].absolute_path) or "record"
    return f"{where}: {errors[0].message}"


class Validate(Stage):
    name = "validate"

    def __init__(self) -> None:
        self.validator = record_validator()

    def process_doc(self, doc: Doc) -> Quarantined | None:
        error = first_error(self.validator, doc.to_record())
        return self.quarantine(doc, "schema_invalid", error) if error else None
