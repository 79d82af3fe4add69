"""The only way gateway.ubl parses XML it did not build: no DTDs, no entities, no network.

lxml is configured with ``resolve_entities=False``, ``no_network=True``, ``load_dtd=False`` and
no huge-tree mode; a document that declares a DOCTYPE at all (the carrier of XXE and
entity-expansion attacks, and never part of UBL) is refused with
:class:`~gateway.ubl.errors.UnsafeXmlError`. A Peppol SBDH envelope is unwrapped to the UBL root.
"""

from __future__ import annotations

from typing import Any

from lxml import etree

from gateway.ubl.errors import NotUblError, UnsafeXmlError
from gateway.ubl.ns import ROOT_NAMESPACES

SBDH_NS = "http://www.unece.org/cefact/namespaces/StandardBusinessDocumentHeader"


def _parser() -> etree.XMLParser:
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_blank_text=False,
    )


def parse_xml(data: bytes) -> etree._Element:
    """Parse untrusted bytes into an element; refuse DTDs, entities and malformed input."""
    if not data.strip():
        raise NotUblError("empty input: no XML document")
    if b"<!DOCTYPE" in data or b"<!ENTITY" in data:  # fast refusal; docinfo below decides
        raise UnsafeXmlError("XML with a DOCTYPE or entity declarations is refused (XXE guard)")
    try:
        root = etree.fromstring(data, _parser())
    except etree.XMLSyntaxError as exc:
        raise NotUblError(f"not well-formed XML: {exc}") from exc
    docinfo: Any = root.getroottree().docinfo
    if docinfo.doctype or docinfo.internalDTD is not None or docinfo.externalDTD is not None:
        raise UnsafeXmlError("XML with a DOCTYPE is refused (XXE guard)")
    for node in root.iter(etree.Entity):
        raise UnsafeXmlError(f"entity reference {node.text!r} is refused")
    return root


def ubl_root(root: etree._Element) -> etree._Element:
    """The Invoice or CreditNote element, unwrapping an SBDH envelope; NotUblError otherwise."""
    if _is_ubl(root):
        return root
    if isinstance(root.tag, str) and root.tag.startswith("{" + SBDH_NS + "}"):
        for child in root:
            if _is_ubl(child):
                copy = etree.fromstring(etree.tostring(child), _parser())
                return copy
    raise NotUblError(f"not a UBL 2.1 Invoice or CreditNote: root element is {root.tag!r}")


def parse_ubl(data: bytes) -> etree._Element:
    """Parse untrusted bytes and return the UBL Invoice or CreditNote root."""
    return ubl_root(parse_xml(data))


def _is_ubl(element: etree._Element) -> bool:
    tag = element.tag
    if not isinstance(tag, str) or not tag.startswith("{"):
        return False
    ns, _, local = tag[1:].partition("}")
    return ROOT_NAMESPACES.get(ns) == local
