"""JSON Schemas of the configuration files, generated from the models (for editors and CI).

``schemas/config/`` holds gateway.schema.json, partner.schema.json and mapping.schema.json;
``o2c config schema --write`` rewrites them and a test checks that they are current.
"""

from __future__ import annotations

import json
from typing import Any

from pydantic import BaseModel

from gateway.config.gateway_model import GatewaySettings
from gateway.config.mapping_model import MappingFile
from gateway.config.partner_model import PartnerSettings

_MODELS: dict[str, tuple[type[BaseModel], str]] = {
    "gateway.schema.json": (GatewaySettings, "o2c-gateway config/gateway.toml"),
    "partner.schema.json": (PartnerSettings, "o2c-gateway config/partners/<id>.toml"),
    "mapping.schema.json": (MappingFile, "o2c-gateway mappings/<partner>/mapping.toml"),
}


def schema_documents() -> dict[str, str]:
    """File name -> JSON text (indented, newline-terminated) of every schema."""
    documents = {}
    for file, (model, title) in _MODELS.items():
        schema: dict[str, Any] = {
            "$schema": "https://json-schema.org/draft/2020-12/schema",
            **model.model_json_schema(mode="validation"),
        }
        schema["title"] = title
        documents[file] = json.dumps(schema, indent=2, ensure_ascii=False) + "\n"
    return documents
