//! AFL++ runs `jaring_fuzz::directory` on each input (see crates/jaring-fuzz/src/directory.rs).

fn main() {
    // Built before the fork server starts, so each child begins with the fixed worlds ready.
    jaring_fuzz::prepare();
    afl::fuzz!(|data: &[u8]| jaring_fuzz::directory(data));
}
