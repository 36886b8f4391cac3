# jaring console — Bahasa Indonesia
#
# Domain terms chosen (for review by a native speaker):
#   alert = peringatan (compound-relocation alert = peringatan relokasi)
#   referral = rujukan (victim referral = rujukan korban; referring agency = instansi perujuk)
#   caseworker = pendamping kasus
#   liaison officer = petugas penghubung
#   consular = konsuler
#   non-punishment = prinsip non-penghukuman
#   consent = persetujuan
#   lawful basis = dasar hukum
#   grading = penilaian (kode admiralty); reliability = tingkat keandalan sumber;
#     credibility = tingkat kredibilitas informasi
#   TLP = TLP (labels TLP:RED etc. stay in English as FIRST publishes them)
#   audit log = log audit
#   session = sesi
#   second factor = faktor kedua; authenticator = aplikasi autentikator
#   agency = instansi; compound = kompleks (penipuan); message = pesan; checkpoint = titik periksa
#   compound trail = jejak perpindahan kompleks (trail = jejak; unsure: "riwayat perpindahan" may read better)
#   compound reference = nomor referensi kompleks (as "nomor referensi kasus")
#   operator (who runs a compound) = pengelola (unsure: "pengendali" or "operator" are alternatives)
#   related alerts = peringatan terkait; link = menghubungkan; nearby = berdekatan
#   crime syndicate = sindikat kejahatan; armed group = kelompok bersenjata
#   sextortion = pemerasan seksual ("sekstorsi" is also seen in police material; please review)
#   romance investment scam = penipuan investasi berkedok asmara; money laundering = pencucian uang
#   province or district = provinsi atau kabupaten/kota (the places are mostly outside Indonesia)
#   post-quantum key = kunci pascakuantum; key wrap = bungkus kunci

## Angka dan tanggal
number-group = .
date-time = { $day } { $month } { $year } { $time } UTC
month-1 = Jan
month-2 = Feb
month-3 = Mar
month-4 = Apr
month-5 = Mei
month-6 = Jun
month-7 = Jul
month-8 = Agu
month-9 = Sep
month-10 = Okt
month-11 = Nov
month-12 = Des

## Kerangka
skip-to-content = Langsung ke konten
nav-label = Utama
nav-inbox = Kotak masuk
nav-new-alert = Peringatan baru
nav-new-referral = Rujukan baru
nav-sent = Terkirim
nav-compounds = Kompleks penipuan
nav-status = Status
nav-audit = Audit
nav-account = Akun saya
logout = Keluar
language = Bahasa
yes = Ya
no = Tidak
required = (wajib)
save = Simpan
back-to-inbox = Kembali ke kotak masuk
page-older = Pesan sebelumnya

## Peran
role-liaison = petugas penghubung
role-caseworker = pendamping kasus
role-auditor = auditor
role-admin = administrator
role-feed = umpan intelijen ancaman
agency-role-law-enforcement = penegak hukum
agency-role-consular = konsuler
agency-role-immigration = imigrasi
agency-role-victim-support = pendampingan korban
agency-role-coordinator = koordinator
agency-role-observer = pengamat

## Masuk
login-title = Masuk
login-name = Nama pengguna
login-password = Kata sandi
login-code = Kode autentikator
login-code-help = Enam digit yang ditampilkan aplikasi autentikator Anda, jika Anda menggunakannya.
login-submit = Masuk
login-wrong = Nama pengguna, kata sandi, atau kode autentikator salah.
login-wrong-code = Kode autentikator salah atau sudah pernah dipakai. Tunggu kode berikutnya, lalu coba lagi.
login-locked = Terlalu banyak percobaan yang gagal. Coba lagi dalam 15 menit, atau hubungi administrator Anda.
login-needs-totp = Peran Anda memerlukan faktor kedua, tetapi belum ada yang disiapkan untuk Anda. Minta administrator Anda menjalankan: jaring user passwd --totp
login-expired = Sesi Anda telah berakhir. Silakan masuk kembali.

## Masalah
problem-title = Terjadi kesalahan
problem-forbidden = Anda tidak memiliki peran yang diperlukan untuk ini. Penolakan ini telah dicatat.
problem-not-found = Tidak ada apa pun di sini.
problem-conflict = Ini tidak dapat dilakukan seperti yang diminta.
problem-bad-request = Permintaan tidak dapat dipahami.
problem-unavailable = Node tidak dapat merespons saat ini. Coba lagi sebentar lagi.

## Kotak masuk
inbox-title = Kotak masuk
inbox-caption = Pesan yang ditujukan kepada instansi Anda, terbaru di atas
inbox-count = { $count ->
   *[other] { $n } pesan
}
inbox-empty = Tidak ada pesan.
inbox-live = Pesan baru muncul di sini secara otomatis.
filter-label = Saring kotak masuk
filter-kind = Jenis
filter-sender = Pengirim
filter-tlp = TLP
filter-status = Status rujukan
filter-unread = Hanya yang belum dibaca
filter-any = Semua
filter-apply = Saring
col-received = Diterima
col-kind = Jenis
col-sender = Pengirim
col-tlp = TLP
col-status = Status
col-open = Pesan
col-recipient = Penerima
col-delivery = Pengiriman
col-updated = Diperbarui
col-time = Waktu
col-code = Kode
col-detail = Rincian
col-user = Pengguna
col-roles = Peran
col-since = Sejak
col-last-seen = Terakhir aktif
col-address = Alamat
col-browser = Peramban
col-peer = Instansi
col-indicator-type = Jenis
col-indicator-value = Nilai
col-indicator-details = Rincian
unread = belum dibaca
open-details = Rincian

## Jenis, status, pengiriman
kind-compound-relocation-alert = Peringatan relokasi
kind-alert-update = Pembaruan peringatan
kind-alert-cancel = Peringatan dibatalkan
kind-victim-referral = Rujukan korban
kind-referral-status = Status rujukan
kind-receipt = Tanda terima
status-received = diterima
status-accepted = disetujui
status-declined = ditolak
status-in-progress = sedang ditangani
status-repatriated = sudah dipulangkan
status-closed = ditutup
delivery-delivered = terkirim
delivery-rejected = ditolak
delivery-pending = menunggu
delivery-failed = gagal

## TLP 2.0 (FIRST)
tlp-clear-meaning = Tidak ada batasan penyebaran.
tlp-green-meaning = Terbatas pada komunitas: boleh dibagikan kepada rekan sejawat dan organisasi mitra, tetapi tidak kepada publik.
tlp-amber-meaning = Terbatas pada organisasi penerima dan klien mereka yang perlu mengetahuinya.
tlp-amber-strict-meaning = Terbatas hanya pada organisasi penerima sendiri.
tlp-red-meaning = Hanya untuk diketahui oleh masing-masing penerima secara pribadi; tidak boleh disebarkan lebih lanjut.

## Penilaian (kode admiralty)
grading = { $code }: { $reliability }, { $credibility }
reliability-A = sepenuhnya andal
reliability-B = biasanya andal
reliability-C = cukup andal
reliability-D = biasanya tidak andal
reliability-E = tidak andal
reliability-F = keandalan tidak dapat dinilai
credibility-1 = dikonfirmasi oleh sumber lain
credibility-2 = kemungkinan besar benar
credibility-3 = mungkin benar
credibility-4 = diragukan
credibility-5 = kecil kemungkinan benar
credibility-6 = kebenaran tidak dapat dinilai

## Satu pesan
message-title = Pesan
field-kind = Jenis
field-id = ID pesan
field-sender = Pengirim
field-recipients = Penerima
field-created = Ditulis
field-stored = Diterima
field-status = Status
field-refers-to = Terkait dengan
sender-verified = tanda tangan terverifikasi
open-warning = Membuka pesan ini akan menampilkan isinya yang telah didekripsi. Tindakan ini dicatat dalam log audit atas nama Anda.
open-submit = Buka dan baca
open-not-allowed = Peran Anda tidak mengizinkan Anda membaca isi pesan ini.
section-content = Isi
field-compound = Kompleks
field-aliases = Dikenal juga sebagai
field-from = Pindah dari
field-to = Pindah ke
field-observed = Diamati
field-grading = Penilaian
field-persons = Perkiraan jumlah orang yang ditahan
field-nationalities = Kewarganegaraan orang yang ditahan
field-indicators = Indikator
field-narrative = Uraian
field-case-ref = Nomor referensi kasus
field-nationality = Kewarganegaraan
field-identified = Diidentifikasi
field-location = Lokasi
field-consent = Persetujuan
field-needs = Kebutuhan
field-non-punishment = Prinsip non-penghukuman berlaku
field-risk = Risiko
field-person = Identitas
field-receipt-item = Tanda terima
consent-given = Persetujuan diberikan
consent-not-given = Tidak ada persetujuan
basis-choose = Pilih dasar hukum
basis-vital-interest = Kepentingan vital orang tersebut
basis-legal-obligation = Kewajiban hukum
basis-public-interest = Kepentingan umum
basis-unstated = dasar hukum tidak disebutkan
need-medical = perawatan medis
need-shelter = tempat penampungan
need-legal = bantuan hukum
need-repatriation = pemulangan
need-interpretation = juru bahasa
need-psychosocial = dukungan psikososial
need-documents = dokumen perjalanan
risk-low = rendah
risk-medium = sedang
risk-high = tinggi
indicator-domain = Domain
indicator-url = Alamat web
indicator-phone = Telepon
indicator-crypto-wallet = Dompet kripto
indicator-social-handle = Akun media sosial
indicator-ip = Alamat IP
indicator-bank-account = Rekening bank
indicator-email = Email
updates = Pembaruan dan pembatalan
deliveries = Pengiriman
referral-history = Riwayat status rujukan
workflow = Tindak lanjuti rujukan ini
workflow-notes = Catatan (dikirim ke instansi perujuk)
workflow-confirm = Saya mengonfirmasi
workflow-accepted = Setujui
workflow-declined = Tolak
workflow-in-progress = Tandai sedang ditangani
workflow-repatriated = Tandai sudah dipulangkan
workflow-closed = Tutup kasus
cancel-alert = Batalkan peringatan ini
cancel-reason = Alasan
cancel-submit = Batalkan peringatan
confirm-title = Mohon konfirmasi
confirm-status = Ubah status rujukan ini menjadi "{ $status }"? Instansi perujuk akan melihatnya.
confirm-cancel = Batalkan peringatan ini untuk semua penerimanya?
confirm-submit = Konfirmasi
confirm-back = Kembali
notice-sent = Terkirim. Status pengiriman muncul di bawah ini seiring masuknya tanda terima dari para penerima.
notice-status-sent = Status telah dikirim ke instansi perujuk.
notice-cancelled = Pembatalan telah dikirim.

## Formulir
new-alert-title = Peringatan relokasi baru
new-referral-title = Rujukan korban baru
form-has-errors = Mohon perbaiki isian yang ditandai di bawah ini.
form-review = Periksa sebelum mengirim
section-compound = Kompleks
section-from = Lokasi sebelumnya
section-to = Lokasi baru
section-observation = Hasil pengamatan
section-sharing = Siapa yang boleh membacanya
section-case = Orang dan kasusnya
section-consent = Persetujuan
section-needs = Kebutuhan dan risiko
form-compound-name = Nama kompleks
form-compound-aliases = Nama lain
help-compound-aliases = Pisahkan nama dengan koma.
form-compound-ref = Nomor referensi kompleks
help-compound-ref = Biarkan nomor referensi baru ini untuk kompleks yang belum pernah dilaporkan. Untuk kompleks yang sudah dikenal, tempelkan nomor referensi yang tercantum pada peringatan-peringatan sebelumnya tentang kompleks itu.
form-operators = Pengelola
help-operators = Satu per baris: namanya, lalu nama lain dan jenisnya (jika ada) setelah koma, misalnya: Example Holdings, alias=EHG, kind=company. Jenis: syndicate, armed-group, company, person.
form-scam-types = Jenis penipuan yang dijalankan di sana
form-from-admin = Provinsi atau kabupaten/kota
form-from-precision-m = Akurat dalam radius (meter)
form-to-admin = Provinsi atau kabupaten/kota
form-to-precision-m = Akurat dalam radius (meter)
form-from-country = Negara
help-from-country = Kode dua huruf, misalnya KH.
form-from-name = Kota atau lokasi
form-from-lat = Lintang
form-from-lon = Bujur
form-to-country = Negara
help-to-country = Kode dua huruf, misalnya MM.
form-to-name = Kota atau lokasi
form-to-lat = Lintang
form-to-lon = Bujur
form-observed-at = Waktu pengamatan (UTC)
form-source-reliability = Tingkat keandalan sumber
form-info-credibility = Tingkat kredibilitas informasi
form-estimated-persons = Perkiraan jumlah orang yang ditahan
form-nationalities = Kewarganegaraan orang yang ditahan
help-nationalities = Kode dua huruf, dipisahkan dengan koma, misalnya ID, PH.
form-indicators = Indikator
help-indicators = Satu per baris: jenisnya, nilainya, lalu rincian (jika ada) setelah koma, misalnya: social-handle @GoldenJobs, platform=telegram, role=recruitment. Jenis: domain, url, phone, crypto-wallet, social-handle, ip, bank-account, email. Rincian: platform, chain, asset, role, first_seen, last_seen.
form-narrative = Uraian
form-tlp = TLP
form-to = Instansi
help-to = Pilih instansi, atau satu peran, atau semua.
form-to-role = Semua instansi dengan peran
form-to-role-none = Tanpa peran
form-to-all = Semua instansi dalam jaringan
form-case-ref = Nomor referensi kasus
help-case-ref = Referensi samaran (pseudonim) dari instansi Anda; jangan pernah berupa nama.
form-nationality = Kewarganegaraan
help-nationality = Kode dua huruf, misalnya ID.
form-identified-at = Waktu diidentifikasi (UTC)
form-location-country = Negara tempat diidentifikasi
form-location-name = Kota atau lokasi
form-consent = Apakah orang tersebut menyetujui rujukan ini?
form-consent-scope = Cakupan persetujuan
help-consent-scope = Pisahkan dengan koma, misalnya share-with-consulate.
form-consent-basis = Dasar hukum tanpa persetujuan
form-needs = Kebutuhan
form-non-punishment = Prinsip non-penghukuman berlaku
form-risk = Risiko bagi orang tersebut
form-person-name = Nama (hanya jika diperlukan untuk kasus)
form-person-dob = Tanggal lahir (hanya jika diperlukan untuk kasus)
help-person-dob = Dengan format 1990-04-17.
form-notes = Catatan
error-no-recipient = Pilih setidaknya satu instansi.
error-consent-needed = Nyatakan apakah orang tersebut memberikan persetujuan.
error-basis-needed = Tanpa persetujuan, pilih dasar hukum untuk berbagi data.
rule-required = Wajib diisi.
rule-not-empty = Tidak boleh kosong.
rule-country = Gunakan kode negara dua huruf, misalnya KH.
rule-number = Harus berupa angka.
rule-repeat = Ini mengulang butir sebelumnya.
rule-invalid = Nilai ini tidak valid.
rule-invalid-detail = Nilai ini tidak valid ({ $detail }).
rule-date = Tulis tanggal dengan format 1990-04-17.
rule-time = Tulis tanggal dan waktu.
rule-one-of = Pilih salah satu dari: { $allowed }.
rule-range = Nilai ini di luar rentang ({ $detail }).
rule-basis-with-consent = Dasar hukum hanya diisi jika tidak ada persetujuan.
review-title = Periksa sebelum mengirim
review-readers = Siapa yang akan dapat membacanya
review-readers-count = { $count ->
   *[other] { $n } instansi, dan tidak ada pihak lain: bukan hub, bukan instansi lain mana pun.
}
review-reader-no-pq = tidak memiliki kunci pascakuantum (X-Wing): node ini mewajibkannya untuk jenis pesan ini dan tidak akan mengirimnya
review-content = Apa yang akan dikirim
review-send = Tanda tangani, enkripsi, dan kirim
review-edit = Ubah sesuatu

## Terkirim
sent-title = Terkirim
sent-empty = Belum ada yang dikirim.

## Status
status-title = Status node
status-connection = Koneksi
status-agency = Instansi
status-connection-state = Koneksi
status-lag = Menunggu dibaca (tertunda / belum dikonfirmasi)
status-directory = Direktori
status-directory-value = nomor seri { $serial }, berlaku hingga { $expires } ({ $state })
status-count-received = Diterima
status-unread = Belum dibaca
status-sent = Terkirim
status-pending = Pengiriman tertunda
status-failed = Pengiriman gagal
status-quarantined = Dikarantina
status-audit = Log audit
status-store = Penyimpanan
status-csp = Pelanggaran Content-Security-Policy yang dilaporkan
status-last-error = Kesalahan terakhir
status-alarms = Alarm titik periksa
status-no-alarms = Tidak ada alarm.
status-quarantine = Karantina
status-quarantine-empty = Tidak ada yang dikarantina.
status-users = Pengguna

## Audit
audit-title = Log audit
audit-search = Cari
audit-message = ID pesan
audit-user = Pengguna
audit-event = Peristiwa
audit-who-opened = Siapa saja yang membuka pesan ini
audit-entries = Entri audit, terbaru di atas
audit-none = Tidak ada entri.
audit-integrity = Integritas
audit-verify = Verifikasi log
audit-verified = Log terverifikasi: { $size } entri, { $checkpoints } titik periksa diperiksa, hash akar { $root }.
audit-not-verified = Log TIDAK terverifikasi: { $error }
audit-checkpoint = Titik periksa terbaru
audit-no-checkpoint = Belum ada titik periksa yang diterbitkan.

## Akun
account-title = Akun saya
language-choose = Bahasa konsol
notice-language = Bahasa telah disimpan.
sessions = Sesi saya
session-this = sesi ini
sessions-end-others = Akhiri sesi saya yang lain
notice-sessions-ended = { $count ->
   *[other] { $n } sesi lain telah diakhiri.
}

## Negara-negara di kawasan
country-AU = Australia
country-BD = Bangladesh
country-BN = Brunei Darussalam
country-CN = Tiongkok
country-ID = Indonesia
country-IN = India
country-JP = Jepang
country-KH = Kamboja
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

## Korelasi: jejak kompleks dan peringatan terkait
compound-title = Jejak perpindahan kompleks
compound-search-label = Nomor referensi atau nama kompleks
compound-search-submit = Tampilkan jejak
compound-not-found = Tidak ada peringatan yang dimiliki instansi ini yang menyebut kompleks tersebut.
compound-names = Dikenal sebagai
compound-no-reference = Belum ada nomor referensi
compound-map = Peta
compound-positions = Lokasi, menurut urutan waktu
compound-links = Hal yang menghubungkan peringatan-peringatan ini
compound-suggestions = Mungkin kompleks yang sama
compound-suggestions-help = Peringatan-peringatan ini hanya memiliki kesamaan nama, pengelola, atau lokasi yang berdekatan. Peringatan tersebut baru dimasukkan ke dalam jejak setelah ada yang mengonfirmasinya.
compound-confirm = Konfirmasi: kompleks yang sama
compound-dismiss = Abaikan
compound-share = Kirim juga pembaruan kepada para penerima peringatan ini untuk menetapkan nomor referensi kompleks
compound-flagged = Nilai yang terlalu umum untuk dijadikan penghubung
compound-flagged-help = Setiap nilai ini muncul di lebih banyak peringatan daripada batas yang ditetapkan, sehingga tidak menghubungkan apa pun. Perlu ada yang memeriksa penyebabnya.
compound-flagged-count = { $count ->
   *[other] di lebih dari { $n } peringatan
}
notice-confirmed = Dikonfirmasi: peringatan ini kini menjadi bagian dari jejak.
notice-dismissed = Diabaikan: peringatan ini tidak akan disarankan lagi untuk kompleks ini.
col-step = Urutan
col-observed = Diamati
col-from = Dari
col-to = Ke
col-reported-by = Dilaporkan oleh
col-grading = Penilaian
via-ref = nomor referensi kompleks yang sama
via-name = nama yang sama
via-operator = pengelola yang sama
via-near = lokasi berdekatan
via-confirmed = dikonfirmasi oleh
message-related = Peringatan terkait
message-related-help = Peringatan lain yang memiliki kesamaan kompleks, pengelola, atau indikator dengan peringatan ini, beserta nilai yang sama tersebut.
message-trail = Tampilkan jejak kompleks ini
compound-report-new = Peringatan relokasi baru tentang kompleks ini
field-compound-ref = Nomor referensi kompleks
field-operators = Pengelola
field-scam-types = Jenis penipuan yang dijalankan di sana
precision-m = { $n } m
operator-kind-syndicate = sindikat kejahatan
operator-kind-armed-group = kelompok bersenjata
operator-kind-company = perusahaan
operator-kind-person = perorangan
scam-type-romance-investment = Penipuan investasi berkedok asmara
scam-type-crypto-investment = Penipuan investasi kripto
scam-type-online-gambling = Judi daring
scam-type-impersonation = Peniruan identitas
scam-type-job-scam = Penipuan lowongan kerja
scam-type-sextortion = Pemerasan seksual
scam-type-other = Lainnya
indicator-role-recruitment = perekrutan
indicator-role-contact = kontak
indicator-role-scam = penipuan
indicator-role-payment = pembayaran
indicator-role-laundering = pencucian uang
indicator-role-infrastructure = infrastruktur
rule-uuid = Harus berupa nomor referensi seperti 0b7e5c2a-41d4-4c8e-9a5e-6f1d2b3c4d5e, dalam huruf kecil.
rule-only-for = Hanya diizinkan untuk { $types }.
rule-seen-order = Waktu pertama terlihat (first_seen) tidak boleh setelah waktu terakhir terlihat (last_seen).
