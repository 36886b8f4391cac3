//! Console passwords: argon2id hashes in the PHC string format (the `argon2` crate's defaults,
//! which follow OWASP's minimum: 19 MiB, 2 passes), checked in constant time by the library.

use argon2::password_hash::rand_core::OsRng;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;

/// The shortest password accepted.
pub const MIN_LEN: usize = 12;
/// The longest (hashing is bounded work).
pub const MAX_LEN: usize = 1024;

/// Checks a new password's length, in characters.
pub fn check_new(password: &str) -> Result<(), String> {
    let n = password.chars().count();
    if n < MIN_LEN {
        return Err(format!(
            "a console password has at least {MIN_LEN} characters"
        ));
    }
    if n > MAX_LEN {
        return Err(format!(
            "a console password has at most {MAX_LEN} characters"
        ));
    }
    Ok(())
}

/// The PHC string of `password`, with a fresh random salt.
pub fn hash(password: &str) -> Result<String, String> {
    check_new(password)?;
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| format!("cannot hash the password: {e}"))
}

/// A hash of nothing anyone knows, checked for unknown users so that a login takes as long
/// whether the name exists or not.
pub fn decoy() -> &'static str {
    "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$Qfx/+Xc+jIO5kbWtkSGUBaI5Jz2bn5dy3mf+gkD4PyU"
}

/// Whether `password` matches `phc`. An unreadable hash matches nothing.
pub fn verify(password: &str, phc: &str) -> bool {
    if password.len() > MAX_LEN * 4 {
        return false;
    }
    match PasswordHash::new(phc) {
        Ok(parsed) => Argon2::default()
            .verify_password(password.as_bytes(), &parsed)
            .is_ok(),
        Err(_) => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_verify_and_short_passwords_are_refused() {
        let h = hash("correct horse battery").unwrap_or_default();
        assert!(h.starts_with("$argon2id$"));
        assert!(verify("correct horse battery", &h));
        assert!(!verify("correct horse batterY", &h));
        assert!(!verify("x", "not a hash"));
        assert!(hash("short").is_err());
        assert!(!verify("anything at all", decoy()));
    }
}
