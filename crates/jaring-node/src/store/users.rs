//! The agency's users in the store: who may call the API and with which roles. Every change
//! is audited in the same transaction, naming the user who made it; so is every refusal
//! (`denied`), from [`Store::denied`].

use jaring_api::users::{check_name, NewUser, User};
use jaring_api::{Role, Roles};
use rusqlite::{params, OptionalExtension};
use serde_json::json;

use super::{now_ms, ts, AuditEntry, Result, Store, StoreError};

fn roles_from(text: &str) -> Roles {
    Roles::new(
        text.split(',')
            .filter_map(|r| r.parse::<Role>().ok())
            .collect(),
    )
}

pub(super) fn user_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<User> {
    Ok(User {
        name: r.get(0)?,
        unix: r.get(1)?,
        roles: roles_from(&r.get::<_, String>(2)?),
        created_at: ts(r.get(3)?),
    })
}

pub(super) const USER_COLUMNS: &str = "SELECT name, unix, roles, created_at FROM users";

impl Store {
    /// Adds a node's first users before its daemon runs (`jaring node init --admin`, test
    /// kits): creates the data directory (0700) and the store if need be; a user that exists
    /// already under that name is left as it is.
    pub fn bootstrap_user(
        data_dir: &std::path::Path,
        agency: jaring_core::AgencyId,
        new: &NewUser,
        by: &str,
    ) -> Result<User> {
        use std::os::unix::fs::PermissionsExt;
        let io = |e: std::io::Error| {
            StoreError::Conflict(format!("data directory {}: {e}", data_dir.display()))
        };
        // Not beside a running daemon (or one starting, before its socket is bound): it
        // holds the store's audit head, and a second writer would fork the chain. The lock
        // makes a missing directory (0700); one that exists is made private below.
        let _lock =
            crate::data_lock::lock(data_dir).map_err(|e| StoreError::Conflict(e.to_string()))?;
        std::fs::set_permissions(data_dir, std::fs::Permissions::from_mode(0o700)).map_err(io)?;
        let store = Store::open(&data_dir.join("jaring.db"), agency)?;
        let existing = store.with(|c| {
            Ok(
                c.prepare_cached(&format!("{USER_COLUMNS} WHERE name = ?1"))?
                    .query_row([&new.name], user_row)
                    .optional()?,
            )
        })?;
        match existing {
            Some(user) => Ok(user),
            None => store.add_user(new, by),
        }
    }

    /// The user the local account `unix` acts as.
    pub fn user_by_unix(&self, unix: &str) -> Result<Option<User>> {
        self.with(|c| {
            Ok(
                c.prepare_cached(&format!("{USER_COLUMNS} WHERE unix = ?1"))?
                    .query_row([unix], user_row)
                    .optional()?,
            )
        })
    }

    /// Users by name, at most `limit + 1` after `after`.
    pub fn users(&self, limit: usize, after: Option<&str>) -> Result<Vec<User>> {
        self.with(|c| {
            let mut stmt = c.prepare(&format!(
                "{USER_COLUMNS} WHERE name > ?1 ORDER BY name LIMIT ?2"
            ))?;
            let rows =
                stmt.query_map(params![after.unwrap_or(""), (limit + 1) as i64], user_row)?;
            Ok(rows.collect::<std::result::Result<Vec<_>, _>>()?)
        })
    }

    /// Adds a user; `by` is the user (or tool) adding it, for the audit entry.
    pub fn add_user(&self, new: &NewUser, by: &str) -> Result<User> {
        check_name(&new.name).map_err(StoreError::Conflict)?;
        if new.unix.trim().is_empty() {
            return Err(StoreError::Conflict("unix: name the local account".into()));
        }
        let roles = Roles::new(new.roles.0.clone());
        self.transaction(|tx, me| {
            let taken: Option<String> = tx
                .query_row(
                    "SELECT name FROM users WHERE name = ?1 OR unix = ?2",
                    params![new.name, new.unix],
                    |r| r.get(0),
                )
                .optional()?;
            if let Some(name) = taken {
                return Err(StoreError::Conflict(format!(
                    "user {name} exists already with that name or local account"
                )));
            }
            let at = now_ms();
            tx.prepare_cached(
                "INSERT INTO users (name, unix, roles, created_at) VALUES (?1, ?2, ?3, ?4)",
            )?
            .execute(params![new.name, new.unix, roles.joined(), at])?;
            Store::audit(
                tx,
                me,
                AuditEntry {
                    detail: json!({"user": by, "name": new.name, "unix": new.unix, "roles": roles.joined()}),
                    ..AuditEntry::event("user-added")
                },
            )?;
            Ok(User {
                name: new.name.clone(),
                unix: new.unix.clone(),
                roles: roles.clone(),
                created_at: ts(at),
            })
        })
    }

    /// Removes a user. The last admin cannot be removed: nobody could manage users after.
    pub fn remove_user(&self, name: &str, by: &str) -> Result<User> {
        self.transaction(|tx, me| {
            let user = tx
                .prepare_cached(&format!("{USER_COLUMNS} WHERE name = ?1"))?
                .query_row([name], user_row)
                .optional()?
                .ok_or_else(|| StoreError::NotFound(format!("no user {name}")))?;
            if user.roles.has(Role::Admin) && admins(tx)? <= 1 {
                return Err(StoreError::Conflict(format!(
                    "{name} is the last admin: make another admin first"
                )));
            }
            tx.prepare_cached("DELETE FROM users WHERE name = ?1")?
                .execute([name])?;
            tx.prepare_cached("DELETE FROM console_sessions WHERE user = ?1")?
                .execute([name])?;
            Store::audit(
                tx,
                me,
                AuditEntry {
                    detail: json!({"user": by, "name": name}),
                    ..AuditEntry::event("user-removed")
                },
            )?;
            Ok(user)
        })
    }

    /// Replaces a user's roles. The last admin keeps `admin`.
    pub fn set_roles(&self, name: &str, roles: &Roles, by: &str) -> Result<User> {
        let roles = Roles::new(roles.0.clone());
        self.transaction(|tx, me| {
            let mut user = tx
                .prepare_cached(&format!("{USER_COLUMNS} WHERE name = ?1"))?
                .query_row([name], user_row)
                .optional()?
                .ok_or_else(|| StoreError::NotFound(format!("no user {name}")))?;
            if user.roles.has(Role::Admin) && !roles.has(Role::Admin) && admins(tx)? <= 1 {
                return Err(StoreError::Conflict(format!(
                    "{name} is the last admin: make another admin first"
                )));
            }
            tx.prepare_cached("UPDATE users SET roles = ?2 WHERE name = ?1")?
                .execute(params![name, roles.joined()])?;
            Store::audit(
                tx,
                me,
                AuditEntry {
                    detail: json!({"user": by, "name": name, "roles": roles.joined(), "was": user.roles.joined(), "self": by == name}),
                    ..AuditEntry::event("user-roles")
                },
            )?;
            user.roles = roles;
            Ok(user)
        })
    }

    /// Audits a refusal: who (`user` with its local account, or `account X` / `uid N` for an
    /// unknown caller) asked for what.
    pub fn denied(
        &self,
        user: &str,
        unix: Option<&str>,
        asked: &str,
        message: Option<&str>,
        why: &str,
    ) -> Result<()> {
        self.transaction(|tx, me| {
            Store::audit(
                tx,
                me,
                AuditEntry {
                    message,
                    detail: json!({"user": user, "unix": unix, "asked": asked, "why": why}),
                    ..AuditEntry::event("denied")
                },
            )
            .map(drop)
        })
    }
}

fn admins(tx: &rusqlite::Transaction<'_>) -> Result<i64> {
    let mut n = 0;
    let mut stmt = tx.prepare_cached("SELECT roles FROM users")?;
    let rows = stmt.query_map([], |r| r.get::<_, String>(0))?;
    for roles in rows {
        if roles_from(&roles?).has(Role::Admin) {
            n += 1;
        }
    }
    Ok(n)
}
