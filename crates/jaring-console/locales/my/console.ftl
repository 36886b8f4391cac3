# jaring console — Burmese (မြန်မာ, Unicode)
#
# Domain terms chosen (for review by a native speaker):
#   alert = သတိပေးချက် (compound-relocation alert = စခန်းနေရာပြောင်းမှု သတိပေးချက်)
#   scam compound = လိမ်လည်ရေးစခန်း
#   referral = ခံရသူ လွှဲပြောင်းပေးပို့မှု (victim referral)
#   victim = ခံရသူ (လူကုန်ကူးခံရသူ)
#   caseworker = ကိစ္စရပ်တာဝန်ခံ
#   liaison officer = ဆက်ဆံရေးအရာရှိ
#   consular = ကောင်စစ်ရေးရာ (consular official = ကောင်စစ်ဝန်ရုံး အရာရှိ)
#   non-punishment = ပြစ်ဒဏ်မပေးရေးမူ
#   consent = သဘောတူညီချက်
#   lawful basis = ဥပဒေဆိုင်ရာ အခြေခံ
#   grading = အဆင့်သတ်မှတ်ချက်; reliability = သတင်းရင်းမြစ် ယုံကြည်စိတ်ချရမှု;
#     credibility = သတင်းအချက်အလက် ယုံကြည်နိုင်မှု
#   victim identification = ခွဲခြားသတ်မှတ်ခြင်း
#   repatriation = နေရပ်ပြန်ပို့ရေး
#   TLP = TLP (labels such as TLP:RED stay in English, as FIRST publishes them)
#   audit log = စစ်ဆေးမှုမှတ်တမ်း
#   session = ဆက်ရှင်
#   second factor = ဒုတိယအဆင့် အတည်ပြုချက်; authenticator = အတည်ပြုအက်ပ်
#   role = အခန်းကဏ္ဍ; agency = အဖွဲ့အစည်း; delivery = စာရောက်ရှိမှု;
#   receipt = လက်ခံရရှိကြောင်း အကြောင်းကြားစာ; checkpoint = စစ်ဆေးမှတ်
#   compound trail = ရွှေ့ပြောင်းမှု လမ်းကြောင်း (trail; "ခြေရာ" is an alternative)
#   compound reference = စခန်း ရည်ညွှန်းအမှတ်
#   operator (who runs a compound) = လည်ပတ်သူ (unsure: "ကြီးကြပ်သူ" may be clearer)
#   related alerts = ဆက်စပ် သတိပေးချက်များ; correlation, link = ချိတ်ဆက်မှု
#   crime syndicate = ရာဇဝတ်ဂိုဏ်း; armed group = လက်နက်ကိုင်အဖွဲ့
#   sextortion = လိင်ဆိုင်ရာ ခြိမ်းခြောက်ငွေညှစ်ခြင်း (unsure of the usual official term)
#   money laundering = ငွေကြေးခဝါချခြင်း
#   post-quantum key = ကွမ်တမ်နောက်ပိုင်း သော့; key wrap = သော့ထုပ်ပိုးမှု

## Numbers and dates
number-group = ,
date-time = { $year } ခုနှစ် { $month }လ { $day } ရက်၊ { $time } UTC
month-1 = ဇန်နဝါရီ
month-2 = ဖေဖော်ဝါရီ
month-3 = မတ်
month-4 = ဧပြီ
month-5 = မေ
month-6 = ဇွန်
month-7 = ဇူလိုင်
month-8 = ဩဂုတ်
month-9 = စက်တင်ဘာ
month-10 = အောက်တိုဘာ
month-11 = နိုဝင်ဘာ
month-12 = ဒီဇင်ဘာ

## Frame
skip-to-content = အကြောင်းအရာသို့ ကျော်သွားရန်
nav-label = ပင်မ
nav-inbox = ဝင်စာပုံး
nav-new-alert = သတိပေးချက်အသစ်
nav-new-referral = လွှဲပြောင်းပေးပို့မှုအသစ်
nav-sent = ပို့ပြီးစာများ
nav-compounds = လိမ်လည်ရေးစခန်းများ
nav-status = အခြေအနေ
nav-audit = စစ်ဆေးမှု
nav-account = ကျွန်ုပ်၏အကောင့်
logout = ထွက်ရန်
language = ဘာသာစကား
yes = ဟုတ်ကဲ့
no = မဟုတ်ပါ
required = (မဖြစ်မနေ လိုအပ်)
save = သိမ်းရန်
back-to-inbox = ဝင်စာပုံးသို့ ပြန်သွားရန်
page-older = ယခင်စာများ

## Roles
role-liaison = ဆက်ဆံရေးအရာရှိ
role-caseworker = ကိစ္စရပ်တာဝန်ခံ
role-auditor = စစ်ဆေးသူ
role-admin = စီမံခန့်ခွဲသူ
role-feed = ခြိမ်းခြောက်မှု ထောက်လှမ်းရေး သတင်းရင်းမြစ်
agency-role-law-enforcement = ဥပဒေစိုးမိုးရေး
agency-role-consular = ကောင်စစ်ရေးရာ
agency-role-immigration = လူဝင်မှုကြီးကြပ်ရေး
agency-role-victim-support = ခံရသူ ကူညီစောင့်ရှောက်ရေး
agency-role-coordinator = ညှိနှိုင်းရေးမှူး
agency-role-observer = လေ့လာစောင့်ကြည့်သူ

## Login
login-title = ဝင်ရောက်ရန်
login-name = အသုံးပြုသူအမည်
login-password = စကားဝှက်
login-code = အတည်ပြုကုဒ်
login-code-help = အတည်ပြုအက်ပ် အသုံးပြုပါက ၎င်းတွင် ပြသသော ဂဏန်းခြောက်လုံး။
login-submit = ဝင်ရောက်ရန်
login-wrong = အသုံးပြုသူအမည်၊ စကားဝှက် သို့မဟုတ် အတည်ပြုကုဒ် မှားနေပါသည်။
login-wrong-code = အတည်ပြုကုဒ် မှားနေပါသည် သို့မဟုတ် အသုံးပြုပြီးသား ဖြစ်ပါသည်။ နောက်ကုဒ်ကို စောင့်ပြီး ထပ်မံကြိုးစားပါ။
login-locked = မအောင်မြင်သော ကြိုးစားမှု များလွန်းပါသည်။ 15 မိနစ်အကြာတွင် ထပ်မံကြိုးစားပါ သို့မဟုတ် သင့်စီမံခန့်ခွဲသူကို မေးမြန်းပါ။
login-needs-totp = သင့်အခန်းကဏ္ဍအတွက် ဒုတိယအဆင့် အတည်ပြုချက် လိုအပ်သော်လည်း သင့်အတွက် သတ်မှတ်ထားခြင်း မရှိသေးပါ။ သင့်စီမံခန့်ခွဲသူအား ဤအမိန့်ကို လုပ်ဆောင်ရန် တောင်းဆိုပါ- jaring user passwd --totp
login-expired = သင်၏ ဆက်ရှင် ကုန်ဆုံးသွားပါပြီ။ ကျေးဇူးပြု၍ ထပ်မံဝင်ရောက်ပါ။

## Problems
problem-title = တစ်ခုခု မှားယွင်းသွားပါသည်
problem-forbidden = ဤလုပ်ဆောင်ချက်အတွက် လိုအပ်သော အခန်းကဏ္ဍ သင့်တွင် မရှိပါ။ ငြင်းပယ်မှုကို မှတ်တမ်းတင်ထားပါသည်။
problem-not-found = ဤနေရာတွင် ဘာမျှ မရှိပါ။
problem-conflict = တောင်းဆိုထားသည့်အတိုင်း ဆောင်ရွက်၍ မရပါ။
problem-bad-request = တောင်းဆိုချက်ကို နားမလည်ပါ။
problem-unavailable = ဆုံမှတ် (node) သည် ယခု တုံ့ပြန်နိုင်ခြင်း မရှိပါ။ ခဏအကြာတွင် ထပ်မံကြိုးစားပါ။

## Inbox
inbox-title = ဝင်စာပုံး
inbox-caption = သင့်အဖွဲ့အစည်းထံ ပေးပို့ထားသော စာများ၊ အသစ်ဆုံးကို ထိပ်ဆုံးတွင် ပြသည်
inbox-count = { $count ->
   *[other] စာ { $n } စောင်
}
inbox-empty = စာ မရှိပါ။
inbox-live = စာအသစ်များ ဤနေရာတွင် အလိုအလျောက် ပေါ်လာပါမည်။
filter-label = ဝင်စာပုံးကို စစ်ထုတ်ရန်
filter-kind = အမျိုးအစား
filter-sender = ပေးပို့သူ
filter-tlp = TLP
filter-status = လွှဲပြောင်းပေးပို့မှု အခြေအနေ
filter-unread = မဖတ်ရသေးသည်များသာ
filter-any = အားလုံး
filter-apply = စစ်ထုတ်ရန်
col-received = လက်ခံရရှိချိန်
col-kind = အမျိုးအစား
col-sender = ပေးပို့သူ
col-tlp = TLP
col-status = အခြေအနေ
col-open = စာ
col-recipient = လက်ခံသူ
col-delivery = စာရောက်ရှိမှု
col-updated = နောက်ဆုံး ပြင်ဆင်ချိန်
col-time = အချိန်
col-code = ကုဒ်
col-detail = အသေးစိတ်
col-user = အသုံးပြုသူ
col-roles = အခန်းကဏ္ဍများ
col-since = စတင်ချိန်
col-last-seen = နောက်ဆုံး အသုံးပြုချိန်
col-address = လိပ်စာ
col-browser = ဘရောက်ဇာ
col-peer = အဖွဲ့အစည်း
col-indicator-type = အမျိုးအစား
col-indicator-value = တန်ဖိုး
col-indicator-details = အသေးစိတ်
unread = မဖတ်ရသေး
open-details = အသေးစိတ်

## Kinds, statuses, deliveries
kind-compound-relocation-alert = စခန်းနေရာပြောင်းမှု သတိပေးချက်
kind-alert-update = သတိပေးချက် အပ်ဒိတ်
kind-alert-cancel = သတိပေးချက် ပယ်ဖျက်ပြီး
kind-victim-referral = ခံရသူ လွှဲပြောင်းပေးပို့မှု
kind-referral-status = လွှဲပြောင်းပေးပို့မှု အခြေအနေ
kind-receipt = လက်ခံရရှိကြောင်း အကြောင်းကြားစာ
status-received = လက်ခံရရှိပြီး
status-accepted = လက်ခံပြီး
status-declined = ငြင်းပယ်ပြီး
status-in-progress = ဆောင်ရွက်ဆဲ
status-repatriated = နေရပ်ပြန်ပို့ပြီး
status-closed = ပိတ်ပြီး
delivery-delivered = ရောက်ရှိပြီး
delivery-rejected = ငြင်းပယ်ခံရ
delivery-pending = ဆိုင်းငံ့ဆဲ
delivery-failed = မအောင်မြင်

## TLP 2.0 (FIRST)
tlp-clear-meaning = ထုတ်ဖော်မှုအပေါ် ကန့်သတ်ချက် မရှိပါ။
tlp-green-meaning = အသိုင်းအဝိုင်းအတွင်းသာ- လုပ်ဖော်ကိုင်ဖက်များ၊ မိတ်ဖက်အဖွဲ့အစည်းများနှင့် မျှဝေနိုင်သော်လည်း အများပြည်သူထံ ထုတ်ပြန်ခြင်း မပြုရ။
tlp-amber-meaning = လက်ခံသူများ၏ အဖွဲ့အစည်းများနှင့် သိရန်လိုအပ်သော ၎င်းတို့၏ ဝန်ဆောင်မှုခံယူသူများအတွက်သာ။
tlp-amber-strict-meaning = လက်ခံသူများ၏ ကိုယ်ပိုင်အဖွဲ့အစည်းများအတွင်းသာ။
tlp-red-meaning = လက်ခံသူ တစ်ဦးချင်းသာ ကြည့်ရှုနားထောင်ရန်၊ ထပ်မံထုတ်ဖော်ခြင်း မပြုရ။

## Grading (admiralty code)
grading = { $code }: { $reliability }, { $credibility }
reliability-A = လုံးဝ ယုံကြည်စိတ်ချရ
reliability-B = များသောအားဖြင့် ယုံကြည်စိတ်ချရ
reliability-C = အတန်အသင့် ယုံကြည်စိတ်ချရ
reliability-D = များသောအားဖြင့် ယုံကြည်စိတ်မချရ
reliability-E = ယုံကြည်စိတ်မချရ
reliability-F = ယုံကြည်စိတ်ချရမှုကို ဆုံးဖြတ်၍မရ
credibility-1 = အခြားသတင်းရင်းမြစ်များက အတည်ပြုထား
credibility-2 = မှန်ကန်နိုင်ခြေများ
credibility-3 = မှန်ကန်နိုင်ခြေရှိ
credibility-4 = သံသယဖြစ်ဖွယ်
credibility-5 = ဖြစ်နိုင်ခြေနည်း
credibility-6 = မှန်ကန်မှုကို ဆုံးဖြတ်၍မရ

## One message
message-title = စာ
field-kind = အမျိုးအစား
field-id = စာအမှတ်
field-sender = ပေးပို့သူ
field-recipients = လက်ခံသူများ
field-created = ရေးသားချိန်
field-stored = လက်ခံရရှိချိန်
field-status = အခြေအနေ
field-refers-to = ရည်ညွှန်းချက်
sender-verified = ဒစ်ဂျစ်တယ်လက်မှတ် အတည်ပြုပြီး
open-warning = ဖွင့်လိုက်ပါက စာဝှက်ဖြည်ထားသော အကြောင်းအရာကို ပြသပါမည်။ ၎င်းကို သင့်အမည်ဖြင့် စစ်ဆေးမှုမှတ်တမ်းတွင် မှတ်တမ်းတင်ပါမည်။
open-submit = ဖွင့်၍ ဖတ်ရန်
open-not-allowed = သင့်အခန်းကဏ္ဍဖြင့် ဤစာ၏ အကြောင်းအရာကို ဖတ်ရှုခွင့် မရှိပါ။
section-content = အကြောင်းအရာ
field-compound = လိမ်လည်ရေးစခန်း
field-aliases = အခြားအမည်များ
field-from = ယခင်နေရာ
field-to = ပြောင်းရွှေ့သွားသည့်နေရာ
field-observed = တွေ့ရှိချိန်
field-grading = အဆင့်သတ်မှတ်ချက်
field-persons = ထိန်းသိမ်းခံထားရသူ ခန့်မှန်းဦးရေ
field-nationalities = ထိန်းသိမ်းခံထားရသူတို့၏ နိုင်ငံသားဖြစ်မှု
field-indicators = ညွှန်ပြချက်များ
field-narrative = ဖော်ပြချက်
field-case-ref = ကိစ္စရပ် ရည်ညွှန်းအမှတ်
field-nationality = နိုင်ငံသားဖြစ်မှု
field-identified = ခွဲခြားသတ်မှတ်ချိန်
field-location = နေရာ
field-consent = သဘောတူညီချက်
field-needs = လိုအပ်ချက်များ
field-non-punishment = ပြစ်ဒဏ်မပေးရေးမူ သက်ရောက်သည်
field-risk = အန္တရာယ်
field-person = ပုဂ္ဂိုလ်
field-receipt-item = လက်ခံရရှိကြောင်း အကြောင်းကြားစာ
consent-given = သဘောတူညီချက် ပေးထားသည်
consent-not-given = သဘောတူညီချက် မပေးထားပါ
basis-choose = ဥပဒေဆိုင်ရာ အခြေခံကို ရွေးချယ်ပါ
basis-vital-interest = ပုဂ္ဂိုလ်၏ အသက်အန္တရာယ်နှင့် သက်ဆိုင်သော အရေးကြီးအကျိုးစီးပွား
basis-legal-obligation = ဥပဒေအရ တာဝန်ဝတ္တရား
basis-public-interest = အများပြည်သူ အကျိုးစီးပွား
basis-unstated = ဥပဒေဆိုင်ရာ အခြေခံ ဖော်ပြထားခြင်း မရှိ
need-medical = ဆေးကုသမှု
need-shelter = ခိုလှုံရာနေရာ
need-legal = ဥပဒေရေးရာ အကူအညီ
need-repatriation = နေရပ်ပြန်ပို့ရေး
need-interpretation = စကားပြန်
need-psychosocial = စိတ်လူမှုဆိုင်ရာ ပံ့ပိုးမှု
need-documents = ခရီးသွား စာရွက်စာတမ်းများ
risk-low = နိမ့်
risk-medium = အလယ်အလတ်
risk-high = မြင့်
indicator-domain = ဒိုမိန်း
indicator-url = ဝဘ်လိပ်စာ
indicator-phone = ဖုန်း
indicator-crypto-wallet = ခရစ်ပ်တို ပိုက်ဆံအိတ်
indicator-social-handle = ဆိုရှယ်မီဒီယာ အကောင့်
indicator-ip = IP လိပ်စာ
indicator-bank-account = ဘဏ်အကောင့်
indicator-email = အီးမေးလ်
updates = အပ်ဒိတ်များနှင့် ပယ်ဖျက်မှုများ
deliveries = စာရောက်ရှိမှုများ
referral-history = လွှဲပြောင်းပေးပို့မှု အခြေအနေ မှတ်တမ်း
workflow = ဤလွှဲပြောင်းပေးပို့မှုအပေါ် ဆောင်ရွက်ရန်
workflow-notes = မှတ်ချက် (လွှဲပြောင်းပေးပို့သည့် အဖွဲ့အစည်းထံ ပို့မည်)
workflow-confirm = ကျွန်ုပ် အတည်ပြုပါသည်
workflow-accepted = လက်ခံရန်
workflow-declined = ငြင်းပယ်ရန်
workflow-in-progress = ဆောင်ရွက်ဆဲဟု မှတ်သားရန်
workflow-repatriated = နေရပ်ပြန်ပို့ပြီးဟု မှတ်သားရန်
workflow-closed = ကိစ္စရပ်ကို ပိတ်ရန်
cancel-alert = ဤသတိပေးချက်ကို ပယ်ဖျက်ရန်
cancel-reason = အကြောင်းပြချက်
cancel-submit = သတိပေးချက်ကို ပယ်ဖျက်ရန်
confirm-title = ကျေးဇူးပြု၍ အတည်ပြုပါ
confirm-status = ဤလွှဲပြောင်းပေးပို့မှုကို "{ $status }" အဖြစ် သတ်မှတ်မလား။ လွှဲပြောင်းပေးပို့သည့် အဖွဲ့အစည်းက ၎င်းကို မြင်ရပါမည်။
confirm-cancel = ဤသတိပေးချက်ကို လက်ခံသူအားလုံးအတွက် ပယ်ဖျက်မလား။
confirm-submit = အတည်ပြုရန်
confirm-back = နောက်သို့
notice-sent = ပို့ပြီးပါပြီ။ လက်ခံသူများထံမှ လက်ခံရရှိကြောင်း အကြောင်းကြားစာများ ရောက်လာသည်နှင့်အမျှ စာရောက်ရှိမှုများကို အောက်တွင် ပြသပါမည်။
notice-status-sent = အခြေအနေကို လွှဲပြောင်းပေးပို့သည့် အဖွဲ့အစည်းထံ ပို့ပြီးပါပြီ။
notice-cancelled = ပယ်ဖျက်ကြောင်း ပို့ပြီးပါပြီ။

## Forms
new-alert-title = စခန်းနေရာပြောင်းမှု သတိပေးချက်အသစ်
new-referral-title = ခံရသူ လွှဲပြောင်းပေးပို့မှုအသစ်
form-has-errors = အောက်တွင် မှတ်သားထားသော အကွက်များကို ပြင်ဆင်ပါ။
form-review = မပို့မီ ပြန်လည်စစ်ဆေးရန်
section-compound = စခန်း
section-from = ယခင်နေရာ
section-to = ပြောင်းရွှေ့သွားသည့်နေရာ
section-observation = တွေ့ရှိခဲ့သည့်အချက်များ
section-sharing = ဖတ်ရှုခွင့်ရှိသူ
section-case = ပုဂ္ဂိုလ်နှင့် ကိစ္စရပ်
section-consent = သဘောတူညီချက်
section-needs = လိုအပ်ချက်များနှင့် အန္တရာယ်
form-compound-name = စခန်းအမည်
form-compound-aliases = အခြားအမည်များ
help-compound-aliases = အမည်များကို ကော်မာ (,) ဖြင့် ခွဲပါ။
form-compound-ref = စခန်း ရည်ညွှန်းအမှတ်
help-compound-ref = ယခင်က တစ်ခါမျှ သတင်းမပို့ဖူးသော စခန်းဖြစ်ပါက ဤရည်ညွှန်းအမှတ်အသစ်ကို မပြောင်းဘဲ ထားပါ။ သိရှိပြီးသား စခန်းဖြစ်ပါက ၎င်း၏ ယခင်သတိပေးချက်များတွင် ပါရှိသော ရည်ညွှန်းအမှတ်ကို ကူးထည့်ပါ။
form-operators = စခန်း လည်ပတ်သူများ
help-operators = တစ်ကြောင်းလျှင် တစ်ခု- အမည်၊ ထို့နောက် ကော်မာခံ၍ အခြားအမည်များနှင့် အမျိုးအစား (ရှိလျှင်)၊ ဥပမာ- Example Holdings, alias=EHG, kind=company။ အမျိုးအစားများ- syndicate, armed-group, company, person
form-scam-types = ထိုနေရာတွင် ကျူးလွန်သော လိမ်လည်မှုများ
form-from-admin = ပြည်နယ် သို့မဟုတ် ခရိုင်
form-from-precision-m = နေရာ တိကျမှု (မီတာ အတွင်း)
form-to-admin = ပြည်နယ် သို့မဟုတ် ခရိုင်
form-to-precision-m = နေရာ တိကျမှု (မီတာ အတွင်း)
form-from-country = နိုင်ငံ
help-from-country = စာလုံးနှစ်လုံးပါ ကုဒ်၊ ဥပမာ KH။
form-from-name = မြို့ သို့မဟုတ် နေရာ
form-from-lat = လတ္တီကျု
form-from-lon = လောင်ဂျီကျု
form-to-country = နိုင်ငံ
help-to-country = စာလုံးနှစ်လုံးပါ ကုဒ်၊ ဥပမာ MM။
form-to-name = မြို့ သို့မဟုတ် နေရာ
form-to-lat = လတ္တီကျု
form-to-lon = လောင်ဂျီကျု
form-observed-at = တွေ့ရှိချိန် (UTC)
form-source-reliability = သတင်းရင်းမြစ် ယုံကြည်စိတ်ချရမှု
form-info-credibility = သတင်းအချက်အလက် ယုံကြည်နိုင်မှု
form-estimated-persons = ထိန်းသိမ်းခံထားရသူ ခန့်မှန်းဦးရေ
form-nationalities = ထိန်းသိမ်းခံထားရသူတို့၏ နိုင်ငံသားဖြစ်မှု
help-nationalities = ကော်မာဖြင့် ခွဲထားသော စာလုံးနှစ်လုံးပါ ကုဒ်များ၊ ဥပမာ ID, PH။
form-indicators = ညွှန်ပြချက်များ
help-indicators = တစ်ကြောင်းလျှင် တစ်ခု- အမျိုးအစား၊ တန်ဖိုး၊ ထို့နောက် ကော်မာခံ၍ အသေးစိတ်များ (ရှိလျှင်)၊ ဥပမာ- social-handle @GoldenJobs, platform=telegram, role=recruitment။ အမျိုးအစားများ- domain, url, phone, crypto-wallet, social-handle, ip, bank-account, email။ အသေးစိတ်များ- platform, chain, asset, role, first_seen, last_seen
form-narrative = ဖော်ပြချက်
form-tlp = TLP
form-to = အဖွဲ့အစည်းများ
help-to = အဖွဲ့အစည်းများ၊ အခန်းကဏ္ဍတစ်ခု သို့မဟုတ် အားလုံးကို ရွေးချယ်ပါ။
form-to-role = ထိုအခန်းကဏ္ဍရှိ အဖွဲ့အစည်းအားလုံး
form-to-role-none = အခန်းကဏ္ဍ မရွေးပါ
form-to-all = ကွန်ရက်အတွင်းရှိ အဖွဲ့အစည်းအားလုံး
form-case-ref = ကိစ္စရပ် ရည်ညွှန်းအမှတ်
help-case-ref = သင့်အဖွဲ့အစည်း၏ အမည်ဝှက် ရည်ညွှန်းအမှတ်၊ အမည်ကို ဘယ်သောအခါမျှ မသုံးရ။
form-nationality = နိုင်ငံသားဖြစ်မှု
help-nationality = စာလုံးနှစ်လုံးပါ ကုဒ်၊ ဥပမာ ID။
form-identified-at = ခွဲခြားသတ်မှတ်ချိန် (UTC)
form-location-country = ခွဲခြားသတ်မှတ်ခဲ့သည့် နိုင်ငံ
form-location-name = မြို့ သို့မဟုတ် နေရာ
form-consent = ဤလွှဲပြောင်းပေးပို့မှုကို ထိုပုဂ္ဂိုလ်က သဘောတူခဲ့ပါသလား။
form-consent-scope = သဘောတူညီချက်၏ အတိုင်းအတာ
help-consent-scope = ကော်မာဖြင့် ခွဲပါ၊ ဥပမာ share-with-consulate။
form-consent-basis = သဘောတူညီချက် မရှိသည့်အခါ ဥပဒေဆိုင်ရာ အခြေခံ
form-needs = လိုအပ်ချက်များ
form-non-punishment = ပြစ်ဒဏ်မပေးရေးမူ သက်ရောက်သည်
form-risk = ပုဂ္ဂိုလ်အပေါ် အန္တရာယ်
form-person-name = အမည် (ကိစ္စရပ်အတွက် လိုအပ်မှသာ)
form-person-dob = မွေးသက္ကရာဇ် (ကိစ္စရပ်အတွက် လိုအပ်မှသာ)
help-person-dob = 1990-04-17 ပုံစံဖြင့်။
form-notes = မှတ်ချက်များ
error-no-recipient = အနည်းဆုံး အဖွဲ့အစည်းတစ်ခုကို ရွေးချယ်ပါ။
error-consent-needed = ထိုပုဂ္ဂိုလ် သဘောတူခဲ့ခြင်း ရှိ၊ မရှိ ဖော်ပြပါ။
error-basis-needed = သဘောတူညီချက် မရှိပါက မျှဝေရန်အတွက် ဥပဒေဆိုင်ရာ အခြေခံကို ရွေးချယ်ပါ။
rule-required = ဤအကွက်ကို မဖြစ်မနေ ဖြည့်ရပါမည်။
rule-not-empty = ဤအကွက် ဗလာ မဖြစ်ရပါ။
rule-country = စာလုံးနှစ်လုံးပါ နိုင်ငံကုဒ်ကို သုံးပါ၊ ဥပမာ KH။
rule-number = ဂဏန်း ဖြစ်ရပါမည်။
rule-repeat = ဤအရာသည် ယခင်အရာတစ်ခုနှင့် ထပ်နေပါသည်။
rule-invalid = ဤတန်ဖိုး မမှန်ကန်ပါ။
rule-invalid-detail = ဤတန်ဖိုး မမှန်ကန်ပါ ({ $detail })။
rule-date = ရက်စွဲကို 1990-04-17 ပုံစံဖြင့် ရေးပါ။
rule-time = ရက်စွဲနှင့် အချိန်ကို ရေးပါ။
rule-one-of = အောက်ပါတို့မှ တစ်ခုကို ရွေးပါ- { $allowed }။
rule-range = ခွင့်ပြုထားသော အပိုင်းအခြား ပြင်ပတွင် ရှိနေပါသည် ({ $detail })။
rule-basis-with-consent = ဥပဒေဆိုင်ရာ အခြေခံကို သဘောတူညီချက် မရှိသည့်အခါမှသာ ဖော်ပြရပါသည်။
review-title = မပို့မီ ပြန်လည်စစ်ဆေးရန်
review-readers = ဖတ်ရှုနိုင်မည့်သူများ
review-readers-count = { $count ->
   *[other] အဖွဲ့အစည်း { $n } ခုသာ ဖတ်နိုင်မည်၊ အခြားမည်သူမျှ မဖတ်နိုင်ပါ- ဗဟိုဆုံမှတ် (hub) လည်း မဖတ်နိုင်၊ အခြားအဖွဲ့အစည်းလည်း မဖတ်နိုင်ပါ။
}
review-reader-no-pq = ကွမ်တမ်နောက်ပိုင်း (X-Wing) သော့ မရှိပါ- ဤ node သည် ဤစာအမျိုးအစားအတွက် ထိုသော့ကို လိုအပ်သဖြင့် ဤစာကို မပို့ပါ
review-content = ပေးပို့မည့် အကြောင်းအရာ
review-send = လက်မှတ်ထိုး၊ စာဝှက်ပြီး ပေးပို့ရန်
review-edit = ပြင်ဆင်ရန်

## Sent
sent-title = ပို့ပြီးစာများ
sent-empty = မည်သည့်စာမျှ မပို့ရသေးပါ။

## Status
status-title = ဆုံမှတ် အခြေအနေ
status-connection = ချိတ်ဆက်မှု
status-agency = အဖွဲ့အစည်း
status-connection-state = ချိတ်ဆက်မှု
status-lag = ဖတ်ရန် စောင့်ဆိုင်းဆဲ (ဆိုင်းငံ့ဆဲ / လက်ခံကြောင်း မအတည်ပြုရသေး)
status-directory = အဖွဲ့အစည်း လမ်းညွှန်
status-directory-value = အမှတ်စဉ် { $serial }၊ { $expires } အထိ အကျုံးဝင် ({ $state })
status-count-received = လက်ခံရရှိ
status-unread = မဖတ်ရသေး
status-sent = ပို့ပြီး
status-pending = ဆိုင်းငံ့ဆဲ ပေးပို့မှုများ
status-failed = မအောင်မြင်သော ပေးပို့မှုများ
status-quarantined = သီးခြားခွဲထားသည်
status-audit = စစ်ဆေးမှုမှတ်တမ်း
status-store = ဒေတာ သိုလှောင်ရာ
status-csp = တိုင်ကြားထားသော Content-Security-Policy ချိုးဖောက်မှုများ
status-last-error = နောက်ဆုံး အမှား
status-alarms = စစ်ဆေးမှတ် (checkpoint) နှိုးဆော်ချက်များ
status-no-alarms = နှိုးဆော်ချက် မရှိပါ။
status-quarantine = သီးခြားခွဲထားမှု
status-quarantine-empty = သီးခြားခွဲထားသည့်အရာ မရှိပါ။
status-users = အသုံးပြုသူများ

## Audit
audit-title = စစ်ဆေးမှုမှတ်တမ်း
audit-search = ရှာဖွေရန်
audit-message = စာအမှတ်
audit-user = အသုံးပြုသူ
audit-event = ဖြစ်ရပ်
audit-who-opened = ဤစာကို ဖွင့်ခဲ့သူများ
audit-entries = စစ်ဆေးမှုမှတ်တမ်း ထည့်သွင်းချက်များ၊ အသစ်ဆုံးကို ထိပ်ဆုံးတွင် ပြသည်
audit-none = ထည့်သွင်းချက် မရှိပါ။
audit-integrity = မူလအတိုင်း ခိုင်မာမှု
audit-verify = မှတ်တမ်းကို စိစစ်ရန်
audit-verified = မှတ်တမ်း စိစစ်မှု အောင်မြင်ပါသည်- ထည့်သွင်းချက် { $size } ခု၊ စစ်ဆေးမှတ် { $checkpoints } ခု စစ်ဆေးပြီး၊ root { $root }။
audit-not-verified = မှတ်တမ်း စိစစ်မှု မအောင်မြင်ပါ- { $error }
audit-checkpoint = နောက်ဆုံး စစ်ဆေးမှတ်
audit-no-checkpoint = စစ်ဆေးမှတ် မထုတ်ပြန်ရသေးပါ။

## Account
account-title = ကျွန်ုပ်၏အကောင့်
language-choose = ကွန်ဆိုး၏ ဘာသာစကား
notice-language = ဘာသာစကားကို သိမ်းပြီးပါပြီ။
sessions = ကျွန်ုပ်၏ ဆက်ရှင်များ
session-this = ယခု ဆက်ရှင်
sessions-end-others = ကျွန်ုပ်၏ အခြားဆက်ရှင်များကို အဆုံးသတ်ရန်
notice-sessions-ended = { $count ->
   *[other] အခြားဆက်ရှင် { $n } ခုကို အဆုံးသတ်ပြီးပါပြီ။
}

## Countries of the region
country-AU = ဩစတြေးလျ
country-BD = ဘင်္ဂလားဒေ့ရှ်
country-BN = ဘရူနိုင်း
country-CN = တရုတ်
country-ID = အင်ဒိုနီးရှား
country-IN = အိန္ဒိယ
country-JP = ဂျပန်
country-KH = ကမ္ဘောဒီးယား
country-KR = တောင်ကိုရီးယား
country-LA = လာအို
country-LK = သီရိလင်္ကာ
country-MM = မြန်မာ
country-MY = မလေးရှား
country-NP = နီပေါ
country-PH = ဖိလစ်ပိုင်
country-SG = စင်ကာပူ
country-TH = ထိုင်း
country-TL = တီမောလက်စ်တေ
country-VN = ဗီယက်နမ်

## Correlation: the compound's trail and related alerts
compound-title = စခန်း ရွှေ့ပြောင်းမှု လမ်းကြောင်း
compound-search-label = စခန်း ရည်ညွှန်းအမှတ် သို့မဟုတ် အမည်
compound-search-submit = လမ်းကြောင်းကို ပြရန်
compound-not-found = ဤအဖွဲ့အစည်းတွင် ရှိသော သတိပေးချက်များထဲ၌ ထိုစခန်းကို ဖော်ပြထားသည့် သတိပေးချက် မရှိပါ။
compound-names = သိရှိထားသော အမည်များ
compound-no-reference = ရည်ညွှန်းအမှတ် မရှိသေးပါ
compound-map = မြေပုံ
compound-positions = တည်နေရာများ၊ အချိန်အစဉ်အတိုင်း
compound-links = သတိပေးချက်များကို ချိတ်ဆက်ပေးသည့် အချက်များ
compound-suggestions = စခန်းတစ်ခုတည်း ဖြစ်နိုင်သည်
compound-suggestions-help = ဤသတိပေးချက်များတွင် အမည်၊ လည်ပတ်သူ သို့မဟုတ် အနီးအနားရှိ နေရာတစ်ခုသာ တူညီပါသည်။ တစ်စုံတစ်ဦးက အတည်ပြုမှသာ ၎င်းတို့ကို လမ်းကြောင်းထဲသို့ ထည့်သွင်းပါမည်။
compound-confirm = အတည်ပြုရန်- စခန်းတစ်ခုတည်း
compound-dismiss = ပယ်ရန်
compound-share = ဤသတိပေးချက်၏ လက်ခံသူများထံ စခန်း ရည်ညွှန်းအမှတ်ကို သတ်မှတ်ပေးသည့် အပ်ဒိတ်တစ်ခုကိုလည်း ပို့ရန်
compound-flagged = ချိတ်ဆက်ရန် အသုံးများလွန်းသော တန်ဖိုးများ
compound-flagged-help = ဤတန်ဖိုးတစ်ခုစီသည် ကန့်သတ်ချက်ထက် ပိုများသော သတိပေးချက်များတွင် ပါဝင်နေသဖြင့် မည်သည့်အရာကိုမျှ မချိတ်ဆက်ပါ။ အကြောင်းရင်းကို တစ်စုံတစ်ဦးက စစ်ဆေးသင့်ပါသည်။
compound-flagged-count = { $count ->
   *[other] သတိပေးချက် { $n } ခုကျော်တွင်
}
notice-confirmed = အတည်ပြုပြီးပါပြီ- ဤသတိပေးချက်သည် ယခု လမ်းကြောင်း၏ အစိတ်အပိုင်း ဖြစ်ပါပြီ။
notice-dismissed = ပယ်ပြီးပါပြီ- ဤသတိပေးချက်ကို ဤစခန်းအတွက် နောက်ထပ် အကြံပြုတော့မည် မဟုတ်ပါ။
col-step = အဆင့်
col-observed = တွေ့ရှိချိန်
col-from = ယခင်နေရာ
col-to = ပြောင်းရွှေ့သွားသည့်နေရာ
col-reported-by = သတင်းပို့သူ
col-grading = အဆင့်သတ်မှတ်ချက်
via-ref = စခန်း ရည်ညွှန်းအမှတ် တူညီ
via-name = အမည် တူညီ
via-operator = လည်ပတ်သူ တူညီ
via-near = အနီးအနား
via-confirmed = အတည်ပြုသူ
message-related = ဆက်စပ် သတိပေးချက်များ
message-related-help = ဤသတိပေးချက်နှင့် စခန်း၊ လည်ပတ်သူ သို့မဟုတ် ညွှန်ပြချက် တူညီသော အခြားသတိပေးချက်များနှင့် ၎င်းတို့ တူညီသည့် တန်ဖိုး။
message-trail = ဤစခန်း၏ ရွှေ့ပြောင်းမှု လမ်းကြောင်းကို ပြရန်
compound-report-new = ဤစခန်း၏ နေရာပြောင်းမှု သတိပေးချက်အသစ်
field-compound-ref = စခန်း ရည်ညွှန်းအမှတ်
field-operators = စခန်း လည်ပတ်သူများ
field-scam-types = ထိုနေရာတွင် ကျူးလွန်သော လိမ်လည်မှုများ
precision-m = { $n } မီတာ
operator-kind-syndicate = ရာဇဝတ်ဂိုဏ်း
operator-kind-armed-group = လက်နက်ကိုင်အဖွဲ့
operator-kind-company = ကုမ္ပဏီ
operator-kind-person = ပုဂ္ဂိုလ်
scam-type-romance-investment = အချစ်ရေးဖြင့် ရင်းနှီးမြှုပ်နှံမှု လိမ်လည်ခြင်း
scam-type-crypto-investment = ခရစ်ပ်တို ရင်းနှီးမြှုပ်နှံမှု လိမ်လည်ခြင်း
scam-type-online-gambling = အွန်လိုင်း လောင်းကစား
scam-type-impersonation = အယောင်ဆောင် လိမ်လည်ခြင်း
scam-type-job-scam = အလုပ်အကိုင် လိမ်လည်ခြင်း
scam-type-sextortion = လိင်ဆိုင်ရာ ခြိမ်းခြောက်ငွေညှစ်ခြင်း
scam-type-other = အခြား
indicator-role-recruitment = လူစုဆောင်းခြင်း
indicator-role-contact = ဆက်သွယ်ခြင်း
indicator-role-scam = လိမ်လည်ခြင်း
indicator-role-payment = ငွေပေးချေခြင်း
indicator-role-laundering = ငွေကြေးခဝါချခြင်း
indicator-role-infrastructure = အခြေခံအဆောက်အအုံ
rule-uuid = 0b7e5c2a-41d4-4c8e-9a5e-6f1d2b3c4d5e ကဲ့သို့ ရည်ညွှန်းအမှတ် ဖြစ်ရမည်ဖြစ်ပြီး စာလုံးအသေးဖြင့် ရေးရပါမည်။
rule-only-for = { $types } အတွက်သာ ခွင့်ပြုပါသည်။
rule-seen-order = ပထမဆုံး တွေ့ရှိချိန် (first_seen) သည် နောက်ဆုံး တွေ့ရှိချိန် (last_seen) ထက် နောက်ကျ၍ မရပါ။
