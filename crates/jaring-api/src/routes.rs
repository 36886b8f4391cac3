//! Every route of the local API, once: its method, its path (under `/v1`) and the roles that
//! may call it. The server registers each route from this list and checks the caller's roles
//! against [`Route::roles`] before it does anything else; `docs/api.md` and the OpenAPI
//! document are checked against it by tests.

use crate::roles::Role;

/// An HTTP method of the API.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    /// GET: reads, never changes anything (besides `viewed` audit entries).
    Get,
    /// POST: creates or acts.
    Post,
    /// PUT: replaces.
    Put,
    /// DELETE: removes.
    Delete,
}

impl Method {
    /// The method's name.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Get => "GET",
            Self::Post => "POST",
            Self::Put => "PUT",
            Self::Delete => "DELETE",
        }
    }
}

/// Who may call a route.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    /// Any jaring user of this node.
    AnyUser,
    /// A user holding at least one of these roles. Some routes narrow further by what is
    /// asked for (the kind of a message): see the route's documentation.
    AnyOf(&'static [Role]),
}

impl Access {
    /// Whether a holder of `roles` passes this check.
    pub fn allows(self, roles: &crate::Roles) -> bool {
        match self {
            Self::AnyUser => true,
            Self::AnyOf(needed) => roles.any(needed),
        }
    }

    /// The roles, as written in docs/api.md (`any user`, or `a | b`).
    pub fn describe(self) -> String {
        match self {
            Self::AnyUser => "any user".into(),
            Self::AnyOf(roles) => roles
                .iter()
                .map(|r| r.as_str())
                .collect::<Vec<_>>()
                .join(" | "),
        }
    }
}

const BODY_READERS: &[Role] = &[Role::Liaison, Role::Caseworker, Role::Auditor];
const SENDERS: &[Role] = &[Role::Liaison, Role::Caseworker];
const METADATA: &[Role] = &[Role::Admin, Role::Auditor];

/// The routes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Route {
    /// Who the caller is, with roles.
    WhoAmI,
    /// The node's status.
    Status,
    /// The directory in force.
    Directory,
    /// Messages, metadata only, filtered to what the caller's roles may list.
    Inbox,
    /// Send a message (alerts: liaison; referrals and statuses: caseworker).
    Send,
    /// One message, decrypted (alerts: liaison; referrals: caseworker; receipts, which are
    /// delivery metadata: auditor), audited as `viewed`.
    Show,
    /// Set a received referral's status.
    ReferralStatus,
    /// What was refused, metadata only.
    Quarantine,
    /// New messages as they are stored (NDJSON), metadata only.
    Follow,
    /// Audit entries.
    AuditEntries,
    /// Inclusion proof of one audit entry.
    AuditProve,
    /// Verify the audit log against the checkpoints published.
    AuditVerify,
    /// The latest checkpoint published.
    AuditCheckpoint,
    /// The node's users.
    Users,
    /// Add a user.
    UserAdd,
    /// Remove a user.
    UserRemove,
    /// Replace a user's roles.
    UserRoles,
    /// Set a user's console password and, if asked or required, enrol a TOTP second factor.
    UserPassword,
    /// Deliveries and the referral history of one of the node's own messages: metadata, no
    /// body.
    Tracking,
    /// Every alert holding a value, normalised (alerts only; audited).
    CorrelateSearch,
    /// Rebuild the correlation index from the stored alerts.
    CorrelateRebuild,
    /// A compound's trail: positions in time order, links, suggestions, a map (audited).
    CompoundTrail,
    /// Confirm or dismiss a suggested link (audited; optionally shared as an alert-update).
    TrailDecision,
    /// `GET /v1/stix/export`: alerts as a STIX 2.1 bundle.
    StixExport,
}

impl Route {
    /// Every route.
    pub const ALL: [Route; 24] = [
        Route::WhoAmI,
        Route::Status,
        Route::Directory,
        Route::Inbox,
        Route::Send,
        Route::Show,
        Route::ReferralStatus,
        Route::Quarantine,
        Route::Follow,
        Route::AuditEntries,
        Route::AuditProve,
        Route::AuditVerify,
        Route::AuditCheckpoint,
        Route::Users,
        Route::UserAdd,
        Route::UserRemove,
        Route::UserRoles,
        Route::UserPassword,
        Route::Tracking,
        Route::CorrelateSearch,
        Route::CorrelateRebuild,
        Route::CompoundTrail,
        Route::TrailDecision,
        Route::StixExport,
    ];

    /// The method.
    pub fn method(self) -> Method {
        match self {
            Self::Send
            | Self::ReferralStatus
            | Self::UserAdd
            | Self::CorrelateRebuild
            | Self::TrailDecision => Method::Post,
            Self::UserRemove => Method::Delete,
            Self::UserRoles | Self::UserPassword => Method::Put,
            _ => Method::Get,
        }
    }

    /// The path, in axum's syntax (`{id}` for a parameter).
    pub fn path(self) -> &'static str {
        match self {
            Self::WhoAmI => "/v1/whoami",
            Self::Status => "/v1/status",
            Self::Directory => "/v1/directory",
            Self::Inbox => "/v1/inbox",
            Self::Send => "/v1/messages",
            Self::Show => "/v1/messages/{id}",
            Self::ReferralStatus => "/v1/referrals/{id}/status",
            Self::Quarantine => "/v1/quarantine",
            Self::Follow => "/v1/follow",
            Self::AuditEntries => "/v1/audit/entries",
            Self::AuditProve => "/v1/audit/prove",
            Self::AuditVerify => "/v1/audit/verify",
            Self::AuditCheckpoint => "/v1/audit/checkpoint",
            Self::Users => "/v1/users",
            Self::UserAdd => "/v1/users",
            Self::UserRemove => "/v1/users/{name}",
            Self::UserRoles => "/v1/users/{name}/roles",
            Self::UserPassword => "/v1/users/{name}/password",
            Self::Tracking => "/v1/messages/{id}/tracking",
            Self::CorrelateSearch => "/v1/correlate/search",
            Self::CorrelateRebuild => "/v1/correlate/rebuild",
            Self::CompoundTrail => "/v1/compounds/trail",
            Self::TrailDecision => "/v1/compounds/trail/decisions",
            Self::StixExport => "/v1/stix/export",
        }
    }

    /// Who may call it. Checked before the route does anything.
    pub fn access(self) -> Access {
        match self {
            Self::WhoAmI | Self::Directory | Self::Inbox | Self::Follow => Access::AnyUser,
            Self::Send => Access::AnyOf(SENDERS),
            Self::Show => Access::AnyOf(BODY_READERS),
            // Metadata: whoever may list the message's kind (the server checks which).
            Self::Tracking => Access::AnyUser,
            // Admins set anyone's; a user may set their own (the server checks which).
            Self::UserPassword => Access::AnyUser,
            Self::ReferralStatus => Access::AnyOf(&[Role::Caseworker]),
            Self::Status => Access::AnyOf(&[Role::Admin]),
            Self::Quarantine => Access::AnyOf(METADATA),
            Self::AuditEntries | Self::AuditProve | Self::AuditVerify | Self::AuditCheckpoint => {
                Access::AnyOf(&[Role::Auditor])
            }
            Self::Users | Self::UserAdd | Self::UserRemove | Self::UserRoles => {
                Access::AnyOf(&[Role::Admin])
            }
            // The index holds alert content: alert readers only.
            Self::CorrelateSearch | Self::CompoundTrail | Self::TrailDecision => {
                Access::AnyOf(&[Role::Liaison])
            }
            // Derived from alert content: alert readers, and the feed's accounts (the same
            // objects the feed serves them).
            Self::StixExport => Access::AnyOf(&[Role::Liaison, Role::Feed]),
            // Rebuilding shows nothing; it is maintenance.
            Self::CorrelateRebuild => Access::AnyOf(&[Role::Admin]),
        }
    }

    /// A short name for logs, metrics and `denied` audit entries, e.g. `GET /v1/inbox`.
    pub fn label(self) -> String {
        format!("{} {}", self.method().as_str(), self.path())
    }
}
