//! Base64 as the wire format uses it: `b64u` (RFC 4648 §5, no padding) everywhere, and the
//! standard padded alphabet only inside audit checkpoints (signed notes).
//!
//! Decoding is strict: padding, stray characters and non-zero trailing bits are refused, so that
//! every value has exactly one encoding and a signed document cannot be re-encoded silently.

use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};
use base64::Engine;

/// Encodes bytes as base64url without padding.
pub fn encode(bytes: &[u8]) -> String {
    URL_SAFE_NO_PAD.encode(bytes)
}

/// Decodes base64url without padding; `None` when the text is not canonical b64u.
pub fn decode(text: &str) -> Option<Vec<u8>> {
    URL_SAFE_NO_PAD.decode(text).ok()
}

/// Decodes b64u that must hold exactly `N` bytes.
pub fn decode_array<const N: usize>(text: &str) -> Option<[u8; N]> {
    decode(text)?.try_into().ok()
}

/// Decodes b64u that must hold exactly `N` secret bytes (a key file's seed or secret): the
/// decoded bytes are wiped when dropped, the intermediate buffer included.
pub fn decode_secret<const N: usize>(text: &str) -> Option<zeroize::Zeroizing<[u8; N]>> {
    let bytes = zeroize::Zeroizing::new(decode(text)?);
    if bytes.len() != N {
        return None;
    }
    let mut out = zeroize::Zeroizing::new([0u8; N]);
    out.copy_from_slice(&bytes);
    Some(out)
}

/// Encodes bytes as standard, padded base64 (used by signed notes).
pub fn encode_std(bytes: &[u8]) -> String {
    STANDARD.encode(bytes)
}

/// Decodes standard, padded base64; `None` when the text is not canonical.
pub fn decode_std(text: &str) -> Option<Vec<u8>> {
    STANDARD.decode(text).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn b64u_round_trip_and_strictness() {
        assert_eq!(encode(&[0xfb, 0xff]), "-_8");
        assert_eq!(decode("-_8"), Some(vec![0xfb, 0xff]));
        assert_eq!(decode("-_8="), None, "padding is refused");
        assert_eq!(decode("+/8"), None, "standard alphabet is refused");
        assert_eq!(decode("-_9"), None, "non-zero trailing bits are refused");
        assert_eq!(decode_array::<2>("-_8"), Some([0xfb, 0xff]));
        assert_eq!(decode_array::<3>("-_8"), None);
    }
}
