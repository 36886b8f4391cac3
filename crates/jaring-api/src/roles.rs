//! The fixed set of roles a jaring user can hold, and what each may read.
//!
//! - `liaison`: post, update and cancel alerts; read alerts.
//! - `caseworker`: send referrals; read referrals to and from the agency; set their status.
//!   Referral bodies are need-to-know inside an agency too: only caseworkers see them.
//! - `auditor`: the audit log, proofs, checkpoints, delivery and quarantine metadata; never a
//!   decrypted body.
//! - `admin`: status, users, quarantine, the directory; no body unless the admin also holds
//!   the role for it.
//! - `feed`: the TAXII 2.1 feed only (STIX objects derived from alerts the agency may pass on,
//!   never a referral), read by a threat-intelligence platform with HTTP Basic; nothing of the
//!   local API beyond what any user sees.

use jaring_core::body::Family;
use jaring_core::Kind;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// One role.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, ToSchema,
)]
#[serde(rename_all = "kebab-case")]
pub enum Role {
    /// Law-enforcement liaison: alerts.
    Liaison,
    /// Caseworker: referrals.
    Caseworker,
    /// Auditor: the audit log and metadata, never a body.
    Auditor,
    /// Administrator: status, users, quarantine, directory.
    Admin,
    /// A threat-intelligence platform's account: the TAXII feed, nothing else.
    Feed,
}

impl Role {
    /// Every role, in order.
    pub const ALL: [Role; 5] = [
        Role::Liaison,
        Role::Caseworker,
        Role::Auditor,
        Role::Admin,
        Role::Feed,
    ];

    /// The role's name on the wire and in the CLI.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Liaison => "liaison",
            Self::Caseworker => "caseworker",
            Self::Auditor => "auditor",
            Self::Admin => "admin",
            Self::Feed => "feed",
        }
    }
}

impl std::fmt::Display for Role {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl std::str::FromStr for Role {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        Role::ALL
            .into_iter()
            .find(|r| r.as_str() == s)
            .ok_or_else(|| {
                format!("`{s}` is not a role: use liaison, caseworker, auditor, admin or feed")
            })
    }
}

/// The roles one user holds.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(transparent)]
pub struct Roles(pub Vec<Role>);

impl Roles {
    /// A set from a list (sorted, without repeats).
    pub fn new(mut roles: Vec<Role>) -> Self {
        roles.sort();
        roles.dedup();
        Self(roles)
    }

    /// Whether the set holds `role`.
    pub fn has(&self, role: Role) -> bool {
        self.0.contains(&role)
    }

    /// Whether the set holds any of `roles`.
    pub fn any(&self, roles: &[Role]) -> bool {
        roles.iter().any(|r| self.has(*r))
    }

    /// The role needed to read the body of (or post) a message of `kind`: alerts are the
    /// liaison's, referrals the caseworker's. A receipt's body is delivery metadata that names
    /// the messages it answers, referrals among them: the auditor's (a sender's own deliveries
    /// show in the message it sent, for whoever may read that).
    pub fn for_kind(kind: Kind) -> &'static [Role] {
        match kind.family() {
            Family::Alert => &[Role::Liaison],
            Family::Referral => &[Role::Caseworker],
            Family::Receipt | Family::Checkpoint => &[Role::Auditor],
        }
    }

    /// Whether the holder may see the metadata (never the body) of messages of `kind` in
    /// lists: the role that reads the body, or an auditor or admin, whose work is metadata.
    pub fn may_list(&self, kind: Kind) -> bool {
        self.any(Self::for_kind(kind)) || self.any(&[Role::Auditor, Role::Admin])
    }

    /// Whether the holder may read the decrypted body of messages of `kind`.
    pub fn may_read(&self, kind: Kind) -> bool {
        self.any(Self::for_kind(kind))
    }

    /// The names, comma-separated.
    pub fn joined(&self) -> String {
        self.0
            .iter()
            .map(|r| r.as_str())
            .collect::<Vec<_>>()
            .join(",")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bodies_follow_the_family_and_metadata_goes_wider() {
        let liaison = Roles::new(vec![Role::Liaison]);
        let caseworker = Roles::new(vec![Role::Caseworker]);
        let auditor = Roles::new(vec![Role::Auditor]);
        let admin = Roles::new(vec![Role::Admin]);
        assert!(liaison.may_read(Kind::CompoundRelocationAlert));
        assert!(!liaison.may_read(Kind::VictimReferral));
        assert!(caseworker.may_read(Kind::ReferralStatus));
        assert!(!caseworker.may_read(Kind::AlertUpdate));
        for r in [&auditor, &admin] {
            assert!(!r.may_read(Kind::VictimReferral));
            assert!(!r.may_read(Kind::CompoundRelocationAlert));
            assert!(r.may_list(Kind::VictimReferral));
        }
        assert!(!liaison.may_list(Kind::VictimReferral));
        assert!(!liaison.may_list(Kind::Receipt) && !caseworker.may_read(Kind::Receipt));
        assert!(auditor.may_read(Kind::Receipt));
        assert_eq!("caseworker".parse::<Role>(), Ok(Role::Caseworker));
        assert!("root".parse::<Role>().is_err());
        let feed = Roles::new(vec![Role::Feed]);
        for kind in [
            Kind::CompoundRelocationAlert,
            Kind::VictimReferral,
            Kind::Receipt,
        ] {
            assert!(!feed.may_read(kind) && !feed.may_list(kind));
        }
    }
}
