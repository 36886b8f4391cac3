# jaring console — Thai (ไทย)
#
# Domain terms chosen (for review by a native speaker):
#   alert = การแจ้งเตือน (compound-relocation alert = แจ้งเตือนการย้ายฐาน)
#   scam compound = ฐานสแกมเมอร์
#   referral = การส่งต่อผู้เสียหาย (victim referral)
#   caseworker = เจ้าหน้าที่ดูแลรายกรณี
#   liaison officer = เจ้าหน้าที่ประสานงาน
#   consular = กงสุล (consular official = เจ้าหน้าที่กงสุล)
#   non-punishment = หลักการไม่ลงโทษ
#   consent = ความยินยอม
#   lawful basis = ฐานทางกฎหมาย (as in the PDPA)
#   grading = การประเมินค่าข่าวสาร; reliability = ความน่าเชื่อถือของแหล่งข่าว;
#     credibility = ความถูกต้องของข่าวสาร
#   victim identification = การคัดแยกผู้เสียหาย
#   repatriation = การส่งกลับประเทศ
#   TLP = TLP (labels such as TLP:RED stay in English, as FIRST publishes them)
#   audit log = บันทึกการตรวจสอบ
#   session = เซสชัน
#   second factor = การยืนยันตัวตนปัจจัยที่สอง; authenticator = แอปยืนยันตัวตน
#   delivery = การนำส่ง; receipt = การตอบรับ; agency = หน่วยงาน
#   compound trail = เส้นทางการย้ายฐาน (trail; "ร่องรอยการย้ายฐาน" is an alternative)
#   compound reference = เลขอ้างอิงฐาน
#   operator (who runs a compound) = ผู้ดำเนินการฐาน (unsure: "ผู้ควบคุมฐาน" may read better)
#   related alerts = การแจ้งเตือนที่เกี่ยวข้อง; correlation, link = การเชื่อมโยง
#   crime syndicate = องค์กรอาชญากรรม; armed group = กองกำลังติดอาวุธ
#   sextortion = กรรโชกทางเพศ (unsure whether officials prefer "แบล็กเมล์ทางเพศ")
#   romance investment scam = หลอกให้รักแล้วลงทุน; money laundering = การฟอกเงิน
#   post-quantum key = กุญแจหลังควอนตัม; key wrap = การห่อกุญแจ

## Numbers and dates
number-group = ,
date-time = { $day } { $month } { $year } เวลา { $time } UTC
month-1 = ม.ค.
month-2 = ก.พ.
month-3 = มี.ค.
month-4 = เม.ย.
month-5 = พ.ค.
month-6 = มิ.ย.
month-7 = ก.ค.
month-8 = ส.ค.
month-9 = ก.ย.
month-10 = ต.ค.
month-11 = พ.ย.
month-12 = ธ.ค.

## Frame
skip-to-content = ข้ามไปยังเนื้อหา
nav-label = เมนูหลัก
nav-inbox = กล่องข้อความเข้า
nav-new-alert = แจ้งเตือนใหม่
nav-new-referral = ส่งต่อผู้เสียหายใหม่
nav-sent = ส่งแล้ว
nav-compounds = ฐานสแกมเมอร์
nav-status = สถานะ
nav-audit = การตรวจสอบ
nav-account = บัญชีของฉัน
logout = ออกจากระบบ
language = ภาษา
yes = ใช่
no = ไม่ใช่
required = (จำเป็น)
save = บันทึก
back-to-inbox = กลับไปที่กล่องข้อความเข้า
page-older = ข้อความก่อนหน้า

## Roles
role-liaison = เจ้าหน้าที่ประสานงาน
role-caseworker = เจ้าหน้าที่ดูแลรายกรณี
role-auditor = ผู้ตรวจสอบ
role-admin = ผู้ดูแลระบบ
role-feed = ฟีดข่าวกรองภัยคุกคาม
agency-role-law-enforcement = หน่วยบังคับใช้กฎหมาย
agency-role-consular = กงสุล
agency-role-immigration = ตรวจคนเข้าเมือง
agency-role-victim-support = ช่วยเหลือผู้เสียหาย
agency-role-coordinator = ผู้ประสานงาน
agency-role-observer = ผู้สังเกตการณ์

## Login
login-title = เข้าสู่ระบบ
login-name = ชื่อผู้ใช้
login-password = รหัสผ่าน
login-code = รหัสจากแอปยืนยันตัวตน
login-code-help = ตัวเลขหกหลักที่แอปยืนยันตัวตนของคุณแสดง (หากคุณใช้แอปดังกล่าว)
login-submit = เข้าสู่ระบบ
login-wrong = ชื่อผู้ใช้ รหัสผ่าน หรือรหัสจากแอปยืนยันตัวตนไม่ถูกต้อง
login-wrong-code = รหัสยืนยันตัวตนไม่ถูกต้องหรือถูกใช้ไปแล้ว กรุณารอรหัสถัดไปแล้วลองอีกครั้ง
login-locked = เข้าสู่ระบบไม่สำเร็จหลายครั้งเกินไป กรุณาลองอีกครั้งในอีก 15 นาที หรือติดต่อผู้ดูแลระบบของคุณ
login-needs-totp = บทบาทของคุณต้องใช้การยืนยันตัวตนปัจจัยที่สอง แต่ยังไม่มีการตั้งค่าให้คุณ กรุณาขอให้ผู้ดูแลระบบเรียกใช้คำสั่ง: jaring user passwd --totp
login-expired = เซสชันของคุณสิ้นสุดแล้ว กรุณาเข้าสู่ระบบอีกครั้ง

## Problems
problem-title = เกิดข้อผิดพลาด
problem-forbidden = คุณไม่มีบทบาทที่จำเป็นสำหรับการดำเนินการนี้ ระบบได้บันทึกการปฏิเสธครั้งนี้ไว้แล้ว
problem-not-found = ไม่มีข้อมูลในหน้านี้
problem-conflict = ไม่สามารถดำเนินการตามที่ร้องขอได้
problem-bad-request = ระบบไม่เข้าใจคำขอนี้
problem-unavailable = โหนดไม่สามารถตอบสนองได้ในขณะนี้ กรุณาลองอีกครั้งในอีกสักครู่

## Inbox
inbox-title = กล่องข้อความเข้า
inbox-caption = ข้อความที่ส่งถึงหน่วยงานของคุณ เรียงจากใหม่ไปเก่า
inbox-count = { $count ->
   *[other] { $n } ข้อความ
}
inbox-empty = ไม่มีข้อความ
inbox-live = ข้อความใหม่จะปรากฏที่นี่โดยอัตโนมัติ
filter-label = กรองกล่องข้อความเข้า
filter-kind = ประเภท
filter-sender = ผู้ส่ง
filter-tlp = TLP
filter-status = สถานะการส่งต่อ
filter-unread = เฉพาะที่ยังไม่อ่าน
filter-any = ทั้งหมด
filter-apply = กรอง
col-received = ได้รับเมื่อ
col-kind = ประเภท
col-sender = ผู้ส่ง
col-tlp = TLP
col-status = สถานะ
col-open = ข้อความ
col-recipient = ผู้รับ
col-delivery = การนำส่ง
col-updated = อัปเดตเมื่อ
col-time = เวลา
col-code = รหัส
col-detail = รายละเอียด
col-user = ผู้ใช้
col-roles = บทบาท
col-since = ตั้งแต่
col-last-seen = ใช้งานล่าสุด
col-address = ที่อยู่
col-browser = เบราว์เซอร์
col-peer = หน่วยงาน
col-indicator-type = ประเภท
col-indicator-value = ค่า
col-indicator-details = รายละเอียด
unread = ยังไม่อ่าน
open-details = รายละเอียด

## Kinds, statuses, deliveries
kind-compound-relocation-alert = แจ้งเตือนการย้ายฐาน
kind-alert-update = อัปเดตการแจ้งเตือน
kind-alert-cancel = ยกเลิกการแจ้งเตือน
kind-victim-referral = การส่งต่อผู้เสียหาย
kind-referral-status = สถานะการส่งต่อ
kind-receipt = การตอบรับ
status-received = ได้รับแล้ว
status-accepted = รับเรื่องแล้ว
status-declined = ปฏิเสธแล้ว
status-in-progress = อยู่ระหว่างดำเนินการ
status-repatriated = ส่งกลับประเทศแล้ว
status-closed = ปิดเรื่องแล้ว
delivery-delivered = นำส่งแล้ว
delivery-rejected = ถูกปฏิเสธ
delivery-pending = รอนำส่ง
delivery-failed = นำส่งไม่สำเร็จ

## TLP 2.0 (FIRST)
tlp-clear-meaning = เปิดเผยได้โดยไม่มีข้อจำกัด
tlp-green-meaning = จำกัดเฉพาะในชุมชน: แบ่งปันกับหน่วยงานในเครือข่ายและองค์กรพันธมิตรได้ แต่ห้ามเผยแพร่ต่อสาธารณะ
tlp-amber-meaning = จำกัดเฉพาะองค์กรของผู้รับ และผู้รับบริการขององค์กรนั้นที่จำเป็นต้องทราบ
tlp-amber-strict-meaning = จำกัดเฉพาะภายในองค์กรของผู้รับเท่านั้น
tlp-red-meaning = สำหรับผู้รับแต่ละรายที่ระบุไว้เท่านั้น ห้ามเปิดเผยต่อ

## Grading (admiralty code)
grading = { $code }: { $reliability }, { $credibility }
reliability-A = เชื่อถือได้ทั้งหมด
reliability-B = เชื่อถือได้เป็นส่วนใหญ่
reliability-C = เชื่อถือได้พอสมควร
reliability-D = ไม่ค่อยน่าเชื่อถือ
reliability-E = เชื่อถือไม่ได้
reliability-F = ไม่สามารถประเมินความน่าเชื่อถือได้
credibility-1 = ได้รับการยืนยันจากแหล่งอื่น
credibility-2 = น่าจะเป็นจริง
credibility-3 = อาจเป็นจริง
credibility-4 = น่าสงสัย
credibility-5 = ไม่น่าจะเป็นจริง
credibility-6 = ไม่สามารถประเมินความจริงได้

## One message
message-title = ข้อความ
field-kind = ประเภท
field-id = รหัสข้อความ
field-sender = ผู้ส่ง
field-recipients = ผู้รับ
field-created = เขียนเมื่อ
field-stored = ได้รับเมื่อ
field-status = สถานะ
field-refers-to = อ้างถึง
sender-verified = ตรวจสอบลายมือชื่อดิจิทัลแล้ว
open-warning = การเปิดจะแสดงเนื้อหาที่ถอดรหัสแล้ว และจะถูกบันทึกไว้ในบันทึกการตรวจสอบพร้อมชื่อของคุณ
open-submit = เปิดอ่าน
open-not-allowed = บทบาทของคุณไม่มีสิทธิ์อ่านเนื้อหาของข้อความนี้
section-content = เนื้อหา
field-compound = ฐานสแกมเมอร์
field-aliases = ชื่ออื่นที่ใช้
field-from = ย้ายจาก
field-to = ย้ายไปที่
field-observed = พบเห็นเมื่อ
field-grading = การประเมินค่าข่าวสาร
field-persons = จำนวนผู้ถูกกักตัวโดยประมาณ
field-nationalities = สัญชาติของผู้ถูกกักตัว
field-indicators = ตัวบ่งชี้
field-narrative = รายละเอียดเหตุการณ์
field-case-ref = เลขอ้างอิงกรณี
field-nationality = สัญชาติ
field-identified = คัดแยกผู้เสียหายเมื่อ
field-location = สถานที่
field-consent = ความยินยอม
field-needs = ความต้องการความช่วยเหลือ
field-non-punishment = ใช้หลักการไม่ลงโทษ
field-risk = ความเสี่ยง
field-person = บุคคล
field-receipt-item = การตอบรับ
consent-given = ให้ความยินยอมแล้ว
consent-not-given = ไม่ได้ให้ความยินยอม
basis-choose = เลือกฐานทางกฎหมาย
basis-vital-interest = ป้องกันอันตรายต่อชีวิต ร่างกาย หรือสุขภาพของบุคคล
basis-legal-obligation = ปฏิบัติตามหน้าที่ตามกฎหมาย
basis-public-interest = ภารกิจเพื่อประโยชน์สาธารณะ
basis-unstated = ไม่ได้ระบุฐานทางกฎหมาย
need-medical = การรักษาพยาบาล
need-shelter = ที่พักพิง
need-legal = ความช่วยเหลือทางกฎหมาย
need-repatriation = การส่งกลับประเทศ
need-interpretation = ล่าม
need-psychosocial = การช่วยเหลือด้านจิตสังคม
need-documents = เอกสารการเดินทาง
risk-low = ต่ำ
risk-medium = ปานกลาง
risk-high = สูง
indicator-domain = โดเมน
indicator-url = ที่อยู่เว็บ
indicator-phone = โทรศัพท์
indicator-crypto-wallet = กระเป๋าเงินคริปโต
indicator-social-handle = บัญชีโซเชียลมีเดีย
indicator-ip = ที่อยู่ IP
indicator-bank-account = บัญชีธนาคาร
indicator-email = อีเมล
updates = การอัปเดตและการยกเลิก
deliveries = การนำส่ง
referral-history = ประวัติสถานะการส่งต่อ
workflow = ดำเนินการกับการส่งต่อนี้
workflow-notes = หมายเหตุ (ส่งถึงหน่วยงานผู้ส่งต่อ)
workflow-confirm = ข้าพเจ้ายืนยัน
workflow-accepted = รับเรื่อง
workflow-declined = ปฏิเสธ
workflow-in-progress = ระบุว่าอยู่ระหว่างดำเนินการ
workflow-repatriated = ระบุว่าส่งกลับประเทศแล้ว
workflow-closed = ปิดเรื่อง
cancel-alert = ยกเลิกการแจ้งเตือนนี้
cancel-reason = เหตุผล
cancel-submit = ยกเลิกการแจ้งเตือน
confirm-title = กรุณายืนยัน
confirm-status = เปลี่ยนสถานะการส่งต่อนี้เป็น "{ $status }" หรือไม่ หน่วยงานผู้ส่งต่อจะเห็นสถานะนี้
confirm-cancel = ยกเลิกการแจ้งเตือนนี้สำหรับผู้รับทั้งหมดหรือไม่
confirm-submit = ยืนยัน
confirm-back = ย้อนกลับ
notice-sent = ส่งแล้ว สถานะการนำส่งจะแสดงด้านล่างเมื่อได้รับการตอบรับจากผู้รับ
notice-status-sent = ส่งสถานะไปยังหน่วยงานผู้ส่งต่อแล้ว
notice-cancelled = ส่งการยกเลิกแล้ว

## Forms
new-alert-title = แจ้งเตือนการย้ายฐานใหม่
new-referral-title = การส่งต่อผู้เสียหายใหม่
form-has-errors = กรุณาแก้ไขช่องที่ทำเครื่องหมายไว้ด้านล่าง
form-review = ตรวจทานก่อนส่ง
section-compound = ฐานสแกมเมอร์
section-from = ที่ตั้งเดิม
section-to = ที่ตั้งใหม่
section-observation = สิ่งที่พบเห็น
section-sharing = ผู้มีสิทธิ์อ่าน
section-case = บุคคลและกรณี
section-consent = ความยินยอม
section-needs = ความต้องการและความเสี่ยง
form-compound-name = ชื่อฐาน
form-compound-aliases = ชื่ออื่น
help-compound-aliases = คั่นแต่ละชื่อด้วยเครื่องหมายจุลภาค (,)
form-compound-ref = เลขอ้างอิงฐาน
help-compound-ref = หากเป็นฐานที่ไม่เคยมีการรายงานมาก่อน ให้คงเลขอ้างอิงใหม่นี้ไว้ หากเป็นฐานที่ทราบอยู่แล้ว ให้วางเลขอ้างอิงที่ระบุไว้ในการแจ้งเตือนครั้งก่อน ๆ ของฐานนั้น
form-operators = ผู้ดำเนินการฐาน
help-operators = บรรทัดละหนึ่งรายการ: ระบุชื่อ แล้วตามด้วยชื่ออื่นและประเภท (ถ้ามี) โดยคั่นด้วยจุลภาค เช่น Example Holdings, alias=EHG, kind=company ประเภทที่ใช้ได้: syndicate, armed-group, company, person
form-scam-types = รูปแบบการหลอกลวงที่ดำเนินการในฐาน
form-from-admin = จังหวัดหรืออำเภอ
form-from-precision-m = ตำแหน่งคลาดเคลื่อนไม่เกิน (เมตร)
form-to-admin = จังหวัดหรืออำเภอ
form-to-precision-m = ตำแหน่งคลาดเคลื่อนไม่เกิน (เมตร)
form-from-country = ประเทศ
help-from-country = รหัสสองตัวอักษร เช่น KH
form-from-name = เมืองหรือสถานที่
form-from-lat = ละติจูด
form-from-lon = ลองจิจูด
form-to-country = ประเทศ
help-to-country = รหัสสองตัวอักษร เช่น MM
form-to-name = เมืองหรือสถานที่
form-to-lat = ละติจูด
form-to-lon = ลองจิจูด
form-observed-at = พบเห็นเมื่อ (UTC)
form-source-reliability = ความน่าเชื่อถือของแหล่งข่าว
form-info-credibility = ความถูกต้องของข่าวสาร
form-estimated-persons = จำนวนผู้ถูกกักตัวโดยประมาณ
form-nationalities = สัญชาติของผู้ถูกกักตัว
help-nationalities = รหัสสองตัวอักษร คั่นด้วยจุลภาค เช่น ID, PH
form-indicators = ตัวบ่งชี้
help-indicators = บรรทัดละหนึ่งรายการ: ระบุประเภท ค่า แล้วตามด้วยรายละเอียด (ถ้ามี) โดยคั่นด้วยจุลภาค เช่น social-handle @GoldenJobs, platform=telegram, role=recruitment ประเภทที่ใช้ได้: domain, url, phone, crypto-wallet, social-handle, ip, bank-account, email รายละเอียดที่ใช้ได้: platform, chain, asset, role, first_seen, last_seen
form-narrative = รายละเอียดเหตุการณ์
form-tlp = TLP
form-to = หน่วยงาน
help-to = เลือกหน่วยงาน หรือบทบาท หรือทั้งหมด
form-to-role = ทุกหน่วยงานที่มีบทบาทนี้
form-to-role-none = ไม่ระบุบทบาท
form-to-all = ทุกหน่วยงานในเครือข่าย
form-case-ref = เลขอ้างอิงกรณี
help-case-ref = เลขอ้างอิงแบบนามแฝงของหน่วยงานคุณ ห้ามใช้ชื่อบุคคล
form-nationality = สัญชาติ
help-nationality = รหัสสองตัวอักษร เช่น ID
form-identified-at = คัดแยกผู้เสียหายเมื่อ (UTC)
form-location-country = ประเทศที่คัดแยก
form-location-name = เมืองหรือสถานที่
form-consent = บุคคลดังกล่าวให้ความยินยอมในการส่งต่อครั้งนี้หรือไม่
form-consent-scope = ขอบเขตของความยินยอม
help-consent-scope = คั่นด้วยจุลภาค เช่น share-with-consulate
form-consent-basis = ฐานทางกฎหมายกรณีไม่มีความยินยอม
form-needs = ความต้องการความช่วยเหลือ
form-non-punishment = ใช้หลักการไม่ลงโทษ
form-risk = ความเสี่ยงต่อบุคคล
form-person-name = ชื่อ (เฉพาะเมื่อจำเป็นต่อกรณี)
form-person-dob = วันเกิด (เฉพาะเมื่อจำเป็นต่อกรณี)
help-person-dob = ในรูปแบบ 1990-04-17
form-notes = หมายเหตุ
error-no-recipient = กรุณาเลือกอย่างน้อยหนึ่งหน่วยงาน
error-consent-needed = กรุณาระบุว่าบุคคลดังกล่าวให้ความยินยอมหรือไม่
error-basis-needed = หากไม่มีความยินยอม กรุณาเลือกฐานทางกฎหมายในการแบ่งปันข้อมูล
rule-required = ต้องกรอกช่องนี้
rule-not-empty = ช่องนี้ต้องไม่ว่าง
rule-country = กรุณาใช้รหัสประเทศสองตัวอักษร เช่น KH
rule-number = ต้องเป็นตัวเลข
rule-repeat = รายการนี้ซ้ำกับรายการก่อนหน้า
rule-invalid = ค่านี้ไม่ถูกต้อง
rule-invalid-detail = ค่านี้ไม่ถูกต้อง ({ $detail })
rule-date = กรุณาระบุวันที่ในรูปแบบ 1990-04-17
rule-time = กรุณาระบุวันที่และเวลา
rule-one-of = กรุณาเลือกหนึ่งรายการจาก: { $allowed }
rule-range = ค่านี้อยู่นอกช่วงที่กำหนด ({ $detail })
rule-basis-with-consent = ระบุฐานทางกฎหมายเฉพาะกรณีที่ไม่มีความยินยอมเท่านั้น
review-title = ตรวจทานก่อนส่ง
review-readers = ผู้ที่จะอ่านได้
review-readers-count = { $count ->
   *[other] { $n } หน่วยงานเท่านั้น ไม่มีผู้อื่นอ่านได้ ทั้งศูนย์กลางเครือข่าย (hub) และหน่วยงานอื่นใด
}
review-reader-no-pq = ไม่มีกุญแจหลังควอนตัม (X-Wing): โหนดนี้กำหนดให้ต้องมีสำหรับข้อความประเภทนี้ และจะไม่ส่งข้อความนี้
review-content = สิ่งที่จะส่ง
review-send = ลงลายมือชื่อ เข้ารหัส และส่ง
review-edit = แก้ไข

## Sent
sent-title = ส่งแล้ว
sent-empty = ยังไม่มีข้อความที่ส่ง

## Status
status-title = สถานะโหนด
status-connection = การเชื่อมต่อ
status-agency = หน่วยงาน
status-connection-state = การเชื่อมต่อ
status-lag = รอการอ่าน (รอนำส่ง / ยังไม่ตอบรับ)
status-directory = ทะเบียนหน่วยงาน
status-directory-value = ลำดับที่ { $serial } ใช้ได้ถึง { $expires } ({ $state })
status-count-received = ได้รับ
status-unread = ยังไม่อ่าน
status-sent = ส่งแล้ว
status-pending = รอนำส่ง
status-failed = นำส่งไม่สำเร็จ
status-quarantined = ถูกกักกัน
status-audit = บันทึกการตรวจสอบ
status-store = ที่เก็บข้อมูล
status-csp = การละเมิด Content-Security-Policy ที่ได้รับรายงาน
status-last-error = ข้อผิดพลาดล่าสุด
status-alarms = สัญญาณเตือนของจุดตรวจสอบ (checkpoint)
status-no-alarms = ไม่มีสัญญาณเตือน
status-quarantine = รายการที่ถูกกักกัน
status-quarantine-empty = ไม่มีรายการที่ถูกกักกัน
status-users = ผู้ใช้

## Audit
audit-title = บันทึกการตรวจสอบ
audit-search = ค้นหา
audit-message = รหัสข้อความ
audit-user = ผู้ใช้
audit-event = เหตุการณ์
audit-who-opened = ผู้ที่เปิดข้อความนี้
audit-entries = รายการในบันทึกการตรวจสอบ เรียงจากใหม่ไปเก่า
audit-none = ไม่มีรายการ
audit-integrity = ความถูกต้องครบถ้วน
audit-verify = ตรวจสอบความถูกต้องของบันทึก
audit-verified = บันทึกถูกต้องครบถ้วน: { $size } รายการ ตรวจสอบจุดตรวจสอบแล้ว { $checkpoints } จุด ค่าราก (root) { $root }
audit-not-verified = บันทึกไม่ผ่านการตรวจสอบความถูกต้อง: { $error }
audit-checkpoint = จุดตรวจสอบล่าสุด
audit-no-checkpoint = ยังไม่มีการเผยแพร่จุดตรวจสอบ

## Account
account-title = บัญชีของฉัน
language-choose = ภาษาของคอนโซล
notice-language = บันทึกภาษาแล้ว
sessions = เซสชันของฉัน
session-this = เซสชันนี้
sessions-end-others = ออกจากระบบในเซสชันอื่นทั้งหมดของฉัน
notice-sessions-ended = { $count ->
   *[other] สิ้นสุดเซสชันอื่นแล้ว { $n } เซสชัน
}

## Countries of the region
country-AU = ออสเตรเลีย
country-BD = บังกลาเทศ
country-BN = บรูไน
country-CN = จีน
country-ID = อินโดนีเซีย
country-IN = อินเดีย
country-JP = ญี่ปุ่น
country-KH = กัมพูชา
country-KR = เกาหลีใต้
country-LA = ลาว
country-LK = ศรีลังกา
country-MM = เมียนมา
country-MY = มาเลเซีย
country-NP = เนปาล
country-PH = ฟิลิปปินส์
country-SG = สิงคโปร์
country-TH = ไทย
country-TL = ติมอร์-เลสเต
country-VN = เวียดนาม

## Correlation: the compound's trail and related alerts
compound-title = เส้นทางการย้ายฐาน
compound-search-label = เลขอ้างอิงหรือชื่อฐาน
compound-search-submit = แสดงเส้นทาง
compound-not-found = ไม่พบการแจ้งเตือนที่หน่วยงานนี้มีอยู่ซึ่งระบุถึงฐานดังกล่าว
compound-names = ชื่อที่ใช้
compound-no-reference = ยังไม่มีเลขอ้างอิง
compound-map = แผนที่
compound-positions = ตำแหน่งที่ตั้ง เรียงตามลำดับเวลา
compound-links = สิ่งที่เชื่อมโยงการแจ้งเตือนเข้าด้วยกัน
compound-suggestions = อาจเป็นฐานเดียวกัน
compound-suggestions-help = การแจ้งเตือนเหล่านี้มีเพียงชื่อ ผู้ดำเนินการ หรือสถานที่ใกล้เคียงร่วมกันเท่านั้น จะรวมเข้าในเส้นทางก็ต่อเมื่อมีผู้ยืนยันแล้ว
compound-confirm = ยืนยันว่าเป็นฐานเดียวกัน
compound-dismiss = ปฏิเสธ
compound-share = ส่งการอัปเดตถึงผู้รับการแจ้งเตือนนี้ด้วย เพื่อกำหนดเลขอ้างอิงฐาน
compound-flagged = ค่าที่พบบ่อยเกินกว่าจะใช้เชื่อมโยงได้
compound-flagged-help = ค่าแต่ละรายการต่อไปนี้ปรากฏในการแจ้งเตือนจำนวนมากเกินเกณฑ์ที่กำหนด จึงไม่ได้ใช้เชื่อมโยงสิ่งใด ควรมีผู้ตรวจสอบหาสาเหตุ
compound-flagged-count = { $count ->
   *[other] พบในการแจ้งเตือนมากกว่า { $n } รายการ
}
notice-confirmed = ยืนยันแล้ว: การแจ้งเตือนนี้เป็นส่วนหนึ่งของเส้นทางแล้ว
notice-dismissed = ปฏิเสธแล้ว: ระบบจะไม่เสนอการแจ้งเตือนนี้สำหรับฐานนี้อีก
col-step = ลำดับ
col-observed = พบเห็นเมื่อ
col-from = ย้ายจาก
col-to = ย้ายไปที่
col-reported-by = รายงานโดย
col-grading = การประเมินค่าข่าวสาร
via-ref = เลขอ้างอิงฐานเดียวกัน
via-name = ชื่อเดียวกัน
via-operator = ผู้ดำเนินการเดียวกัน
via-near = อยู่ใกล้กัน
via-confirmed = ยืนยันโดย
message-related = การแจ้งเตือนที่เกี่ยวข้อง
message-related-help = การแจ้งเตือนอื่นที่มีฐาน ผู้ดำเนินการ หรือตัวบ่งชี้ร่วมกับการแจ้งเตือนนี้ พร้อมค่าที่มีร่วมกัน
message-trail = แสดงเส้นทางการย้ายของฐานนี้
compound-report-new = แจ้งเตือนใหม่เรื่องการย้ายฐานนี้
field-compound-ref = เลขอ้างอิงฐาน
field-operators = ผู้ดำเนินการฐาน
field-scam-types = รูปแบบการหลอกลวงที่ดำเนินการในฐาน
precision-m = { $n } ม.
operator-kind-syndicate = องค์กรอาชญากรรม
operator-kind-armed-group = กองกำลังติดอาวุธ
operator-kind-company = บริษัท
operator-kind-person = บุคคล
scam-type-romance-investment = หลอกให้รักแล้วลงทุน
scam-type-crypto-investment = หลอกลงทุนคริปโต
scam-type-online-gambling = พนันออนไลน์
scam-type-impersonation = แอบอ้างเป็นบุคคลอื่น
scam-type-job-scam = หลอกลวงเรื่องงาน
scam-type-sextortion = กรรโชกทางเพศ
scam-type-other = อื่น ๆ
indicator-role-recruitment = การจัดหาคน
indicator-role-contact = การติดต่อ
indicator-role-scam = การหลอกลวง
indicator-role-payment = การชำระเงิน
indicator-role-laundering = การฟอกเงิน
indicator-role-infrastructure = โครงสร้างพื้นฐาน
rule-uuid = ต้องเป็นเลขอ้างอิงในรูปแบบ 0b7e5c2a-41d4-4c8e-9a5e-6f1d2b3c4d5e และใช้ตัวพิมพ์เล็ก
rule-only-for = ใช้ได้เฉพาะกับ { $types } เท่านั้น
rule-seen-order = วันที่พบครั้งแรก (first_seen) ต้องไม่อยู่หลังวันที่พบครั้งล่าสุด (last_seen)
