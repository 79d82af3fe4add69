"""Transaction set structures (segment order, loops, requirement, repeats).

Written for this project from the X12 004010 table definitions of each set; the
005010 maps reuse them with positions multiplied by ten (005010 numbers its
positions 0100, 0200, ...), since the segments and loops carried here mostly keep the
same order in 005010. ST and SE are added by the generator.

Line format (indentation of two spaces per nesting level):

``A <id> <pos> <M|O> <name>``            table wrapper (HEADER, DETAIL, SUMMARY)
``L <id> <pos> <M|O> <repeat> <name>``  loop; its first segment is the loop trigger
``S <segment> <pos> <M|O> <max use>``   segment

``>1`` means unbounded. M becomes pyx12 usage R, O becomes S.
Positions are the standard's positions inside their table; pyx12 only uses them
to order the nodes of one loop, so a segment found at a lower position than the
current one is reported as out of order (not found).
"""

TS_850 = """\
A HEADER 020 M Heading
  S BEG 020 M 1
  S CUR 040 O 1
  S REF 050 O >1
  S PER 060 O 3
  S TAX 070 O >1
  S FOB 080 O >1
  S CTP 090 O >1
  S PAM 095 O 10
  S CSH 110 O 5
  S TC2 115 O >1
  L SAC_LOOP 120 O 25 Service, Promotion, Allowance, or Charge Information
    S SAC 120 O 1
    S CUR 125 O 1
  S ITD 130 O >1
  S DIS 140 O 20
  S INC 145 O 1
  S DTM 150 O 10
  S LDT 160 O 12
  S LIN 180 O 5
  S SI 185 O >1
  S PID 190 O 200
  S MEA 200 O 40
  S PWK 210 O 25
  S PKG 220 O 200
  S TD1 230 O 2
  S TD5 240 O 12
  S TD3 250 O 12
  S TD4 260 O 5
  S MAN 270 O 10
  S PCT 276 O >1
  S CTB 280 O 5
  S TXI 285 O >1
  L AMT_LOOP 287 O >1 Monetary Amount
    S AMT 287 O 1
    S REF 288 O >1
    S DTM 289 O 1
    S PCT 290 O >1
  L N9_LOOP 295 O 1000 Reference Identification
    S N9 295 O 1
    S DTM 300 O >1
    S MSG 305 O 1000
  L N1_LOOP 310 O 200 Party Identification
    S N1 310 O 1
    S N2 320 O 2
    S N3 330 O 2
    S N4 340 O >1
    S NX2 345 O >1
    S REF 350 O 12
    S PER 360 O >1
    S SI 365 O >1
    S FOB 370 O 1
    S TD1 380 O 2
    S TD5 390 O 12
    S TD3 400 O 12
    S TD4 410 O 5
    S PKG 420 O 200
A DETAIL 100 M Detail
  L PO1_LOOP 010 M 100000 Baseline Item Data
    S PO1 010 M 1
    S LIN 015 O >1
    S SI 018 O >1
    S CUR 020 O 1
    S CN1 025 O 1
    S PO3 030 O 25
    L CTP_LOOP 040 O >1 Pricing Information
      S CTP 040 O 1
      S CUR 043 O 1
    S PAM 045 O 10
    S MEA 049 O 40
    L PID_LOOP 050 O 1000 Product/Item Description
      S PID 050 O 1
      S MEA 060 O 10
    S PWK 070 O 25
    S PO4 090 O >1
    S REF 100 O >1
    S PER 110 O 3
    L SAC_LOOP 130 O 25 Service, Promotion, Allowance, or Charge Information
      S SAC 130 O 1
      S CUR 135 O 1
      S CTP 137 O 1
    S IT8 140 O 1
    S CSH 141 O >1
    S ITD 150 O 2
    S DIS 160 O 20
    S INC 165 O 1
    S TAX 170 O >1
    S FOB 180 O >1
    S SDQ 190 O 500
    S IT3 200 O 5
    S DTM 210 O 10
    S TC2 220 O >1
    S TD1 240 O 1
    S TD5 250 O 12
    S TD3 260 O 12
    S TD4 270 O 5
    S PCT 280 O >1
    S MAN 290 O 10
    S MSG 293 O >1
    S TXI 297 O >1
    S CTB 298 O >1
    L SCH_LOOP 330 O 200 Line Item Schedule
      S SCH 330 O 1
      S TD1 335 O 2
      S TD5 340 O 12
      S TD3 345 O 12
      S TD4 350 O 5
      S REF 355 O >1
    L PKG_LOOP 360 O 200 Marking, Packaging, Loading
      S PKG 360 O 1
      S MEA 365 O >1
    L LS_LOOP 370 O 1 Loop Header
      S LS 370 O 1
      L LDT_LOOP 380 M >1 Lead Time
        S LDT 380 O 1
        S MSG 400 O 1
        S REF 410 O 3
      S LE 440 M 1
    L N9_LOOP 450 O 1000 Reference Identification
      S N9 450 O 1
      S DTM 460 O >1
      S MEA 465 O 40
      S MSG 470 O 1000
    L N1_LOOP 480 O 200 Party Identification
      S N1 480 O 1
      S N2 490 O 2
      S N3 500 O 2
      S N4 510 O 1
      S NX2 525 O >1
      S REF 530 O 12
      S PER 540 O 3
      S SI 550 O >1
      S DTM 560 O 1
      S FOB 570 O 1
      S SCH 575 O 200
      S TD1 580 O 2
      S TD5 590 O 12
      S TD3 600 O 12
      S TD4 610 O 5
      S PKG 620 O 200
      L LDT_LOOP 630 O >1 Lead Time
        S LDT 630 O 1
        S MAN 640 O 10
        S MSG 660 O 1
        S REF 670 O 3
    L SLN_LOOP 680 O 1000 Subline Item Detail
      S SLN 680 O 1
      S MSG 690 O >1
      S SI 700 O >1
      S PID 710 O 1000
      S PO3 720 O 104
      S TC2 730 O >1
      S DTM 750 O 10
      S CTP 760 O 25
      S PAM 765 O 10
      S PO4 770 O 1
      S TAX 780 O 3
      L SAC_LOOP 810 O 25 Service, Promotion, Allowance, or Charge Information
        S SAC 810 O 1
        S CUR 820 O 1
        S CTP 825 O 1
      L N1_LOOP 850 O 10 Party Identification
        S N1 850 O 1
        S N2 860 O 2
        S N3 870 O 2
        S N4 880 O 1
        S NX2 890 O >1
        S REF 900 O 12
        S PER 910 O 3
        S SI 920 O >1
    L AMT_LOOP 930 O >1 Monetary Amount
      S AMT 930 O 1
      S REF 940 O 1
      S PCT 950 O >1
A SUMMARY 200 O Summary
  L CTT_LOOP 010 O 1 Transaction Totals
    S CTT 010 O 1
    S AMT 020 O 1
"""

TS_855 = """\
A HEADER 020 M Heading
  S BAK 020 M 1
  S CUR 040 O 1
  S REF 050 O >1
  S PER 060 O 3
  S TAX 070 O >1
  S FOB 080 O >1
  S CTP 090 O >1
  S PAM 095 O 10
  S CSH 110 O 1
  L SAC_LOOP 120 O 25 Service, Promotion, Allowance, or Charge Information
    S SAC 120 O 1
    S CUR 125 O 1
  S ITD 130 O 5
  S DIS 140 O 20
  S INC 145 O 1
  S DTM 150 O 10
  S LDT 160 O 12
  S LIN 180 O 5
  S SI 185 O >1
  S PID 190 O 200
  S MEA 200 O 40
  S PWK 210 O 25
  S PKG 220 O 25
  S TD1 230 O 2
  S TD5 240 O 12
  S TD3 250 O 12
  S TD4 260 O 5
  S MAN 270 O 10
  S TXI 280 O >1
  S CTB 282 O >1
  L N9_LOOP 285 O 1000 Reference Identification
    S N9 285 O 1
    S DTM 287 O >1
    S MSG 290 O 1000
  L N1_LOOP 300 O 200 Party Identification
    S N1 300 O 1
    S N2 310 O 2
    S N3 320 O 2
    S N4 330 O 1
    S NX2 335 O >1
    S REF 340 O 12
    S PER 350 O >1
    S SI 355 O >1
    S FOB 360 O 1
    S TD1 370 O 2
    S TD5 380 O 12
    S TD3 390 O 12
    S TD4 400 O 5
    S PKG 410 O 25
A DETAIL 100 O Detail
  L PO1_LOOP 010 O 100000 Baseline Item Data
    S PO1 010 O 1
    S LIN 015 O >1
    S SI 018 O >1
    S CUR 020 O 1
    S PO3 025 O 25
    S CTP 040 O >1
    S PAM 045 O 10
    S MEA 049 O 40
    L PID_LOOP 050 O 1000 Product/Item Description
      S PID 050 O 1
      S MEA 060 O 10
    S PWK 070 O 25
    S PO4 090 O >1
    S REF 100 O >1
    S PER 110 O 3
    L SAC_LOOP 130 O 25 Service, Promotion, Allowance, or Charge Information
      S SAC 130 O 1
      S CUR 135 O 1
    S IT8 140 O 1
    S CSH 141 O >1
    S ITD 150 O 2
    S DIS 160 O 20
    S INC 165 O 1
    S TAX 170 O >1
    S FOB 180 O >1
    S SDQ 190 O 500
    S DTM 210 O 10
    S LDT 220 O 12
    S TD1 240 O 1
    S TD5 250 O 12
    S TD3 260 O 12
    S TD4 265 O 5
    L ACK_LOOP 270 O 104 Line Item Acknowledgment
      S ACK 270 O 1
      S DTM 271 O 1
    S MAN 290 O 10
    S AMT 292 O 1
    S CTB 293 O >1
    S TXI 295 O >1
    L PKG_LOOP 300 O 200 Marking, Packaging, Loading
      S PKG 300 O 1
      S MEA 305 O >1
    L SCH_LOOP 310 O 200 Line Item Schedule
      S SCH 310 O 1
      S TD1 315 O 2
      S TD5 320 O 12
      S TD3 325 O 12
      S TD4 330 O 5
      S REF 335 O >1
    L N9_LOOP 340 O 1000 Reference Identification
      S N9 340 O 1
      S DTM 345 O >1
      S MSG 350 O 1000
    L N1_LOOP 360 O 200 Party Identification
      S N1 360 O 1
      S N2 370 O 2
      S N3 380 O 2
      S N4 390 O 1
      S NX2 395 O >1
      S REF 400 O 12
      S PER 410 O 3
      S SI 415 O >1
      S DTM 420 O 1
      S FOB 425 O 1
      S SCH 430 O 200
      S TD1 435 O 2
      S TD5 440 O 12
      S TD3 445 O 12
      S TD4 450 O 5
      S PKG 460 O 25
    L SLN_LOOP 470 O 1000 Subline Item Detail
      S SLN 470 O 1
      S MSG 480 O >1
      S SI 490 O >1
      S PID 500 O 1000
      S PO3 510 O 25
      S CTP 520 O 25
      S PAM 525 O 10
      S ACK 530 O 104
      L SAC_LOOP 540 O 10 Service, Promotion, Allowance, or Charge Information
        S SAC 540 O 1
        S CUR 545 O 1
      S DTM 550 O 10
      S PO4 560 O 1
      S TAX 570 O 3
      L N1_LOOP 600 O 10 Party Identification
        S N1 600 O 1
        S N2 610 O 2
        S N3 620 O 2
        S N4 630 O 1
        S NX2 640 O >1
        S REF 650 O 12
        S PER 660 O 3
        S SI 670 O >1
A SUMMARY 200 O Summary
  L CTT_LOOP 010 O 1 Transaction Totals
    S CTT 010 O 1
    S AMT 020 O 1
"""

TS_856 = """\
A HEADER 020 M Heading
  S BSN 020 M 1
  S DTM 040 O 10
A DETAIL 100 M Detail
  L HL_LOOP 010 M 200000 Hierarchical Level
    S HL 010 M 1
    S LIN 020 O 1
    S SN1 030 O 1
    S SLN 040 O 1000
    S PRF 050 O 1
    S PO4 060 O 1
    S PID 070 O 200
    S MEA 080 O 40
    S PWK 090 O 25
    S PKG 100 O 25
    S TD1 110 O 20
    S TD5 120 O 12
    S TD3 130 O 12
    S TD4 140 O 5
    S REF 150 O >1
    S PER 160 O 3
    S MAN 190 O >1
    S DTM 200 O 10
    S FOB 210 O 1
    L N1_LOOP 220 O 200 Party Identification
      S N1 220 O 1
      S N2 230 O 2
      S N3 240 O 2
      S N4 250 O 1
      S REF 260 O 12
      S PER 270 O 3
      S FOB 280 O 1
    S SDQ 290 O 50
    S CUR 310 O 1
    L SAC_LOOP 320 O >1 Service, Promotion, Allowance, or Charge Information
      S SAC 320 O 1
      S CUR 325 O 1
    S YNQ 335 O 10
    L LM_LOOP 340 O 10 Code Source Information
      S LM 340 O 1
      S LQ 350 M 100
A SUMMARY 200 O Summary
  S CTT 010 O 1
"""

TS_810 = """\
A HEADER 020 M Heading
  S BIG 020 M 1
  S NTE 030 O 100
  S CUR 040 O 1
  S REF 050 O 12
  S YNQ 053 O 10
  S PER 060 O 3
  L N1_LOOP 070 O 200 Party Identification
    S N1 070 O 1
    S N2 080 O 2
    S N3 090 O 2
    S N4 100 O 1
    S REF 110 O 12
    S PER 120 O 3
  S ITD 130 O >1
  S DTM 140 O 10
  S FOB 150 O 1
  S PID 160 O 200
  S MEA 170 O 40
  S PWK 180 O 25
  S PKG 190 O 25
  S L7 200 O 1
  S BAL 212 O >1
  S INC 215 O 1
  S PAM 220 O >1
  L LM_LOOP 230 O 10 Code Source Information
    S LM 230 O 1
    S LQ 240 M 100
A DETAIL 100 O Detail
  L IT1_LOOP 010 O 200000 Baseline Item Data (Invoice)
    S IT1 010 O 1
    S CUR 015 O 1
    S IT3 020 O 5
    S TXI 040 O 10
    S CTP 050 O 25
    S PAM 058 O 10
    S MEA 059 O 40
    L PID_LOOP 060 O 1000 Product/Item Description
      S PID 060 O 1
      S MEA 070 O 10
    S PWK 080 O 25
    S PKG 090 O 25
    S PO4 100 O 1
    S ITD 110 O 2
    S REF 120 O >1
    S YNQ 125 O 10
    S PER 130 O 5
    S SDQ 140 O 500
    S DTM 150 O 10
    S CAD 160 O >1
    S L7 170 O >1
    L SAC_LOOP 180 O 25 Service, Promotion, Allowance, or Charge Information
      S SAC 180 O 1
      S TXI 190 O 10
    L SLN_LOOP 200 O 1000 Subline Item Detail
      S SLN 200 O 1
      S DTM 210 O 1
      S REF 220 O >1
      S PID 230 O 1000
      S SAC 240 O 25
      S TC2 250 O 2
      S TXI 260 O 10
    L N1_LOOP 270 O 200 Party Identification
      S N1 270 O 1
      S N2 280 O 2
      S N3 290 O 2
      S N4 300 O 1
      S REF 310 O 12
      S PER 320 O 3
    L LM_LOOP 330 O 10 Code Source Information
      S LM 330 O 1
      S LQ 340 M 100
A SUMMARY 200 M Summary
  S TDS 010 M 1
  S TXI 020 O 10
  S CAD 030 O 1
  S AMT 035 O >1
  L SAC_LOOP 040 O 25 Service, Promotion, Allowance, or Charge Information
    S SAC 040 O 1
    S TXI 050 O 10
  L ISS_LOOP 060 O >1 Invoice Shipment Summary
    S ISS 060 O 1
    S PID 065 O 1
  S CTT 070 O 1
"""

_IT1_820 = """\
L IT1_LOOP {p} O >1 Baseline Item Data (Invoice)
  S IT1 {p} O 1
  L REF_LOOP {p1} O >1 Reference Identification
    S REF {p1} O 1
    S DTM {p2} O 1
  L SAC_LOOP {p3} O >1 Service, Promotion, Allowance, or Charge Information
    S SAC {p3} O 1
    S TXI {p4} O >1
  L SLN_LOOP {p5} O >1 Subline Item Detail
    S SLN {p5} O 1
    L REF_LOOP {p6} O >1 Reference Identification
      S REF {p6} O 1
      S DTM {p7} O >1
    L SAC_LOOP {p8} O >1 Service, Promotion, Allowance, or Charge Information
      S SAC {p8} O 1
      S TXI {p9} O >1
"""


def _it1_820(base: int, indent: str) -> str:
    """The IT1 loop that 004010 820 repeats under ADX and RMR."""
    text = _IT1_820.format(
        p=f"{base:03d}",
        **{f"p{i}": f"{base + i:03d}" for i in range(1, 10)},
    )
    return "".join(indent + line + "\n" for line in text.splitlines())


TS_820 = (
    """\
A HEADER 020 M Heading
  S BPR 020 M 1
  S NTE 030 O >1
  S TRN 035 O 1
  S CUR 040 O 1
  S REF 050 O >1
  S DTM 060 O >1
  L N1_LOOP 070 O >1 Party Identification
    S N1 070 O 1
    S N2 080 O >1
    S N3 090 O >1
    S N4 100 O 1
    S REF 110 O >1
    S PER 120 O >1
    S DTM 130 O 1
A DETAIL 100 O Detail
  L ENT_LOOP 010 O >1 Entity
    S ENT 010 O 1
    L NM1_LOOP 020 O >1 Individual or Organizational Name
      S NM1 020 O 1
      S N2 030 O >1
      S N3 040 O >1
      S N4 050 O 1
      S REF 060 O >1
      S PER 070 O >1
    L ADX_LOOP 080 O >1 Adjustment
      S ADX 080 O 1
      S NTE 090 O >1
      S PER 100 O >1
      S DTM 105 O 1
      L REF_LOOP 110 O >1 Reference Identification
        S REF 110 O 1
        S DTM 115 O >1
"""
    + _it1_820(120, "      ")
    + """\
    L RMR_LOOP 150 O >1 Remittance Advice Accounts Receivable Open Item Reference
      S RMR 150 O 1
      S NTE 160 O >1
      S REF 170 O >1
      S DTM 180 O >1
"""
    + _it1_820(190, "      ")
    + """\
      L ADX_LOOP 210 O >1 Adjustment
        S ADX 210 O 1
        S NTE 220 O >1
        S PER 230 O >1
        L REF_LOOP 240 O >1 Reference Identification
          S REF 240 O 1
          S DTM 245 O >1
"""
    + _it1_820(250, "        ")
)

TS_997 = """\
A HEADER 020 M Heading
  S AK1 020 M 1
  L AK2_LOOP 030 O 999999 Transaction Set Response Header
    S AK2 030 O 1
    L AK3_LOOP 040 O 999999 Data Segment Note
      S AK3 040 O 1
      S AK4 050 O 99
    S AK5 060 M 1
  S AK9 070 M 1
"""

TS_999 = """\
A HEADER 020 M Heading
  S AK1 020 M 1
  L AK2_LOOP 030 O 999999 Transaction Set Response Header
    S AK2 030 O 1
    L IK3_LOOP 040 O 999999 Error Identification
      S IK3 040 O 1
      S CTX 050 O 10
      L IK4_LOOP 060 O 99 Implementation Data Element Note
        S IK4 060 O 1
        S CTX 070 O 10
    S IK5 080 M 1
  S AK9 090 M 1
"""


def _edit(text: str, edits: list[tuple[str, str]]) -> str:
    """Apply the listed 005010 changes to a 004010 structure; each must match once."""
    for old, new in edits:
        if text.count(old) != 1:
            raise ValueError(f"005010 edit does not match exactly once: {old!r}")
        text = text.replace(old, new)
    return text


# 005010 850: MSG gave way to MTX; the heading LDT became a loop placed after TXI;
# N1 loops gained IN2; N9 loops gained PWK; SLN gained MEA; heading TD5 unbounded.
TS_850_5010 = _edit(
    TS_850,
    [
        ("  S LDT 160 O 12\n", ""),
        ("  S TD5 240 O 12\n", "  S TD5 240 O >1\n"),
        (
            "  S TXI 285 O >1\n",
            "  S TXI 285 O >1\n"
            "  L LDT_LOOP 286 O >1 Lead Time\n"
            "    S LDT 286 O 1\n"
            "    S MTX 288 O >1\n"
            "    S REF 289 O >1\n",
        ),
        (
            "    S MSG 305 O 1000\n",
            "    S MTX 305 O >1\n    S PWK 306 O >1\n",
        ),
        ("    S N2 320 O 2\n", "    S N2 320 O 2\n    S IN2 325 O >1\n"),
        ("    S MSG 293 O >1\n", "    S MTX 293 O >1\n"),
        ("        S MSG 400 O 1\n", "        S MTX 400 O >1\n"),
        (
            "      S MSG 470 O 1000\n",
            "      S MTX 470 O >1\n      S PWK 475 O >1\n",
        ),
        ("      S N2 490 O 2\n", "      S N2 490 O 2\n      S IN2 495 O >1\n"),
        ("        S MSG 660 O 1\n", "        S MTX 660 O >1\n"),
        ("      S MSG 690 O >1\n", "      S MTX 690 O >1\n"),
        ("      S PO3 720 O 104\n", "      S PO3 720 O 104\n      S MEA 725 O >1\n"),
        ("        S N2 860 O 2\n", "        S N2 860 O 2\n        S IN2 865 O >1\n"),
        ("      S REF 940 O 1\n", "      S REF 940 O >1\n"),
    ],
)

# 005010 855: as 004010, but MSG gave way to MTX (as in the 850).
TS_855_5010 = _edit(TS_855, [("    S MSG 290 O 1000\n", "    S MTX 290 O >1\n")])

# 005010 856: TD3 became a loop (TD3 with AT9, which retail does not send).
TS_856_5010 = _edit(
    TS_856,
    [
        (
            "    S TD3 130 O 12\n",
            "    L TD3_LOOP 130 O 12 Carrier Details (Equipment)\n      S TD3 130 O 1\n",
        ),
    ],
)

# 005010 810: line TXI unbounded; TXI under SAC became a loop (TXI, DTM); the
# summary SAC loop gained DTM.
TS_810_5010 = _edit(
    TS_810,
    [
        ("    S TXI 040 O 10\n", "    S TXI 040 O >1\n"),
        (
            "      S SAC 180 O 1\n      S TXI 190 O 10\n",
            "      S SAC 180 O 1\n"
            "      L TXI_LOOP 190 O >1 Tax Information\n"
            "        S TXI 190 O 1\n"
            "        S DTM 195 O 1\n",
        ),
        (
            "    S SAC 040 O 1\n    S TXI 050 O 10\n",
            "    S SAC 040 O 1\n"
            "    S DTM 045 O >1\n"
            "    L TXI_LOOP 050 O >1 Tax Information\n"
            "      S TXI 050 O 1\n"
            "      S DTM 055 O 1\n",
        ),
    ],
)

# (set id, name, functional identifier, structure)
TRANSACTIONS = {
    "850": ("Purchase Order", "PO", TS_850),
    "855": ("Purchase Order Acknowledgment", "PR", TS_855),
    "856": ("Ship Notice/Manifest", "SH", TS_856),
    "810": ("Invoice", "IN", TS_810),
    "820": ("Payment Order/Remittance Advice", "RA", TS_820),
    "997": ("Functional Acknowledgment", "FA", TS_997),
    "999": ("Implementation Acknowledgment", "FA", TS_999),
}

# Structures that differ in 005010 (the others are shared).
STRUCTURES_5010 = {
    "850": TS_850_5010,
    "855": TS_855_5010,
    "856": TS_856_5010,
    "810": TS_810_5010,
}
