//! The second factor: TOTP (RFC 6238: HMAC-SHA1, 6 digits, 30-second steps), computed by the
//! `totp-rs` crate. A code is accepted for the step before, the step of and the step after the
//! server's clock, and only once: the step used is recorded and no earlier or equal step is
//! accepted again for that user.

use totp_rs::{Algorithm, Secret, TOTP};
use zeroize::Zeroizing;

/// Seconds in a step.
const STEP: u64 = 30;

fn totp(secret_b32: &str, account: &str) -> Option<TOTP> {
    let bytes = Secret::Encoded(secret_b32.to_owned()).to_bytes().ok()?;
    // Skew 0: each step is checked on its own below, to know which one matched.
    TOTP::new(
        Algorithm::SHA1,
        6,
        0,
        STEP,
        bytes,
        Some("jaring".into()),
        account.to_owned(),
    )
    .ok()
}

/// A new secret of 160 random bits (base32), from the operating system's generator.
pub fn new_secret() -> Result<Zeroizing<String>, String> {
    let mut bytes = Zeroizing::new([0u8; 20]);
    ring::rand::SecureRandom::fill(&ring::rand::SystemRandom::new(), bytes.as_mut())
        .map_err(|_| "the system's random number generator failed".to_owned())?;
    match Secret::Raw(bytes.to_vec()).to_encoded() {
        Secret::Encoded(s) => Ok(Zeroizing::new(s)),
        Secret::Raw(_) => Err("cannot encode the TOTP secret".into()),
    }
}

/// The `otpauth://` URI of a secret, for an authenticator app (`jaring:<agency>/<user>`).
pub fn uri(secret_b32: &str, account: &str) -> Option<String> {
    totp(secret_b32, account).map(|t| t.get_url())
}

/// The step a `code` matches at `now` (unix seconds), if any.
pub fn matching_step(secret_b32: &str, account: &str, code: &str, now: u64) -> Option<u64> {
    let code: String = code.chars().filter(|c| !c.is_whitespace()).collect();
    if code.len() != 6 || !code.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let t = totp(secret_b32, account)?;
    let step = now / STEP;
    [step.saturating_sub(1), step, step + 1]
        .into_iter()
        .find(|s| t.check(&code, s * STEP))
}

/// The code of a step (for tests and the quickstart's own checks).
pub fn code_at(secret_b32: &str, now: u64) -> Option<String> {
    totp(secret_b32, "x").map(|t| t.generate(now))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc6238_vector_and_the_window() {
        // RFC 6238 appendix B, SHA1, T = 59 s: 94287082 (8 digits); 6 digits: 287082.
        let secret = match Secret::Raw(b"12345678901234567890".to_vec()).to_encoded() {
            Secret::Encoded(s) => s,
            Secret::Raw(_) => String::new(),
        };
        assert_eq!(code_at(&secret, 59).as_deref(), Some("287082"));
        assert_eq!(matching_step(&secret, "a", "287082", 59), Some(1));
        assert_eq!(matching_step(&secret, "a", "287 082", 89), Some(1));
        assert_eq!(matching_step(&secret, "a", "287082", 59 + 90), None);
        assert_eq!(matching_step(&secret, "a", "28708", 59), None);
        let fresh = new_secret().unwrap_or_default();
        assert_eq!(fresh.len(), 32);
        assert!(uri(&fresh, "KEMLU/ana").is_some_and(|u| u.starts_with("otpauth://totp/")));
    }
}
