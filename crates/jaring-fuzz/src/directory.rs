//! Target `directory`: a signed directory as a node is offered it from the hub's bucket, and
//! as a root officer is shown it before adding a signature.
//!
//! The hub, or anyone who can write its bucket, controls these bytes; only the roots'
//! signatures make them trusted, so everything up to and including the signature check runs
//! on attacker bytes. The body's own rules run on unsigned bytes too, when an officer is shown
//! a draft another officer signed first (`SignedDirectory::unverified_body`).

use jaring_core::directory::check_body;
use jaring_core::SignedDirectory;

use crate::fixture::fixture;

/// Parses `data` as a travelling directory, checks its body unverified as the ceremony does,
/// and offers it to a node of each world: signatures, network, validity, body rules, then
/// the rollback rule against the directory held.
pub fn directory(data: &[u8]) {
    let f = fixture();
    let Ok(signed) = SignedDirectory::from_json(data) else {
        return;
    };
    if let Ok(body) = signed.unverified_body() {
        let _ = check_body(&body);
    }
    for world in &f.worlds {
        let Ok(offered) = signed.verify(&world.trust, f.now) else {
            continue;
        };
        let _ = offered.supersedes(&world.directory);
        // What a node does with a directory it loads: stores the signed form, and picks the
        // key it seals to for every agency.
        let _ = offered.signed().to_json();
        for agency in offered.agencies() {
            let _ = agency.current_key(f.now);
        }
    }
}
