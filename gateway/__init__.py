"""o2c-gateway: the EDI side of the order-to-cash gateway.

Subpackages (see ARCHITECTURE.md): ``x12`` (a generic X12 syntax library), ``transactions``
(one pure module per transaction set), ``ubl`` (UBL 2.1 / Peppol BIS Billing 3.0), ``channels``
(bytes and names over folders, SFTP and email), ``store``, ``pipeline``, ``jobs`` and the ``cli``.
Nothing is built at import time.
"""

__version__ = "0.1.0"
