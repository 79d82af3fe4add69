"""One test per kind of configuration mistake: each names its file, line or key, and says why."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from gateway.config import ConfigError, check_config, load_config
from tests.unit.config.conftest import edit, line_of, only_problem


def test_unknown_key_names_file_line_and_key(example: Path) -> None:
    gateway = example / "gateway.toml"
    edit(gateway, "retention_days = 2555", "retention_dayz = 2555")
    problem = only_problem(example)
    assert problem.file == "config/gateway.toml"
    assert problem.line == line_of(gateway, "retention_dayz")
    assert (problem.key, problem.code) == ("archive.retention_dayz", "CFG_UNKNOWN_KEY")
    assert "unknown key" in problem.message


def test_unknown_key_inside_a_channel_table(example: Path) -> None:
    gateway = example / "gateway.toml"
    edit(gateway, 'processed_folder = "EDI/Processed"', 'procesed_folder = "EDI/Processed"')
    problem = only_problem(example)
    assert problem.key == "channels.mail-in.procesed_folder"  # no "email_in" union tag
    assert problem.line == line_of(gateway, "procesed_folder")


def test_missing_required_key(example: Path) -> None:
    partner = example / "partners" / "bigbox.toml"
    edit(partner, 'their_gs_id = "9254110060"\n', "")
    problem = only_problem(example)
    assert (problem.file, problem.key) == ("config/partners/bigbox.toml", "x12.their_gs_id")
    assert problem.code == "CFG_MISSING_KEY"
    assert problem.line == line_of(partner, "[x12]")


def test_toml_syntax_error_has_its_line(example: Path) -> None:
    partner = example / "partners" / "northwind.toml"
    edit(partner, "deadline_hours = 48", "deadline_hours = = 48")
    problem = only_problem(example)
    assert problem.code == "CFG_TOML_SYNTAX"
    assert problem.line == line_of(partner, "deadline_hours")


def test_non_finite_money_is_refused(example: Path) -> None:
    gateway = example / "gateway.toml"
    edit(gateway, "max_overpayment = 10.00", "max_overpayment = inf")
    problem = only_problem(example)
    assert problem.key == "cash_application.max_overpayment"
    assert problem.line == line_of(gateway, "max_overpayment")
    assert "finite" in problem.message


def test_negative_tolerance_is_refused(example: Path) -> None:
    edit(example / "gateway.toml", "penny_difference = 0.05", "penny_difference = -0.05")
    problem = only_problem(example)
    assert problem.key == "cash_application.penny_difference"
    assert "negative" in problem.message


def test_tax_rate_written_as_a_percentage(example: Path) -> None:
    gateway = example / "gateway.toml"
    edit(gateway, "rate = 0.0725", "rate = 7.25")
    problem = only_problem(example)
    assert problem.key == "tax_codes.STD"
    assert "fraction" in problem.message


def test_exempt_tax_code_needs_a_reason(example: Path) -> None:
    edit(
        example / "gateway.toml",
        'exemption_reason = "Sale for resale, exemption certificate on file"\n',
        "",
    )
    problem = only_problem(example)
    assert problem.key == "tax_codes.RESALE"
    assert "exemption_reason" in problem.message


def test_literal_secret_is_refused_without_repeating_it(example: Path) -> None:
    gateway = example / "gateway.toml"
    edit(gateway, 'password_env = "O2C_SMTP_PASSWORD"', 'password = "hunter2"')
    problem = only_problem(example)
    assert (problem.code, problem.key) == ("CFG_LITERAL_SECRET", "channels.mail-out.password")
    assert problem.line == line_of(gateway, "hunter2")
    assert "password_env" in problem.message and "hunter2" not in str(problem)


def test_secret_in_place_of_a_variable_name_is_not_echoed(example: Path) -> None:
    edit(
        example / "gateway.toml", 'password_env = "O2C_SMTP_PASSWORD"', 'password_env = "pa55 w0rd"'
    )
    problem = only_problem(example)
    assert problem.key == "channels.mail-out.password_env"
    assert "environment variable" in problem.message and "pa55" not in str(problem)


def test_sftp_channel_needs_a_credential(example: Path) -> None:
    edit(example / "gateway.toml", 'password_env = "O2C_BIGBOX_SFTP_PASSWORD"\n', "")
    problem = only_problem(example)
    assert problem.key == "channels.sftp-bigbox"
    assert "key_file or password_env" in problem.message


def test_bad_cron_schedule(example: Path) -> None:
    gateway = example / "gateway.toml"
    edit(gateway, 'reconcile_acks = "0 * * * *"', 'reconcile_acks = "hourly"')
    problem = only_problem(example)
    assert problem.key == "schedules.reconcile_acks"
    assert problem.line == line_of(gateway, "reconcile_acks")
    assert "cron" in problem.message


def test_missing_channel(example: Path) -> None:
    partner = example / "partners" / "bigbox.toml"
    edit(partner, 'inbound = "sftp-bigbox"', 'inbound = "sftp-bigbx"')
    problem = only_problem(example)
    assert (problem.code, problem.key) == ("CFG_UNKNOWN_CHANNEL", "channels.inbound")
    assert problem.line == line_of(partner, "sftp-bigbx")
    assert "'sftp-bigbx'" in problem.message and "sftp-bigbox" in problem.message


def test_channel_of_the_wrong_direction(example: Path) -> None:
    edit(example / "partners" / "northwind.toml", 'inbound = "mail-in"', 'inbound = "mail-out"')
    problem = only_problem(example)
    assert (problem.code, problem.key) == ("CFG_CHANNEL_KIND", "channels.inbound")
    assert "email_out" in problem.message


def test_email_in_partner_lists_senders(example: Path) -> None:
    partner = example / "partners" / "northwind.toml"
    edit(partner, 'allowed_senders = ["edi@northwind.example", "orders@northwind.example"]\n', "")
    problem = only_problem(example)
    assert (problem.code, problem.key) == ("CFG_EMAIL_SENDERS", "email.allowed_senders")
    assert problem.line == line_of(partner, "[email]")


def test_duplicate_partner_ids(example: Path) -> None:
    partners = example / "partners"
    # Files are read in name order: the copy (zz-...) is the second file claiming "bigbox".
    shutil.copy(partners / "bigbox.toml", partners / "zz-bigbox.toml")
    problems = check_config(example)
    copy = [p for p in problems if p.file == "config/partners/zz-bigbox.toml"]
    assert [p for p in problems if p not in copy] == []
    codes = {p.code for p in copy}
    assert codes == {"CFG_DUPLICATE_PARTNER", "CFG_PARTNER_ID", "CFG_DUPLICATE_ISA"}
    duplicate = next(p for p in copy if p.code == "CFG_DUPLICATE_PARTNER")
    assert duplicate.line == line_of(partners / "zz-bigbox.toml", 'id = "bigbox"')
    assert "config/partners/bigbox.toml" in duplicate.message


def test_duplicate_isa_pair(example: Path) -> None:
    partners = example / "partners"
    text = (partners / "northwind.toml").read_text()
    text = text.replace('id = "northwind"', 'id = "southwind"').replace("@north", "@south")
    (partners / "southwind.toml").write_text(text)
    shutil.copytree(
        example.parent / "mappings" / "northwind", example.parent / "mappings" / "southwind"
    )
    problem = only_problem(example)
    assert (problem.file, problem.code) == ("config/partners/southwind.toml", "CFG_DUPLICATE_ISA")
    assert problem.key == "x12.their_isa_id"
    assert problem.line == line_of(partners / "southwind.toml", "their_isa_id")
    assert "ZZ/NORTHWIND" in problem.message and "northwind" in problem.message


def test_partner_file_name_must_match_its_id(example: Path) -> None:
    partners = example / "partners"
    edit(partners / "bigbox.toml", 'id = "bigbox"', 'id = "big-box"')
    problems = check_config(example)
    assert [p.code for p in problems if p.file == "config/partners/bigbox.toml"] == [
        "CFG_PARTNER_ID"
    ]


def test_repetition_separator_in_4010(example: Path) -> None:
    edit(
        example / "partners" / "bigbox.toml", 'component = ">"', 'component = ">"\nrepetition = "^"'
    )
    problem = only_problem(example)
    assert problem.key == "x12.delimiters"
    assert "004010 has no repetition separator" in problem.message


def test_999_with_a_4010_partner(example: Path) -> None:
    partner = example / "partners" / "bigbox.toml"
    edit(partner, 'expected = "997"', 'expected = "999"')
    problem = only_problem(example)
    assert (problem.key, problem.line) == ("acks", line_of(partner, "[acks]"))
    assert "999" in problem.message and "997" in problem.message


def test_delimiters_must_differ(example: Path) -> None:
    edit(example / "partners" / "bigbox.toml", 'segment = "~"', 'segment = "*"')
    problem = only_problem(example)
    assert problem.key == "x12.delimiters"
    assert "differ" in problem.message


def test_missing_known_hosts_file(example: Path) -> None:
    (example / "keys" / "known_hosts").unlink()
    problem = only_problem(example)
    assert (problem.code, problem.key) == ("CFG_MISSING_FILE", "channels.sftp-bigbox.known_hosts")
    assert problem.line == line_of(example / "gateway.toml", "known_hosts")


def test_signing_files_must_exist(example: Path) -> None:
    edit(
        example / "partners" / "northwind.toml",
        "sign = false",
        'sign = true\nkey_file = "keys/nw.key"\ncert_file = "keys/nw.pem"',
    )
    (example / "keys" / "nw.pem").write_text("certificate")
    problem = only_problem(example)
    assert (problem.code, problem.key) == ("CFG_MISSING_FILE", "documents.ubl.key_file")


def test_missing_mapping_folder(example: Path) -> None:
    shutil.rmtree(example.parent / "mappings" / "northwind")
    problem = only_problem(example)
    assert (problem.file, problem.code) == ("mappings/northwind/", "CFG_MISSING_MAPPING")


def test_mapping_folder_without_a_partner(example: Path) -> None:
    (example.parent / "mappings" / "ghost").mkdir()
    problem = only_problem(example)
    assert (problem.file, problem.code) == ("mappings/ghost/", "CFG_ORPHAN_MAPPING")


def test_unknown_customer_account(example: Path) -> None:
    edit(example / "partners" / "bigbox.toml", '["C-1001"]', '["C-1001", "C-9999"]')
    problem = only_problem(example)
    assert (problem.code, problem.key) == ("CFG_UNKNOWN_ACCOUNT", "customer_accounts")
    assert "C-9999" in problem.message


def test_load_config_raises_with_every_problem(example: Path) -> None:
    edit(example / "gateway.toml", "retention_days = 2555", "retention_dayz = 2555")
    shutil.rmtree(example.parent / "mappings" / "northwind")
    with pytest.raises(ConfigError) as raised:
        load_config(example)
    assert [p.code for p in raised.value.problems] == ["CFG_UNKNOWN_KEY", "CFG_MISSING_MAPPING"]


def test_missing_gateway_toml(tmp_path: Path) -> None:
    problem = only_problem(tmp_path / "config")
    assert (problem.file, problem.code) == ("config/gateway.toml", "CFG_MISSING_FILE")


def test_channel_references_are_checked_when_gateway_toml_has_other_problems(
    example: Path,
) -> None:
    edit(example / "gateway.toml", "retention_days = 2555", "retention_days = 0")
    edit(example / "partners" / "bigbox.toml", 'outbound = "sftp-bigbox"', 'outbound = "mail-in"')
    problems = check_config(example)
    assert [(p.file, p.key, p.code) for p in problems] == [
        ("config/gateway.toml", "archive.retention_days", "CFG_INVALID_VALUE"),
        ("config/partners/bigbox.toml", "channels.outbound", "CFG_CHANNEL_KIND"),
    ]


def test_a_schedule_must_name_a_job(example: Path) -> None:
    edit(example / "gateway.toml", "match_remittances =", "match_remitances =")
    problem = only_problem(example)
    assert (problem.code, problem.key) == ("CFG_UNKNOWN_JOB", "schedules.match_remitances")
    assert problem.line == line_of(example / "gateway.toml", "match_remitances")
    assert "match_remittances" in problem.message  # the sentence lists the real names


def test_the_schedulable_names_are_the_registry() -> None:
    from gateway.config.gateway_model import JOB_NAMES
    from gateway.jobs.runner import JOBS

    assert set(JOB_NAMES) == set(JOBS)


def test_statements_go_by_an_email_channel(example: Path) -> None:
    gateway = example / "gateway.toml"
    edit(gateway, 'channel = "mail-out"', 'channel = "local-demo"')
    problem = only_problem(example)
    assert (problem.code, problem.key) == ("CFG_CHANNEL_KIND", "statements.channel")
    assert problem.line == line_of(gateway, 'channel = "local-demo"')
    assert "email_out" in problem.message


def test_statements_name_a_channel_that_exists(example: Path) -> None:
    edit(example / "gateway.toml", 'channel = "mail-out"', 'channel = "mail-outt"')
    problem = only_problem(example)
    assert (problem.code, problem.key) == ("CFG_UNKNOWN_CHANNEL", "statements.channel")
    assert "mail-out" in problem.message  # the sentence lists the channels there are


def test_scheduled_statements_need_the_statements_table(example: Path) -> None:
    gateway = example / "gateway.toml"
    text = gateway.read_text()
    head, _, _ = text.partition("\n[statements]\n")
    gateway.write_text(head)
    problem = only_problem(example)
    assert (problem.code, problem.key) == ("CFG_MISSING_KEY", "schedules.email_statements")
    assert problem.line == line_of(gateway, "email_statements =")
    assert "[statements]" in problem.message
