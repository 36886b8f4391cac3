# jaring console — Vietnamese (Tiếng Việt)
#
# Domain terms chosen (for review by a native speaker):
#   alert = cảnh báo (compound-relocation alert = cảnh báo di dời cơ sở lừa đảo)
#   scam compound = cơ sở lừa đảo (short: cơ sở)
#   referral = chuyển gửi nạn nhân (victim referral; referring agency = cơ quan chuyển gửi)
#   caseworker = cán bộ quản lý trường hợp
#   liaison officer = cán bộ liên lạc
#   consular = lãnh sự (consular agency = cơ quan lãnh sự)
#   non-punishment = nguyên tắc không trừng phạt
#   consent = sự đồng ý
#   lawful basis = căn cứ pháp lý
#   grading = đánh giá (admiralty code); reliability = độ tin cậy của nguồn;
#     credibility = độ xác thực của thông tin
#   identified (victim identification) = xác định (nạn nhân)
#   repatriation = hồi hương
#   TLP = TLP (labels such as TLP:RED stay in English, as FIRST publishes them)
#   audit log = nhật ký kiểm tra; auditor = cán bộ kiểm tra
#   session = phiên (phiên làm việc)
#   second factor = yếu tố xác thực thứ hai; authenticator = ứng dụng xác thực
#   agency = cơ quan; message = tin nhắn; delivery = chuyển giao; receipt = xác nhận đã nhận;
#   node = nút; hub = máy chủ trung tâm (hub); checkpoint = điểm kiểm tra; quarantine = cách ly;
#   indicators = dấu hiệu nhận diện
#   country names follow the Ministry of Foreign Affairs spelling (In-đô-nê-xi-a, Ma-lai-xi-a …)
#   compound trail = hành trình di dời của cơ sở (trail = hành trình; unsure: "dấu vết di dời" is an alternative)
#   compound reference = số tham chiếu cơ sở (as "số tham chiếu hồ sơ")
#   operator (who runs a compound) = đối tượng điều hành (unsure: "bên điều hành" is more neutral
#     when the operator is a company)
#   related alerts = cảnh báo liên quan; link = liên kết; nearby = ở gần nhau
#   crime syndicate = tổ chức tội phạm; armed group = nhóm vũ trang
#   sextortion = tống tiền tình dục (police material also says "cưỡng đoạt bằng hình ảnh nhạy cảm"; please review)
#   romance investment scam = lừa đảo tình cảm kết hợp đầu tư; money laundering = rửa tiền
#   province or district = tỉnh hoặc huyện
#   post-quantum key = khóa hậu lượng tử; key wrap = bọc khóa

## Số và ngày tháng
number-group = .
date-time = { $day } { $month } { $year }, { $time } UTC
month-1 = thg 1
month-2 = thg 2
month-3 = thg 3
month-4 = thg 4
month-5 = thg 5
month-6 = thg 6
month-7 = thg 7
month-8 = thg 8
month-9 = thg 9
month-10 = thg 10
month-11 = thg 11
month-12 = thg 12

## Khung trang
skip-to-content = Chuyển đến nội dung chính
nav-label = Điều hướng chính
nav-inbox = Hộp thư đến
nav-new-alert = Cảnh báo mới
nav-new-referral = Chuyển gửi mới
nav-sent = Đã gửi
nav-compounds = Cơ sở lừa đảo
nav-status = Trạng thái
nav-audit = Kiểm tra
nav-account = Tài khoản của tôi
logout = Đăng xuất
language = Ngôn ngữ
yes = Có
no = Không
required = (bắt buộc)
save = Lưu
back-to-inbox = Quay lại hộp thư đến
page-older = Tin nhắn cũ hơn

## Vai trò
role-liaison = cán bộ liên lạc
role-caseworker = cán bộ quản lý trường hợp
role-auditor = cán bộ kiểm tra
role-admin = quản trị viên
role-feed = nguồn cấp tình báo mối đe dọa
agency-role-law-enforcement = thực thi pháp luật
agency-role-consular = lãnh sự
agency-role-immigration = xuất nhập cảnh
agency-role-victim-support = hỗ trợ nạn nhân
agency-role-coordinator = điều phối
agency-role-observer = quan sát viên

## Đăng nhập
login-title = Đăng nhập
login-name = Tên người dùng
login-password = Mật khẩu
login-code = Mã xác thực
login-code-help = Sáu chữ số hiện trên ứng dụng xác thực của bạn, nếu bạn có dùng.
login-submit = Đăng nhập
login-wrong = Tên người dùng, mật khẩu hoặc mã xác thực không đúng.
login-wrong-code = Mã xác thực không đúng hoặc đã được dùng. Hãy chờ mã tiếp theo rồi thử lại.
login-locked = Đăng nhập sai quá nhiều lần. Hãy thử lại sau 15 phút hoặc liên hệ quản trị viên.
login-needs-totp = Vai trò của bạn bắt buộc phải có yếu tố xác thực thứ hai, nhưng tài khoản của bạn chưa được thiết lập. Hãy đề nghị quản trị viên chạy lệnh: jaring user passwd --totp
login-expired = Phiên làm việc của bạn đã kết thúc. Vui lòng đăng nhập lại.

## Sự cố
problem-title = Đã xảy ra lỗi
problem-forbidden = Bạn không có vai trò cần thiết cho thao tác này. Việc từ chối đã được ghi lại.
problem-not-found = Không có gì ở đây.
problem-conflict = Không thể thực hiện theo yêu cầu này.
problem-bad-request = Không hiểu được yêu cầu.
problem-unavailable = Nút hiện không thể phản hồi. Hãy thử lại sau giây lát.

## Hộp thư đến
inbox-title = Hộp thư đến
inbox-caption = Tin nhắn gửi đến cơ quan của bạn, mới nhất ở trên cùng
inbox-count = { $count ->
   *[other] { $n } tin nhắn
}
inbox-empty = Không có tin nhắn.
inbox-live = Tin nhắn mới sẽ tự hiện ở đây.
filter-label = Lọc hộp thư đến
filter-kind = Loại
filter-sender = Bên gửi
filter-tlp = TLP
filter-status = Trạng thái chuyển gửi
filter-unread = Chỉ tin chưa đọc
filter-any = Tất cả
filter-apply = Lọc
col-received = Nhận lúc
col-kind = Loại
col-sender = Bên gửi
col-tlp = TLP
col-status = Trạng thái
col-open = Tin nhắn
col-recipient = Bên nhận
col-delivery = Chuyển giao
col-updated = Cập nhật lúc
col-time = Thời gian
col-code = Mã
col-detail = Chi tiết
col-user = Người dùng
col-roles = Vai trò
col-since = Từ lúc
col-last-seen = Hoạt động gần nhất
col-address = Địa chỉ
col-browser = Trình duyệt
col-peer = Cơ quan
col-indicator-type = Loại
col-indicator-value = Giá trị
col-indicator-details = Chi tiết
unread = chưa đọc
open-details = Chi tiết

## Loại tin, trạng thái, chuyển giao
kind-compound-relocation-alert = Cảnh báo di dời cơ sở
kind-alert-update = Cập nhật cảnh báo
kind-alert-cancel = Cảnh báo đã hủy
kind-victim-referral = Chuyển gửi nạn nhân
kind-referral-status = Trạng thái chuyển gửi
kind-receipt = Xác nhận đã nhận
status-received = đã nhận
status-accepted = đã chấp nhận
status-declined = đã từ chối
status-in-progress = đang xử lý
status-repatriated = đã hồi hương
status-closed = đã đóng
delivery-delivered = đã chuyển đến
delivery-rejected = bị từ chối
delivery-pending = đang chờ
delivery-failed = thất bại

## TLP 2.0 (FIRST)
tlp-clear-meaning = Không giới hạn việc tiết lộ.
tlp-green-meaning = Giới hạn trong cộng đồng: có thể chia sẻ với đồng nghiệp và tổ chức đối tác, nhưng không công bố công khai.
tlp-amber-meaning = Giới hạn trong tổ chức của bên nhận và những khách hàng của họ cần biết thông tin.
tlp-amber-strict-meaning = Chỉ giới hạn trong chính tổ chức của bên nhận.
tlp-red-meaning = Chỉ dành riêng cho từng người nhận; không được tiết lộ thêm.

## Đánh giá (admiralty code)
grading = { $code }: { $reliability }, { $credibility }
reliability-A = hoàn toàn đáng tin cậy
reliability-B = thường đáng tin cậy
reliability-C = khá đáng tin cậy
reliability-D = thường không đáng tin cậy
reliability-E = không đáng tin cậy
reliability-F = không thể đánh giá độ tin cậy
credibility-1 = đã được các nguồn khác xác nhận
credibility-2 = nhiều khả năng đúng
credibility-3 = có thể đúng
credibility-4 = đáng ngờ
credibility-5 = khó có khả năng đúng
credibility-6 = không thể đánh giá tính xác thực

## Một tin nhắn
message-title = Tin nhắn
field-kind = Loại
field-id = Mã tin nhắn
field-sender = Bên gửi
field-recipients = Bên nhận
field-created = Soạn lúc
field-stored = Nhận lúc
field-status = Trạng thái
field-refers-to = Liên quan đến
sender-verified = chữ ký đã được xác minh
open-warning = Khi mở, nội dung đã giải mã sẽ hiện ra. Việc mở được ghi vào nhật ký kiểm tra kèm tên của bạn.
open-submit = Mở và đọc
open-not-allowed = Vai trò của bạn không được phép đọc nội dung tin nhắn này.
section-content = Nội dung
field-compound = Cơ sở lừa đảo
field-aliases = Tên gọi khác
field-from = Di dời từ
field-to = Di dời đến
field-observed = Thời điểm ghi nhận
field-grading = Đánh giá
field-persons = Số người bị giam giữ ước tính
field-nationalities = Quốc tịch của những người bị giam giữ
field-indicators = Dấu hiệu nhận diện
field-narrative = Mô tả sự việc
field-case-ref = Số tham chiếu hồ sơ
field-nationality = Quốc tịch
field-identified = Thời điểm xác định
field-location = Địa điểm
field-consent = Sự đồng ý
field-needs = Nhu cầu
field-non-punishment = Áp dụng nguyên tắc không trừng phạt
field-risk = Rủi ro
field-person = Nạn nhân
field-receipt-item = Xác nhận đã nhận
consent-given = Đã đồng ý
consent-not-given = Không có sự đồng ý
basis-choose = Chọn căn cứ pháp lý
basis-vital-interest = Bảo vệ tính mạng, sức khỏe của người đó
basis-legal-obligation = Nghĩa vụ theo quy định của pháp luật
basis-public-interest = Lợi ích công cộng
basis-unstated = chưa nêu căn cứ pháp lý
need-medical = chăm sóc y tế
need-shelter = nơi tạm trú
need-legal = trợ giúp pháp lý
need-repatriation = hồi hương
need-interpretation = phiên dịch
need-psychosocial = hỗ trợ tâm lý – xã hội
need-documents = giấy tờ đi lại
risk-low = thấp
risk-medium = trung bình
risk-high = cao
indicator-domain = Tên miền
indicator-url = Địa chỉ web
indicator-phone = Số điện thoại
indicator-crypto-wallet = Ví tiền mã hóa
indicator-social-handle = Tài khoản mạng xã hội
indicator-ip = Địa chỉ IP
indicator-bank-account = Tài khoản ngân hàng
indicator-email = Thư điện tử
updates = Cập nhật và hủy bỏ
deliveries = Chuyển giao
referral-history = Lịch sử trạng thái chuyển gửi
workflow = Xử lý hồ sơ chuyển gửi này
workflow-notes = Ghi chú (gửi cho cơ quan chuyển gửi)
workflow-confirm = Tôi xác nhận
workflow-accepted = Chấp nhận
workflow-declined = Từ chối
workflow-in-progress = Đánh dấu đang xử lý
workflow-repatriated = Đánh dấu đã hồi hương
workflow-closed = Đóng hồ sơ
cancel-alert = Hủy cảnh báo này
cancel-reason = Lý do
cancel-submit = Hủy cảnh báo
confirm-title = Vui lòng xác nhận
confirm-status = Chuyển hồ sơ chuyển gửi này sang trạng thái “{ $status }”? Cơ quan chuyển gửi sẽ thấy trạng thái này.
confirm-cancel = Hủy cảnh báo này đối với tất cả bên nhận?
confirm-submit = Xác nhận
confirm-back = Quay lại
notice-sent = Đã gửi. Tình trạng chuyển giao sẽ hiện bên dưới khi bên nhận gửi xác nhận đã nhận.
notice-status-sent = Trạng thái đã được gửi cho cơ quan chuyển gửi.
notice-cancelled = Thông báo hủy đã được gửi.

## Biểu mẫu
new-alert-title = Cảnh báo di dời mới
new-referral-title = Chuyển gửi nạn nhân mới
form-has-errors = Vui lòng sửa các trường được đánh dấu bên dưới.
form-review = Xem lại trước khi gửi
section-compound = Cơ sở lừa đảo
section-from = Địa điểm cũ
section-to = Địa điểm mới
section-observation = Những gì đã ghi nhận
section-sharing = Ai được đọc
section-case = Nạn nhân và hồ sơ
section-consent = Sự đồng ý
section-needs = Nhu cầu và rủi ro
form-compound-name = Tên cơ sở
form-compound-aliases = Tên gọi khác
help-compound-aliases = Các tên cách nhau bằng dấu phẩy.
form-compound-ref = Số tham chiếu cơ sở
help-compound-ref = Giữ nguyên số tham chiếu mới này nếu cơ sở chưa từng được báo cáo. Nếu là cơ sở đã biết, hãy dán số tham chiếu ghi trên các cảnh báo trước đây về cơ sở đó.
form-operators = Đối tượng điều hành
help-operators = Mỗi dòng một mục: tên, rồi đến các tên khác và loại (nếu có) sau dấu phẩy, ví dụ: Example Holdings, alias=EHG, kind=company. Các loại: syndicate, armed-group, company, person.
form-scam-types = Các hình thức lừa đảo tại cơ sở
form-from-admin = Tỉnh hoặc huyện
form-from-precision-m = Sai số vị trí trong phạm vi (mét)
form-to-admin = Tỉnh hoặc huyện
form-to-precision-m = Sai số vị trí trong phạm vi (mét)
form-from-country = Quốc gia
help-from-country = Mã hai chữ cái, ví dụ KH.
form-from-name = Thị trấn hoặc địa điểm
form-from-lat = Vĩ độ
form-from-lon = Kinh độ
form-to-country = Quốc gia
help-to-country = Mã hai chữ cái, ví dụ MM.
form-to-name = Thị trấn hoặc địa điểm
form-to-lat = Vĩ độ
form-to-lon = Kinh độ
form-observed-at = Thời điểm ghi nhận (UTC)
form-source-reliability = Độ tin cậy của nguồn
form-info-credibility = Độ xác thực của thông tin
form-estimated-persons = Số người bị giam giữ ước tính
form-nationalities = Quốc tịch của những người bị giam giữ
help-nationalities = Mã hai chữ cái, cách nhau bằng dấu phẩy, ví dụ ID, PH.
form-indicators = Dấu hiệu nhận diện
help-indicators = Mỗi dòng một mục: loại, giá trị, rồi đến các chi tiết (nếu có) sau dấu phẩy, ví dụ: social-handle @GoldenJobs, platform=telegram, role=recruitment. Các loại: domain, url, phone, crypto-wallet, social-handle, ip, bank-account, email. Các chi tiết: platform, chain, asset, role, first_seen, last_seen.
form-narrative = Mô tả sự việc
form-tlp = TLP
form-to = Cơ quan nhận
help-to = Chọn từng cơ quan, một loại cơ quan, hoặc tất cả.
form-to-role = Mọi cơ quan thuộc loại
form-to-role-none = Không chọn loại
form-to-all = Mọi cơ quan trong mạng lưới
form-case-ref = Số tham chiếu hồ sơ
help-case-ref = Số tham chiếu ẩn danh do cơ quan bạn đặt; tuyệt đối không ghi tên.
form-nationality = Quốc tịch
help-nationality = Mã hai chữ cái, ví dụ ID.
form-identified-at = Thời điểm xác định (UTC)
form-location-country = Quốc gia nơi xác định
form-location-name = Thị trấn hoặc địa điểm
form-consent = Người này có đồng ý với việc chuyển gửi này không?
form-consent-scope = Phạm vi đồng ý
help-consent-scope = Cách nhau bằng dấu phẩy, ví dụ share-with-consulate.
form-consent-basis = Căn cứ pháp lý khi không có sự đồng ý
form-needs = Nhu cầu
form-non-punishment = Áp dụng nguyên tắc không trừng phạt
form-risk = Rủi ro đối với nạn nhân
form-person-name = Họ tên (chỉ khi hồ sơ cần)
form-person-dob = Ngày sinh (chỉ khi hồ sơ cần)
help-person-dob = Theo dạng 1990-04-17.
form-notes = Ghi chú
error-no-recipient = Hãy chọn ít nhất một cơ quan.
error-consent-needed = Hãy cho biết người này có đồng ý hay không.
error-basis-needed = Khi không có sự đồng ý, hãy chọn căn cứ pháp lý để chia sẻ.
rule-required = Trường này là bắt buộc.
rule-not-empty = Trường này không được để trống.
rule-country = Hãy dùng mã quốc gia hai chữ cái, ví dụ KH.
rule-number = Giá trị này phải là số.
rule-repeat = Mục này trùng với một mục phía trên.
rule-invalid = Giá trị này không hợp lệ.
rule-invalid-detail = Giá trị này không hợp lệ ({ $detail }).
rule-date = Hãy ghi ngày theo dạng 1990-04-17.
rule-time = Hãy nhập ngày và giờ.
rule-one-of = Hãy chọn một trong: { $allowed }.
rule-range = Giá trị nằm ngoài phạm vi cho phép ({ $detail }).
rule-basis-with-consent = Chỉ nêu căn cứ pháp lý khi không có sự đồng ý.
review-title = Xem lại trước khi gửi
review-readers = Ai sẽ đọc được
review-readers-count = { $count ->
   *[other] { $n } cơ quan, ngoài ra không ai khác: máy chủ trung tâm (hub) cũng không, bất kỳ cơ quan nào khác cũng không.
}
review-reader-no-pq = không có khóa hậu lượng tử (X-Wing): nút này yêu cầu khóa đó cho loại thư này và sẽ không gửi thư
review-content = Nội dung sẽ được gửi
review-send = Ký, mã hóa và gửi
review-edit = Sửa lại

## Đã gửi
sent-title = Đã gửi
sent-empty = Chưa gửi tin nào.

## Trạng thái
status-title = Trạng thái nút
status-connection = Kết nối
status-agency = Cơ quan
status-connection-state = Kết nối
status-lag = Đang chờ đọc (đang chờ / chưa xác nhận)
status-directory = Danh bạ cơ quan
status-directory-value = số sê-ri { $serial }, hiệu lực đến { $expires } ({ $state })
status-count-received = Đã nhận
status-unread = Chưa đọc
status-sent = Đã gửi
status-pending = Chuyển giao đang chờ
status-failed = Chuyển giao thất bại
status-quarantined = Bị cách ly
status-audit = Nhật ký kiểm tra
status-store = Kho lưu trữ
status-csp = Số vi phạm chính sách bảo mật nội dung (CSP) được báo cáo
status-last-error = Lỗi gần nhất
status-alarms = Báo động về điểm kiểm tra
status-no-alarms = Không có báo động.
status-quarantine = Khu cách ly
status-quarantine-empty = Không có gì bị cách ly.
status-users = Người dùng

## Kiểm tra
audit-title = Nhật ký kiểm tra
audit-search = Tìm kiếm
audit-message = Mã tin nhắn
audit-user = Người dùng
audit-event = Sự kiện
audit-who-opened = Ai đã mở tin nhắn này
audit-entries = Các mục nhật ký, mới nhất ở trên cùng
audit-none = Không có mục nào.
audit-integrity = Tính toàn vẹn
audit-verify = Kiểm chứng nhật ký
audit-verified = Nhật ký đã được kiểm chứng: { $size } mục, đã kiểm tra { $checkpoints } điểm kiểm tra, mã gốc { $root }.
audit-not-verified = Nhật ký KHÔNG qua được kiểm chứng: { $error }
audit-checkpoint = Điểm kiểm tra mới nhất
audit-no-checkpoint = Chưa công bố điểm kiểm tra nào.

## Tài khoản
account-title = Tài khoản của tôi
language-choose = Ngôn ngữ của giao diện
notice-language = Đã lưu ngôn ngữ.
sessions = Các phiên của tôi
session-this = phiên này
sessions-end-others = Kết thúc các phiên khác của tôi
notice-sessions-ended = { $count ->
   *[other] Đã kết thúc { $n } phiên khác.
}

## Các nước trong khu vực
country-AU = Ô-xtrây-li-a
country-BD = Băng-la-đét
country-BN = Bru-nây
country-CN = Trung Quốc
country-ID = In-đô-nê-xi-a
country-IN = Ấn Độ
country-JP = Nhật Bản
country-KH = Campuchia
country-KR = Hàn Quốc
country-LA = Lào
country-LK = Xri Lan-ca
country-MM = Mi-an-ma
country-MY = Ma-lai-xi-a
country-NP = Nê-pan
country-PH = Phi-líp-pin
country-SG = Xinh-ga-po
country-TH = Thái Lan
country-TL = Ti-mo Lét-xtê
country-VN = Việt Nam

## Liên kết: hành trình của cơ sở và các cảnh báo liên quan
compound-title = Hành trình di dời của cơ sở
compound-search-label = Số tham chiếu hoặc tên cơ sở
compound-search-submit = Xem hành trình
compound-not-found = Không có cảnh báo nào do cơ quan này lưu giữ nhắc đến cơ sở đó.
compound-names = Tên gọi đã biết
compound-no-reference = Chưa có số tham chiếu
compound-map = Bản đồ
compound-positions = Các vị trí, theo trình tự thời gian
compound-links = Những gì liên kết các cảnh báo
compound-suggestions = Có thể là cùng một cơ sở
compound-suggestions-help = Các cảnh báo này chỉ trùng tên, trùng đối tượng điều hành hoặc ở gần nhau. Chúng chỉ được đưa vào hành trình khi có người xác nhận.
compound-confirm = Xác nhận: cùng một cơ sở
compound-dismiss = Bỏ qua
compound-share = Đồng thời gửi cho các bên nhận cảnh báo này một bản cập nhật ghi số tham chiếu cơ sở
compound-flagged = Các giá trị quá phổ biến để liên kết
compound-flagged-help = Mỗi giá trị dưới đây xuất hiện trong nhiều cảnh báo hơn mức giới hạn, nên không được dùng để liên kết. Cần có người xem xét nguyên nhân.
compound-flagged-count = { $count ->
   *[other] trong hơn { $n } cảnh báo
}
notice-confirmed = Đã xác nhận: cảnh báo này nay thuộc hành trình của cơ sở.
notice-dismissed = Đã bỏ qua: cảnh báo này sẽ không được gợi ý cho cơ sở này nữa.
col-step = Thứ tự
col-observed = Thời điểm ghi nhận
col-from = Từ
col-to = Đến
col-reported-by = Bên báo cáo
col-grading = Đánh giá
via-ref = cùng số tham chiếu cơ sở
via-name = cùng tên
via-operator = cùng đối tượng điều hành
via-near = ở gần nhau
via-confirmed = người xác nhận
message-related = Cảnh báo liên quan
message-related-help = Các cảnh báo khác có chung cơ sở, đối tượng điều hành hoặc dấu hiệu nhận diện với cảnh báo này, kèm giá trị trùng nhau.
message-trail = Xem hành trình của cơ sở này
compound-report-new = Cảnh báo di dời mới về cơ sở này
field-compound-ref = Số tham chiếu cơ sở
field-operators = Đối tượng điều hành
field-scam-types = Các hình thức lừa đảo tại cơ sở
precision-m = { $n } m
operator-kind-syndicate = tổ chức tội phạm
operator-kind-armed-group = nhóm vũ trang
operator-kind-company = công ty
operator-kind-person = cá nhân
scam-type-romance-investment = Lừa đảo tình cảm kết hợp đầu tư
scam-type-crypto-investment = Lừa đảo đầu tư tiền mã hóa
scam-type-online-gambling = Cờ bạc trực tuyến
scam-type-impersonation = Mạo danh
scam-type-job-scam = Lừa đảo việc làm
scam-type-sextortion = Tống tiền tình dục
scam-type-other = Khác
indicator-role-recruitment = tuyển người
indicator-role-contact = liên lạc
indicator-role-scam = lừa đảo
indicator-role-payment = thanh toán
indicator-role-laundering = rửa tiền
indicator-role-infrastructure = hạ tầng kỹ thuật
rule-uuid = Phải là số tham chiếu dạng 0b7e5c2a-41d4-4c8e-9a5e-6f1d2b3c4d5e, viết chữ thường.
rule-only-for = Chỉ được dùng cho { $types }.
rule-seen-order = Thời điểm phát hiện lần đầu (first_seen) không được sau thời điểm phát hiện gần nhất (last_seen).
