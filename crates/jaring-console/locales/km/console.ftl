# jaring console — Khmer (ខ្មែរ)
#
# Domain terms chosen (for review by a native speaker):
#   alert = ការជូនដំណឹង (compound-relocation alert = ការជូនដំណឹងអំពីការផ្លាស់ទីតាំង)
#   scam compound = ទីតាំងឆបោក
#   referral = ការបញ្ជូនជនរងគ្រោះ (victim referral)
#   caseworker = មន្ត្រីទទួលបន្ទុកករណី
#   liaison officer = មន្ត្រីទំនាក់ទំនង
#   consular = កុងស៊ុល (consular official = មន្ត្រីកុងស៊ុល)
#   non-punishment = គោលការណ៍មិនដាក់ទណ្ឌកម្ម
#   consent = ការយល់ព្រម
#   lawful basis = មូលដ្ឋានច្បាប់
#   grading = ការវាយតម្លៃ; reliability = ភាពគួរឱ្យទុកចិត្តនៃប្រភព;
#     credibility = ភាពជឿជាក់នៃព័ត៌មាន
#   victim identification = ការកំណត់អត្តសញ្ញាណ
#   repatriation = មាតុភូមិនិវត្តន៍
#   TLP = TLP (labels such as TLP:RED stay in English, as FIRST publishes them)
#   audit log = កំណត់ហេតុសវនកម្ម
#   session = វគ្គចូលប្រើ
#   second factor = កត្តាផ្ទៀងផ្ទាត់ទីពីរ; authenticator = កម្មវិធីផ្ទៀងផ្ទាត់
#   delivery = ការផ្ញើដល់; receipt = ការបញ្ជាក់ទទួល; agency = ស្ថាប័ន
#   compound trail = គន្លងផ្លាស់ទី (trail; "ដាន" is an alternative)
#   compound reference = លេខយោងទីតាំង
#   operator (who runs a compound) = ប្រតិបត្តិករ (as in casino operator; "អ្នកគ្រប់គ្រង" is an
#     alternative, but it is also used here for the system administrator)
#   related alerts = ការជូនដំណឹងពាក់ព័ន្ធ; correlation, link = ការភ្ជាប់
#   crime syndicate = ក្រុមឧក្រិដ្ឋកម្ម; armed group = ក្រុមប្រដាប់អាវុធ
#   sextortion = ការជំរិតទារផ្លូវភេទ (unsure of the usual official term)
#   money laundering = ការសម្អាតប្រាក់
#   post-quantum key = សោក្រោយកង់ទិច; key wrap = ការរុំសោ

## Numbers and dates
number-group = .
date-time = ថ្ងៃទី { $day } ខែ { $month } ឆ្នាំ { $year } ម៉ោង { $time } UTC
month-1 = មករា
month-2 = កុម្ភៈ
month-3 = មីនា
month-4 = មេសា
month-5 = ឧសភា
month-6 = មិថុនា
month-7 = កក្កដា
month-8 = សីហា
month-9 = កញ្ញា
month-10 = តុលា
month-11 = វិច្ឆិកា
month-12 = ធ្នូ

## Frame
skip-to-content = រំលងទៅខ្លឹមសារ
nav-label = ម៉ឺនុយមេ
nav-inbox = ប្រអប់សារចូល
nav-new-alert = ការជូនដំណឹងថ្មី
nav-new-referral = ការបញ្ជូនថ្មី
nav-sent = សារបានផ្ញើ
nav-compounds = ទីតាំងឆបោក
nav-status = ស្ថានភាព
nav-audit = សវនកម្ម
nav-account = គណនីរបស់ខ្ញុំ
logout = ចាកចេញ
language = ភាសា
yes = បាទ/ចាស
no = ទេ
required = (ចាំបាច់)
save = រក្សាទុក
back-to-inbox = ត្រឡប់ទៅប្រអប់សារចូលវិញ
page-older = សារចាស់ៗ

## Roles
role-liaison = មន្ត្រីទំនាក់ទំនង
role-caseworker = មន្ត្រីទទួលបន្ទុកករណី
role-auditor = សវនករ
role-admin = អ្នកគ្រប់គ្រងប្រព័ន្ធ
role-feed = ប្រភពព័ត៌មានស៊ើបការណ៍គំរាមកំហែង
agency-role-law-enforcement = អនុវត្តច្បាប់
agency-role-consular = កុងស៊ុល
agency-role-immigration = អន្តោប្រវេសន៍
agency-role-victim-support = គាំទ្រជនរងគ្រោះ
agency-role-coordinator = អ្នកសម្របសម្រួល
agency-role-observer = អ្នកសង្កេតការណ៍

## Login
login-title = ចូលប្រព័ន្ធ
login-name = ឈ្មោះអ្នកប្រើ
login-password = ពាក្យសម្ងាត់
login-code = លេខកូដផ្ទៀងផ្ទាត់
login-code-help = លេខប្រាំមួយខ្ទង់ដែលកម្មវិធីផ្ទៀងផ្ទាត់របស់អ្នកបង្ហាញ ប្រសិនបើអ្នកប្រើវា។
login-submit = ចូលប្រព័ន្ធ
login-wrong = ឈ្មោះអ្នកប្រើ ពាក្យសម្ងាត់ ឬលេខកូដផ្ទៀងផ្ទាត់មិនត្រឹមត្រូវ។
login-wrong-code = លេខកូដផ្ទៀងផ្ទាត់មិនត្រឹមត្រូវ ឬត្រូវបានប្រើរួចហើយ។ សូមរង់ចាំលេខកូដបន្ទាប់ ហើយព្យាយាមម្តងទៀត។
login-locked = ការព្យាយាមចូលបរាជ័យច្រើនដងពេក។ សូមព្យាយាមម្តងទៀតក្នុងរយៈពេល 15 នាទី ឬសួរអ្នកគ្រប់គ្រងប្រព័ន្ធរបស់អ្នក។
login-needs-totp = តួនាទីរបស់អ្នកតម្រូវឱ្យមានកត្តាផ្ទៀងផ្ទាត់ទីពីរ ប៉ុន្តែមិនទាន់បានកំណត់សម្រាប់អ្នកនៅឡើយទេ។ សូមស្នើឱ្យអ្នកគ្រប់គ្រងប្រព័ន្ធរបស់អ្នកដំណើរការពាក្យបញ្ជា៖ jaring user passwd --totp
login-expired = វគ្គចូលប្រើរបស់អ្នកបានបញ្ចប់។ សូមចូលប្រព័ន្ធម្តងទៀត។

## Problems
problem-title = មានបញ្ហាកើតឡើង
problem-forbidden = អ្នកមិនមានតួនាទីដែលត្រូវការសម្រាប់សកម្មភាពនេះទេ។ ការបដិសេធនេះត្រូវបានកត់ត្រាទុក។
problem-not-found = មិនមានអ្វីនៅទីនេះទេ។
problem-conflict = មិនអាចធ្វើតាមការស្នើសុំនេះបានទេ។
problem-bad-request = ប្រព័ន្ធមិនយល់សំណើនេះទេ។
problem-unavailable = ថ្នាំង (node) មិនអាចឆ្លើយតបបាននៅពេលនេះទេ។ សូមព្យាយាមម្តងទៀតបន្តិចទៀត។

## Inbox
inbox-title = ប្រអប់សារចូល
inbox-caption = សារដែលផ្ញើមកស្ថាប័នរបស់អ្នក សារថ្មីបំផុតនៅខាងលើ
inbox-count = { $count ->
   *[other] { $n } សារ
}
inbox-empty = គ្មានសារ។
inbox-live = សារថ្មីនឹងបង្ហាញនៅទីនេះដោយស្វ័យប្រវត្តិ។
filter-label = ត្រងប្រអប់សារចូល
filter-kind = ប្រភេទ
filter-sender = អ្នកផ្ញើ
filter-tlp = TLP
filter-status = ស្ថានភាពការបញ្ជូន
filter-unread = តែសារមិនទាន់អាន
filter-any = ទាំងអស់
filter-apply = ត្រង
col-received = ពេលទទួល
col-kind = ប្រភេទ
col-sender = អ្នកផ្ញើ
col-tlp = TLP
col-status = ស្ថានភាព
col-open = សារ
col-recipient = អ្នកទទួល
col-delivery = ការផ្ញើដល់
col-updated = ធ្វើបច្ចុប្បន្នភាព
col-time = ពេលវេលា
col-code = កូដ
col-detail = ព័ត៌មានលម្អិត
col-user = អ្នកប្រើ
col-roles = តួនាទី
col-since = តាំងពី
col-last-seen = សកម្មចុងក្រោយ
col-address = អាសយដ្ឋាន
col-browser = កម្មវិធីរុករក
col-peer = ស្ថាប័ន
col-indicator-type = ប្រភេទ
col-indicator-value = តម្លៃ
col-indicator-details = ព័ត៌មានលម្អិត
unread = មិនទាន់អាន
open-details = ព័ត៌មានលម្អិត

## Kinds, statuses, deliveries
kind-compound-relocation-alert = ការជូនដំណឹងអំពីការផ្លាស់ទីតាំង
kind-alert-update = បច្ចុប្បន្នភាពការជូនដំណឹង
kind-alert-cancel = ការជូនដំណឹងត្រូវបានលុបចោល
kind-victim-referral = ការបញ្ជូនជនរងគ្រោះ
kind-referral-status = ស្ថានភាពការបញ្ជូន
kind-receipt = ការបញ្ជាក់ទទួល
status-received = បានទទួល
status-accepted = បានទទួលយក
status-declined = បានបដិសេធ
status-in-progress = កំពុងដំណើរការ
status-repatriated = បានធ្វើមាតុភូមិនិវត្តន៍
status-closed = បានបិទ
delivery-delivered = បានផ្ញើដល់
delivery-rejected = ត្រូវបានបដិសេធ
delivery-pending = កំពុងរង់ចាំ
delivery-failed = បរាជ័យ

## TLP 2.0 (FIRST)
tlp-clear-meaning = គ្មានដែនកំណត់លើការបង្ហាញព័ត៌មាន។
tlp-green-meaning = កំណត់ត្រឹមសហគមន៍៖ អាចចែករំលែកជាមួយស្ថាប័នសមភាគី និងអង្គការដៃគូបាន ប៉ុន្តែមិនត្រូវផ្សព្វផ្សាយជាសាធារណៈទេ។
tlp-amber-meaning = កំណត់ត្រឹមអង្គភាពរបស់អ្នកទទួល និងអតិថិជនរបស់ពួកគេដែលចាំបាច់ត្រូវដឹង។
tlp-amber-strict-meaning = កំណត់ត្រឹមតែអង្គភាពផ្ទាល់របស់អ្នកទទួលប៉ុណ្ណោះ។
tlp-red-meaning = សម្រាប់តែអ្នកទទួលជាបុគ្គលប៉ុណ្ណោះ មិនត្រូវបង្ហាញបន្តទៀតឡើយ។

## Grading (admiralty code)
grading = { $code }: { $reliability }, { $credibility }
reliability-A = គួរឱ្យទុកចិត្តទាំងស្រុង
reliability-B = ជាធម្មតាគួរឱ្យទុកចិត្ត
reliability-C = គួរឱ្យទុកចិត្តល្មម
reliability-D = ជាធម្មតាមិនគួរឱ្យទុកចិត្ត
reliability-E = មិនគួរឱ្យទុកចិត្ត
reliability-F = មិនអាចវាយតម្លៃភាពគួរឱ្យទុកចិត្តបាន
credibility-1 = បានបញ្ជាក់ដោយប្រភពផ្សេងទៀត
credibility-2 = ប្រហែលជាពិត
credibility-3 = អាចនឹងពិត
credibility-4 = គួរឱ្យសង្ស័យ
credibility-5 = មិនទំនងជាពិត
credibility-6 = មិនអាចវាយតម្លៃភាពពិតបាន

## One message
message-title = សារ
field-kind = ប្រភេទ
field-id = លេខសម្គាល់សារ
field-sender = អ្នកផ្ញើ
field-recipients = អ្នកទទួល
field-created = ពេលសរសេរ
field-stored = ពេលទទួល
field-status = ស្ថានភាព
field-refers-to = យោងទៅ
sender-verified = ហត្ថលេខាត្រូវបានផ្ទៀងផ្ទាត់
open-warning = ការបើកនឹងបង្ហាញខ្លឹមសារដែលបានឌិគ្រីប។ សកម្មភាពនេះត្រូវបានកត់ត្រាក្នុងកំណត់ហេតុសវនកម្ម ជាមួយឈ្មោះរបស់អ្នក។
open-submit = បើកអាន
open-not-allowed = តួនាទីរបស់អ្នកមិនអនុញ្ញាតឱ្យអានខ្លឹមសារនៃសារនេះទេ។
section-content = ខ្លឹមសារ
field-compound = ទីតាំងឆបោក
field-aliases = ឈ្មោះផ្សេងទៀត
field-from = ផ្លាស់ពី
field-to = ផ្លាស់ទៅ
field-observed = ពេលសង្កេតឃើញ
field-grading = ការវាយតម្លៃ
field-persons = ចំនួនប៉ាន់ស្មាននៃមនុស្សដែលត្រូវបានឃុំឃាំង
field-nationalities = សញ្ជាតិរបស់អ្នកដែលត្រូវបានឃុំឃាំង
field-indicators = សូចនាករ
field-narrative = ការរៀបរាប់
field-case-ref = លេខយោងករណី
field-nationality = សញ្ជាតិ
field-identified = ពេលកំណត់អត្តសញ្ញាណ
field-location = ទីតាំង
field-consent = ការយល់ព្រម
field-needs = តម្រូវការ
field-non-punishment = អនុវត្តគោលការណ៍មិនដាក់ទណ្ឌកម្ម
field-risk = ហានិភ័យ
field-person = បុគ្គល
field-receipt-item = ការបញ្ជាក់ទទួល
consent-given = បានផ្តល់ការយល់ព្រម
consent-not-given = គ្មានការយល់ព្រម
basis-choose = ជ្រើសរើសមូលដ្ឋានច្បាប់
basis-vital-interest = ផលប្រយោជន៍ចាំបាច់ដល់អាយុជីវិតរបស់បុគ្គល
basis-legal-obligation = កាតព្វកិច្ចតាមច្បាប់
basis-public-interest = ផលប្រយោជន៍សាធារណៈ
basis-unstated = មិនបានបញ្ជាក់មូលដ្ឋានច្បាប់
need-medical = ការថែទាំសុខភាព
need-shelter = ទីជម្រក
need-legal = ជំនួយផ្លូវច្បាប់
need-repatriation = មាតុភូមិនិវត្តន៍
need-interpretation = អ្នកបកប្រែផ្ទាល់មាត់
need-psychosocial = ការគាំទ្រផ្លូវចិត្ត និងសង្គម
need-documents = ឯកសារធ្វើដំណើរ
risk-low = ទាប
risk-medium = មធ្យម
risk-high = ខ្ពស់
indicator-domain = ឈ្មោះដែន
indicator-url = អាសយដ្ឋានគេហទំព័រ
indicator-phone = ទូរស័ព្ទ
indicator-crypto-wallet = កាបូបរូបិយប័ណ្ណគ្រីបតូ
indicator-social-handle = គណនីបណ្តាញសង្គម
indicator-ip = អាសយដ្ឋាន IP
indicator-bank-account = គណនីធនាគារ
indicator-email = អ៊ីមែល
updates = បច្ចុប្បន្នភាព និងការលុបចោល
deliveries = ការផ្ញើដល់អ្នកទទួល
referral-history = ប្រវត្តិស្ថានភាពការបញ្ជូន
workflow = ចាត់វិធានការលើការបញ្ជូននេះ
workflow-notes = កំណត់ចំណាំ (ផ្ញើទៅស្ថាប័នដែលបានបញ្ជូន)
workflow-confirm = ខ្ញុំសូមបញ្ជាក់
workflow-accepted = ទទួលយក
workflow-declined = បដិសេធ
workflow-in-progress = សម្គាល់ថាកំពុងដំណើរការ
workflow-repatriated = សម្គាល់ថាបានធ្វើមាតុភូមិនិវត្តន៍
workflow-closed = បិទករណី
cancel-alert = លុបចោលការជូនដំណឹងនេះ
cancel-reason = មូលហេតុ
cancel-submit = លុបចោលការជូនដំណឹង
confirm-title = សូមបញ្ជាក់
confirm-status = កំណត់ការបញ្ជូននេះទៅជា "{ $status }" មែនទេ? ស្ថាប័នដែលបានបញ្ជូននឹងឃើញស្ថានភាពនេះ។
confirm-cancel = លុបចោលការជូនដំណឹងនេះសម្រាប់អ្នកទទួលទាំងអស់មែនទេ?
confirm-submit = បញ្ជាក់
confirm-back = ត្រឡប់ក្រោយ
notice-sent = បានផ្ញើ។ ស្ថានភាពការផ្ញើដល់នឹងបង្ហាញខាងក្រោម នៅពេលការបញ្ជាក់ទទួលពីអ្នកទទួលមកដល់។
notice-status-sent = ស្ថានភាពត្រូវបានផ្ញើទៅស្ថាប័នដែលបានបញ្ជូន។
notice-cancelled = ការលុបចោលត្រូវបានផ្ញើ។

## Forms
new-alert-title = ការជូនដំណឹងថ្មីអំពីការផ្លាស់ទីតាំង
new-referral-title = ការបញ្ជូនជនរងគ្រោះថ្មី
form-has-errors = សូមកែតម្រូវប្រអប់ដែលបានសម្គាល់ខាងក្រោម។
form-review = ពិនិត្យមុនពេលផ្ញើ
section-compound = ទីតាំងឆបោក
section-from = ទីតាំងដើម
section-to = ទីតាំងថ្មី
section-observation = អ្វីដែលបានសង្កេតឃើញ
section-sharing = អ្នកដែលអាចអានបាន
section-case = បុគ្គល និងករណី
section-consent = ការយល់ព្រម
section-needs = តម្រូវការ និងហានិភ័យ
form-compound-name = ឈ្មោះទីតាំង
form-compound-aliases = ឈ្មោះផ្សេងទៀត
help-compound-aliases = បំបែកឈ្មោះនីមួយៗដោយសញ្ញាក្បៀស (,)។
form-compound-ref = លេខយោងទីតាំង
help-compound-ref = សម្រាប់ទីតាំងដែលមិនធ្លាប់មានការរាយការណ៍ពីមុន សូមរក្សាលេខយោងថ្មីនេះទុក។ សម្រាប់ទីតាំងដែលស្គាល់រួចហើយ សូមបិទភ្ជាប់លេខយោងដែលមាននៅក្នុងការជូនដំណឹងមុនៗរបស់វា។
form-operators = ប្រតិបត្តិករ
help-operators = មួយបន្ទាត់មួយ៖ ឈ្មោះ រួចឈ្មោះផ្សេងទៀត និងប្រភេទ (បើមាន) បន្ទាប់ពីសញ្ញាក្បៀស ដូចជា៖ Example Holdings, alias=EHG, kind=company។ ប្រភេទ៖ syndicate, armed-group, company, person
form-scam-types = ប្រភេទការឆបោកដែលប្រព្រឹត្តនៅទីនោះ
form-from-admin = ខេត្ត ឬស្រុក
form-from-precision-m = ភាពជាក់លាក់នៃទីតាំង ក្នុងរង្វង់ (ម៉ែត្រ)
form-to-admin = ខេត្ត ឬស្រុក
form-to-precision-m = ភាពជាក់លាក់នៃទីតាំង ក្នុងរង្វង់ (ម៉ែត្រ)
form-from-country = ប្រទេស
help-from-country = កូដពីរអក្សរ ដូចជា KH។
form-from-name = ទីក្រុង ឬទីតាំង
form-from-lat = រយៈទទឹង
form-from-lon = រយៈបណ្តោយ
form-to-country = ប្រទេស
help-to-country = កូដពីរអក្សរ ដូចជា MM។
form-to-name = ទីក្រុង ឬទីតាំង
form-to-lat = រយៈទទឹង
form-to-lon = រយៈបណ្តោយ
form-observed-at = ពេលសង្កេតឃើញ (UTC)
form-source-reliability = ភាពគួរឱ្យទុកចិត្តនៃប្រភព
form-info-credibility = ភាពជឿជាក់នៃព័ត៌មាន
form-estimated-persons = ចំនួនប៉ាន់ស្មាននៃមនុស្សដែលត្រូវបានឃុំឃាំង
form-nationalities = សញ្ជាតិរបស់អ្នកដែលត្រូវបានឃុំឃាំង
help-nationalities = កូដពីរអក្សរ បំបែកដោយសញ្ញាក្បៀស ដូចជា ID, PH។
form-indicators = សូចនាករ
help-indicators = មួយបន្ទាត់មួយ៖ ប្រភេទ តម្លៃ រួចព័ត៌មានលម្អិត (បើមាន) បន្ទាប់ពីសញ្ញាក្បៀស ដូចជា៖ social-handle @GoldenJobs, platform=telegram, role=recruitment។ ប្រភេទ៖ domain, url, phone, crypto-wallet, social-handle, ip, bank-account, email។ ព័ត៌មានលម្អិត៖ platform, chain, asset, role, first_seen, last_seen
form-narrative = ការរៀបរាប់
form-tlp = TLP
form-to = ស្ថាប័ន
help-to = ជ្រើសរើសស្ថាប័ន ឬតួនាទីមួយ ឬទាំងអស់។
form-to-role = គ្រប់ស្ថាប័នដែលមានតួនាទីនេះ
form-to-role-none = គ្មានតួនាទី
form-to-all = គ្រប់ស្ថាប័នក្នុងបណ្តាញ
form-case-ref = លេខយោងករណី
help-case-ref = លេខយោងក្លែងនាមរបស់ស្ថាប័នអ្នក មិនត្រូវប្រើឈ្មោះជាដាច់ខាត។
form-nationality = សញ្ជាតិ
help-nationality = កូដពីរអក្សរ ដូចជា ID។
form-identified-at = ពេលកំណត់អត្តសញ្ញាណ (UTC)
form-location-country = ប្រទេសដែលបានកំណត់អត្តសញ្ញាណ
form-location-name = ទីក្រុង ឬទីតាំង
form-consent = តើបុគ្គលនេះបានយល់ព្រមចំពោះការបញ្ជូននេះឬទេ?
form-consent-scope = វិសាលភាពនៃការយល់ព្រម
help-consent-scope = បំបែកដោយសញ្ញាក្បៀស ដូចជា share-with-consulate។
form-consent-basis = មូលដ្ឋានច្បាប់ ក្នុងករណីគ្មានការយល់ព្រម
form-needs = តម្រូវការ
form-non-punishment = អនុវត្តគោលការណ៍មិនដាក់ទណ្ឌកម្ម
form-risk = ហានិភ័យចំពោះបុគ្គល
form-person-name = ឈ្មោះ (តែក្នុងករណីចាំបាច់)
form-person-dob = ថ្ងៃខែឆ្នាំកំណើត (តែក្នុងករណីចាំបាច់)
help-person-dob = ជាទម្រង់ 1990-04-17។
form-notes = កំណត់ចំណាំ
error-no-recipient = សូមជ្រើសរើសស្ថាប័នយ៉ាងហោចណាស់មួយ។
error-consent-needed = សូមបញ្ជាក់ថាតើបុគ្គលនេះបានយល់ព្រមឬទេ។
error-basis-needed = បើគ្មានការយល់ព្រម សូមជ្រើសរើសមូលដ្ឋានច្បាប់សម្រាប់ការចែករំលែក។
rule-required = ត្រូវតែបំពេញ។
rule-not-empty = មិនត្រូវទុកទទេឡើយ។
rule-country = សូមប្រើកូដប្រទេសពីរអក្សរ ដូចជា KH។
rule-number = ត្រូវតែជាលេខ។
rule-repeat = ធាតុនេះស្ទួននឹងធាតុមុន។
rule-invalid = តម្លៃនេះមិនត្រឹមត្រូវ។
rule-invalid-detail = តម្លៃនេះមិនត្រឹមត្រូវ ({ $detail })។
rule-date = សូមសរសេរកាលបរិច្ឆេទជាទម្រង់ 1990-04-17។
rule-time = សូមសរសេរកាលបរិច្ឆេទ និងម៉ោង។
rule-one-of = សូមជ្រើសរើសមួយក្នុងចំណោម៖ { $allowed }។
rule-range = តម្លៃនេះនៅក្រៅចន្លោះដែលអនុញ្ញាត ({ $detail })។
rule-basis-with-consent = មូលដ្ឋានច្បាប់ត្រូវបញ្ជាក់តែនៅពេលគ្មានការយល់ព្រមប៉ុណ្ណោះ។
review-title = ពិនិត្យមុនពេលផ្ញើ
review-readers = អ្នកដែលនឹងអាចអានបាន
review-readers-count = { $count ->
   *[other] ស្ថាប័នចំនួន { $n } ហើយគ្មាននរណាផ្សេងទៀតឡើយ៖ មិនមែនមជ្ឈមណ្ឌល (hub) ហើយក៏មិនមែនស្ថាប័នផ្សេងទៀតដែរ។
}
review-reader-no-pq = គ្មានសោក្រោយកង់ទិច (X-Wing)៖ ណូដនេះតម្រូវឱ្យមានសោនេះសម្រាប់សារប្រភេទនេះ ហើយនឹងមិនផ្ញើវាទេ
review-content = អ្វីដែលនឹងត្រូវផ្ញើ
review-send = ចុះហត្ថលេខា អ៊ិនគ្រីប និងផ្ញើ
review-edit = កែប្រែ

## Sent
sent-title = សារបានផ្ញើ
sent-empty = មិនទាន់មានអ្វីបានផ្ញើនៅឡើយទេ។

## Status
status-title = ស្ថានភាពថ្នាំង
status-connection = ការតភ្ជាប់
status-agency = ស្ថាប័ន
status-connection-state = ការតភ្ជាប់
status-lag = កំពុងរង់ចាំការអាន (កំពុងរង់ចាំ / មិនទាន់បញ្ជាក់ទទួល)
status-directory = បញ្ជីស្ថាប័ន
status-directory-value = លេខរៀង { $serial } មានសុពលភាពរហូតដល់ { $expires } ({ $state })
status-count-received = បានទទួល
status-unread = មិនទាន់អាន
status-sent = បានផ្ញើ
status-pending = ការផ្ញើដែលកំពុងរង់ចាំ
status-failed = ការផ្ញើដែលបរាជ័យ
status-quarantined = បានដាក់ដាច់ដោយឡែក
status-audit = កំណត់ហេតុសវនកម្ម
status-store = ឃ្លាំងទិន្នន័យ
status-csp = ការរំលោភ Content-Security-Policy ដែលបានរាយការណ៍
status-last-error = កំហុសចុងក្រោយ
status-alarms = ការព្រមានអំពីចំណុចត្រួតពិនិត្យ (checkpoint)
status-no-alarms = គ្មានការព្រមាន។
status-quarantine = ការដាក់ដាច់ដោយឡែក
status-quarantine-empty = គ្មានអ្វីត្រូវបានដាក់ដាច់ដោយឡែកទេ។
status-users = អ្នកប្រើ

## Audit
audit-title = កំណត់ហេតុសវនកម្ម
audit-search = ស្វែងរក
audit-message = លេខសម្គាល់សារ
audit-user = អ្នកប្រើ
audit-event = ព្រឹត្តិការណ៍
audit-who-opened = អ្នកដែលបានបើកសារនេះ
audit-entries = ធាតុកំណត់ហេតុសវនកម្ម ថ្មីបំផុតនៅខាងលើ
audit-none = គ្មានធាតុ។
audit-integrity = បូរណភាព
audit-verify = ផ្ទៀងផ្ទាត់កំណត់ហេតុ
audit-verified = កំណត់ហេតុផ្ទៀងផ្ទាត់ត្រឹមត្រូវ៖ ធាតុ { $size }, ចំណុចត្រួតពិនិត្យ { $checkpoints } ត្រូវបានពិនិត្យ, ឫស (root) { $root }។
audit-not-verified = កំណត់ហេតុផ្ទៀងផ្ទាត់មិនត្រឹមត្រូវទេ៖ { $error }
audit-checkpoint = ចំណុចត្រួតពិនិត្យចុងក្រោយ
audit-no-checkpoint = មិនទាន់មានការផ្សព្វផ្សាយចំណុចត្រួតពិនិត្យនៅឡើយទេ។

## Account
account-title = គណនីរបស់ខ្ញុំ
language-choose = ភាសារបស់កុងសូល
notice-language = បានរក្សាទុកភាសា។
sessions = វគ្គចូលប្រើរបស់ខ្ញុំ
session-this = វគ្គនេះ
sessions-end-others = បញ្ចប់វគ្គចូលប្រើផ្សេងទៀតរបស់ខ្ញុំ
notice-sessions-ended = { $count ->
   *[other] បានបញ្ចប់វគ្គចូលប្រើផ្សេងទៀតចំនួន { $n }។
}

## Countries of the region
country-AU = អូស្ត្រាលី
country-BD = បង់ក្លាដែស
country-BN = ប្រ៊ុយណេ
country-CN = ចិន
country-ID = ឥណ្ឌូនេស៊ី
country-IN = ឥណ្ឌា
country-JP = ជប៉ុន
country-KH = កម្ពុជា
country-KR = កូរ៉េខាងត្បូង
country-LA = ឡាវ
country-LK = ស្រីលង្កា
country-MM = មីយ៉ាន់ម៉ា
country-MY = ម៉ាឡេស៊ី
country-NP = នេប៉ាល់
country-PH = ហ្វីលីពីន
country-SG = សិង្ហបុរី
country-TH = ថៃ
country-TL = ទីម័រ-ឡេស្តេ
country-VN = វៀតណាម

## Correlation: the compound's trail and related alerts
compound-title = គន្លងផ្លាស់ទីរបស់ទីតាំងឆបោក
compound-search-label = លេខយោង ឬឈ្មោះទីតាំង
compound-search-submit = បង្ហាញគន្លង
compound-not-found = ក្នុងចំណោមការជូនដំណឹងដែលស្ថាប័ននេះមាន គ្មានការជូនដំណឹងណាមួយនិយាយអំពីទីតាំងនោះទេ។
compound-names = ស្គាល់ក្នុងនាម
compound-no-reference = មិនទាន់មានលេខយោង
compound-map = ផែនទី
compound-positions = ទីតាំងនានា តាមលំដាប់ពេលវេលា
compound-links = អ្វីដែលភ្ជាប់ការជូនដំណឹងទាំងនេះ
compound-suggestions = អាចជាទីតាំងតែមួយ
compound-suggestions-help = ការជូនដំណឹងទាំងនេះមានតែឈ្មោះ ប្រតិបត្តិករ ឬទីកន្លែងនៅជិតគ្នាដូចគ្នាប៉ុណ្ណោះ។ ពួកវាត្រូវបញ្ចូលក្នុងគន្លង លុះត្រាតែមាននរណាម្នាក់បញ្ជាក់។
compound-confirm = បញ្ជាក់៖ ទីតាំងតែមួយ
compound-dismiss = បដិសេធ
compound-share = ផ្ញើបច្ចុប្បន្នភាពមួយទៅអ្នកទទួលការជូនដំណឹងនេះផងដែរ ដើម្បីកំណត់លេខយោងទីតាំង
compound-flagged = តម្លៃដែលមានញឹកញាប់ពេក មិនអាចប្រើសម្រាប់ភ្ជាប់បាន
compound-flagged-help = តម្លៃនីមួយៗខាងក្រោមនេះលេចឡើងក្នុងការជូនដំណឹងច្រើនលើសកម្រិតកំណត់ ដូច្នេះវាមិនភ្ជាប់អ្វីទាំងអស់។ គួរមាននរណាម្នាក់ពិនិត្យរកមូលហេតុ។
compound-flagged-count = { $count ->
   *[other] ក្នុងការជូនដំណឹងចំនួនលើសពី { $n }
}
notice-confirmed = បានបញ្ជាក់៖ ការជូនដំណឹងនេះឥឡូវជាផ្នែកមួយនៃគន្លងហើយ។
notice-dismissed = បានបដិសេធ៖ ការជូនដំណឹងនេះនឹងមិនត្រូវបានស្នើសម្រាប់ទីតាំងនេះទៀតទេ។
col-step = ជំហាន
col-observed = ពេលសង្កេតឃើញ
col-from = ផ្លាស់ពី
col-to = ផ្លាស់ទៅ
col-reported-by = រាយការណ៍ដោយ
col-grading = ការវាយតម្លៃ
via-ref = លេខយោងទីតាំងដូចគ្នា
via-name = ឈ្មោះដូចគ្នា
via-operator = ប្រតិបត្តិករដូចគ្នា
via-near = នៅជិតគ្នា
via-confirmed = បញ្ជាក់ដោយ
message-related = ការជូនដំណឹងពាក់ព័ន្ធ
message-related-help = ការជូនដំណឹងផ្សេងទៀតដែលមានទីតាំង ប្រតិបត្តិករ ឬសូចនាករដូចគ្នានឹងការជូនដំណឹងនេះ ព្រមទាំងតម្លៃដែលដូចគ្នានោះ។
message-trail = បង្ហាញគន្លងផ្លាស់ទីរបស់ទីតាំងនេះ
compound-report-new = ការជូនដំណឹងថ្មីអំពីការផ្លាស់ទីរបស់ទីតាំងនេះ
field-compound-ref = លេខយោងទីតាំង
field-operators = ប្រតិបត្តិករ
field-scam-types = ប្រភេទការឆបោកដែលប្រព្រឹត្តនៅទីនោះ
precision-m = { $n } ម៉ែត្រ
operator-kind-syndicate = ក្រុមឧក្រិដ្ឋកម្ម
operator-kind-armed-group = ក្រុមប្រដាប់អាវុធ
operator-kind-company = ក្រុមហ៊ុន
operator-kind-person = បុគ្គល
scam-type-romance-investment = ការឆបោកវិនិយោគតាមរយៈស្នេហា
scam-type-crypto-investment = ការឆបោកវិនិយោគគ្រីបតូ
scam-type-online-gambling = ល្បែងស៊ីសងតាមអនឡាញ
scam-type-impersonation = ការក្លែងខ្លួនជាអ្នកដទៃ
scam-type-job-scam = ការឆបោកផ្តល់ការងារ
scam-type-sextortion = ការជំរិតទារផ្លូវភេទ
scam-type-other = ផ្សេងៗ
indicator-role-recruitment = ការជ្រើសរើសមនុស្ស
indicator-role-contact = ការទំនាក់ទំនង
indicator-role-scam = ការឆបោក
indicator-role-payment = ការទូទាត់ប្រាក់
indicator-role-laundering = ការសម្អាតប្រាក់
indicator-role-infrastructure = ហេដ្ឋារចនាសម្ព័ន្ធ
rule-uuid = ត្រូវតែជាលេខយោងដូចជា 0b7e5c2a-41d4-4c8e-9a5e-6f1d2b3c4d5e ជាអក្សរតូច។
rule-only-for = អនុញ្ញាតតែសម្រាប់ { $types } ប៉ុណ្ណោះ។
rule-seen-order = ពេលឃើញដំបូង (first_seen) មិនត្រូវនៅក្រោយពេលឃើញចុងក្រោយ (last_seen) ឡើយ។
