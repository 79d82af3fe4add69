"""Merging mappings/_base/mapping.toml with a partner's mapping.toml (rules in mapping_merge)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from gateway.config import load_config
from gateway.transactions.mapping import FieldOverride, ItemQualifiers, ReferenceQualifiers
from tests.unit.config.conftest import edit, only_problem

BASE = """
price_tolerance = 0.01

[item_qualifiers]
gtin = ["EN"]

[references]
department = "ZD"
promotion = "ZP"

[units]
CS = "CA"
PC = "EA"

[defaults]
currency = "USD"
country = "US"

[[overrides]]
set = "810"
target = "REF[IA]02"
value = "BASE"

[[overrides]]
set = "810"
target = "REF[DP]02"
source = "REF[DP]02"
"""

PARTNER = """
[item_qualifiers]
buyer_item = ["BP"]

[references]
department = "DP"

[units]
PC = "DZ"

[defaults]
country = "CA"

[[overrides]]
set = "810"
target = "REF[IA]02"
value = "PARTNER"
"""


def _write(example: Path) -> None:
    maps = example.parent / "mappings"
    (maps / "_base" / "mapping.toml").write_text(BASE)
    (maps / "bigbox" / "mapping.toml").write_text(PARTNER)


def test_partner_keys_win_and_the_rest_comes_from_the_base(example: Path) -> None:
    _write(example)
    mapping = load_config(example, env={}).mappings["bigbox"]
    defaults = ItemQualifiers()
    assert mapping.item_qualifiers == ItemQualifiers(
        buyer_item=("BP",),  # partner
        gtin=("EN",),  # base
        vendor_item=defaults.vendor_item,  # neither: built-in default
    )
    assert mapping.references == ReferenceQualifiers(
        department="DP", vendor_number=ReferenceQualifiers().vendor_number, promotion="ZP"
    )
    assert mapping.price_tolerance == Decimal("0.01")
    assert mapping.customer_account == "C-1001"


def test_tables_are_unions_with_the_partner_winning_per_key(example: Path) -> None:
    _write(example)
    mapping = load_config(example, env={}).mappings["bigbox"]
    assert mapping.units == {"CS": "CA", "PC": "DZ"}
    assert mapping.defaults == {"currency": "USD", "country": "CA"}


def test_partner_override_replaces_the_base_one_with_the_same_target(example: Path) -> None:
    _write(example)
    mapping = load_config(example, env={}).mappings["bigbox"]
    assert mapping.overrides == (
        FieldOverride("REF[IA]02", "PARTNER", "", "810"),
        FieldOverride("REF[DP]02", "", "REF[DP]02", "810"),
    )


def test_items_come_from_the_partner_folder_only(example: Path) -> None:
    _write(example)
    loaded = load_config(example, env={})
    assert {i.sku for i in loaded.mappings["bigbox"].items} == {"WID-100", "GAD-200", "SPR-300"}
    assert {i.sku for i in loaded.mappings["northwind"].items} == {"WID-100", "KIT-500", "NUT-025"}


def test_without_any_mapping_toml_the_built_in_defaults_apply(example: Path) -> None:
    maps = example.parent / "mappings"
    (maps / "_base" / "mapping.toml").unlink()
    (maps / "bigbox" / "mapping.toml").unlink()
    mapping = load_config(example, env={}).mappings["bigbox"]
    assert mapping.customer_account == "C-1001"  # the partner's first customer account
    assert mapping.item_qualifiers == ItemQualifiers()
    assert mapping.units == {} and mapping.overrides == ()
    assert mapping.price_tolerance == Decimal("0.00")
    assert len(mapping.items) == 3  # items.csv still read


def test_the_base_may_not_name_a_customer_account(example: Path) -> None:
    _write(example)
    base = example.parent / "mappings" / "_base" / "mapping.toml"
    base.write_text('customer_account = "C-1001"\n' + BASE)
    problem = only_problem(example)
    assert (problem.file, problem.line, problem.key) == (
        "mappings/_base/mapping.toml",
        1,
        "customer_account",
    )
    assert "per partner" in problem.message


def test_customer_account_defaults_to_the_partners_first(example: Path) -> None:
    edit(example / "partners" / "bigbox.toml", '["C-1001"]', '["C-3001", "C-1001"]')
    edit(
        example.parent / "mappings" / "bigbox" / "mapping.toml", 'customer_account = "C-1001"\n', ""
    )
    assert load_config(example, env={}).mappings["bigbox"].customer_account == "C-3001"
