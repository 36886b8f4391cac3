# jaring console — Chinese, simplified (简体中文)
#
# Domain terms chosen (for review by a native speaker):
#   alert = 预警 (compound-relocation alert = 园区转移预警)
#   scam compound = 电诈园区 (short: 园区)
#   referral = 受害人转介 (victim referral; referring agency = 转介机构)
#   caseworker = 个案工作者
#   liaison officer = 联络官
#   consular = 领事 (consular agency = 领事机构)
#   non-punishment = 不惩罚原则
#   consent = 同意
#   lawful basis = 法律依据
#   grading = 评级 (admiralty code); reliability = 来源可靠性; credibility = 信息可信度
#   identified (victim identification) = 甄别
#   repatriation = 送返回国 (not 遣返, which suggests deportation of suspects)
#   TLP = TLP (labels such as TLP:RED stay in English, as FIRST publishes them)
#   audit log = 审计日志; auditor = 审计员
#   session = 会话
#   second factor = 第二因素认证; authenticator = 身份验证器 (app)
#   agency = 机构; message = 消息; delivery = 投递; receipt = 回执; node = 节点;
#   hub = 中心节点; checkpoint = 检查点; quarantine = 隔离; indicators = 特征指标
#   compound trail = 园区转移轨迹 (trail = 轨迹); compound reference = 园区编号
#   operator (who runs a compound) = 经营方 (运营方 or 控制方 are alternatives; please review)
#   related alerts = 关联预警 (correlation, link = 关联)
#   crime syndicate = 犯罪集团; armed group = 武装团体
#   sextortion = 性勒索 (police material often says 裸聊敲诈, which is narrower)
#   romance investment scam = 交友诱导投资诈骗 (colloquially 杀猪盘); job scam = 虚假招聘诈骗
#   post-quantum key = 后量子密钥; key wrap = 密钥封装

## Numbers and dates
number-group = ,
date-time = { $year }年{ $month }{ $day }日 { $time } UTC
month-1 = 1月
month-2 = 2月
month-3 = 3月
month-4 = 4月
month-5 = 5月
month-6 = 6月
month-7 = 7月
month-8 = 8月
month-9 = 9月
month-10 = 10月
month-11 = 11月
month-12 = 12月

## Frame
skip-to-content = 跳到正文
nav-label = 主菜单
nav-inbox = 收件箱
nav-new-alert = 新建预警
nav-new-referral = 新建转介
nav-sent = 已发送
nav-compounds = 电诈园区
nav-status = 状态
nav-audit = 审计
nav-account = 我的账户
logout = 退出登录
language = 语言
yes = 是
no = 否
required = （必填）
save = 保存
back-to-inbox = 返回收件箱
page-older = 更早的消息

## Roles
role-liaison = 联络官
role-caseworker = 个案工作者
role-auditor = 审计员
role-admin = 管理员
role-feed = 威胁情报订阅源
agency-role-law-enforcement = 执法机关
agency-role-consular = 领事机构
agency-role-immigration = 移民管理机关
agency-role-victim-support = 受害人救助机构
agency-role-coordinator = 协调机构
agency-role-observer = 观察员

## Login
login-title = 登录
login-name = 用户名
login-password = 密码
login-code = 身份验证器验证码
login-code-help = 如您使用身份验证器应用，请输入其显示的六位数字。
login-submit = 登录
login-wrong = 用户名、密码或身份验证器验证码错误。
login-wrong-code = 验证码错误或已被使用。请等待下一个验证码后重试。
login-locked = 失败次数过多。请 15 分钟后重试，或联系管理员。
login-needs-totp = 您的角色必须使用第二因素认证，但尚未为您设置。请联系管理员运行：jaring user passwd --totp
login-expired = 您的会话已结束，请重新登录。

## Problems
problem-title = 出现错误
problem-forbidden = 您不具备此操作所需的角色。本次拒绝已被记录。
problem-not-found = 此处没有内容。
problem-conflict = 无法按要求执行此操作。
problem-bad-request = 无法识别该请求。
problem-unavailable = 节点暂时无法响应，请稍后重试。

## Inbox
inbox-title = 收件箱
inbox-caption = 发给本机构的消息，最新的在前
inbox-count = { $count ->
   *[other] { $n } 条消息
}
inbox-empty = 没有消息。
inbox-live = 新消息会自动显示在这里。
filter-label = 筛选收件箱
filter-kind = 类型
filter-sender = 发送方
filter-tlp = TLP
filter-status = 转介状态
filter-unread = 仅显示未读
filter-any = 全部
filter-apply = 筛选
col-received = 接收时间
col-kind = 类型
col-sender = 发送方
col-tlp = TLP
col-status = 状态
col-open = 消息
col-recipient = 接收方
col-delivery = 投递
col-updated = 更新时间
col-time = 时间
col-code = 代码
col-detail = 详情
col-user = 用户
col-roles = 角色
col-since = 开始时间
col-last-seen = 最近活动
col-address = 地址
col-browser = 浏览器
col-peer = 机构
col-indicator-type = 类型
col-indicator-value = 值
col-indicator-details = 详情
unread = 未读
open-details = 详情

## Kinds, statuses, deliveries
kind-compound-relocation-alert = 园区转移预警
kind-alert-update = 预警更新
kind-alert-cancel = 预警已撤销
kind-victim-referral = 受害人转介
kind-referral-status = 转介状态
kind-receipt = 回执
status-received = 已接收
status-accepted = 已接受
status-declined = 已拒绝
status-in-progress = 处理中
status-repatriated = 已送返回国
status-closed = 已结案
delivery-delivered = 已送达
delivery-rejected = 被拒收
delivery-pending = 待投递
delivery-failed = 投递失败

## TLP 2.0 (FIRST)
tlp-clear-meaning = 披露不受限制。
tlp-green-meaning = 限于社群内部：可与同行及合作机构共享，不得公开。
tlp-amber-meaning = 限于接收方所在机构及其确有知悉必要的服务对象。
tlp-amber-strict-meaning = 仅限接收方本机构内部。
tlp-red-meaning = 仅限接收者本人知悉，不得进一步披露。

## Grading (admiralty code)
grading = { $code }：{ $reliability }，{ $credibility }
reliability-A = 完全可靠
reliability-B = 通常可靠
reliability-C = 比较可靠
reliability-D = 通常不可靠
reliability-E = 不可靠
reliability-F = 无法判断可靠性
credibility-1 = 经其他来源证实
credibility-2 = 很可能属实
credibility-3 = 可能属实
credibility-4 = 存疑
credibility-5 = 不太可能属实
credibility-6 = 无法判断真实性

## One message
message-title = 消息
field-kind = 类型
field-id = 消息 ID
field-sender = 发送方
field-recipients = 接收方
field-created = 撰写时间
field-stored = 接收时间
field-status = 状态
field-refers-to = 关联消息
sender-verified = 签名已验证
open-warning = 打开后将显示解密内容。此操作将连同您的姓名记入审计日志。
open-submit = 打开并阅读
open-not-allowed = 您的角色无权阅读此消息的内容。
section-content = 内容
field-compound = 园区
field-aliases = 别名
field-from = 迁出地
field-to = 迁入地
field-observed = 发现时间
field-grading = 评级
field-persons = 估计被困人数
field-nationalities = 被困人员国籍
field-indicators = 特征指标
field-narrative = 情况描述
field-case-ref = 案件编号
field-nationality = 国籍
field-identified = 甄别时间
field-location = 地点
field-consent = 同意情况
field-needs = 需求
field-non-punishment = 适用不惩罚原则
field-risk = 风险
field-person = 当事人
field-receipt-item = 回执
consent-given = 已同意
consent-not-given = 未同意
basis-choose = 选择法律依据
basis-vital-interest = 保护当事人的重大切身利益
basis-legal-obligation = 履行法定义务
basis-public-interest = 公共利益
basis-unstated = 未说明法律依据
need-medical = 医疗救治
need-shelter = 临时安置
need-legal = 法律援助
need-repatriation = 送返回国
need-interpretation = 翻译
need-psychosocial = 心理社会支持
need-documents = 旅行证件
risk-low = 低
risk-medium = 中
risk-high = 高
indicator-domain = 域名
indicator-url = 网址
indicator-phone = 电话
indicator-crypto-wallet = 加密货币钱包
indicator-social-handle = 社交媒体账号
indicator-ip = IP 地址
indicator-bank-account = 银行账户
indicator-email = 电子邮箱
updates = 更新与撤销
deliveries = 投递情况
referral-history = 转介状态记录
workflow = 处理此转介
workflow-notes = 备注（将发送给转介机构）
workflow-confirm = 我确认
workflow-accepted = 接受
workflow-declined = 拒绝
workflow-in-progress = 标记为处理中
workflow-repatriated = 标记为已送返回国
workflow-closed = 结案
cancel-alert = 撤销此预警
cancel-reason = 原因
cancel-submit = 撤销预警
confirm-title = 请确认
confirm-status = 将此转介的状态设为“{ $status }”？转介机构将会看到。
confirm-cancel = 是否对所有接收方撤销此预警？
confirm-submit = 确认
confirm-back = 返回
notice-sent = 已发送。收到接收方的回执后，投递情况将显示在下方。
notice-status-sent = 状态已发送给转介机构。
notice-cancelled = 撤销通知已发送。

## Forms
new-alert-title = 新建园区转移预警
new-referral-title = 新建受害人转介
form-has-errors = 请更正下方标出的字段。
form-review = 发送前核对
section-compound = 电诈园区
section-from = 原所在地
section-to = 迁往地
section-observation = 发现情况
section-sharing = 阅读范围
section-case = 当事人与案件
section-consent = 同意情况
section-needs = 需求与风险
form-compound-name = 园区名称
form-compound-aliases = 其他名称
help-compound-aliases = 多个名称请用逗号分隔。
form-compound-ref = 园区编号
help-compound-ref = 如该园区此前从未被报告，请保留这个新编号。如为已知园区，请粘贴其以往预警所载的编号。
form-operators = 经营方
help-operators = 每行一条：先写名称，再在逗号后写其他名称和类别（如有），例如：Example Holdings, alias=EHG, kind=company。类别：syndicate, armed-group, company, person。
form-scam-types = 园区内实施的诈骗类型
form-from-admin = 省或县区
form-from-precision-m = 位置误差范围（米）
form-to-admin = 省或县区
form-to-precision-m = 位置误差范围（米）
form-from-country = 国家
help-from-country = 两位字母代码，例如 KH。
form-from-name = 城镇或具体地点
form-from-lat = 纬度
form-from-lon = 经度
form-to-country = 国家
help-to-country = 两位字母代码，例如 MM。
form-to-name = 城镇或具体地点
form-to-lat = 纬度
form-to-lon = 经度
form-observed-at = 发现时间（UTC）
form-source-reliability = 来源可靠性
form-info-credibility = 信息可信度
form-estimated-persons = 估计被困人数
form-nationalities = 被困人员国籍
help-nationalities = 两位字母代码，用逗号分隔，例如 ID, PH。
form-indicators = 特征指标
help-indicators = 每行一条：先写类型，再写值，然后在逗号后写详细信息（如有），例如：social-handle @GoldenJobs, platform=telegram, role=recruitment。类型：domain, url, phone, crypto-wallet, social-handle, ip, bank-account, email。详细信息：platform, chain, asset, role, first_seen, last_seen。
form-narrative = 情况描述
form-tlp = TLP
form-to = 接收机构
help-to = 选择具体机构、某一类机构或全部机构。
form-to-role = 该类别的所有机构
form-to-role-none = 不按类别
form-to-all = 网络内所有机构
form-case-ref = 案件编号
help-case-ref = 本机构使用的化名编号；切勿填写姓名。
form-nationality = 国籍
help-nationality = 两位字母代码，例如 ID。
form-identified-at = 甄别时间（UTC）
form-location-country = 甄别地所在国家
form-location-name = 城镇或具体地点
form-consent = 当事人是否同意本次转介？
form-consent-scope = 同意范围
help-consent-scope = 用逗号分隔，例如 share-with-consulate。
form-consent-basis = 未获同意时的法律依据
form-needs = 需求
form-non-punishment = 适用不惩罚原则
form-risk = 当事人面临的风险
form-person-name = 姓名（仅在案件确有需要时填写）
form-person-dob = 出生日期（仅在案件确有需要时填写）
help-person-dob = 格式如 1990-04-17。
form-notes = 备注
error-no-recipient = 请至少选择一个机构。
error-consent-needed = 请说明当事人是否同意。
error-basis-needed = 未获同意时，请选择共享信息的法律依据。
rule-required = 此项为必填项。
rule-not-empty = 此项不能为空。
rule-country = 请使用两位字母国家代码，例如 KH。
rule-number = 此项必须为数字。
rule-repeat = 此项与前面某项重复。
rule-invalid = 此值无效。
rule-invalid-detail = 此值无效（{ $detail }）。
rule-date = 日期请按 1990-04-17 的格式填写。
rule-time = 请填写日期和时间。
rule-one-of = 请从以下选项中选择一项：{ $allowed }。
rule-range = 超出允许范围（{ $detail }）。
rule-basis-with-consent = 仅在未获同意时才需填写法律依据。
review-title = 发送前核对
review-readers = 可阅读者
review-readers-count = { $count ->
   *[other] 仅限 { $n } 个机构，其他任何人都无法阅读：中心节点不能，其他任何机构也不能。
}
review-reader-no-pq = 无后量子（X-Wing）密钥：本节点要求此类消息使用该密钥，不会发送
review-content = 将要发送的内容
review-send = 签名、加密并发送
review-edit = 返回修改

## Sent
sent-title = 已发送
sent-empty = 尚未发送任何内容。

## Status
status-title = 节点状态
status-connection = 连接
status-agency = 机构
status-connection-state = 连接
status-lag = 等待读取（待处理 / 未确认）
status-directory = 机构目录
status-directory-value = 序号 { $serial }，有效期至 { $expires }（{ $state }）
status-count-received = 已接收
status-unread = 未读
status-sent = 已发送
status-pending = 待投递
status-failed = 投递失败
status-quarantined = 已隔离
status-audit = 审计日志
status-store = 存储
status-csp = 已报告的内容安全策略（CSP）违规
status-last-error = 最近一次错误
status-alarms = 检查点告警
status-no-alarms = 无告警。
status-quarantine = 隔离区
status-quarantine-empty = 隔离区为空。
status-users = 用户

## Audit
audit-title = 审计日志
audit-search = 搜索
audit-message = 消息 ID
audit-user = 用户
audit-event = 事件
audit-who-opened = 谁打开过此消息
audit-entries = 审计记录，最新的在前
audit-none = 无记录。
audit-integrity = 完整性
audit-verify = 验证日志
audit-verified = 日志验证通过：{ $size } 条记录，已检查 { $checkpoints } 个检查点，根哈希 { $root }。
audit-not-verified = 日志验证未通过：{ $error }
audit-checkpoint = 最新检查点
audit-no-checkpoint = 尚未发布检查点。

## Account
account-title = 我的账户
language-choose = 控制台语言
notice-language = 语言已保存。
sessions = 我的会话
session-this = 当前会话
sessions-end-others = 结束我的其他会话
notice-sessions-ended = { $count ->
   *[other] 已结束 { $n } 个其他会话。
}

## Countries of the region
country-AU = 澳大利亚
country-BD = 孟加拉国
country-BN = 文莱
country-CN = 中国
country-ID = 印度尼西亚
country-IN = 印度
country-JP = 日本
country-KH = 柬埔寨
country-KR = 韩国
country-LA = 老挝
country-LK = 斯里兰卡
country-MM = 缅甸
country-MY = 马来西亚
country-NP = 尼泊尔
country-PH = 菲律宾
country-SG = 新加坡
country-TH = 泰国
country-TL = 东帝汶
country-VN = 越南

## Correlation: the compound's trail and related alerts
compound-title = 园区转移轨迹
compound-search-label = 园区编号或名称
compound-search-submit = 显示轨迹
compound-not-found = 本机构持有的预警中，没有提及该园区的预警。
compound-names = 已知名称
compound-no-reference = 尚无编号
compound-map = 地图
compound-positions = 历次位置（按时间顺序）
compound-links = 预警之间的关联
compound-suggestions = 可能是同一园区
compound-suggestions-help = 这些预警仅在名称、经营方或邻近地点上相同。只有经人确认后，才会并入轨迹。
compound-confirm = 确认：同一园区
compound-dismiss = 排除
compound-share = 同时向此预警的接收方发送一条设定园区编号的更新
compound-flagged = 过于常见、无法用于关联的值
compound-flagged-help = 以下每个值出现在的预警数量都超过上限，因此不用于任何关联。应有人查明原因。
compound-flagged-count = { $count ->
   *[other] 见于超过 { $n } 条预警
}
notice-confirmed = 已确认：该预警现已并入轨迹。
notice-dismissed = 已排除：今后不会再建议将该预警归入此园区。
col-step = 序号
col-observed = 发现时间
col-from = 迁出地
col-to = 迁入地
col-reported-by = 报告方
col-grading = 评级
via-ref = 园区编号相同
via-name = 名称相同
via-operator = 经营方相同
via-near = 地点邻近
via-confirmed = 确认人
message-related = 关联预警
message-related-help = 与本预警涉及同一园区、经营方或特征指标的其他预警，以及它们共有的值。
message-trail = 查看该园区的转移轨迹
compound-report-new = 新建该园区的转移预警
field-compound-ref = 园区编号
field-operators = 经营方
field-scam-types = 园区内实施的诈骗类型
precision-m = { $n } 米
operator-kind-syndicate = 犯罪集团
operator-kind-armed-group = 武装团体
operator-kind-company = 公司
operator-kind-person = 个人
scam-type-romance-investment = 交友诱导投资诈骗
scam-type-crypto-investment = 虚拟货币投资诈骗
scam-type-online-gambling = 网络赌博
scam-type-impersonation = 冒充身份诈骗
scam-type-job-scam = 虚假招聘诈骗
scam-type-sextortion = 性勒索
scam-type-other = 其他
indicator-role-recruitment = 招募
indicator-role-contact = 联络
indicator-role-scam = 诈骗
indicator-role-payment = 支付
indicator-role-laundering = 洗钱
indicator-role-infrastructure = 基础设施
rule-uuid = 必须是形如 0b7e5c2a-41d4-4c8e-9a5e-6f1d2b3c4d5e 的编号，且全部小写。
rule-only-for = 仅适用于 { $types }。
rule-seen-order = 首次发现时间（first_seen）不得晚于最后发现时间（last_seen）。
