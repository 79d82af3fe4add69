"""X12 data element, composite and segment dictionary for the o2c-gateway maps.

Written for this project from the ASC X12 standard (versions 004010 and 005010),
limited to the segments that retail order-to-cash partners exchange in 850, 855,
856, 810, 820, 997 and 999, plus the interchange control segments.

Formats (one entry per line, fields separated by ``|``):

ELEMENTS      ``number|type|min|max|name``; type is one of ID AN DT TM R N0..N9.
              Where 004010 and 005010 differ in length the wider 005010 length
              is used (noted in README.md).
COMPOSITES    ``id|name|components``; components are ``element+requirement``.
SEGMENTS      ``id|name|elements|syntax notes``; elements are ``number+requirement``
              with requirement M (mandatory), O (optional) or X (conditional);
              M becomes pyx12 usage R, O and X become S. Syntax notes use the
              X12 notation (P paired, R required, E exclusion, C conditional,
              L list) and are written into the map for pyx12 to check.
SEGMENTS_5010 segments whose element list differs in 005010.
"""

ELEMENTS = """
I01|ID|2|2|Authorization Information Qualifier
I02|AN|10|10|Authorization Information
I03|ID|2|2|Security Information Qualifier
I04|AN|10|10|Security Information
I05|ID|2|2|Interchange ID Qualifier
I06|AN|15|15|Interchange Sender ID
I07|AN|15|15|Interchange Receiver ID
I08|DT|6|6|Interchange Date
I09|TM|4|4|Interchange Time
I10|ID|1|1|Interchange Control Standards Identifier
I65|AN|1|1|Repetition Separator
I11|ID|5|5|Interchange Control Version Number
I12|N0|9|9|Interchange Control Number
I13|ID|1|1|Acknowledgment Requested
I14|ID|1|1|Interchange Usage Indicator
I15|AN|1|1|Component Element Separator
I16|N0|1|5|Number of Included Functional Groups
I17|ID|1|1|Interchange Acknowledgment Code
I18|ID|3|3|Interchange Note Code
2|N0|1|6|Number of Accepted Transaction Sets
19|AN|2|30|City Name
22|AN|1|30|Commodity Code
23|ID|1|1|Commodity Code Qualifier
24|ID|4|4|Equipment Type
26|ID|2|3|Country Code
28|N0|1|9|Group Control Number
40|ID|2|2|Equipment Description Code
46|AN|1|30|Ex Parte
54|ID|1|1|Risk of Loss Code
59|ID|2|5|Freight Class Code
65|R|1|8|Height
66|ID|1|2|Identification Code Qualifier
67|AN|2|80|Identification Code
76|AN|1|22|Invoice Number
79|AN|1|50|Lading Description
80|N0|1|7|Lading Quantity
81|R|1|10|Weight
82|R|1|8|Length
87|AN|1|48|Marks and Numbers
88|ID|1|2|Marks and Numbers Qualifier
91|ID|1|2|Transportation Method/Type Code
92|ID|2|2|Purchase Order Type Code
93|AN|1|60|Name
96|N0|1|10|Number of Included Segments
97|N0|1|6|Number of Transaction Sets Included
98|ID|2|3|Entity Identifier Code
100|ID|3|3|Currency Code
103|AN|3|5|Packaging Code
107|ID|1|2|Payment Method Code
116|ID|3|15|Postal Code
118|R|1|9|Rate
119|AN|1|6|Rate Basis Number
123|N0|1|6|Number of Received Transaction Sets
124|AN|2|15|Application Receiver's Code
127|AN|1|50|Reference Identification
128|ID|2|3|Reference Identification Qualifier
133|ID|1|2|Routing Sequence Code
140|ID|2|4|Standard Carrier Alpha Code
142|AN|2|15|Application Sender's Code
143|ID|3|3|Transaction Set Identifier Code
146|ID|2|2|Shipment Method of Payment
152|ID|2|3|Special Handling Code
156|ID|2|2|State or Province Code
166|AN|1|55|Address Information
168|ID|1|4|Tariff Agency Code
169|AN|1|16|Tariff Item Number
170|AN|1|4|Tariff Item Part
171|AN|1|7|Tariff Number
172|AN|1|2|Tariff Section
173|AN|1|4|Tariff Supplement Identifier
183|R|1|8|Volume
187|ID|1|2|Weight Qualifier
189|R|1|8|Width
206|AN|1|4|Equipment Initial
207|AN|1|10|Equipment Number
208|ID|1|1|Hazardous Material Code Qualifier
209|AN|1|10|Hazardous Material Class Code
212|R|1|17|Unit Price
213|N0|1|3|Lading Line Item Number
225|AN|2|15|Seal Number
227|AN|1|4|Tariff Column
234|AN|1|48|Product/Service ID
235|ID|2|2|Product/Service ID Qualifier
236|ID|3|3|Price Identifier Code
248|ID|1|1|Allowance or Charge Indicator
280|R|4|10|Exchange Rate
284|ID|1|2|Service Level Code
289|N0|1|2|Multiple Price Quantity
294|N0|1|5|Tariff Distance
295|ID|1|1|Distance Qualifier
305|ID|1|2|Transaction Handling Code
306|ID|1|2|Action Code
309|ID|1|2|Location Qualifier
310|AN|1|30|Location Identifier
324|AN|1|22|Purchase Order Number
325|AN|1|20|Tax Identification Number
326|AN|1|45|Request Reference Number
327|AN|1|8|Change Order Sequence Number
328|AN|1|30|Release Number
329|AN|4|9|Transaction Set Control Number
330|R|1|15|Quantity Ordered
331|ID|2|2|Allowance or Charge Method of Handling Code
332|R|1|6|Percent
333|ID|1|2|Terms Basis Date Code
334|ID|2|2|Transportation Terms Qualifier Code
335|ID|3|3|Transportation Terms Code
336|ID|2|2|Terms Type Code
337|TM|4|8|Time
338|R|1|6|Terms Discount Percent
342|R|1|5|Percent of Invoice Payable
344|ID|1|2|Unit of Time Period or Interval
345|ID|2|2|Lead Time Code
347|R|1|10|Hash Total
349|ID|1|1|Item Description Type
350|AN|1|20|Assigned Identification
351|N0|1|3|Terms Discount Days Due
352|AN|1|80|Description
353|ID|2|2|Transaction Set Purpose Code
354|N0|1|6|Number of Line Items
355|ID|2|2|Unit or Basis for Measurement Code
356|N0|1|6|Pack
357|R|1|8|Size
358|R|1|10|Quantity Invoiced
362|N2|1|10|Terms Discount Amount
363|ID|3|3|Note Reference Code
364|AN|1|256|Communication Number
365|ID|2|2|Communication Number Qualifier
366|ID|2|2|Contact Function Code
367|AN|1|30|Contract Number
368|ID|2|2|Shipment/Order Status Code
369|AN|1|45|Free-form Description
370|DT|8|8|Terms Discount Due Date
371|ID|2|2|Change Reason Code
373|DT|8|8|Date
374|ID|3|3|Date/Time Qualifier
378|ID|1|1|Allowance/Charge Percent Qualifier
380|R|1|15|Quantity
382|R|1|10|Number of Units Shipped
383|R|1|9|Quantity Difference
384|R|1|9|Gross Weight per Pack
385|R|1|9|Gross Volume per Pack
386|N0|1|3|Terms Net Days
387|AN|1|35|Routing
388|DT|8|8|Terms Deferred Due Date
389|N2|1|10|Deferred Amount Due
396|AN|2|30|Shipment Identification
400|ID|1|1|Unit Load Option Code
426|ID|2|2|Adjustment Reason Code
441|ID|1|1|Tax Exempt Code
443|AN|1|20|Contact Inquiry Reference
446|DT|8|8|Terms Net Due Date
447|AN|1|4|Loop Identifier Code
455|ID|1|2|Responsible Agency Code
478|ID|1|1|Credit/Debit Flag Code
479|ID|2|2|Functional Identifier Code
480|AN|1|12|Version / Release / Industry Identifier Code
481|ID|1|2|Trace Type Code
482|ID|2|2|Payment Action Code
499|AN|1|10|Condition Value
506|ID|2|2|(DFI) ID Number Qualifier
507|AN|3|12|(DFI) Identification Number
508|AN|1|35|Account Number
509|AN|10|10|Originating Company Identifier
510|AN|9|9|Originating Company Supplemental Code
522|ID|1|3|Amount Qualifier Code
554|N0|1|6|Assigned Number
559|ID|2|2|Agency Qualifier Code
560|ID|2|10|Special Services Code
563|ID|1|2|Sales Requirement Code
566|ID|1|2|Product/Service Substitution Code
569|ID|1|3|Account Number Qualifier
587|ID|2|2|Acknowledgment Type
591|ID|3|3|Payment Method Code
610|N2|1|15|Amount
618|ID|1|3|Implementation Transaction Set Syntax Error Code
620|ID|1|3|Implementation Segment Syntax Error Code
621|ID|1|3|Implementation Data Element Syntax Error Code
623|ID|2|2|Time Code
628|AN|1|12|Hierarchical ID Number
639|ID|2|2|Basis of Unit Price Code
640|ID|2|2|Transaction Type Code
641|ID|3|3|Status Reason Code
646|R|1|15|Quantity Shipped to Date
648|ID|3|3|Price Multiplier Qualifier
649|R|1|10|Multiplier
653|ID|3|3|Discount Terms Type Code
654|ID|2|2|Discount Base Qualifier
655|R|1|10|Discount Base Value
656|ID|2|3|Discount Control Limit Qualifier
657|R|1|10|Discount Control Limit
662|ID|1|1|Relationship Code
668|ID|2|2|Line Item Status Code
669|ID|3|3|Currency Market/Exchange Code
673|ID|2|2|Quantity Qualifier
687|ID|2|2|Class of Trade Code
688|ID|2|2|Restrictions/Conditions Qualifier
704|ID|1|2|Paperwork/Report Action Code
706|ID|2|2|Entity Relationship Code
715|ID|1|1|Functional Group Acknowledge Code
716|ID|1|3|Functional Group Syntax Error Code
717|ID|1|1|Transaction Set Acknowledgment Code
718|ID|1|3|Transaction Set Syntax Error Code
719|N0|1|10|Segment Position in Transaction Set
720|ID|1|3|Segment Syntax Error Code
721|ID|2|3|Segment ID Code
722|N0|1|2|Element Position in Segment
723|ID|1|3|Data Element Syntax Error Code
724|AN|1|99|Copy of Bad Data Element
725|N0|1|4|Data Element Reference Number
728|ID|2|2|Returnable Container Load Make-Up Code
731|ID|1|2|Transit Direction Code
732|ID|2|2|Transit Time Direction Qualifier
733|R|1|4|Transit Time
734|AN|1|12|Hierarchical Parent ID Number
735|ID|1|2|Hierarchical Level Code
736|ID|1|1|Hierarchical Child Code
737|ID|2|2|Measurement Reference ID Code
738|ID|1|3|Measurement Qualifier
739|R|1|20|Measurement Value
740|R|1|20|Range Minimum
741|R|1|20|Range Maximum
750|ID|2|3|Product/Process Characteristic Code
751|AN|1|12|Product Description Code
752|ID|2|2|Surface/Layer/Position Code
753|ID|2|2|Packaging Characteristic Code
754|AN|1|7|Packaging Description Code
755|ID|2|2|Report Type Code
756|ID|1|2|Report Transmission Code
757|N0|1|2|Report Copies Needed
765|N0|1|2|Day of Month
770|AN|1|20|Option Number
782|R|1|18|Monetary Amount
786|ID|2|2|Security Level Code
799|AN|1|30|Version Identifier
810|N0|1|6|Inner Pack
812|ID|1|10|Payment Format Code
819|ID|2|3|Language Code
822|AN|1|15|Source Subqualifier
828|R|1|9|Dollar Basis For Percent
933|AN|1|264|Free-Form Message Text
934|ID|2|2|Printer Carriage Control Code
935|ID|2|2|Measurement Significance Code
936|ID|2|2|Measurement Attribute Code
951|ID|1|2|Balance Type Code
954|R|1|10|Percent
955|ID|2|2|Tax Jurisdiction Code Qualifier
956|AN|1|10|Tax Jurisdiction Code
963|ID|2|2|Tax Type Code
1000|ID|2|2|Service Characteristics Qualifier
1004|ID|1|2|Percent Qualifier
1005|ID|4|4|Hierarchical Structure Code
1018|R|1|15|Exponent
1019|ID|1|3|Invoice Type Code
1035|AN|1|60|Name Last or Organization Name
1036|AN|1|35|Name First
1037|AN|1|25|Name Middle
1038|AN|1|10|Name Prefix
1039|AN|1|10|Name Suffix
1048|ID|1|3|Business Function Code
1065|ID|1|1|Entity Type Qualifier
1073|ID|1|1|Yes/No Condition or Response Code
1096|ID|2|2|County Designator
1104|ID|2|2|Name Component Qualifier
1106|ID|2|2|Address Component Qualifier
1166|ID|2|2|Contract Type Code
1232|ID|2|2|Purchase Category
1250|ID|2|3|Date Time Period Format Qualifier
1251|AN|1|35|Date Time Period
1270|ID|1|3|Code List Qualifier Code
1271|AN|1|30|Industry Code
1300|ID|4|4|Service, Promotion, Allowance, or Charge Code
1301|AN|1|10|Agency Service, Promotion, Allowance, or Charge Code
1321|ID|1|2|Condition Indicator
1373|ID|2|2|Measurement Method or Device
1470|N0|1|9|Number
1525|ID|1|1|Request Category Code
1528|N0|1|2|Component Data Element Position in Composite
1551|AN|1|4096|Textual Data
1686|N0|1|4|Repeating Data Element Position
1705|AN|1|35|Implementation Convention Reference
1715|ID|1|3|Country Subdivision Code
9998|AN|1|35|Context Reference
9999|AN|1|35|Context Name
"""

COMPOSITES = """
C001|Composite Unit of Measure|355M 1018O 649O 355X 1018X 649X 355X 1018X 649X 355X 1018X 649X 355X 1018X 649X
C002|Actions Indicated|704M 704O 704O 704O 704O
C030|Position in Segment|722M 1528O
C040|Reference Identifier|128M 127M 128X 127X 128X 127X
C998|Context Identification|9999M 9998O
C999|Reference in Segment|725M 725O
"""

COMPOSITES_5010 = """
C030|Position in Segment|722M 1528O 1686O
"""

# Product/service ID pairs repeat in PO1, IT1, ACK, LIN and SLN.
_PAIRS10 = " ".join(["235X 234X"] * 10)
_PAIRS15 = " ".join(["235X 234X"] * 15)
_SDQ = " ".join(["67X 380X"] * 9)
_SI_PAIRS = " ".join(["1000X 234X"] * 9)

SEGMENTS = f"""
ISA|Interchange Control Header|I01M I02M I03M I04M I05M I06M I05M I07M I08M I09M I10M I11M I12M I13M I14M I15M|
IEA|Interchange Control Trailer|I16M I12M|
TA1|Interchange Acknowledgment|I12M I08M I09M I17M I18M|
GS|Functional Group Header|479M 142M 124M 373M 337M 28M 455M 480M|
GE|Functional Group Trailer|97M 28M|
ST|Transaction Set Header|143M 329M|
SE|Transaction Set Trailer|96M 329M|
ACK|Line Item Acknowledgment|668M 380X 355X 374X 373O 326O {_PAIRS10} 559O 822O 1271X|P0203 C0405 P0708 P0910 P1112 P1314 P1516 P1718 P1920 P2122 P2324 P2526
ADX|Adjustment|782M 426M 128X 127X|P0304
AK1|Functional Group Response Header|479M 28M|
AK2|Transaction Set Response Header|143M 329M|
AK3|Data Segment Note|721M 719M 447O 720O|
AK4|Data Element Note|C030M 725O 723M 724O|
AK5|Transaction Set Response Trailer|717M 718O 718O 718O 718O 718O|
AK9|Functional Group Response Trailer|715M 97M 123M 2M 716O 716O 716O 716O 716O|
AMT|Monetary Amount|522M 782M 478O|
BAK|Beginning Segment for Purchase Order Acknowledgment|353M 587M 324M 373M 328O 326O 367O 127O 373O 640O|
BAL|Balance Detail|951M 522M 782M|
BEG|Beginning Segment for Purchase Order|353M 92M 324M 328O 373M 367O 587O 1019O 1166O 1232O 786O 640O|
BIG|Beginning Segment for Invoice|373M 76M 373O 324O 328O 327O 640O 353O 306O 76O|
BPR|Beginning Segment for Payment Order/Remittance Advice|305M 782M 478M 591M 812O 506X 507X 569O 508X 509O 510O 506X 507X 569O 508X 373O 1048O 506X 507X 569O 508X|P0607 C0809 P1213 C1415 P1819 C2021
BSN|Beginning Segment for Ship Notice|353M 396M 373M 337M 1005O 640X 641O|C0706
CAD|Carrier Detail|91O 206O 207O 140X 387X 368O 128O 127X 284O|R0405 C0708
CN1|Contract Information|1166M 782O 332O 127O 338O 799O|
CSH|Sales Requirements|563O 306O 610X 508O 373O 559X 560X 566O 954X 1004X|C0203 P0607 P0910
CTB|Restrictions/Conditions|688M 352X 673X 380X 522X 610X|
CTP|Pricing Information|687O 236X 212X 380X C001X 648O 649X 782O 639O 499O 289O|
CTT|Transaction Totals|354M 347O 81X 355X 183X 355X 352O|P0304 P0506
CUR|Currency|98M 100M 280O 98O 100O 669O 374X 373X 337X 374X 373X 337X 374X 373X 337X 374X 373X 337X 374X 373X 337X|
DIS|Discount Detail|653M 654M 655M 656M 657M 657O|
DTM|Date/Time Reference|374M 373X 337X 623O 1250X 1251X|R020305 C0403 P0506
ENT|Entity|554O 98X 66X 67X 98X 66X 67X 128X 127X|P020304 P050607 P0809
FOB|F.O.B. Related Instructions|146M 309X 352O 334X 335X 309X 352O 54X 352O|C0302 C0405 C0706 C0908
HL|Hierarchical Level|628M 734O 735M 736O|
INC|Installment Information|336M C001M 380M 380O 782O|
ISS|Invoice Shipment Summary|382X 355X 81X 355X 183X 355X|P0102 P0304 P0506
IT1|Baseline Item Data (Invoice)|350O 358X 355X 212X 639O {_PAIRS10}|P020304 P0607 P0809 P1011 P1213 P1415 P1617 P1819 P2021 P2223 P2425
IT3|Additional Item Data|382X 355X 368X 383X 371O|P0102 C0302
IT8|Conditions of Sale|563O 306O 610X 508O 373O 559X 560X 566O 954X 1004X|C0203 P0910
ITD|Terms of Sale/Deferred Terms of Sale|336O 333O 338O 370X 351X 446O 386O 362O 388O 389X 342X 352O 765X 107O 954O|L03040513 L08040513
L7|Tariff Reference|213O 168O 171O 172O 169O 170O 59O 173O 46O 373O 119O 227O 294O 295X 19O 156X|
LDT|Lead Time|345M 380M 344M 373O|
LE|Loop Trailer|447M|
LIN|Item Identification|350O {_PAIRS15}|P0405 P0607 P0809 P1011 P1213 P1415 P1617 P1819 P2021 P2223 P2425 P2627 P2829 P3031
LM|Code Source Information|559M 822O|
LQ|Industry Code|1270O 1271X|C0102
LS|Loop Header|447M|
MAN|Marks and Numbers|88M 87M 87O 88X 87X 87O|P0405 C0605
MEA|Measurements|737O 738O 739X C001X 740X 741X 935O 936X 752O 1373O|R03050608 C0504 C0604 L07030506 E0803
MSG|Message Text|933M 934O 1470O|C0302
N1|Name|98M 93X 66X 67X 706O 98O|R0203 P0304
N2|Additional Name Information|93M 93O|
N3|Address Information|166M 166O|
N4|Geographic Location|19O 156X 116O 26X 309X 310O 1715X|C0605
N9|Reference Identification|128M 127X 369X 373O 337X 623O C040O|R0203 C0605
NM1|Individual or Organizational Name|98M 1065M 1035X 1036O 1037O 1038O 1039O 66X 67X 706X 98O|P0809 C1110
NTE|Note/Special Instruction|363O 352M|
NX2|Location ID Component|1106M 166M 1096O|
PAM|Period Amount|673X 380X C001X 522X 782X 344X 374X 373X 337X 374X 373X 337X 1004X 954X 1073O|P010203 R020514 P0405
PCT|Percent Amounts|1004M 954M|
PER|Administrative Communications Contact|366M 93O 365X 364X 365X 364X 365X 364X 443O|P0304 P0506 P0708
PID|Product/Item Description|349M 750O 559X 751X 352X 752O 822O 1073O 819O|C0403 R0405 C0703 C0804 C0905
PKG|Marking, Packaging, Loading|349X 753O 559X 754X 352X 400O|R040506 C0403 C0501
PO1|Baseline Item Data|350O 330X 355O 212X 639O {_PAIRS10}|C0302 C0504 P0607 P0809 P1011 P1213 P1415 P1617 P1819 P2021 P2223 P2425
PO3|Additional Item Detail|371M 373O 236X 212X 639X 380M 355M 352O|C0405 C0603
PO4|Item Physical Details|356O 357X 355X 103X 187X 384X 355X 385X 355X 82X 189X 65X 355X 810O 752O 350O 350O 1470O|
PRF|Purchase Order Reference|324M 328O 327O 373O 350O 367O 92O|
PWK|Paperwork|755M 756O 757O 98O 66X 67X 352O C002O 1525O|P0506
REF|Reference Identification|128M 127X 352X C040O|R0203
RMR|Remittance Advice Accounts Receivable Open Item Reference|128X 127X 482O 782O 782O 782O 426X 782X|P0102 P0708
SAC|Service, Promotion, Allowance, or Charge Information|248M 1300X 559X 1301X 610O 378X 332X 118O 355X 380X 380O 331O 127O 770O 352X 819O|R0203 P0304 P0607 P0910 C1110 C1413 C1615
SCH|Line Item Schedule|380M 355M 98O 93X 374M 373M 337O 374X 373X 337O 326O 350O|C0304 L080910 C0908 C1008
SDQ|Destination Quantity|355M 66O 67M 380M {_SDQ} 310O|P0506 P0708 P0910 P1112 P1314 P1516 P1718 P1920 P2122
SI|Service Characteristic Identification|559M 1000M 234M {_SI_PAIRS}|P0405 P0607 P0809 P1011 P1213 P1415 P1617 P1819 P2021
SLN|Subline Item Detail|350M 350O 662M 380X C001X 212X 639O 662O {_PAIRS10}|P0910 P1112 P1314 P1516 P1718 P1920 P2122 P2324 P2526 P2728
SN1|Item Detail (Shipment)|350O 382M 355M 646O 330X 355X 728O 668O|P0506
TAX|Tax Reference|325X 309X 310X 309X 310X 309X 310X 309X 310X 309X 310X 441O|
TC2|Commodity|23M 22M|
TD1|Carrier Details (Quantity and Weight)|103O 80X 23O 22X 79O 187O 81X 355X 183X 355X|C0102 C0304 C0607 P0708 P0910
TD3|Carrier Details (Equipment)|40X 206O 207X 187O 81X 355X 183X 355X 225O 24O|E0110 C0203 P0506 P0708
TD4|Carrier Details (Special Handling, or Hazardous Materials, or Both)|152X 208X 209X 352X 1073O|R010204 C0203
TD5|Carrier Details (Routing Sequence/Transit Time)|133O 66X 67X 91X 387X 368X 309O 310X 731X 732X 733X 284X 284X 284X 26O|R0204050612 C0203 C0708 C1011 C1312 C1413 C1512
TDS|Total Monetary Value Summary|610M 610O 610O 610O|
TRN|Trace|481M 127M 509O 127O|
TXI|Tax Information|963M 782X 954X 955X 956X 441X 662O 828X 325O 350O|R020306 P0405 C0803
YNQ|Yes/No Question|1321X 1073M 1250X 1251X 933X 933O 933O 1270X 1271X 933O|
AK1_999|Functional Group Response Header|479M 28M 480M|
IN2|Individual Name Structure Components|1104M 93M|
MTX|Text|363O 1551X 1551O 934X 1470O|C0102 C0302 C0504
IK3|Implementation Data Segment Note|721M 719M 447O 620O|
IK4|Implementation Data Element Note|C030M 725O 621M 724O|
IK5|Implementation Transaction Set Response Trailer|717M 618O 618O 618O 618O 618O|
CTX|Context|C998M 721O 719O 447O C030O C999O|
"""

SEGMENTS_5010 = """
ST|Transaction Set Header|143M 329M 1705O|
AK1|Functional Group Response Header|479M 28M 480O|
AK2|Transaction Set Response Header|143M 329M 1705O|
AK3|Data Segment Note|721M 719M 447O 720O|
NM1|Individual or Organizational Name|98M 1065M 1035X 1036O 1037O 1038O 1039O 66X 67X 706X 98O 1035O|P0809 C1110 C1203
ISA|Interchange Control Header|I01M I02M I03M I04M I05M I06M I05M I07M I08M I09M I65M I11M I12M I13M I14M I15M|
"""
