# jaring console — English (the reference language; every other file has exactly these messages).
#
# Domain terms chosen (for review by a native speaker of each language):
#   alert = compound-relocation alert (a scam compound moved); referral = victim referral;
#   caseworker; liaison officer; TLP = Traffic Light Protocol (labels stay in English, as FIRST
#   publishes them); grading = the admiralty code (source reliability A–F, information credibility 1–6);
#   non-punishment = the principle that victims are not punished for crimes they were forced to commit.

## Numbers and dates
number-group = ,
date-time = { $day } { $month } { $year }, { $time } UTC
month-1 = Jan
month-2 = Feb
month-3 = Mar
month-4 = Apr
month-5 = May
month-6 = Jun
month-7 = Jul
month-8 = Aug
month-9 = Sep
month-10 = Oct
month-11 = Nov
month-12 = Dec

## Frame
skip-to-content = Skip to content
nav-label = Main
nav-inbox = Inbox
nav-new-alert = New alert
nav-new-referral = New referral
nav-sent = Sent
nav-compounds = Compounds
nav-status = Status
nav-audit = Audit
nav-account = My account
logout = Log out
language = Language
yes = Yes
no = No
required = (required)
save = Save
back-to-inbox = Back to the inbox
page-older = Older messages

## Roles
role-liaison = liaison officer
role-caseworker = caseworker
role-auditor = auditor
role-admin = administrator
role-feed = threat-intelligence feed
agency-role-law-enforcement = law enforcement
agency-role-consular = consular
agency-role-immigration = immigration
agency-role-victim-support = victim support
agency-role-coordinator = coordinator
agency-role-observer = observer

## Login
login-title = Log in
login-name = User name
login-password = Password
login-code = Authenticator code
login-code-help = The six digits your authenticator app shows, if you use one.
login-submit = Log in
login-wrong = The user name, password or authenticator code is wrong.
login-wrong-code = The authenticator code is wrong or was already used. Wait for the next code and try again.
login-locked = Too many failed attempts. Try again in 15 minutes, or ask your administrator.
login-needs-totp = Your role needs a second factor, and none is set up for you. Ask your administrator to run: jaring user passwd --totp
login-expired = Your session ended. Please log in again.

## Problems
problem-title = Something went wrong
problem-forbidden = You do not hold the role this needs. The refusal was recorded.
problem-not-found = There is nothing here.
problem-conflict = This cannot be done as asked.
problem-bad-request = The request was not understood.
problem-unavailable = The node cannot answer right now. Try again in a moment.

## Inbox
inbox-title = Inbox
inbox-caption = Messages addressed to your agency, newest first
inbox-count = { $count ->
    [one] { $n } message
   *[other] { $n } messages
}
inbox-empty = No messages.
inbox-live = New messages appear here by themselves.
filter-label = Filter the inbox
filter-kind = Kind
filter-sender = Sender
filter-tlp = TLP
filter-status = Referral status
filter-unread = Unread only
filter-any = Any
filter-apply = Filter
col-received = Received
col-kind = Kind
col-sender = Sender
col-tlp = TLP
col-status = Status
col-open = Message
col-recipient = Recipient
col-delivery = Delivery
col-updated = Updated
col-time = Time
col-code = Code
col-detail = Detail
col-user = User
col-roles = Roles
col-since = Since
col-last-seen = Last active
col-address = Address
col-browser = Browser
col-peer = Agency
col-indicator-type = Type
col-indicator-value = Value
col-indicator-details = Details
unread = unread
open-details = Details

## Kinds, statuses, deliveries
kind-compound-relocation-alert = Relocation alert
kind-alert-update = Alert update
kind-alert-cancel = Alert cancelled
kind-victim-referral = Victim referral
kind-referral-status = Referral status
kind-receipt = Receipt
status-received = received
status-accepted = accepted
status-declined = declined
status-in-progress = in progress
status-repatriated = repatriated
status-closed = closed
delivery-delivered = delivered
delivery-rejected = rejected
delivery-pending = pending
delivery-failed = failed

## TLP 2.0 (FIRST)
tlp-clear-meaning = No limit on disclosure.
tlp-green-meaning = Limited to the community: may be shared with peers and partner organisations, not publicly.
tlp-amber-meaning = Limited to the recipients' organisations and their clients who need to know.
tlp-amber-strict-meaning = Limited to the recipients' own organisations only.
tlp-red-meaning = For the eyes and ears of the individual recipients only; no further disclosure.

## Grading (admiralty code)
grading = { $code }: { $reliability }, { $credibility }
reliability-A = completely reliable
reliability-B = usually reliable
reliability-C = fairly reliable
reliability-D = not usually reliable
reliability-E = unreliable
reliability-F = reliability cannot be judged
credibility-1 = confirmed by other sources
credibility-2 = probably true
credibility-3 = possibly true
credibility-4 = doubtful
credibility-5 = improbable
credibility-6 = truth cannot be judged

## One message
message-title = Message
field-kind = Kind
field-id = Message ID
field-sender = Sender
field-recipients = Recipients
field-created = Written
field-stored = Received
field-status = Status
field-refers-to = Refers to
sender-verified = signature verified
open-warning = Opening shows the decrypted content. It is recorded in the audit log with your name.
open-submit = Open and read
open-not-allowed = Your role does not allow reading the content of this message.
section-content = Content
field-compound = Compound
field-aliases = Also known as
field-from = Moved from
field-to = Moved to
field-observed = Observed
field-grading = Grading
field-persons = Estimated people held
field-nationalities = Nationalities of those held
field-indicators = Indicators
field-narrative = Narrative
field-case-ref = Case reference
field-nationality = Nationality
field-identified = Identified
field-location = Location
field-consent = Consent
field-needs = Needs
field-non-punishment = Non-punishment applies
field-risk = Risk
field-person = Person
field-receipt-item = Receipt
consent-given = Consent given
consent-not-given = No consent
basis-choose = Choose the lawful basis
basis-vital-interest = Vital interest of the person
basis-legal-obligation = Legal obligation
basis-public-interest = Public interest
basis-unstated = no lawful basis stated
need-medical = medical care
need-shelter = shelter
need-legal = legal aid
need-repatriation = repatriation
need-interpretation = interpretation
need-psychosocial = psychosocial support
need-documents = travel documents
risk-low = low
risk-medium = medium
risk-high = high
indicator-domain = Domain
indicator-url = Web address
indicator-phone = Phone
indicator-crypto-wallet = Crypto wallet
indicator-social-handle = Social media account
indicator-ip = IP address
indicator-bank-account = Bank account
indicator-email = Email
updates = Updates and cancellations
deliveries = Deliveries
referral-history = Referral status history
workflow = Act on this referral
workflow-notes = Note (sent to the referring agency)
workflow-confirm = I confirm
workflow-accepted = Accept
workflow-declined = Decline
workflow-in-progress = Mark in progress
workflow-repatriated = Mark repatriated
workflow-closed = Close the case
cancel-alert = Cancel this alert
cancel-reason = Reason
cancel-submit = Cancel the alert
confirm-title = Please confirm
confirm-status = Set this referral to "{ $status }"? The referring agency will see it.
confirm-cancel = Cancel this alert for all its recipients?
confirm-submit = Confirm
confirm-back = Go back
notice-sent = Sent. Deliveries appear below as the recipients' receipts arrive.
notice-status-sent = The status was sent to the referring agency.
notice-cancelled = The cancellation was sent.

## Forms
new-alert-title = New relocation alert
new-referral-title = New victim referral
form-has-errors = Please correct the fields marked below.
form-review = Review before sending
section-compound = The compound
section-from = Where it was
section-to = Where it moved
section-observation = What was seen
section-sharing = Who may read it
section-case = The person and the case
section-consent = Consent
section-needs = Needs and risk
form-compound-name = Compound name
form-compound-aliases = Other names
help-compound-aliases = Separate names with commas.
form-compound-ref = Compound reference
help-compound-ref = Keep this fresh reference for a compound never reported before. For a known compound, paste the reference its earlier alerts carry.
form-operators = Operators
help-operators = One per line: the name, then any other names and the kind after commas, such as: Example Holdings, alias=EHG, kind=company. Kinds: syndicate, armed-group, company, person.
form-scam-types = Scams run there
form-from-admin = Province or district
form-from-precision-m = Known within (metres)
form-to-admin = Province or district
form-to-precision-m = Known within (metres)
form-from-country = Country
help-from-country = Two-letter code, such as KH.
form-from-name = Town or site
form-from-lat = Latitude
form-from-lon = Longitude
form-to-country = Country
help-to-country = Two-letter code, such as MM.
form-to-name = Town or site
form-to-lat = Latitude
form-to-lon = Longitude
form-observed-at = Observed at (UTC)
form-source-reliability = Source reliability
form-info-credibility = Information credibility
form-estimated-persons = Estimated people held
form-nationalities = Nationalities of those held
help-nationalities = Two-letter codes separated by commas, such as ID, PH.
form-indicators = Indicators
help-indicators = One per line: the type, the value, then any details after commas, such as: social-handle @GoldenJobs, platform=telegram, role=recruitment. Types: domain, url, phone, crypto-wallet, social-handle, ip, bank-account, email. Details: platform, chain, asset, role, first_seen, last_seen.
form-narrative = Narrative
form-tlp = TLP
form-to = Agencies
help-to = Choose the agencies, or a role, or all.
form-to-role = Every agency of the role
form-to-role-none = No role
form-to-all = Every agency in the network
form-case-ref = Case reference
help-case-ref = Your agency's pseudonymous reference; never a name.
form-nationality = Nationality
help-nationality = Two-letter code, such as ID.
form-identified-at = Identified at (UTC)
form-location-country = Country where identified
form-location-name = Town or site
form-consent = Did the person consent to this referral?
form-consent-scope = What the consent covers
help-consent-scope = Separate with commas, such as share-with-consulate.
form-consent-basis = Lawful basis without consent
form-needs = Needs
form-non-punishment = The non-punishment principle applies
form-risk = Risk to the person
form-person-name = Name (only if the case needs it)
form-person-dob = Date of birth (only if the case needs it)
help-person-dob = As 1990-04-17.
form-notes = Notes
error-no-recipient = Choose at least one agency.
error-consent-needed = Say whether the person consented.
error-basis-needed = Without consent, choose the lawful basis for sharing.
rule-required = This is required.
rule-not-empty = This must not be empty.
rule-country = Use a two-letter country code, such as KH.
rule-number = This must be a number.
rule-repeat = This repeats an earlier item.
rule-invalid = This value is not valid.
rule-invalid-detail = This value is not valid ({ $detail }).
rule-date = Write the date as 1990-04-17.
rule-time = Write a date and time.
rule-one-of = Choose one of: { $allowed }.
rule-range = This is out of range ({ $detail }).
rule-basis-with-consent = A lawful basis is only given when there is no consent.
review-title = Review before sending
review-readers = Who will be able to read it
review-readers-count = { $count ->
    [one] { $n } agency, and no one else: not the hub, not any other agency.
   *[other] { $n } agencies, and no one else: not the hub, not any other agency.
}
review-reader-no-pq = no post-quantum (X-Wing) key: this node requires one for this kind of message and will not send it
review-content = What will be sent
review-send = Sign, encrypt and send
review-edit = Change something

## Sent
sent-title = Sent
sent-empty = Nothing sent yet.

## Status
status-title = Node status
status-connection = Connection
status-agency = Agency
status-connection-state = Connection
status-lag = Waiting to be read (pending / unacknowledged)
status-directory = Directory
status-directory-value = serial { $serial }, valid until { $expires } ({ $state })
status-count-received = Received
status-unread = Unread
status-sent = Sent
status-pending = Deliveries pending
status-failed = Deliveries failed
status-quarantined = Quarantined
status-audit = Audit log
status-store = Store
status-csp = Content-Security-Policy violations reported
status-last-error = Last error
status-alarms = Checkpoint alarms
status-no-alarms = No alarms.
status-quarantine = Quarantine
status-quarantine-empty = Nothing quarantined.
status-users = Users

## Audit
audit-title = Audit log
audit-search = Search
audit-message = Message ID
audit-user = User
audit-event = Event
audit-who-opened = Who opened this message
audit-entries = Audit entries, newest first
audit-none = No entries.
audit-integrity = Integrity
audit-verify = Verify the log
audit-verified = The log verifies: { $size } entries, { $checkpoints } checkpoints checked, root { $root }.
audit-not-verified = The log does NOT verify: { $error }
audit-checkpoint = Latest checkpoint
audit-no-checkpoint = No checkpoint published yet.

## Account
account-title = My account
language-choose = Language of the console
notice-language = Language saved.
sessions = My sessions
session-this = this one
sessions-end-others = End my other sessions
notice-sessions-ended = { $count ->
    [one] { $n } other session ended.
   *[other] { $n } other sessions ended.
}

## Countries of the region
country-AU = Australia
country-BD = Bangladesh
country-BN = Brunei
country-CN = China
country-ID = Indonesia
country-IN = India
country-JP = Japan
country-KH = Cambodia
country-KR = South Korea
country-LA = Laos
country-LK = Sri Lanka
country-MM = Myanmar
country-MY = Malaysia
country-NP = Nepal
country-PH = Philippines
country-SG = Singapore
country-TH = Thailand
country-TL = Timor-Leste
country-VN = Vietnam

## Correlation: the compound's trail and related alerts
compound-title = Compound trail
compound-search-label = Compound reference or name
compound-search-submit = Show the trail
compound-not-found = No alert this agency holds names that compound.
compound-names = Known as
compound-no-reference = No reference yet
compound-map = Map
compound-positions = Positions, in time order
compound-links = What links the alerts
compound-suggestions = May be the same compound
compound-suggestions-help = These alerts share only a name, an operator or a place nearby. They join the trail only when someone confirms them.
compound-confirm = Confirm: same compound
compound-dismiss = Dismiss
compound-share = Also send an update to this alert's recipients that sets the compound reference
compound-flagged = Values too common to link
compound-flagged-help = Each of these appears in more alerts than the limit, so it links nothing. Someone should look at why.
compound-flagged-count = { $count ->
    [one] in more than { $n } alert
   *[other] in more than { $n } alerts
}
notice-confirmed = Confirmed: the alert is now part of the trail.
notice-dismissed = Dismissed: the alert will not be suggested for this compound again.
col-step = Step
col-observed = Observed
col-from = From
col-to = To
col-reported-by = Reported by
col-grading = Grading
via-ref = same compound reference
via-name = same name
via-operator = same operator
via-near = nearby
via-confirmed = confirmed by
message-related = Related alerts
message-related-help = Other alerts that share a compound, an operator or an indicator with this one, and the value they share.
message-trail = Show this compound's trail
compound-report-new = New relocation alert about this compound
field-compound-ref = Compound reference
field-operators = Operators
field-scam-types = Scams run there
precision-m = { $n } m
operator-kind-syndicate = crime syndicate
operator-kind-armed-group = armed group
operator-kind-company = company
operator-kind-person = person
scam-type-romance-investment = Romance investment
scam-type-crypto-investment = Crypto investment
scam-type-online-gambling = Online gambling
scam-type-impersonation = Impersonation
scam-type-job-scam = Job scam
scam-type-sextortion = Sextortion
scam-type-other = Other
indicator-role-recruitment = recruitment
indicator-role-contact = contact
indicator-role-scam = scam
indicator-role-payment = payment
indicator-role-laundering = laundering
indicator-role-infrastructure = infrastructure
rule-uuid = Must be a reference like 0b7e5c2a-41d4-4c8e-9a5e-6f1d2b3c4d5e, in lower case.
rule-only-for = Allowed only for { $types }.
rule-seen-order = First seen must not be after last seen.
