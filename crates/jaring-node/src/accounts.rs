//! Local system accounts: the socket's peer uid is resolved through the system's user
//! database (NSS: /etc/passwd, LDAP, whatever the host uses) to an account name, and the
//! store maps account names to jaring users.

use jaring_api::users::{NewUser, User};
use jaring_api::Roles;

use crate::store::{Store, StoreError};

/// The account name of `uid`.
pub fn account_name(uid: u32) -> Option<String> {
    nix::unistd::User::from_uid(nix::unistd::Uid::from_raw(uid))
        .ok()
        .flatten()
        .map(|u| u.name)
}

/// The account name of this process.
pub fn current_account() -> Option<String> {
    account_name(nix::unistd::getuid().as_raw())
}

/// Makes the account running this process the node's user `name` with `roles`, before the
/// daemon runs (`jaring node init --admin`, test kits, the benchmark); `by` names who did, for
/// the audit entry. A user of that name is left as it is.
pub fn add_this_account(
    data_dir: &std::path::Path,
    agency: jaring_core::AgencyId,
    name: &str,
    roles: Roles,
    by: &str,
) -> Result<User, StoreError> {
    let unix = current_account()
        .ok_or_else(|| StoreError::Conflict("cannot tell which local account runs this".into()))?;
    let new = NewUser {
        name: name.to_owned(),
        unix,
        roles,
    };
    Store::bootstrap_user(data_dir, agency, &new, by)
}
