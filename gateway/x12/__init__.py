"""A generic X12 library: read, check and write interchanges (ASC X12 versions 00200 to 00801).

It imports nothing from ``core``. Layers, bottom up:

- ``delimiters``: the delimiter set of an interchange, found from its ISA segment;
- ``tokenizer``: bytes in, segments out (each with byte offset, index and line), streaming;
- ``envelope``: ISA/GS/ST and their trailers as typed records, grouped one transaction set at a
  time, with the envelope checks (control numbers, counts, ISA field formats);
- ``serializer``: segments and envelopes back to bytes, with any delimiter set;
- ``problems``: what the checks find, as values, each with the X12 code it maps to.

Exceptions (``gateway.x12.errors``)::

    X12Error                    base of everything this package raises
    ├── X12ReadError            the input cannot be read as X12 at all (empty, no ISA, ...)
    └── X12WriteError           a value cannot be written (it holds a delimiter, too long, ...)

Everything else found in a readable interchange is reported as a ``Problem``, never raised.
"""
