"""Code lists enforced by the o2c-gateway X12 maps.

A list belongs to a data element: every element in every map that uses that data
element is checked against it (written into the maps as
``<valid_codes external="de<number>"/>`` and into codes.xml).

Only elements whose standard code list is short enough to carry completely, or
whose retail use is settled, are listed here. Elements with very long standard
lists (98 entity identifier, 128 reference qualifier, 374 date qualifier, 355
unit of measure, 235 product ID qualifier, 426 adjustment reason, 735 HL level,
100 currency, ...) are checked for type and length only, so a legitimate code a
partner uses is never rejected for want of a list.

Format: ``element|name|codes separated by spaces``.
"""

CODE_LISTS = """
I01|Authorization Information Qualifier|00 01 02 03 04 05 06
I03|Security Information Qualifier|00 01
I05|Interchange ID Qualifier|01 02 03 04 07 08 09 10 11 12 13 14 15 16 17 18 19 20 21 22 23 24 25 26 27 28 29 30 31 32 33 34 35 36 37 38 AM NR SA SN ZZ
I13|Acknowledgment Requested|0 1
I14|Interchange Usage Indicator|I P T
I17|Interchange Acknowledgment Code|A E R
I18|Interchange Note Code|000 001 002 003 004 005 006 007 008 009 010 011 012 013 014 015 016 017 018 019 020 021 022 023 024 025 026 027 028 029 030 031
455|Responsible Agency Code|T X
479|Functional Identifier Code|AA AB AD AF AG AH AI AK AL AM AN AO AP AQ AR AS AT AU AV AW AX AY AZ BA BB BC BD BE BF BL BS CA CB CC CD CE CF CH CI CJ CK CM CN CO CP CQ CR CS CT CU CV D3 D4 D5 DA DD DF DI DM DS DX EC ED EI EN EP ER ES EV EX FA FB FC FG FR FT GC GE GF GL GP GR GT HB HC HI HN HP HR HS HU HV IA IB IC ID IE IF IG IH IJ IM IN IO IR IS JB KM LA LB LI LN LR LS LT MA MC MD ME MF MG MH MI MJ MK MM MN MO MP MQ MR MS MT MV MW MX MY MZ NC NL NP NR NT OC OG OR OW PA PB PC PD PE PF PG PH PI PJ PK PL PN PO PQ PR PS PT PU PV PW PY QG QM QO RA RB RC RD RE RH RI RJ RK RL RM RN RO RP RQ RR RS RT RU RV RW RX RY RZ SA SB SC SD SE SH SI SJ SL SM SN SO SP SQ SR SS ST SU SV SW TA TB TD TE TF TI TJ TM TN TO TP TR TS TT TU TX UA UB UC UD UI UP UW VA VB VC VD VE VH VI VS WA WB WG WI WL WR WT
480|Version / Release / Industry Identifier Code|004010 004010VICS 004010UCS 005010 005010X231 005010X231A1
353|Transaction Set Purpose Code|00 01 02 03 04 05 06 07 08 10 11 12 13 14 15 16 17 18 19 20 21 22 24 25 26 27 28 30 31 32 33 34 35 36 37 38 39 40 41 42 43 44 45 46 47 48 49 50 51 52 53 54 55 56 77 CN CO EX GR PR RH RV SU ZZ
587|Acknowledgment Type|AC AD AE AH AK AP AT NA RD RF RJ RN RO RV ZZ
668|Line Item Status Code|AA AC AR BP DR IA IB IC ID IE IF IH IP IQ IR IS IW R1 R2 R3 R4 SP
736|Hierarchical Child Code|0 1
248|Allowance or Charge Indicator|A C N
305|Transaction Handling Code|C D E F H I M P R U X Z
478|Credit/Debit Flag Code|C D
591|Payment Method Code|ACH BKW BOP CCC CCH CDA CHK CWT DXC FEW FWT IWT NON PBC SWT ZZZ
481|Trace Type Code|1 2 3
1073|Yes/No Condition or Response Code|N U W Y
1065|Entity Type Qualifier|1 2
715|Functional Group Acknowledge Code|A E M P R W X
716|Functional Group Syntax Error Code|1 2 3 4 5 6 10 11 12 13 14 15 16 17 18 19 20 21 22 23 24 25 26
717|Transaction Set Acknowledgment Code|A E M R W X
718|Transaction Set Syntax Error Code|1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20 21 22 23 24 25 26 27
720|Segment Syntax Error Code|1 2 3 4 5 6 7 8
723|Data Element Syntax Error Code|1 2 3 4 5 6 7 8 9 10 12 13
618|Implementation Transaction Set Syntax Error Code|1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20 21 22 23 24 25 26 27 I5 I6
620|Implementation Segment Syntax Error Code|1 2 3 4 5 6 7 8 I4 I6 I7 I8 I9
621|Implementation Data Element Syntax Error Code|1 2 3 4 5 6 7 8 9 10 12 13 I6 I9 I10 I11 I12 I13
"""
