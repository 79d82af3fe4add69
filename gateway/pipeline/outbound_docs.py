"""Parties and settings of outbound documents, from configuration: who we are (remit-to,
ship-from, UBL seller), who the partner is (ship-to, UBL buyer), tax categories, bank."""

from __future__ import annotations

from gateway.config.loaded import LoadedConfig
from gateway.config.partner_model import PartnerSettings
from gateway.pipeline.documents import TaxInfo
from gateway.transactions.common import Party
from gateway.transactions.mapping import PartnerMapping
from gateway.ubl import model as ubl


def our_party(config: LoadedConfig, role: str) -> Party:
    identity = config.gateway.identity
    if identity.gln:
        return Party(role, identity.name, "UL", identity.gln)
    return Party(role, identity.name, "ZZ", identity.isa_id)


def ship_to(mapping: PartnerMapping, refs: dict[str, str], fallback_name: str) -> Party:
    store = refs.get("ship_to", "")
    address = mapping.ship_to.get(store) if store else None
    if address is not None:
        return Party(
            "ST",
            address.name,
            "92",
            store,
            (address.line1,) if address.line1 else (),
            address.city,
            address.state,
            address.postal_code,
            address.country,
        )
    return Party("ST", fallback_name, "92" if store else "", store)


def tax_infos(config: LoadedConfig) -> dict[str, TaxInfo]:
    return {
        code: TaxInfo(
            ubl.TaxCategory(tax.category),
            tax.exemption_reason or None,
            tax.exemption_reason_code or None,
        )
        for code, tax in config.gateway.tax_codes.items()
    }


def ubl_seller(config: LoadedConfig) -> ubl.Party:
    identity = config.gateway.identity
    address = identity.address
    endpoint = (
        ubl.Identifier(identity.gln, "0088")
        if identity.gln
        else ubl.Identifier(identity.isa_id, "0060")
    )
    return ubl.Party(
        identity.name,
        endpoint,
        ubl.Address(
            address.country,
            address.line1 or None,
            address.line2 or None,
            address.city or None,
            address.postal_code or None,
            address.state or None,
        ),
        legal_id=ubl.Identifier(identity.legal_id) if identity.legal_id else None,
        vat_id=identity.tax_id or None,
    )


def ubl_buyer(
    config: LoadedConfig, partner: PartnerSettings | None, account: str, name: str
) -> ubl.Party:
    """The UBL buyer: its electronic address from the partner's [documents.ubl], else the
    customer's GLN in customers.csv (scheme 0088); LookupError when it has neither."""
    settings = partner.documents.ubl if partner else None
    row = config.customer(account)
    if settings is not None:
        endpoint = ubl.Identifier(settings.endpoint_id, settings.endpoint_scheme)
    elif row is not None and row.gln:
        endpoint = ubl.Identifier(row.gln, "0088")
    else:
        raise LookupError(
            f"customer {account} has no electronic address for UBL: set [documents.ubl] "
            "endpoint_id in its partner file or a gln in config/data/customers.csv"
        )
    country = config.mapping(partner.id).defaults.get("country", "US") if partner else "US"
    return ubl.Party(row.name if row else name, endpoint, ubl.Address(country))


def payment_means(config: LoadedConfig) -> tuple[ubl.PaymentMeans, ...]:
    bank = config.gateway.identity.bank
    if bank is None:
        return ()
    return (
        ubl.PaymentMeans(
            bank.means_code, None, bank.account_id, bank.account_name or None, bank.bic or None
        ),
    )
