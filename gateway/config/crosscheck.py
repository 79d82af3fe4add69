"""Checks across files: partner IDs and ISA pairs, channel references, referenced files.

Each function takes already-validated models (with where they came from) and returns problems;
``exists`` is passed in so these checks stay pure and testable.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

from gateway.config.gateway_model import JOB_NAMES, GatewaySettings, SftpChannel
from gateway.config.partner_model import PartnerSettings
from gateway.config.problems import ConfigProblem
from gateway.config.tomlfile import TomlDocument

M = TypeVar("M")
_INBOUND_KINDS = {"local", "sftp", "email_in"}
_OUTBOUND_KINDS = {"local", "sftp", "email_out"}


@dataclass(frozen=True, slots=True)
class Located(Generic[M]):
    """A model with the file it came from and its key lines."""

    file: str
    document: TomlDocument
    model: M

    def problem(self, path: tuple[str | int, ...], code: str, message: str) -> ConfigProblem:
        key = ".".join(str(p) for p in path)
        return ConfigProblem(self.file, self.document.line_of(path), key, code, message)


def partner_identity_problems(partners: Sequence[Located[PartnerSettings]]) -> list[ConfigProblem]:
    """Partner IDs are unique, and so are the (ISA qualifier, ISA ID) pairs they send from."""
    problems = []
    ids: dict[str, str] = {}
    pairs: dict[tuple[str, str], str] = {}
    for located in partners:
        partner = located.model
        if partner.id in ids:
            problems.append(
                located.problem(
                    ("id",),
                    "CFG_DUPLICATE_PARTNER",
                    f"partner ID {partner.id!r} is already used by {ids[partner.id]}",
                )
            )
        ids.setdefault(partner.id, located.file)
        if partner.isa_pair in pairs:
            qualifier, isa_id = partner.isa_pair
            problems.append(
                located.problem(
                    ("x12", "their_isa_id"),
                    "CFG_DUPLICATE_ISA",
                    f"ISA sender {qualifier}/{isa_id} is already partner "
                    f"{pairs[partner.isa_pair]}'s; "
                    "inbound files could not be told apart",
                )
            )
        pairs.setdefault(partner.isa_pair, partner.id)
    return problems


def channel_problems(
    kinds: Mapping[str, str], located: Located[PartnerSettings]
) -> list[ConfigProblem]:
    """The partner's channels exist and suit their direction; e-mail partners list addresses.

    ``kinds`` is the kind of each channel of gateway.toml, by name.
    """
    partner = located.model
    problems = []
    for direction, allowed in (("inbound", _INBOUND_KINDS), ("outbound", _OUTBOUND_KINDS)):
        name = getattr(partner.channels, direction)
        kind = kinds.get(name)
        path = ("channels", direction)
        if kind is None:
            known = ", ".join(sorted(kinds)) or "none"
            problems.append(
                located.problem(
                    path,
                    "CFG_UNKNOWN_CHANNEL",
                    f"no channel {name!r} in gateway.toml (channels: {known})",
                )
            )
        elif kind not in allowed:
            problems.append(
                located.problem(
                    path,
                    "CFG_CHANNEL_KIND",
                    f"channel {name!r} is {kind or 'of no kind'}, which cannot carry "
                    f"{direction} files",
                )
            )
        elif kind == "email_in" and not partner.email.allowed_senders:
            problems.append(
                located.problem(
                    ("email", "allowed_senders"),
                    "CFG_EMAIL_SENDERS",
                    f"inbound channel {name!r} is e-mail: list the partner's sender addresses "
                    "in email.allowed_senders",
                )
            )
        elif kind == "email_out" and not partner.email.to:
            problems.append(
                located.problem(
                    ("email", "to"),
                    "CFG_EMAIL_RECIPIENTS",
                    f"outbound channel {name!r} is e-mail: list recipients in email.to",
                )
            )
    return problems


def sender_problems(
    kinds: Mapping[str, str], partners: Sequence[Located[PartnerSettings]]
) -> list[ConfigProblem]:
    """An e-mail sender may belong to one partner per inbound mailbox."""
    owners: dict[tuple[str, str], str] = {}
    problems = []
    for located in partners:
        partner = located.model
        if kinds.get(partner.channels.inbound) != "email_in":
            continue
        for index, sender in enumerate(partner.email.allowed_senders):
            key = (partner.channels.inbound, sender)
            if key in owners and owners[key] != partner.id:
                problems.append(
                    located.problem(
                        ("email", "allowed_senders"),
                        "CFG_DUPLICATE_SENDER",
                        f"sender {sender} (entry {index + 1}) is also partner {owners[key]}'s "
                        f"on channel {partner.channels.inbound}",
                    )
                )
            owners.setdefault(key, partner.id)
    return problems


def gateway_file_problems(
    located: Located[GatewaySettings], exists: Callable[[str], bool]
) -> list[ConfigProblem]:
    """known_hosts and key files of SFTP channels exist (relative to the config directory);
    every schedule names a job the gateway runs."""
    problems = []
    for job in located.model.schedules:
        if job not in JOB_NAMES:
            problems.append(
                located.problem(
                    ("schedules", job),
                    "CFG_UNKNOWN_JOB",
                    f"no job is called {job!r}; the jobs are {', '.join(JOB_NAMES)}",
                )
            )
    for name, channel in located.model.channels.items():
        if not isinstance(channel, SftpChannel):
            continue
        for key in ("known_hosts", "key_file"):
            value = getattr(channel, key)
            if value is not None and not exists(value):
                problems.append(
                    located.problem(
                        ("channels", name, key),
                        "CFG_MISSING_FILE",
                        f"{key} {value!r} does not exist (relative to the config directory)",
                    )
                )
    return problems


def statement_problems(
    kinds: Mapping[str, str], located: Located[GatewaySettings]
) -> list[ConfigProblem]:
    """[statements] names an e-mail channel; the ``email_statements`` job needs [statements]."""
    settings = located.model.statements
    if settings is None:
        if "email_statements" not in located.model.schedules:
            return []
        return [
            located.problem(
                ("schedules", "email_statements"),
                "CFG_MISSING_KEY",
                "job email_statements is scheduled but gateway.toml has no [statements] table "
                'saying which e-mail channel sends them (channel = "...")',
            )
        ]
    kind = kinds.get(settings.channel)
    if kind is None:
        known = ", ".join(sorted(kinds)) or "none"
        return [
            located.problem(
                ("statements", "channel"),
                "CFG_UNKNOWN_CHANNEL",
                f"no channel {settings.channel!r} in gateway.toml (channels: {known})",
            )
        ]
    if kind != "email_out":
        return [
            located.problem(
                ("statements", "channel"),
                "CFG_CHANNEL_KIND",
                f"channel {settings.channel!r} is {kind}; statements go out by e-mail, so it "
                "must be an email_out channel",
            )
        ]
    return []


def partner_file_problems(
    located: Located[PartnerSettings], exists: Callable[[str], bool]
) -> list[ConfigProblem]:
    """UBL signing key and certificate files exist."""
    ubl = located.model.documents.ubl
    problems = []
    if ubl is not None and ubl.sign:
        for key in ("key_file", "cert_file"):
            value = getattr(ubl, key)
            if value is not None and not exists(value):
                problems.append(
                    located.problem(
                        ("documents", "ubl", key),
                        "CFG_MISSING_FILE",
                        f"{key} {value!r} does not exist (relative to the config directory)",
                    )
                )
    return problems


def account_problems(
    located: Located[PartnerSettings], accounts: Mapping[str, object]
) -> list[ConfigProblem]:
    """The partner's customer accounts exist in customers.csv (when it is shipped)."""
    return [
        located.problem(
            ("customer_accounts",),
            "CFG_UNKNOWN_ACCOUNT",
            f"customer account {account!r} is not in data/customers.csv",
        )
        for account in located.model.customer_accounts
        if account not in accounts
    ]
