"""Untrusted XML: XXE and entity expansion refused, non-UBL input reported clearly."""

from __future__ import annotations

import pytest

from gateway.ubl.builder import render
from gateway.ubl.errors import NotUblError, UnsafeXmlError
from gateway.ubl.example import example_invoice
from gateway.ubl.xmlsafe import parse_ubl

XXE = b"""<?xml version="1.0"?>
<!DOCTYPE Invoice [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2">&xxe;</Invoice>"""

LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">]>
<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2">&lol2;</Invoice>"""

EXTERNAL_DTD = b"""<?xml version="1.0"?>
<!DOCTYPE Invoice SYSTEM "http://example.invalid/evil.dtd">
<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"/>"""

PARAMETER_ENTITY = b"""<?xml version="1.0"?>
<!DOCTYPE r [<!ENTITY % p SYSTEM "http://example.invalid/x"> %p;]>
<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"/>"""


@pytest.mark.parametrize("data", [XXE, LAUGHS, EXTERNAL_DTD, PARAMETER_ENTITY])
def test_dtd_and_entities_are_refused(data: bytes) -> None:
    with pytest.raises(UnsafeXmlError, match="refused"):
        parse_ubl(data)


def test_doctype_the_byte_scan_cannot_see_is_still_refused() -> None:
    # UTF-16 hides "<!DOCTYPE" from the byte scan; the parsed document's docinfo still shows it
    text = XXE.decode().replace('<?xml version="1.0"?>', '<?xml version="1.0" encoding="UTF-16"?>')
    data = text.encode("utf-16")
    assert b"<!DOCTYPE" not in data
    with pytest.raises(UnsafeXmlError, match="refused"):
        parse_ubl(data)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "empty"),
        (b"  \n", "empty"),
        (b"ISA*00*", "not well-formed"),
        (b"<Invoice>unclosed", "not well-formed"),
        (b"<Order xmlns='urn:oasis:names:specification:ubl:schema:xsd:Order-2'/>", "root element"),
        (b"<Invoice/>", "root element"),
    ],
)
def test_not_ubl_is_reported(data: bytes, message: str) -> None:
    with pytest.raises(NotUblError, match=message):
        parse_ubl(data)


def test_ubl_and_sbdh_wrapped_ubl_are_read() -> None:
    xml = render(example_invoice())
    assert parse_ubl(xml).tag.endswith("}Invoice")
    body = xml.split(b"?>", 1)[1]
    wrapped = (
        b"<sh:StandardBusinessDocument xmlns:sh='http://www.unece.org/cefact/namespaces/"
        b"StandardBusinessDocumentHeader'><sh:StandardBusinessDocumentHeader/>"
        + body
        + b"</sh:StandardBusinessDocument>"
    )
    root = parse_ubl(wrapped)
    assert root.tag.endswith("}Invoice")
    assert root.getparent() is None
