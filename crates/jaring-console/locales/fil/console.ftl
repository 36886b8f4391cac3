# jaring console — Filipino
#
# Domain terms chosen (for review by a native speaker):
#   alert = alerto (compound-relocation alert = alerto sa paglipat)
#   referral = referral (victim referral = referral ng biktima; referring agency = ahensiyang nag-refer)
#   caseworker = caseworker
#   liaison officer = liaison officer
#   consular = konsular
#   non-punishment = prinsipyo ng hindi pagpaparusa
#   consent = pahintulot
#   lawful basis = legal na batayan
#   grading = pagtatasa (admiralty code); reliability = pagiging maaasahan ng pinagmulan;
#     credibility = kredibilidad ng impormasyon
#   TLP = TLP (labels TLP:RED etc. stay in English as FIRST publishes them)
#   audit log = audit log
#   session = session
#   second factor = second factor; authenticator = authenticator app
#   agency = ahensiya; compound = compound; message = mensahe; repatriation = pagpapauwi;
#   receipt (of a message) = patunay ng pagtanggap
#   compound trail = bakas ng compound (trail = bakas; unsure: "landas" or keeping "trail" may read better)
#   compound reference = reference ng compound (as "reference ng kaso")
#   operator (who runs a compound) = operator (kept, as Philippine police usage; "nagpapatakbo" is the
#     Filipino alternative)
#   related alerts = mga kaugnay na alerto; link = mag-ugnay; nearby = magkalapit
#   crime syndicate = sindikatong kriminal; armed group = armadong grupo
#   scam = scam (kept, as PNP/CICC usage); panloloko for "scam" as an indicator's role
#   sextortion = sextortion (kept, as PNP/CICC usage; no settled Filipino word)
#   romance investment scam = romance scam na may pekeng pamumuhunan ("love scam" is common)
#   money laundering = money laundering (kept, as in the Anti-Money Laundering Act)
#   province or district = lalawigan o distrito
#   post-quantum key = post-quantum na susi (kept in English); key wrap = pagbalot ng susi

## Mga numero at petsa
number-group = ,
date-time = { $month } { $day }, { $year }, { $time } UTC
month-1 = Ene
month-2 = Peb
month-3 = Mar
month-4 = Abr
month-5 = May
month-6 = Hun
month-7 = Hul
month-8 = Ago
month-9 = Set
month-10 = Okt
month-11 = Nob
month-12 = Dis

## Balangkas
skip-to-content = Lumaktaw sa nilalaman
nav-label = Pangunahin
nav-inbox = Inbox
nav-new-alert = Bagong alerto
nav-new-referral = Bagong referral
nav-sent = Naipadala
nav-compounds = Mga scam compound
nav-status = Status
nav-audit = Audit
nav-account = Aking account
logout = Mag-log out
language = Wika
yes = Oo
no = Hindi
required = (kailangan)
save = I-save
back-to-inbox = Bumalik sa inbox
page-older = Mas lumang mensahe

## Mga tungkulin
role-liaison = liaison officer
role-caseworker = caseworker
role-auditor = auditor
role-admin = administrator
role-feed = feed ng intelihensiya sa banta
agency-role-law-enforcement = tagapagpatupad ng batas
agency-role-consular = konsular
agency-role-immigration = imigrasyon
agency-role-victim-support = suporta sa biktima
agency-role-coordinator = tagapag-ugnay
agency-role-observer = tagamasid

## Pag-log in
login-title = Mag-log in
login-name = Username
login-password = Password
login-code = Code ng authenticator
login-code-help = Ang anim na digit na ipinapakita ng iyong authenticator app, kung gumagamit ka nito.
login-submit = Mag-log in
login-wrong = Mali ang username, password o code ng authenticator.
login-wrong-code = Mali ang code ng authenticator o nagamit na ito. Hintayin ang susunod na code at subukang muli.
login-locked = Masyadong maraming nabigong pagtatangka. Subukang muli pagkalipas ng 15 minuto, o magtanong sa iyong administrator.
login-needs-totp = Kailangan ng iyong tungkulin ng second factor, pero wala pang naka-set up para sa iyo. Hilingin sa iyong administrator na patakbuhin ang: jaring user passwd --totp
login-expired = Natapos na ang iyong session. Mangyaring mag-log in muli.

## Mga problema
problem-title = Nagkaroon ng problema
problem-forbidden = Wala sa iyo ang tungkuling kailangan para dito. Naitala ang pagtangging ito.
problem-not-found = Walang anuman dito.
problem-conflict = Hindi ito magagawa ayon sa hiniling.
problem-bad-request = Hindi naunawaan ang kahilingan.
problem-unavailable = Hindi makasagot ang node sa ngayon. Subukang muli maya-maya.

## Inbox
inbox-title = Inbox
inbox-caption = Mga mensaheng para sa iyong ahensiya, pinakabago muna
inbox-count = { $count ->
    [one] { $n } mensahe
   *[other] { $n } mensahe
}
inbox-empty = Walang mensahe.
inbox-live = Kusang lumalabas dito ang mga bagong mensahe.
filter-label = I-filter ang inbox
filter-kind = Uri
filter-sender = Nagpadala
filter-tlp = TLP
filter-status = Status ng referral
filter-unread = Hindi pa nababasa lamang
filter-any = Kahit ano
filter-apply = I-filter
col-received = Natanggap
col-kind = Uri
col-sender = Nagpadala
col-tlp = TLP
col-status = Status
col-open = Mensahe
col-recipient = Tatanggap
col-delivery = Paghahatid
col-updated = Na-update
col-time = Oras
col-code = Code
col-detail = Detalye
col-user = Gumagamit
col-roles = Mga tungkulin
col-since = Mula
col-last-seen = Huling aktibo
col-address = Address
col-browser = Browser
col-peer = Ahensiya
col-indicator-type = Uri
col-indicator-value = Halaga
col-indicator-details = Mga detalye
unread = hindi pa nababasa
open-details = Mga detalye

## Mga uri, status, paghahatid
kind-compound-relocation-alert = Alerto sa paglipat
kind-alert-update = Update sa alerto
kind-alert-cancel = Kinanselang alerto
kind-victim-referral = Referral ng biktima
kind-referral-status = Status ng referral
kind-receipt = Patunay ng pagtanggap
status-received = natanggap
status-accepted = tinanggap
status-declined = tinanggihan
status-in-progress = inaasikaso
status-repatriated = napauwi na
status-closed = sarado
delivery-delivered = naihatid
delivery-rejected = tinanggihan
delivery-pending = nakabinbin
delivery-failed = nabigo

## TLP 2.0 (FIRST)
tlp-clear-meaning = Walang limitasyon sa pagbabahagi.
tlp-green-meaning = Limitado sa komunidad: maaaring ibahagi sa mga kapwa at katuwang na organisasyon, pero hindi sa publiko.
tlp-amber-meaning = Limitado sa mga organisasyon ng mga tatanggap at sa kanilang mga kliyenteng kailangang makaalam.
tlp-amber-strict-meaning = Limitado lamang sa sariling mga organisasyon ng mga tatanggap.
tlp-red-meaning = Para lamang sa mismong mga indibidwal na tatanggap; bawal nang ibahagi pa.

## Pagtatasa (admiralty code)
grading = { $code }: { $reliability }, { $credibility }
reliability-A = lubos na maaasahan
reliability-B = karaniwang maaasahan
reliability-C = medyo maaasahan
reliability-D = karaniwang hindi maaasahan
reliability-E = hindi maaasahan
reliability-F = hindi matukoy kung maaasahan
credibility-1 = kinumpirma ng ibang pinagmulan
credibility-2 = malamang na totoo
credibility-3 = posibleng totoo
credibility-4 = kaduda-duda
credibility-5 = malamang na hindi totoo
credibility-6 = hindi matukoy kung totoo

## Isang mensahe
message-title = Mensahe
field-kind = Uri
field-id = ID ng mensahe
field-sender = Nagpadala
field-recipients = Mga tatanggap
field-created = Isinulat
field-stored = Natanggap
field-status = Status
field-refers-to = Tumutukoy sa
sender-verified = na-verify ang lagda
open-warning = Kapag binuksan, makikita ang na-decrypt na nilalaman. Itatala ito sa audit log kasama ang iyong pangalan.
open-submit = Buksan at basahin
open-not-allowed = Hindi pinapayagan ng iyong tungkulin na basahin ang nilalaman ng mensaheng ito.
section-content = Nilalaman
field-compound = Compound
field-aliases = Kilala rin bilang
field-from = Lumipat mula sa
field-to = Lumipat sa
field-observed = Naobserbahan
field-grading = Pagtatasa
field-persons = Tinatayang bilang ng mga taong nakakulong
field-nationalities = Nasyonalidad ng mga nakakulong
field-indicators = Mga indicator
field-narrative = Salaysay
field-case-ref = Reference ng kaso
field-nationality = Nasyonalidad
field-identified = Natukoy
field-location = Lokasyon
field-consent = Pahintulot
field-needs = Mga pangangailangan
field-non-punishment = Umiiral ang prinsipyo ng hindi pagpaparusa
field-risk = Panganib
field-person = Pagkakakilanlan
field-receipt-item = Patunay ng pagtanggap
consent-given = May pahintulot
consent-not-given = Walang pahintulot
basis-choose = Piliin ang legal na batayan
basis-vital-interest = Mahalagang interes ng tao (buhay at kaligtasan)
basis-legal-obligation = Legal na obligasyon
basis-public-interest = Interes ng publiko
basis-unstated = walang nakasaad na legal na batayan
need-medical = medikal na pangangalaga
need-shelter = pansamantalang matutuluyan
need-legal = tulong legal
need-repatriation = pagpapauwi (repatriation)
need-interpretation = interpreter
need-psychosocial = psychosocial na suporta
need-documents = dokumento sa paglalakbay
risk-low = mababa
risk-medium = katamtaman
risk-high = mataas
indicator-domain = Domain
indicator-url = Address sa web
indicator-phone = Telepono
indicator-crypto-wallet = Crypto wallet
indicator-social-handle = Account sa social media
indicator-ip = IP address
indicator-bank-account = Account sa bangko
indicator-email = Email
updates = Mga update at pagkansela
deliveries = Mga paghahatid
referral-history = Kasaysayan ng status ng referral
workflow = Aksiyunan ang referral na ito
workflow-notes = Tala (ipapadala sa ahensiyang nag-refer)
workflow-confirm = Kinukumpirma ko
workflow-accepted = Tanggapin
workflow-declined = Tanggihan
workflow-in-progress = Markahang inaasikaso
workflow-repatriated = Markahang napauwi na
workflow-closed = Isara ang kaso
cancel-alert = Kanselahin ang alertong ito
cancel-reason = Dahilan
cancel-submit = Kanselahin ang alerto
confirm-title = Pakikumpirma
confirm-status = Itakda ang referral na ito sa "{ $status }"? Makikita ito ng ahensiyang nag-refer.
confirm-cancel = Kanselahin ang alertong ito para sa lahat ng tatanggap nito?
confirm-submit = Kumpirmahin
confirm-back = Bumalik
notice-sent = Naipadala na. Lalabas sa ibaba ang mga paghahatid habang dumarating ang mga patunay ng pagtanggap mula sa mga tatanggap.
notice-status-sent = Naipadala ang status sa ahensiyang nag-refer.
notice-cancelled = Naipadala ang pagkansela.

## Mga form
new-alert-title = Bagong alerto sa paglipat
new-referral-title = Bagong referral ng biktima
form-has-errors = Pakiwasto ang mga field na may marka sa ibaba.
form-review = Suriin bago ipadala
section-compound = Ang compound
section-from = Dating kinaroroonan
section-to = Bagong kinaroroonan
section-observation = Ano ang naobserbahan
section-sharing = Sino ang maaaring makabasa nito
section-case = Ang tao at ang kaso
section-consent = Pahintulot
section-needs = Mga pangangailangan at panganib
form-compound-name = Pangalan ng compound
form-compound-aliases = Iba pang pangalan
help-compound-aliases = Paghiwalayin ang mga pangalan gamit ang kuwit.
form-compound-ref = Reference ng compound
help-compound-ref = Panatilihin ang bagong reference na ito para sa compound na hindi pa kailanman naiuulat. Para sa kilalang compound, i-paste ang reference na nakalagay sa mga nauna nitong alerto.
form-operators = Mga operator
help-operators = Isa bawat linya: ang pangalan, saka ang iba pang pangalan at ang uri (kung mayroon) pagkatapos ng kuwit, gaya ng: Example Holdings, alias=EHG, kind=company. Mga uri: syndicate, armed-group, company, person.
form-scam-types = Mga scam na pinapatakbo roon
form-from-admin = Lalawigan o distrito
form-from-precision-m = Tiyak sa loob ng (metro)
form-to-admin = Lalawigan o distrito
form-to-precision-m = Tiyak sa loob ng (metro)
form-from-country = Bansa
help-from-country = Code na may dalawang titik, gaya ng KH.
form-from-name = Bayan o lugar
form-from-lat = Latitud
form-from-lon = Longhitud
form-to-country = Bansa
help-to-country = Code na may dalawang titik, gaya ng MM.
form-to-name = Bayan o lugar
form-to-lat = Latitud
form-to-lon = Longhitud
form-observed-at = Oras ng obserbasyon (UTC)
form-source-reliability = Pagiging maaasahan ng pinagmulan
form-info-credibility = Kredibilidad ng impormasyon
form-estimated-persons = Tinatayang bilang ng mga taong nakakulong
form-nationalities = Nasyonalidad ng mga nakakulong
help-nationalities = Mga code na may dalawang titik na pinaghihiwalay ng kuwit, gaya ng ID, PH.
form-indicators = Mga indicator
help-indicators = Isa bawat linya: ang uri, ang halaga, saka ang anumang detalye pagkatapos ng kuwit, gaya ng: social-handle @GoldenJobs, platform=telegram, role=recruitment. Mga uri: domain, url, phone, crypto-wallet, social-handle, ip, bank-account, email. Mga detalye: platform, chain, asset, role, first_seen, last_seen.
form-narrative = Salaysay
form-tlp = TLP
form-to = Mga ahensiya
help-to = Piliin ang mga ahensiya, o isang tungkulin, o lahat.
form-to-role = Bawat ahensiya ayon sa tungkulin
form-to-role-none = Walang tungkulin
form-to-all = Bawat ahensiya sa network
form-case-ref = Reference ng kaso
help-case-ref = Ang pseudonymous na reference ng iyong ahensiya; hindi kailanman pangalan.
form-nationality = Nasyonalidad
help-nationality = Code na may dalawang titik, gaya ng ID.
form-identified-at = Oras ng pagkakatukoy (UTC)
form-location-country = Bansa kung saan natukoy
form-location-name = Bayan o lugar
form-consent = Pumayag ba ang tao sa referral na ito?
form-consent-scope = Saklaw ng pahintulot
help-consent-scope = Paghiwalayin gamit ang kuwit, gaya ng share-with-consulate.
form-consent-basis = Legal na batayan kung walang pahintulot
form-needs = Mga pangangailangan
form-non-punishment = Umiiral ang prinsipyo ng hindi pagpaparusa
form-risk = Panganib sa tao
form-person-name = Pangalan (kung kailangan lamang ng kaso)
form-person-dob = Petsa ng kapanganakan (kung kailangan lamang ng kaso)
help-person-dob = Gaya ng 1990-04-17.
form-notes = Mga tala
error-no-recipient = Pumili ng kahit isang ahensiya.
error-consent-needed = Sabihin kung pumayag ang tao.
error-basis-needed = Kung walang pahintulot, piliin ang legal na batayan ng pagbabahagi.
rule-required = Kailangan ito.
rule-not-empty = Hindi ito maaaring walang laman.
rule-country = Gumamit ng country code na may dalawang titik, gaya ng KH.
rule-number = Dapat ay numero ito.
rule-repeat = Inuulit nito ang naunang item.
rule-invalid = Hindi wasto ang halagang ito.
rule-invalid-detail = Hindi wasto ang halagang ito ({ $detail }).
rule-date = Isulat ang petsa gaya ng 1990-04-17.
rule-time = Isulat ang petsa at oras.
rule-one-of = Pumili ng isa sa: { $allowed }.
rule-range = Wala ito sa saklaw ({ $detail }).
rule-basis-with-consent = Nagbibigay lamang ng legal na batayan kapag walang pahintulot.
review-title = Suriin bago ipadala
review-readers = Sino ang makababasa nito
review-readers-count = { $count ->
    [one] { $n } ahensiya, at wala nang iba: hindi ang hub, hindi ang anumang ibang ahensiya.
   *[other] { $n } ahensiya, at wala nang iba: hindi ang hub, hindi ang anumang ibang ahensiya.
}
review-reader-no-pq = walang post-quantum (X-Wing) na susi: kailangan ito ng node na ito para sa ganitong uri ng mensahe at hindi nito ito ipapadala
review-content = Ano ang ipapadala
review-send = Lagdaan, i-encrypt at ipadala
review-edit = May babaguhin

## Naipadala
sent-title = Naipadala
sent-empty = Wala pang naipadala.

## Status
status-title = Status ng node
status-connection = Koneksiyon
status-agency = Ahensiya
status-connection-state = Koneksiyon
status-lag = Naghihintay na mabasa (nakabinbin / hindi pa kinikilala)
status-directory = Direktoryo
status-directory-value = serial { $serial }, may bisa hanggang { $expires } ({ $state })
status-count-received = Natanggap
status-unread = Hindi pa nababasa
status-sent = Naipadala
status-pending = Nakabinbing paghahatid
status-failed = Nabigong paghahatid
status-quarantined = Naka-quarantine
status-audit = Audit log
status-store = Imbakan
status-csp = Mga naiulat na paglabag sa Content-Security-Policy
status-last-error = Huling error
status-alarms = Mga alarma ng checkpoint
status-no-alarms = Walang alarma.
status-quarantine = Quarantine
status-quarantine-empty = Walang naka-quarantine.
status-users = Mga gumagamit

## Audit
audit-title = Audit log
audit-search = Maghanap
audit-message = ID ng mensahe
audit-user = Gumagamit
audit-event = Pangyayari
audit-who-opened = Sino ang nagbukas ng mensaheng ito
audit-entries = Mga entry sa audit, pinakabago muna
audit-none = Walang entry.
audit-integrity = Integridad
audit-verify = I-verify ang log
audit-verified = Na-verify ang log: { $size } entry, { $checkpoints } checkpoint ang nasuri, root { $root }.
audit-not-verified = HINDI na-verify ang log: { $error }
audit-checkpoint = Pinakabagong checkpoint
audit-no-checkpoint = Wala pang nailathalang checkpoint.

## Account
account-title = Aking account
language-choose = Wika ng console
notice-language = Na-save ang wika.
sessions = Aking mga session
session-this = kasalukuyan
sessions-end-others = Tapusin ang iba ko pang session
notice-sessions-ended = { $count ->
    [one] { $n } iba pang session ang tinapos.
   *[other] { $n } iba pang session ang tinapos.
}

## Mga bansa sa rehiyon
country-AU = Australya
country-BD = Bangladesh
country-BN = Brunei
country-CN = Tsina
country-ID = Indonesya
country-IN = India
country-JP = Hapon
country-KH = Kambodya
country-KR = Timog Korea
country-LA = Laos
country-LK = Sri Lanka
country-MM = Myanmar
country-MY = Malaysia
country-NP = Nepal
country-PH = Pilipinas
country-SG = Singapore
country-TH = Thailand
country-TL = Timor-Leste
country-VN = Vietnam

## Pag-uugnay: ang bakas ng compound at mga kaugnay na alerto
compound-title = Bakas ng compound
compound-search-label = Reference o pangalan ng compound
compound-search-submit = Ipakita ang bakas
compound-not-found = Walang alertong hawak ng ahensiyang ito ang bumabanggit sa compound na iyon.
compound-names = Kilala bilang
compound-no-reference = Wala pang reference
compound-map = Mapa
compound-positions = Mga lokasyon, ayon sa pagkakasunod-sunod ng oras
compound-links = Ano ang nag-uugnay sa mga alerto
compound-suggestions = Maaaring iisang compound
compound-suggestions-help = Pangalan, operator o kalapit na lugar lamang ang pagkakapareho ng mga alertong ito. Isasama lamang ang mga ito sa bakas kapag may nagkumpirma.
compound-confirm = Kumpirmahin: iisang compound
compound-dismiss = Isantabi
compound-share = Magpadala rin sa mga tatanggap ng alertong ito ng update na nagtatakda ng reference ng compound
compound-flagged = Mga halagang masyadong karaniwan para mag-ugnay
compound-flagged-help = Lumalabas ang bawat isa rito sa mas maraming alerto kaysa sa limitasyon, kaya wala itong iniuugnay. Dapat may sumuri kung bakit.
compound-flagged-count = { $count ->
    [one] sa mahigit { $n } alerto
   *[other] sa mahigit { $n } alerto
}
notice-confirmed = Nakumpirma: bahagi na ng bakas ang alerto.
notice-dismissed = Naisantabi: hindi na muling imumungkahi ang alertong ito para sa compound na ito.
col-step = Hakbang
col-observed = Naobserbahan
col-from = Mula sa
col-to = Papunta sa
col-reported-by = Iniulat ng
col-grading = Pagtatasa
via-ref = parehong reference ng compound
via-name = parehong pangalan
via-operator = parehong operator
via-near = magkalapit
via-confirmed = kinumpirma ng
message-related = Mga kaugnay na alerto
message-related-help = Iba pang alertong may kaparehong compound, operator o indicator ng alertong ito, at ang halagang pareho sa kanila.
message-trail = Ipakita ang bakas ng compound na ito
compound-report-new = Bagong alerto sa paglipat tungkol sa compound na ito
field-compound-ref = Reference ng compound
field-operators = Mga operator
field-scam-types = Mga scam na pinapatakbo roon
precision-m = { $n } m
operator-kind-syndicate = sindikatong kriminal
operator-kind-armed-group = armadong grupo
operator-kind-company = kompanya
operator-kind-person = indibidwal
scam-type-romance-investment = Romance scam na may pekeng pamumuhunan
scam-type-crypto-investment = Pekeng pamumuhunan sa crypto
scam-type-online-gambling = Online na sugal
scam-type-impersonation = Pagpapanggap
scam-type-job-scam = Pekeng alok na trabaho
scam-type-sextortion = Sextortion
scam-type-other = Iba pa
indicator-role-recruitment = pangangalap
indicator-role-contact = pakikipag-ugnayan
indicator-role-scam = panloloko
indicator-role-payment = pagbabayad
indicator-role-laundering = money laundering
indicator-role-infrastructure = imprastruktura
rule-uuid = Dapat ay reference na gaya ng 0b7e5c2a-41d4-4c8e-9a5e-6f1d2b3c4d5e, sa maliliit na titik.
rule-only-for = Pinapayagan lamang para sa { $types }.
rule-seen-order = Hindi dapat mas huli ang unang pagkakita (first_seen) kaysa sa huling pagkakita (last_seen).
