"""One pure module per X12 transaction set, listed in an explicit registry.

Each module turns segments plus a partner's mapping into a typed document (inbound: 850, 820)
or a typed document into segments (outbound: 855, 856, 810). No database, no network, no
clock: what they need is passed in. ``mapping`` holds the partner mapping view they read.
"""
