"""The shipped example configuration (config/ and mappings/) loads, and says what it should."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from gateway.config import SecretMissingError, check_config, load_config, resolve_paths
from gateway.config.gateway_model import EmailInChannel, LocalChannel, SftpChannel
from gateway.config.gtin import gtin_problem
from gateway.transactions.mapping import Address, FieldOverride, ItemCrossReference
from tests.conftest import REPO

CONFIG = REPO / "config"


def test_the_example_has_no_problems() -> None:
    assert check_config(CONFIG) == []


def test_gateway_settings() -> None:
    loaded = load_config(CONFIG, env={})
    gateway = loaded.gateway
    assert gateway.identity.isa_id == "O2CSUPPLIER"
    assert isinstance(gateway.channels["local-demo"], LocalChannel)
    assert isinstance(gateway.channels["sftp-bigbox"], SftpChannel)
    assert isinstance(gateway.channels["mail-in"], EmailInChannel)
    # TOML 0.0725 is read as a decimal, never through a binary float.
    assert gateway.tax_codes["STD"].rate == Decimal("0.0725")
    assert str(gateway.tax_codes["STD"].rate) == "0.0725"
    assert gateway.cash_application.max_underpayment == Decimal("25.00")
    assert gateway.schedules["poll_channels"] == 60
    assert gateway.schedules["reconcile_acks"] == "0 * * * *"


def test_partner_lookup_by_isa_pair_ignores_padding() -> None:
    loaded = load_config(CONFIG, env={})
    bigbox = loaded.partner_by_isa("08", "9254110060     ")
    assert bigbox is not None and bigbox.id == "bigbox"
    northwind = loaded.partner_by_isa("ZZ", "NORTHWIND")
    assert northwind is not None and northwind.id == "northwind"
    assert loaded.partner_by_isa("ZZ", "9254110060") is None  # right ID, wrong qualifier


def test_partner_lookup_by_email_sender() -> None:
    loaded = load_config(CONFIG, env={})
    found = loaded.partner_by_sender("mail-in", " Orders@Northwind.example ")
    assert found is not None and found.id == "northwind"
    assert loaded.partner_by_sender("mail-in", "someone@else.example") is None
    assert loaded.partner_by_sender("sftp-bigbox", "orders@northwind.example") is None


def test_relative_paths_start_at_the_config_directory() -> None:
    loaded = load_config(CONFIG, env={})
    assert loaded.path("keys/known_hosts") == CONFIG / "keys" / "known_hosts"
    assert loaded.path("/srv/archive") == Path("/srv/archive")


def test_bigbox_mapping() -> None:
    mapping = load_config(CONFIG, env={}).mappings["bigbox"]
    assert mapping.customer_account == "C-1001"
    assert mapping.item_qualifiers.buyer_item == ("IN",)
    assert mapping.references.vendor_number == "IA"  # from the base
    assert mapping.items[0] == ItemCrossReference("WID-100", "884411", "012345678905", "WID-100")
    assert mapping.sku_for(buyer_item="884412") == "GAD-200"
    assert mapping.units == {"CS": "CA", "PC": "EA", "DZ": "DZ"}
    assert mapping.ship_to["6043"] == Address(
        "DC 6043", "1200 Distribution Way", "", "Columbus", "OH", "43215", "US"
    )
    assert mapping.price_tolerance == Decimal("0.005")
    assert mapping.defaults == {"currency": "USD", "country": "US", "vendor_number": "77123"}
    assert FieldOverride("REF[IA]02", "77123", "", "810") in mapping.overrides


def test_northwind_mapping_finds_items_by_ean13() -> None:
    mapping = load_config(CONFIG, env={}).mappings["northwind"]
    # The catalog has the UPC-A 012345678905; Northwind sends it as EAN-13 (one leading zero).
    assert mapping.sku_for(gtin="0012345678905") == "WID-100"
    assert mapping.unit_for("CT") == "CA"
    assert mapping.references.vendor_number == "VR"
    assert mapping.overrides == (FieldOverride("N1[BT]04", "", "N1[BY]04", "850"),)


def test_master_data_is_consistent_with_the_mappings() -> None:
    loaded = load_config(CONFIG, env={})
    skus = {row.sku for row in loaded.catalog}
    for mapping in loaded.mappings.values():
        assert {item.sku for item in mapping.items} <= skus
    assert all(gtin_problem(row.gtin) is None for row in loaded.catalog if row.gtin)
    accounts = {c.account for c in loaded.customers}
    assert all(set(p.customer_accounts) <= accounts for p in loaded.partners.values())
    assert next(r for r in loaded.catalog if r.sku == "SPR-300").unit_price == Decimal("3.875")


def test_our_ids_default_to_identity() -> None:
    ids = load_config(CONFIG, env={}).ids("bigbox")
    assert (ids.our_isa_qualifier, ids.our_isa_id, ids.our_gs_id) == (
        "ZZ",
        "O2CSUPPLIER",
        "O2CSUPPLIER",
    )
    assert (ids.their_isa_qualifier, ids.their_isa_id) == ("08", "9254110060")


def test_database_url_from_environment_wins() -> None:
    default = load_config(CONFIG, env={}).database_url
    assert default == f"sqlite:///{(CONFIG / '../var/o2c.sqlite3').resolve()}"
    url = "postgresql+psycopg://o2c@db/o2c"
    assert load_config(CONFIG, env={"O2C_DATABASE_URL": url}).database_url == url


def test_secrets_come_from_the_environment_snapshot() -> None:
    loaded = load_config(CONFIG, env={"O2C_SMTP_PASSWORD": "s3cret"})
    assert loaded.secret("O2C_SMTP_PASSWORD") == "s3cret"
    with pytest.raises(SecretMissingError, match="O2C_IMAP_PASSWORD"):
        loaded.secret("O2C_IMAP_PASSWORD")


def test_resolve_paths_order() -> None:
    assert resolve_paths(env={}).root == Path("config")
    assert resolve_paths(env={}).mappings == Path("mappings")
    paths = resolve_paths(env={"O2C_CONFIG": "/etc/o2c", "O2C_MAPPINGS": "/srv/maps"})
    assert (paths.root, paths.mappings) == (Path("/etc/o2c"), Path("/srv/maps"))
    given = resolve_paths(Path("a/conf"), env={"O2C_CONFIG": "/etc/o2c"})
    assert (given.root, given.mappings) == (Path("a/conf"), Path("a/mappings"))
