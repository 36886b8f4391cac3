//! AFL++ runs `jaring_fuzz::checkpoint` on each input (see crates/jaring-fuzz/src/checkpoint.rs).

fn main() {
    // Built before the fork server starts, so each child begins with the fixed worlds ready.
    jaring_fuzz::prepare();
    afl::fuzz!(|data: &[u8]| jaring_fuzz::checkpoint(data));
}
