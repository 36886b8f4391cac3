# jaring console — Bahasa Melayu (Malaysia)
#
# Domain terms chosen (for review by a native speaker):
#   alert = amaran (compound-relocation alert = amaran pemindahan)
#   referral = rujukan (victim referral = rujukan mangsa; referring agency = agensi yang merujuk)
#   caseworker = pegawai kes
#   liaison officer = pegawai perhubungan
#   consular = konsular
#   non-punishment = prinsip tidak menghukum (mangsa)
#   consent = persetujuan
#   lawful basis = asas undang-undang
#   grading = penggredan (kod admiralti); reliability = kebolehpercayaan sumber;
#     credibility = kredibiliti maklumat
#   TLP = TLP (labels TLP:RED etc. stay in English as FIRST publishes them)
#   audit log = log audit
#   session = sesi
#   second factor = faktor kedua; authenticator = aplikasi pengesah
#   agency = agensi; compound = kompleks (penipuan); message = mesej; checkpoint = titik semak;
#   receipt (of a message) = akuan penerimaan
#   compound trail = jejak pemindahan kompleks (trail = jejak; unsure: "sejarah pemindahan" may read better)
#   compound reference = nombor rujukan kompleks (as "nombor rujukan kes"; note "rujukan" also
#     means a victim referral in this file, but the context keeps the two apart)
#   operator (who runs a compound) = pengendali (unsure: "operator" is also used in Malaysian media)
#   related alerts = amaran berkaitan; link = menghubungkan; nearby = berdekatan
#   crime syndicate = sindiket jenayah; armed group = kumpulan bersenjata
#   sextortion = peras ugut seksual (PDRM material often keeps "sextortion"; please review)
#   romance investment scam = penipuan pelaburan berkedok percintaan ("love scam" is the common word)
#   money laundering = pengubahan wang haram (the term of AMLA 2001)
#   province or district = wilayah atau daerah (the places are mostly outside Malaysia)
#   post-quantum key = kunci pasca-kuantum; key wrap = bungkusan kunci

## Nombor dan tarikh
number-group = ,
date-time = { $day } { $month } { $year }, { $time } UTC
month-1 = Jan
month-2 = Feb
month-3 = Mac
month-4 = Apr
month-5 = Mei
month-6 = Jun
month-7 = Jul
month-8 = Ogo
month-9 = Sep
month-10 = Okt
month-11 = Nov
month-12 = Dis

## Kerangka
skip-to-content = Langkau ke kandungan
nav-label = Utama
nav-inbox = Peti masuk
nav-new-alert = Amaran baharu
nav-new-referral = Rujukan baharu
nav-sent = Dihantar
nav-compounds = Kompleks penipuan
nav-status = Status
nav-audit = Audit
nav-account = Akaun saya
logout = Log keluar
language = Bahasa
yes = Ya
no = Tidak
required = (wajib)
save = Simpan
back-to-inbox = Kembali ke peti masuk
page-older = Mesej terdahulu

## Peranan
role-liaison = pegawai perhubungan
role-caseworker = pegawai kes
role-auditor = juruaudit
role-admin = pentadbir
role-feed = suapan risikan ancaman
agency-role-law-enforcement = penguatkuasaan undang-undang
agency-role-consular = konsular
agency-role-immigration = imigresen
agency-role-victim-support = sokongan mangsa
agency-role-coordinator = penyelaras
agency-role-observer = pemerhati

## Log masuk
login-title = Log masuk
login-name = Nama pengguna
login-password = Kata laluan
login-code = Kod pengesah
login-code-help = Enam digit yang dipaparkan oleh aplikasi pengesah anda, jika anda menggunakannya.
login-submit = Log masuk
login-wrong = Nama pengguna, kata laluan atau kod pengesah salah.
login-wrong-code = Kod pengesah salah atau telah digunakan. Tunggu kod seterusnya dan cuba lagi.
login-locked = Terlalu banyak cubaan yang gagal. Cuba lagi dalam 15 minit, atau hubungi pentadbir anda.
login-needs-totp = Peranan anda memerlukan faktor kedua, tetapi belum ada yang disediakan untuk anda. Minta pentadbir anda menjalankan: jaring user passwd --totp
login-expired = Sesi anda telah tamat. Sila log masuk semula.

## Masalah
problem-title = Berlaku ralat
problem-forbidden = Anda tidak memegang peranan yang diperlukan untuk ini. Penolakan ini telah direkodkan.
problem-not-found = Tiada apa-apa di sini.
problem-conflict = Ini tidak dapat dilakukan seperti yang diminta.
problem-bad-request = Permintaan tidak difahami.
problem-unavailable = Nod tidak dapat menjawab sekarang. Cuba lagi sebentar lagi.

## Peti masuk
inbox-title = Peti masuk
inbox-caption = Mesej yang ditujukan kepada agensi anda, yang terbaharu dahulu
inbox-count = { $count ->
   *[other] { $n } mesej
}
inbox-empty = Tiada mesej.
inbox-live = Mesej baharu dipaparkan di sini secara automatik.
filter-label = Tapis peti masuk
filter-kind = Jenis
filter-sender = Pengirim
filter-tlp = TLP
filter-status = Status rujukan
filter-unread = Belum dibaca sahaja
filter-any = Semua
filter-apply = Tapis
col-received = Diterima
col-kind = Jenis
col-sender = Pengirim
col-tlp = TLP
col-status = Status
col-open = Mesej
col-recipient = Penerima
col-delivery = Penghantaran
col-updated = Dikemas kini
col-time = Masa
col-code = Kod
col-detail = Butiran
col-user = Pengguna
col-roles = Peranan
col-since = Sejak
col-last-seen = Kali terakhir aktif
col-address = Alamat
col-browser = Pelayar
col-peer = Agensi
col-indicator-type = Jenis
col-indicator-value = Nilai
col-indicator-details = Butiran
unread = belum dibaca
open-details = Butiran

## Jenis, status, penghantaran
kind-compound-relocation-alert = Amaran pemindahan
kind-alert-update = Kemas kini amaran
kind-alert-cancel = Amaran dibatalkan
kind-victim-referral = Rujukan mangsa
kind-referral-status = Status rujukan
kind-receipt = Akuan penerimaan
status-received = diterima
status-accepted = dipersetujui
status-declined = ditolak
status-in-progress = dalam tindakan
status-repatriated = telah dihantar pulang
status-closed = ditutup
delivery-delivered = berjaya dihantar
delivery-rejected = ditolak
delivery-pending = menunggu
delivery-failed = gagal

## TLP 2.0 (FIRST)
tlp-clear-meaning = Tiada had pendedahan.
tlp-green-meaning = Terhad kepada komuniti: boleh dikongsi dengan rakan setara dan organisasi rakan kongsi, tetapi tidak kepada umum.
tlp-amber-meaning = Terhad kepada organisasi penerima dan pelanggan mereka yang perlu mengetahuinya.
tlp-amber-strict-meaning = Terhad kepada organisasi penerima sendiri sahaja.
tlp-red-meaning = Untuk pengetahuan penerima individu sahaja; tidak boleh didedahkan lebih lanjut.

## Penggredan (kod admiralti)
grading = { $code }: { $reliability }, { $credibility }
reliability-A = boleh dipercayai sepenuhnya
reliability-B = biasanya boleh dipercayai
reliability-C = agak boleh dipercayai
reliability-D = biasanya tidak boleh dipercayai
reliability-E = tidak boleh dipercayai
reliability-F = kebolehpercayaan tidak dapat dinilai
credibility-1 = disahkan oleh sumber lain
credibility-2 = berkemungkinan besar benar
credibility-3 = mungkin benar
credibility-4 = diragui
credibility-5 = berkemungkinan besar tidak benar
credibility-6 = kebenaran tidak dapat dinilai

## Satu mesej
message-title = Mesej
field-kind = Jenis
field-id = ID mesej
field-sender = Pengirim
field-recipients = Penerima
field-created = Ditulis
field-stored = Diterima
field-status = Status
field-refers-to = Berkaitan dengan
sender-verified = tandatangan disahkan
open-warning = Membuka mesej ini akan memaparkan kandungan yang telah dinyahsulit. Tindakan ini direkodkan dalam log audit bersama nama anda.
open-submit = Buka dan baca
open-not-allowed = Peranan anda tidak membenarkan anda membaca kandungan mesej ini.
section-content = Kandungan
field-compound = Kompleks
field-aliases = Juga dikenali sebagai
field-from = Berpindah dari
field-to = Berpindah ke
field-observed = Diperhatikan
field-grading = Penggredan
field-persons = Anggaran bilangan orang yang ditahan
field-nationalities = Kewarganegaraan mereka yang ditahan
field-indicators = Penunjuk
field-narrative = Naratif
field-case-ref = Nombor rujukan kes
field-nationality = Kewarganegaraan
field-identified = Dikenal pasti
field-location = Lokasi
field-consent = Persetujuan
field-needs = Keperluan
field-non-punishment = Prinsip tidak menghukum terpakai
field-risk = Risiko
field-person = Individu
field-receipt-item = Akuan penerimaan
consent-given = Persetujuan diberikan
consent-not-given = Tiada persetujuan
basis-choose = Pilih asas undang-undang
basis-vital-interest = Kepentingan vital individu tersebut
basis-legal-obligation = Kewajipan undang-undang
basis-public-interest = Kepentingan awam
basis-unstated = tiada asas undang-undang dinyatakan
need-medical = rawatan perubatan
need-shelter = tempat perlindungan
need-legal = bantuan guaman
need-repatriation = penghantaran pulang
need-interpretation = jurubahasa
need-psychosocial = sokongan psikososial
need-documents = dokumen perjalanan
risk-low = rendah
risk-medium = sederhana
risk-high = tinggi
indicator-domain = Domain
indicator-url = Alamat web
indicator-phone = Telefon
indicator-crypto-wallet = Dompet kripto
indicator-social-handle = Akaun media sosial
indicator-ip = Alamat IP
indicator-bank-account = Akaun bank
indicator-email = E-mel
updates = Kemas kini dan pembatalan
deliveries = Penghantaran
referral-history = Sejarah status rujukan
workflow = Ambil tindakan atas rujukan ini
workflow-notes = Catatan (dihantar kepada agensi yang merujuk)
workflow-confirm = Saya mengesahkan
workflow-accepted = Persetujui
workflow-declined = Tolak
workflow-in-progress = Tandakan dalam tindakan
workflow-repatriated = Tandakan telah dihantar pulang
workflow-closed = Tutup kes
cancel-alert = Batalkan amaran ini
cancel-reason = Sebab
cancel-submit = Batalkan amaran
confirm-title = Sila sahkan
confirm-status = Tetapkan status rujukan ini kepada "{ $status }"? Agensi yang merujuk akan dapat melihatnya.
confirm-cancel = Batalkan amaran ini untuk semua penerimanya?
confirm-submit = Sahkan
confirm-back = Kembali
notice-sent = Telah dihantar. Status penghantaran akan dipaparkan di bawah apabila akuan penerimaan daripada penerima tiba.
notice-status-sent = Status telah dihantar kepada agensi yang merujuk.
notice-cancelled = Pembatalan telah dihantar.

## Borang
new-alert-title = Amaran pemindahan baharu
new-referral-title = Rujukan mangsa baharu
form-has-errors = Sila betulkan medan yang ditandakan di bawah.
form-review = Semak sebelum menghantar
section-compound = Kompleks
section-from = Lokasi asal
section-to = Lokasi baharu
section-observation = Apa yang diperhatikan
section-sharing = Siapa yang boleh membacanya
section-case = Individu dan kes
section-consent = Persetujuan
section-needs = Keperluan dan risiko
form-compound-name = Nama kompleks
form-compound-aliases = Nama lain
help-compound-aliases = Pisahkan nama dengan koma.
form-compound-ref = Nombor rujukan kompleks
help-compound-ref = Kekalkan nombor rujukan baharu ini bagi kompleks yang belum pernah dilaporkan. Bagi kompleks yang sudah diketahui, tampal nombor rujukan yang tertera pada amaran terdahulu tentang kompleks itu.
form-operators = Pengendali
help-operators = Satu bagi setiap baris: nama, kemudian nama lain dan jenisnya (jika ada) selepas koma, contohnya: Example Holdings, alias=EHG, kind=company. Jenis: syndicate, armed-group, company, person.
form-scam-types = Jenis penipuan yang dijalankan di situ
form-from-admin = Wilayah atau daerah
form-from-precision-m = Tepat dalam lingkungan (meter)
form-to-admin = Wilayah atau daerah
form-to-precision-m = Tepat dalam lingkungan (meter)
form-from-country = Negara
help-from-country = Kod dua huruf, contohnya KH.
form-from-name = Bandar atau tapak
form-from-lat = Latitud
form-from-lon = Longitud
form-to-country = Negara
help-to-country = Kod dua huruf, contohnya MM.
form-to-name = Bandar atau tapak
form-to-lat = Latitud
form-to-lon = Longitud
form-observed-at = Masa diperhatikan (UTC)
form-source-reliability = Kebolehpercayaan sumber
form-info-credibility = Kredibiliti maklumat
form-estimated-persons = Anggaran bilangan orang yang ditahan
form-nationalities = Kewarganegaraan mereka yang ditahan
help-nationalities = Kod dua huruf dipisahkan dengan koma, contohnya ID, PH.
form-indicators = Penunjuk
help-indicators = Satu bagi setiap baris: jenis, nilai, kemudian butiran (jika ada) selepas koma, contohnya: social-handle @GoldenJobs, platform=telegram, role=recruitment. Jenis: domain, url, phone, crypto-wallet, social-handle, ip, bank-account, email. Butiran: platform, chain, asset, role, first_seen, last_seen.
form-narrative = Naratif
form-tlp = TLP
form-to = Agensi
help-to = Pilih agensi, atau satu peranan, atau semua.
form-to-role = Semua agensi dengan peranan
form-to-role-none = Tiada peranan
form-to-all = Semua agensi dalam rangkaian
form-case-ref = Nombor rujukan kes
help-case-ref = Rujukan bernama samaran (pseudonim) daripada agensi anda; jangan sekali-kali nama sebenar.
form-nationality = Kewarganegaraan
help-nationality = Kod dua huruf, contohnya ID.
form-identified-at = Masa dikenal pasti (UTC)
form-location-country = Negara tempat dikenal pasti
form-location-name = Bandar atau tapak
form-consent = Adakah individu tersebut bersetuju dengan rujukan ini?
form-consent-scope = Perkara yang diliputi oleh persetujuan
help-consent-scope = Pisahkan dengan koma, contohnya share-with-consulate.
form-consent-basis = Asas undang-undang tanpa persetujuan
form-needs = Keperluan
form-non-punishment = Prinsip tidak menghukum terpakai
form-risk = Risiko kepada individu tersebut
form-person-name = Nama (hanya jika kes memerlukannya)
form-person-dob = Tarikh lahir (hanya jika kes memerlukannya)
help-person-dob = Dalam format 1990-04-17.
form-notes = Catatan
error-no-recipient = Pilih sekurang-kurangnya satu agensi.
error-consent-needed = Nyatakan sama ada individu tersebut bersetuju.
error-basis-needed = Tanpa persetujuan, pilih asas undang-undang untuk perkongsian.
rule-required = Ini wajib diisi.
rule-not-empty = Ini tidak boleh dibiarkan kosong.
rule-country = Gunakan kod negara dua huruf, contohnya KH.
rule-number = Ini mestilah nombor.
rule-repeat = Ini mengulangi item sebelumnya.
rule-invalid = Nilai ini tidak sah.
rule-invalid-detail = Nilai ini tidak sah ({ $detail }).
rule-date = Tulis tarikh dalam format 1990-04-17.
rule-time = Tulis tarikh dan masa.
rule-one-of = Pilih salah satu daripada: { $allowed }.
rule-range = Ini di luar julat ({ $detail }).
rule-basis-with-consent = Asas undang-undang hanya diberikan apabila tiada persetujuan.
review-title = Semak sebelum menghantar
review-readers = Siapa yang akan dapat membacanya
review-readers-count = { $count ->
   *[other] { $n } agensi, dan tiada pihak lain: bukan hab, bukan mana-mana agensi lain.
}
review-reader-no-pq = tiada kunci pasca-kuantum (X-Wing): nod ini mewajibkannya untuk jenis mesej ini dan tidak akan menghantarnya
review-content = Apa yang akan dihantar
review-send = Tandatangan, sulitkan dan hantar
review-edit = Ubah sesuatu

## Dihantar
sent-title = Dihantar
sent-empty = Belum ada apa-apa yang dihantar.

## Status
status-title = Status nod
status-connection = Sambungan
status-agency = Agensi
status-connection-state = Sambungan
status-lag = Menunggu untuk dibaca (belum selesai / belum diakui)
status-directory = Direktori
status-directory-value = siri { $serial }, sah sehingga { $expires } ({ $state })
status-count-received = Diterima
status-unread = Belum dibaca
status-sent = Dihantar
status-pending = Penghantaran belum selesai
status-failed = Penghantaran gagal
status-quarantined = Dikuarantin
status-audit = Log audit
status-store = Storan
status-csp = Pelanggaran Content-Security-Policy yang dilaporkan
status-last-error = Ralat terakhir
status-alarms = Penggera titik semak
status-no-alarms = Tiada penggera.
status-quarantine = Kuarantin
status-quarantine-empty = Tiada apa-apa yang dikuarantin.
status-users = Pengguna

## Audit
audit-title = Log audit
audit-search = Cari
audit-message = ID mesej
audit-user = Pengguna
audit-event = Peristiwa
audit-who-opened = Siapa yang telah membuka mesej ini
audit-entries = Entri audit, yang terbaharu dahulu
audit-none = Tiada entri.
audit-integrity = Integriti
audit-verify = Sahkan log
audit-verified = Log disahkan: { $size } entri, { $checkpoints } titik semak diperiksa, cincang akar { $root }.
audit-not-verified = Log TIDAK dapat disahkan: { $error }
audit-checkpoint = Titik semak terkini
audit-no-checkpoint = Belum ada titik semak yang diterbitkan.

## Akaun
account-title = Akaun saya
language-choose = Bahasa konsol
notice-language = Bahasa telah disimpan.
sessions = Sesi saya
session-this = sesi ini
sessions-end-others = Tamatkan sesi saya yang lain
notice-sessions-ended = { $count ->
   *[other] { $n } sesi lain telah ditamatkan.
}

## Negara di rantau ini
country-AU = Australia
country-BD = Bangladesh
country-BN = Brunei
country-CN = China
country-ID = Indonesia
country-IN = India
country-JP = Jepun
country-KH = Kemboja
country-KR = Korea Selatan
country-LA = Laos
country-LK = Sri Lanka
country-MM = Myanmar
country-MY = Malaysia
country-NP = Nepal
country-PH = Filipina
country-SG = Singapura
country-TH = Thailand
country-TL = Timor-Leste
country-VN = Vietnam

## Korelasi: jejak kompleks dan amaran berkaitan
compound-title = Jejak pemindahan kompleks
compound-search-label = Nombor rujukan atau nama kompleks
compound-search-submit = Paparkan jejak
compound-not-found = Tiada amaran yang dipegang oleh agensi ini menyebut kompleks tersebut.
compound-names = Dikenali sebagai
compound-no-reference = Belum ada nombor rujukan
compound-map = Peta
compound-positions = Kedudukan, mengikut urutan masa
compound-links = Perkara yang menghubungkan amaran-amaran ini
compound-suggestions = Mungkin kompleks yang sama
compound-suggestions-help = Amaran-amaran ini hanya berkongsi nama, pengendali atau lokasi yang berdekatan. Amaran tersebut hanya dimasukkan ke dalam jejak apabila seseorang mengesahkannya.
compound-confirm = Sahkan: kompleks yang sama
compound-dismiss = Ketepikan
compound-share = Hantar juga kemas kini kepada penerima amaran ini untuk menetapkan nombor rujukan kompleks
compound-flagged = Nilai yang terlalu biasa untuk dijadikan penghubung
compound-flagged-help = Setiap nilai ini terdapat dalam lebih banyak amaran daripada had yang ditetapkan, maka ia tidak menghubungkan apa-apa. Seseorang perlu menyiasat puncanya.
compound-flagged-count = { $count ->
   *[other] dalam lebih daripada { $n } amaran
}
notice-confirmed = Disahkan: amaran ini kini sebahagian daripada jejak.
notice-dismissed = Diketepikan: amaran ini tidak akan dicadangkan lagi bagi kompleks ini.
col-step = Turutan
col-observed = Diperhatikan
col-from = Dari
col-to = Ke
col-reported-by = Dilaporkan oleh
col-grading = Penggredan
via-ref = nombor rujukan kompleks yang sama
via-name = nama yang sama
via-operator = pengendali yang sama
via-near = berdekatan
via-confirmed = disahkan oleh
message-related = Amaran berkaitan
message-related-help = Amaran lain yang berkongsi kompleks, pengendali atau penunjuk dengan amaran ini, serta nilai yang dikongsi itu.
message-trail = Paparkan jejak kompleks ini
compound-report-new = Amaran pemindahan baharu tentang kompleks ini
field-compound-ref = Nombor rujukan kompleks
field-operators = Pengendali
field-scam-types = Jenis penipuan yang dijalankan di situ
precision-m = { $n } m
operator-kind-syndicate = sindiket jenayah
operator-kind-armed-group = kumpulan bersenjata
operator-kind-company = syarikat
operator-kind-person = individu
scam-type-romance-investment = Penipuan pelaburan berkedok percintaan
scam-type-crypto-investment = Penipuan pelaburan kripto
scam-type-online-gambling = Perjudian dalam talian
scam-type-impersonation = Penyamaran identiti
scam-type-job-scam = Penipuan tawaran kerja
scam-type-sextortion = Peras ugut seksual
scam-type-other = Lain-lain
indicator-role-recruitment = perekrutan
indicator-role-contact = perhubungan
indicator-role-scam = penipuan
indicator-role-payment = pembayaran
indicator-role-laundering = pengubahan wang haram
indicator-role-infrastructure = infrastruktur
rule-uuid = Mestilah nombor rujukan seperti 0b7e5c2a-41d4-4c8e-9a5e-6f1d2b3c4d5e, dalam huruf kecil.
rule-only-for = Hanya dibenarkan untuk { $types }.
rule-seen-order = Tarikh mula dilihat (first_seen) tidak boleh selepas tarikh terakhir dilihat (last_seen).
