//! The console's accounts in the store: each user's password hash, TOTP secret, last TOTP
//! step and language (columns of `users`), and the console sessions (`console_sessions`, by
//! token hash). A password set is audited and ends the user's sessions, in one transaction.

use jaring_api::users::User;
use jaring_console::{Credentials, SessionRecord};
use rusqlite::{params, OptionalExtension};
use serde_json::json;
use zeroize::Zeroizing;

use super::{AuditEntry, Result, Store, StoreError};

/// Sessions kept per user: a new login beyond this ends the oldest.
const SESSIONS_PER_USER: i64 = 16;

fn session_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<SessionRecord> {
    Ok(SessionRecord {
        token_hash: r.get(0)?,
        user: r.get(1)?,
        created_at: r.get(2)?,
        seen_at: r.get(3)?,
        address: r.get(4)?,
        agent: r.get(5)?,
    })
}

const SESSION_COLUMNS: &str =
    "SELECT token_hash, user, created_at, seen_at, address, agent FROM console_sessions";

impl Store {
    /// A user's console credentials.
    pub fn credentials(&self, name: &str) -> Result<Option<Credentials>> {
        self.with(|c| {
            Ok(c.prepare_cached(
                "SELECT name, unix, roles, created_at, password_hash, totp_secret, language FROM users WHERE name = ?1",
            )?
            .query_row([name], |r| {
                Ok(Credentials {
                    user: super::users::user_row(r)?,
                    password_hash: r.get(4)?,
                    totp_secret: r.get::<_, Option<String>>(5)?.map(Zeroizing::new),
                    language: r.get(6)?,
                })
            })
            .optional()?)
        })
    }

    /// Sets a user's console password (an argon2 PHC string) and, when `totp` is given,
    /// replaces the TOTP secret; ends the user's sessions; audited `console-password` by
    /// `by`.
    pub fn set_password(
        &self,
        name: &str,
        phc: &str,
        totp: Option<&str>,
        by: &str,
    ) -> Result<User> {
        self.transaction(|tx, me| {
            let user = tx
                .prepare_cached(&format!("{} WHERE name = ?1", super::users::USER_COLUMNS))?
                .query_row([name], super::users::user_row)
                .optional()?
                .ok_or_else(|| StoreError::NotFound(format!("no user {name}")))?;
            tx.prepare_cached("UPDATE users SET password_hash = ?2 WHERE name = ?1")?
                .execute(params![name, phc])?;
            if let Some(secret) = totp {
                tx.prepare_cached(
                    "UPDATE users SET totp_secret = ?2, totp_step = NULL WHERE name = ?1",
                )?
                .execute(params![name, secret])?;
            }
            let ended = tx
                .prepare_cached("DELETE FROM console_sessions WHERE user = ?1")?
                .execute([name])?;
            Store::audit(
                tx,
                me,
                AuditEntry {
                    detail: json!({"user": by, "name": name, "totp_enrolled": totp.is_some(), "sessions_ended": ended}),
                    ..AuditEntry::event("console-password")
                },
            )?;
            Ok(user)
        })
    }

    /// Whether `name` has a TOTP secret.
    pub fn has_totp(&self, name: &str) -> Result<bool> {
        self.with(|c| {
            Ok(
                c.prepare_cached("SELECT totp_secret IS NOT NULL FROM users WHERE name = ?1")?
                    .query_row([name], |r| r.get(0))
                    .optional()?
                    .unwrap_or(false),
            )
        })
    }

    /// Records that `name` used TOTP `step`; false when it or a later step was used already.
    pub fn use_totp_step(&self, name: &str, step: u64) -> Result<bool> {
        self.with(|c| {
            let n = c
                .prepare_cached(
                    "UPDATE users SET totp_step = ?2 WHERE name = ?1 AND (totp_step IS NULL OR totp_step < ?2)",
                )?
                .execute(params![name, step as i64])?;
            Ok(n == 1)
        })
    }

    /// Keeps a user's language.
    pub fn set_language(&self, name: &str, language: &str) -> Result<()> {
        self.with(|c| {
            c.prepare_cached("UPDATE users SET language = ?2 WHERE name = ?1")?
                .execute(params![name, language])?;
            Ok(())
        })
    }

    /// Stores a new session; beyond [`SESSIONS_PER_USER`] the user's oldest end.
    pub fn open_session(&self, s: &SessionRecord) -> Result<()> {
        self.with(|c| {
            let tx = c.transaction()?;
            tx.prepare_cached(
                "INSERT INTO console_sessions (token_hash, user, created_at, seen_at, address, agent) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            )?
            .execute(params![s.token_hash, s.user, s.created_at, s.seen_at, s.address, s.agent])?;
            tx.prepare_cached(
                "DELETE FROM console_sessions WHERE user = ?1 AND token_hash NOT IN
                 (SELECT token_hash FROM console_sessions WHERE user = ?1 ORDER BY created_at DESC LIMIT ?2)",
            )?
            .execute(params![s.user, SESSIONS_PER_USER])?;
            tx.commit()?;
            Ok(())
        })
    }

    /// The session with this token hash.
    pub fn session(&self, token_hash: &str) -> Result<Option<SessionRecord>> {
        self.with(|c| {
            Ok(
                c.prepare_cached(&format!("{SESSION_COLUMNS} WHERE token_hash = ?1"))?
                    .query_row([token_hash], session_row)
                    .optional()?,
            )
        })
    }

    /// Records a request of the session's person.
    pub fn session_seen(&self, token_hash: &str, at: i64) -> Result<()> {
        self.with(|c| {
            c.prepare_cached("UPDATE console_sessions SET seen_at = ?2 WHERE token_hash = ?1")?
                .execute(params![token_hash, at])?;
            Ok(())
        })
    }

    /// Ends a session.
    pub fn close_session(&self, token_hash: &str) -> Result<()> {
        self.with(|c| {
            c.prepare_cached("DELETE FROM console_sessions WHERE token_hash = ?1")?
                .execute([token_hash])?;
            Ok(())
        })
    }

    /// A user's sessions, newest first.
    pub fn sessions(&self, name: &str) -> Result<Vec<SessionRecord>> {
        self.with(|c| {
            let mut stmt = c.prepare_cached(&format!(
                "{SESSION_COLUMNS} WHERE user = ?1 ORDER BY created_at DESC"
            ))?;
            let rows = stmt.query_map([name], session_row)?;
            Ok(rows.collect::<std::result::Result<Vec<_>, _>>()?)
        })
    }

    /// Ends every session of `name` but `keep`.
    pub fn close_other_sessions(&self, name: &str, keep: &str) -> Result<usize> {
        self.with(|c| {
            Ok(c.prepare_cached(
                "DELETE FROM console_sessions WHERE user = ?1 AND token_hash != ?2",
            )?
            .execute(params![name, keep])?)
        })
    }

    /// Ends sessions idle since before `idle_before` or opened before `opened_before` (unix
    /// ms): the retention sweep calls it, so that abandoned sessions do not pile up.
    pub fn expire_sessions(&self, idle_before: i64, opened_before: i64) -> Result<usize> {
        self.with(|c| {
            Ok(c.prepare_cached(
                "DELETE FROM console_sessions WHERE seen_at < ?1 OR created_at < ?2",
            )?
            .execute(params![idle_before, opened_before])?)
        })
    }

    /// Appends a console event to the audit log.
    pub fn console_event(
        &self,
        event: &str,
        user: &str,
        mut detail: serde_json::Value,
    ) -> Result<()> {
        if let Some(map) = detail.as_object_mut() {
            map.insert("user".into(), json!(user));
        }
        // Event names are the console's own constants; the detail is ids, addresses, reasons.
        let event = event.to_owned();
        self.transaction(|tx, me| {
            Store::audit(
                tx,
                me,
                AuditEntry {
                    detail,
                    ..AuditEntry::event(&event)
                },
            )
            .map(drop)
        })
    }
}
