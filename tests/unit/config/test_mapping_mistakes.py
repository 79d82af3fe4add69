"""Mistakes in mapping folders and master data: each with its file and CSV or TOML line."""

from __future__ import annotations

from pathlib import Path

from gateway.config import check_config
from tests.unit.config.conftest import edit, line_of, only_problem


def maps(example: Path, *parts: str) -> Path:
    return example.parent.joinpath("mappings", *parts)


def test_bad_gtin_check_digit_names_the_csv_line(example: Path) -> None:
    items = maps(example, "bigbox", "items.csv")
    # 012345678912 is valid (check digit 2); 012345678913 is not.
    edit(items, "884412,012345678912", "884412,012345678913")
    problems = check_config(example)
    bad = [p for p in problems if p.code == "CFG_BAD_GTIN"]
    assert len(bad) == 1, problems
    (problem,) = bad
    assert (problem.file, problem.line, problem.key) == ("mappings/bigbox/items.csv", 3, "gtin")
    assert "check digit 3" in problem.message and "is 2" in problem.message
    # The catalog still has ...912, so the cross-check reports the disagreement too.
    assert [p.code for p in problems if p is not problem] == ["CFG_GTIN_MISMATCH"]


def test_gtin_of_a_wrong_length(example: Path) -> None:
    edit(maps(example, "northwind", "items.csv"), "NW-88030,,", "NW-88030,12345,")
    problem = only_problem(example)
    assert (problem.line, problem.code) == (4, "CFG_BAD_GTIN")
    assert "8, 12, 13 or 14" in problem.message


def test_duplicate_sku_names_both_lines(example: Path) -> None:
    items = maps(example, "bigbox", "items.csv")
    edit(items, "SPR-300,884413,012345678929,SPR-300", "WID-100,884413,012345678929,SPR-300")
    problems = [p for p in check_config(example) if p.code == "CFG_DUPLICATE"]
    assert [(p.line, p.key) for p in problems] == [(4, "sku")]
    assert "first on line 2" in problems[0].message


def test_duplicate_buyer_item(example: Path) -> None:
    edit(maps(example, "bigbox", "items.csv"), "SPR-300,884413", "SPR-300,884411")
    problem = only_problem(example)
    assert (problem.file, problem.line, problem.key) == (
        "mappings/bigbox/items.csv",
        4,
        "buyer_item",
    )
    assert problem.code == "CFG_DUPLICATE"


def test_row_without_any_partner_identifier(example: Path) -> None:
    edit(maps(example, "northwind", "items.csv"), "NUT-025,NW-88030,,NUT-025", "NUT-025,,,")
    problem = only_problem(example)
    assert (problem.line, problem.code) == (4, "CFG_MISSING_VALUE")


def test_unknown_csv_column(example: Path) -> None:
    edit(
        maps(example, "bigbox", "items.csv"),
        "sku,buyer_item,gtin,vendor_item",
        "sku,buyer_itme,gtin,vendor_item",
    )
    problems = check_config(example)
    assert {(p.line, p.key, p.code) for p in problems} == {(1, "buyer_itme", "CFG_CSV_COLUMN")}


def test_csv_row_with_too_many_cells(example: Path) -> None:
    edit(
        maps(example, "bigbox", "ship_to.csv"),
        "0117,BigBox Store 117,9 Harbor Road,,",
        "0117,BigBox Store 117,9 Harbor Road,,,",
    )
    problem = only_problem(example)
    assert (problem.file, problem.line, problem.code) == (
        "mappings/bigbox/ship_to.csv",
        4,
        "CFG_CSV_ROW",
    )


def test_duplicate_store(example: Path) -> None:
    edit(maps(example, "bigbox", "ship_to.csv"), "0117,BigBox", "0042,BigBox")
    problem = only_problem(example)
    assert (problem.line, problem.key, problem.code) == (4, "store", "CFG_DUPLICATE")


def test_unknown_sku_against_the_catalog(example: Path) -> None:
    edit(maps(example, "northwind", "items.csv"), "KIT-500,NW-88017", "KIT-501,NW-88017")
    problem = only_problem(example)
    assert (problem.file, problem.line) == ("mappings/northwind/items.csv", 3)
    assert problem.code == "CFG_UNKNOWN_SKU" and "KIT-501" in problem.message


def test_unknown_unit_in_the_crosswalk(example: Path) -> None:
    mapping = maps(example, "northwind", "mapping.toml")
    edit(mapping, 'CT = "CA"', 'CT = "CSE"')
    problem = only_problem(example)
    assert (problem.file, problem.key) == ("mappings/northwind/mapping.toml", "units.CT")
    assert problem.line == line_of(mapping, "CSE")
    assert problem.code == "CFG_UNKNOWN_UNIT" and "'CSE'" in problem.message


def test_unknown_key_in_mapping_toml(example: Path) -> None:
    mapping = maps(example, "bigbox", "mapping.toml")
    edit(mapping, "price_tolerance = 0.005", "price_tolerence = 0.005")
    problem = only_problem(example)
    assert (problem.key, problem.code) == ("price_tolerence", "CFG_UNKNOWN_KEY")
    assert problem.line == line_of(mapping, "price_tolerence")


def test_bad_override_path_syntax(example: Path) -> None:
    mapping = maps(example, "bigbox", "mapping.toml")
    edit(mapping, 'set = "856"\ntarget = "REF[IA]02"', 'set = "856"\ntarget = "REF[IA]2"')
    problem = only_problem(example)
    assert (problem.key, problem.code) == ("overrides[1].target", "CFG_BAD_OVERRIDE_PATH")
    assert problem.line == line_of(mapping, 'target = "REF[IA]2"')
    assert "SEG[QUAL]NN" in problem.message


def test_override_segment_not_in_the_set(example: Path) -> None:
    mapping = maps(example, "northwind", "mapping.toml")
    edit(mapping, 'source = "N1[BY]04"', 'source = "BIG02"')
    problem = only_problem(example)
    assert (problem.key, problem.line) == ("overrides[0].source", line_of(mapping, "BIG02"))
    assert "BIG does not occur in the 850" in problem.message


def test_override_element_beyond_the_segment(example: Path) -> None:
    mapping = maps(example, "bigbox", "mapping.toml")
    edit(mapping, 'set = "810"\ntarget = "REF[IA]02"', 'set = "810"\ntarget = "REF[IA]09"')
    problem = only_problem(example)
    assert problem.key == "overrides[0].target"
    assert "no REF09" in problem.message


def test_override_with_value_and_source(example: Path) -> None:
    mapping = maps(example, "northwind", "mapping.toml")
    edit(mapping, 'source = "N1[BY]04"', 'source = "N1[BY]04"\nvalue = "X"')
    problem = only_problem(example)
    assert problem.key == "overrides[0]"
    assert problem.line == line_of(mapping, "[[overrides]]")
    assert "exactly one of value and source" in problem.message


def test_duplicate_override_in_one_file(example: Path) -> None:
    mapping = maps(example, "bigbox", "mapping.toml")
    edit(mapping, 'set = "856"', 'set = "810"')
    problem = only_problem(example)
    assert (problem.key, problem.code) == ("overrides[1].target", "CFG_DUPLICATE")


def test_mapping_account_must_be_the_partners(example: Path) -> None:
    mapping = maps(example, "bigbox", "mapping.toml")
    edit(mapping, 'customer_account = "C-1001"', 'customer_account = "C-2001"')
    problem = only_problem(example)
    assert (problem.key, problem.code) == ("customer_account", "CFG_UNKNOWN_ACCOUNT")
    assert problem.line == line_of(mapping, "customer_account")


def test_base_mistake_is_listed_once(example: Path) -> None:
    base = maps(example, "_base", "mapping.toml")
    edit(base, 'PC = "EA"', 'PC = "EACH"')
    problem = only_problem(example)  # two partners use the base; one problem
    assert (problem.file, problem.key) == ("mappings/_base/mapping.toml", "units.PC")


def test_base_override_checked_for_each_partner_version(example: Path) -> None:
    base = maps(example, "_base", "mapping.toml")
    # The base applies to every partner: the path is checked against each partner's 855 map
    # (bigbox 004010VICS, northwind 005010) and each problem names the partner.
    base.write_text(
        base.read_text() + '\n[[overrides]]\nset = "855"\ntarget = "BIG02"\nvalue = "1"\n'
    )
    problems = check_config(example)
    assert {(p.file, p.code, p.line) for p in problems} == {
        ("mappings/_base/mapping.toml", "CFG_BAD_OVERRIDE_PATH", line_of(base, "BIG02"))
    }
    assert sorted(p.message.rsplit("(", 1)[1] for p in problems) == [
        "for partner bigbox, version 004010VICS)",
        "for partner northwind, version 005010)",
    ]


def test_csv_in_the_base_folder(example: Path) -> None:
    (maps(example, "_base", "items.csv")).write_text("sku,gtin\n")
    problem = only_problem(example)
    assert (problem.file, problem.code) == ("mappings/_base/items.csv", "CFG_BASE_CSV")


def test_catalog_mistakes(example: Path) -> None:
    catalog = example / "data" / "catalog.csv"
    edit(catalog, "Repair kit,EA,59.00", "Repair kit,EACH,59.00")
    edit(
        catalog,
        "NUT-025,Hex nut M6 (box of 100),BX,6.80",
        "NUT-025,Hex nut M6 (box of 100),BX,6.8O",
    )
    problems = check_config(example)
    assert [(p.file, p.line, p.key) for p in problems] == [
        ("config/data/catalog.csv", 5, "uom"),
        ("config/data/catalog.csv", 6, "unit_price"),
    ]


def test_customer_with_a_bad_currency(example: Path) -> None:
    edit(
        example / "data" / "customers.csv",
        "C-2001,Northwind Distribution B.V.,USD",
        "C-2001,Northwind Distribution B.V.,usd",
    )
    problem = only_problem(example)
    assert (problem.line, problem.key) == (3, "currency")


def test_unknown_tax_code_of_a_customer(example: Path) -> None:
    customers = example / "data" / "customers.csv"
    edit(customers, "250000.00,RESALE", "250000.00,RESELL")
    problem = only_problem(example)
    assert (problem.file, problem.line, problem.key) == ("config/data/customers.csv", 2, "tax_code")
    assert problem.code == "CFG_UNKNOWN_TAX_CODE" and "RESALE" in problem.message


def test_the_same_gtin_written_two_ways_is_a_duplicate(example: Path) -> None:
    items = maps(example, "northwind", "items.csv")
    # 012345678905 (UPC-A) and 0012345678905 (its EAN-13 form) are one GTIN.
    edit(items, "NUT-025,NW-88030,,", "NUT-025,NW-88030,012345678905,")
    problems = check_config(example)
    duplicate = [p for p in problems if p.code == "CFG_DUPLICATE"]
    assert [(p.line, p.key) for p in duplicate] == [(4, "gtin")]
    assert "first on line 2" in duplicate[0].message
