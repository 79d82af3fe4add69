"""The committed JSON Schemas in schemas/config/ are those the models generate today."""

from __future__ import annotations

import json

from gateway.config.schema import schema_documents
from tests.conftest import REPO

FOLDER = REPO / "schemas" / "config"


def test_committed_schemas_are_up_to_date() -> None:
    documents = schema_documents()
    assert sorted(documents) == sorted(p.name for p in FOLDER.glob("*.schema.json"))
    for file, text in documents.items():
        committed = (FOLDER / file).read_text(encoding="utf-8")
        assert committed == text, f"{file} is stale: run `o2c config schema --write`"


def test_schemas_forbid_unknown_keys_and_name_required_ones() -> None:
    partner = json.loads(schema_documents()["partner.schema.json"])
    assert partner["additionalProperties"] is False
    assert {"id", "name", "customer_accounts", "x12", "channels"} <= set(partner["required"])
    assert partner["$defs"]["X12Settings"]["properties"]["version"]["enum"] == [
        "004010",
        "004010VICS",
        "004010UCS",
        "005010",
    ]
    gateway = json.loads(schema_documents()["gateway.schema.json"])
    kinds = gateway["properties"]["channels"]["additionalProperties"]["discriminator"]["mapping"]
    assert sorted(kinds) == ["email_in", "email_out", "local", "sftp"]
