//! Login throttling, per account and per client address: after too many failures within a
//! window the account (or address) is locked for a while, and no password is even checked
//! until then. Both tables are bounded: when full, the entry whose last failure is oldest
//! makes room (an attacker cycling addresses can only evict other addresses' history, never
//! lift an account's lock, which is kept in the other table).

use std::collections::HashMap;
use std::hash::Hash;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// Failures allowed per account within the window before it is locked.
pub const ACCOUNT_FAILURES: u32 = 5;
/// Failures allowed per address within the window.
pub const ADDRESS_FAILURES: u32 = 20;
/// The window failures are counted in, and how long a lock lasts.
pub const WINDOW: Duration = Duration::from_secs(15 * 60);
/// Entries kept per table.
const CAPACITY: usize = 10_000;

#[derive(Debug, Clone, Copy)]
struct Failures {
    count: u32,
    first: Instant,
    last: Instant,
    locked_until: Option<Instant>,
}

#[derive(Debug)]
struct Table<K> {
    limit: u32,
    entries: Mutex<HashMap<K, Failures>>,
}

impl<K: Eq + Hash + Clone> Table<K> {
    fn new(limit: u32) -> Self {
        Self {
            limit,
            entries: Mutex::new(HashMap::new()),
        }
    }

    fn locked(&self, key: &K, now: Instant) -> Option<Duration> {
        let entries = self.entries.lock().ok()?;
        let until = entries.get(key)?.locked_until?;
        (until > now).then(|| until - now)
    }

    /// Counts a failure; true when this one locks the key.
    fn fail(&self, key: &K, now: Instant) -> bool {
        let Ok(mut entries) = self.entries.lock() else {
            return false;
        };
        if !entries.contains_key(key) && entries.len() >= CAPACITY {
            entries.retain(|_, f| {
                now.duration_since(f.last) < WINDOW || f.locked_until.is_some_and(|u| u > now)
            });
            if entries.len() >= CAPACITY {
                if let Some(oldest) = entries
                    .iter()
                    .min_by_key(|(_, f)| f.last)
                    .map(|(k, _)| k.clone())
                {
                    entries.remove(&oldest);
                }
            }
        }
        let f = entries.entry(key.clone()).or_insert(Failures {
            count: 0,
            first: now,
            last: now,
            locked_until: None,
        });
        if now.duration_since(f.first) >= WINDOW || f.locked_until.is_some_and(|u| u <= now) {
            *f = Failures {
                count: 0,
                first: now,
                last: now,
                locked_until: None,
            };
        }
        f.count += 1;
        f.last = now;
        if f.count >= self.limit && f.locked_until.is_none() {
            f.locked_until = Some(now + WINDOW);
            return true;
        }
        false
    }

    fn clear(&self, key: &K) {
        if let Ok(mut entries) = self.entries.lock() {
            entries.remove(key);
        }
    }
}

/// What a login attempt may do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Gate {
    /// Go on and check the credentials.
    Open,
    /// The account is locked for this long.
    AccountLocked(Duration),
    /// The address is locked for this long.
    AddressLocked(Duration),
}

/// What a failure led to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Locked {
    /// This failure locked the account.
    pub account: bool,
    /// This failure locked the address.
    pub address: bool,
}

/// The address a failure counts against: an IPv4 address, or an IPv6 address's /64 (one
/// host usually holds a whole /64, so counting each address apart would count nothing).
fn network_of(address: std::net::IpAddr) -> std::net::IpAddr {
    match address {
        std::net::IpAddr::V6(v6) => {
            let s = v6.segments();
            std::net::IpAddr::V6(std::net::Ipv6Addr::new(s[0], s[1], s[2], s[3], 0, 0, 0, 0))
        }
        v4 => v4,
    }
}

/// The two tables.
#[derive(Debug)]
pub struct Throttle {
    accounts: Table<String>,
    addresses: Table<std::net::IpAddr>,
}

impl Default for Throttle {
    fn default() -> Self {
        Self {
            accounts: Table::new(ACCOUNT_FAILURES),
            addresses: Table::new(ADDRESS_FAILURES),
        }
    }
}

impl Throttle {
    /// Whether `account` may try from `address` now.
    pub fn gate(&self, account: &str, address: std::net::IpAddr, now: Instant) -> Gate {
        if let Some(d) = self.addresses.locked(&network_of(address), now) {
            return Gate::AddressLocked(d);
        }
        if let Some(d) = self.accounts.locked(&account.to_owned(), now) {
            return Gate::AccountLocked(d);
        }
        Gate::Open
    }

    /// Counts a failed attempt.
    pub fn failed(&self, account: &str, address: std::net::IpAddr, now: Instant) -> Locked {
        Locked {
            account: self.accounts.fail(&account.to_owned(), now),
            address: self.addresses.fail(&network_of(address), now),
        }
    }

    /// Forgets an account's failures after it logged in.
    pub fn succeeded(&self, account: &str) {
        self.accounts.clear(&account.to_owned());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_account_locks_after_five_failures_and_unlocks_after_the_window() {
        let t = Throttle::default();
        let ip: std::net::IpAddr = [127, 0, 0, 1].into();
        let start = Instant::now();
        for i in 1..ACCOUNT_FAILURES {
            assert_eq!(t.failed("ana", ip, start), Locked::default(), "failure {i}");
        }
        assert!(t.failed("ana", ip, start).account);
        assert!(matches!(t.gate("ana", ip, start), Gate::AccountLocked(_)));
        assert_eq!(t.gate("budi", ip, start), Gate::Open);
        assert_eq!(t.gate("ana", ip, start + WINDOW), Gate::Open);
    }

    #[test]
    fn an_address_locks_after_twenty_failures_over_any_accounts() {
        let t = Throttle::default();
        let ip: std::net::IpAddr = [192, 0, 2, 1].into();
        let now = Instant::now();
        let mut locked = false;
        for i in 0..ADDRESS_FAILURES {
            locked = t.failed(&format!("user{i}"), ip, now).address;
        }
        assert!(locked);
        assert!(matches!(t.gate("someone", ip, now), Gate::AddressLocked(_)));
        assert_eq!(t.gate("someone", [192, 0, 2, 2].into(), now), Gate::Open);
    }

    #[test]
    fn an_ipv6_host_counts_as_its_64_and_made_up_names_cannot_lift_a_lock() {
        let t = Throttle::default();
        let now = Instant::now();
        for i in 0..ADDRESS_FAILURES {
            let ip = std::net::IpAddr::V6(std::net::Ipv6Addr::new(
                0x2001,
                0xdb8,
                0,
                1,
                0,
                0,
                0,
                i as u16 + 1,
            ));
            t.failed(&format!("u{i}"), ip, now);
        }
        let other = std::net::IpAddr::V6(std::net::Ipv6Addr::new(0x2001, 0xdb8, 0, 1, 9, 9, 9, 9));
        assert!(matches!(t.gate("x", other, now), Gate::AddressLocked(_)));
        let ip: std::net::IpAddr = [10, 0, 0, 1].into();
        for _ in 0..ACCOUNT_FAILURES {
            t.failed("ana", ip, now);
        }
        for i in 0..(CAPACITY + 10) {
            t.accounts.fail(&format!("made-up-{i}"), now);
        }
        assert!(matches!(
            t.gate("ana", [10, 0, 0, 2].into(), now),
            Gate::AccountLocked(_)
        ));
    }
}
