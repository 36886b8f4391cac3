//! The node's users: people of this agency, each mapped to a local system account (the
//! socket's peer uid is resolved to that account's name) and holding roles.

use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::roles::Roles;

/// A user name: 1 to 64 of `a-z 0-9 . _ -`, starting with a letter or digit.
pub fn check_name(name: &str) -> Result<(), String> {
    let ok = !name.is_empty()
        && name.len() <= 64
        && name
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b"._-".contains(&b))
        && name
            .bytes()
            .next()
            .is_some_and(|b| b.is_ascii_alphanumeric());
    if ok {
        Ok(())
    } else {
        Err(format!(
            "`{name}` is not a user name: 1 to 64 of a-z, 0-9, `.`, `_`, `-`, starting with a letter or digit"
        ))
    }
}

/// A jaring user.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct User {
    /// The user's name in jaring (what the audit log records).
    pub name: String,
    /// The local system account that acts as this user.
    pub unix: String,
    /// Roles.
    #[schema(value_type = Vec<crate::Role>)]
    pub roles: Roles,
    /// When the user was added.
    pub created_at: String,
}

/// `POST /v1/users`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct NewUser {
    /// The name.
    pub name: String,
    /// The local system account.
    pub unix: String,
    /// Roles.
    #[schema(value_type = Vec<crate::Role>)]
    pub roles: Roles,
}

/// `PUT /v1/users/{name}/roles`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct RolesUpdate {
    /// The roles the user holds from now on.
    #[schema(value_type = Vec<crate::Role>)]
    pub roles: Roles,
}

/// `PUT /v1/users/{name}/password`: the console password (12 to 1,024 characters).
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema, zeroize::ZeroizeOnDrop)]
pub struct PasswordSet {
    /// The new password.
    pub password: String,
    /// Enrol a new TOTP secret (replacing any other). The node enrols one anyway when the
    /// user's roles require a second factor and none is enrolled.
    #[serde(default)]
    pub totp: bool,
}

impl std::fmt::Debug for PasswordSet {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PasswordSet")
            .field("totp", &self.totp)
            .finish_non_exhaustive()
    }
}

/// The answer to a password change: the TOTP secret when one was enrolled, shown once.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema, zeroize::ZeroizeOnDrop)]
pub struct PasswordSetAnswer {
    /// The user.
    pub name: String,
    /// The new TOTP secret (base32), only when enrolled by this call.
    pub totp_secret: Option<String>,
    /// The same as an `otpauth://` URI for an authenticator app.
    pub totp_uri: Option<String>,
}

impl std::fmt::Debug for PasswordSetAnswer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PasswordSetAnswer")
            .field("name", &self.name)
            .finish_non_exhaustive()
    }
}

/// `GET /v1/whoami`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct WhoAmI {
    /// This agency.
    pub agency: String,
    /// The caller.
    pub user: User,
}

/// The `name` path parameter.
#[derive(Debug, Clone, Deserialize, IntoParams)]
#[into_params(parameter_in = Path)]
pub struct NameParam {
    /// A user name.
    pub name: String,
}

#[cfg(test)]
mod tests {
    #[test]
    fn names_are_plain() {
        assert!(super::check_name("siti.rahayu").is_ok());
        assert!(super::check_name("").is_err());
        assert!(super::check_name("-x").is_err());
        assert!(super::check_name("Budi").is_err());
        assert!(super::check_name(&"a".repeat(65)).is_err());
    }
}
