//! Verbs that talk to the local daemon over its socket.

use std::path::Path;

use anyhow::{bail, Context, Result};
use jaring_api::messages::{InboxQuery, MessageBody, SendRequest, Sent, StatusUpdate, Summary};
use jaring_api::users::NewUser;
use jaring_api::{Page, PageQuery, Roles};
use jaring_core::{AgencyId, Kind, Timestamp};
use jaring_node::client::{Client, ClientError};
use jaring_node::Config;
use serde_json::{json, Value};

use crate::cli::{
    AlertCommand, AlertFields, Audience, FollowArgs, InboxArgs, ListArgs, Listing, ReferralCommand,
    ReferralSendArgs, ShowArgs, UserCommand,
};
use crate::output::{print_json, read_input};

/// A client of the daemon at `daemon`: its socket itself (`--socket`), or a node
/// configuration that names it (`--config`).
fn client(daemon: &Path) -> Result<Client> {
    use std::os::unix::fs::FileTypeExt;
    if std::fs::metadata(daemon).is_ok_and(|m| m.file_type().is_socket()) {
        return Ok(Client::new(daemon));
    }
    let config = Config::load(daemon)
        .with_context(|| "cannot find the daemon: pass --config FILE or set JARING_CONFIG")?;
    Ok(Client::new(&config.socket_path()))
}

fn runtime() -> Result<tokio::runtime::Runtime> {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .context("cannot start the runtime")
}

/// Runs one typed call (or a few) against the local daemon.
pub fn with_client<T, F>(config: &Path, f: impl FnOnce(Client) -> F) -> Result<T>
where
    F: std::future::Future<Output = Result<T, ClientError>>,
{
    let client = client(config)?;
    runtime()?.block_on(f(client)).map_err(anyhow::Error::from)
}

/// Fetches a list page by page: one page of `listing.limit` rows, or, with `--all`, every
/// page. Returns the rows and whether more remain unshown.
pub fn pages<T, F, Fut>(config: &Path, listing: Listing, fetch: F) -> Result<(Vec<T>, bool)>
where
    F: Fn(Client, PageQuery) -> Fut,
    Fut: std::future::Future<Output = Result<Page<T>, ClientError>>,
{
    let client = client(config)?;
    runtime()?.block_on(async {
        let mut rows = Vec::new();
        let mut cursor = None;
        // --all pages through everything; a bound keeps a runaway list from looping forever.
        for _ in 0..100_000 {
            let q = PageQuery {
                limit: if listing.all {
                    Some(jaring_api::paging::MAX_LIMIT)
                } else {
                    listing.limit
                },
                cursor: cursor.take(),
            };
            let page = fetch(client.clone(), q).await?;
            rows.extend(page.items);
            match page.next {
                Some(next) if listing.all => cursor = Some(next),
                Some(_) => return Ok((rows, true)),
                None => return Ok((rows, false)),
            }
        }
        Ok((rows, true))
    })
}

/// Says on stderr that a list shows only part, and how to see the rest.
fn say_partial(more: bool, shown: usize) {
    if more {
        eprintln!(
            "showing the first {shown}; more remain: --limit N for more, --all for every one"
        );
    }
}

/// `--indicator TYPE=VALUE[,platform=...]...`.
fn indicator(text: &str) -> Result<Value> {
    let (head, attrs) =
        jaring_core::body::trailing_attributes(text, &jaring_core::body::INDICATOR_ATTRIBUTES);
    let (t, v) = head.split_once('=').with_context(|| {
        format!("--indicator `{text}`: use TYPE=VALUE, e.g. domain=gf-invest.example")
    })?;
    let mut ind = json!({"type": t.trim(), "value": v.trim()});
    for (k, v) in attrs {
        ind[k] = v.into();
    }
    Ok(ind)
}

/// `--operator NAME[,alias=A]...[,kind=K]`.
fn operator(text: &str) -> Result<Value> {
    let op = jaring_core::body::operator_from_line(text);
    anyhow::ensure!(
        op["name"].as_str().is_some_and(|n| !n.is_empty()),
        "--operator `{text}`: give a name, e.g. \"Example Holdings,alias=EHG,kind=company\""
    );
    Ok(op)
}

/// `CC[:PLACE][@LAT,LON]` → a place object.
fn place(text: &str, flag: &str) -> Result<Value> {
    let (head, coords) = match text.split_once('@') {
        Some((h, c)) => (h, Some(c)),
        None => (text, None),
    };
    let (country, name) = match head.split_once(':') {
        Some((c, n)) => (c, Some(n)),
        None => (head, None),
    };
    let mut p = json!({"country": country.trim().to_uppercase()});
    if let Some(n) = name.filter(|n| !n.trim().is_empty()) {
        p["name"] = n.trim().into();
    }
    if let Some(c) = coords {
        let (lat, lon) = c
            .split_once(',')
            .with_context(|| format!("{flag}: coordinates are LAT,LON, e.g. @16.69,98.51"))?;
        p["lat"] = lat
            .trim()
            .parse::<f64>()
            .with_context(|| format!("{flag}: latitude `{lat}` is not a number"))?
            .into();
        p["lon"] = lon
            .trim()
            .parse::<f64>()
            .with_context(|| format!("{flag}: longitude `{lon}` is not a number"))?
            .into();
    }
    Ok(p)
}

fn body_file(path: &Path) -> Result<Value> {
    serde_json::from_slice(&read_input(Some(path))?)
        .with_context(|| format!("{} is not JSON", path.display()))
}

/// The body of an alert from its flags. `new_compound`: a post, whose compound gets a fresh
/// reference unless one is given; an update keeps what it is given (a fresh one would move
/// the alert out of its trail).
fn alert_body(f: &AlertFields, new_compound: bool) -> Result<Value> {
    if let Some(path) = &f.body {
        return body_file(path);
    }
    let need = |v: &Option<String>, flag: &str| {
        v.clone().with_context(|| {
            format!("{flag} is required (or give the whole body with --body FILE)")
        })
    };
    let mut b = json!({
        "compound": {"name": need(&f.compound, "--compound")?},
        "from": place(&need(&f.from, "--from")?, "--from")?,
        "to": place(&need(&f.to_place, "--to-place")?, "--to-place")?,
        "observed_at": f.observed.unwrap_or_else(Timestamp::now),
        "source_reliability": need(&f.reliability, "--reliability")?,
        "info_credibility": need(&f.credibility, "--credibility")?,
    });
    if !f.aliases.is_empty() {
        b["compound"]["aliases"] = json!(f.aliases);
    }
    if let Some(n) = f.persons {
        b["estimated_persons"] = n.into();
    }
    if !f.nationalities.is_empty() {
        b["nationalities"] = json!(f
            .nationalities
            .iter()
            .map(|c| c.to_uppercase())
            .collect::<Vec<_>>());
    }
    if !f.indicators.is_empty() {
        let list = f
            .indicators
            .iter()
            .map(|i| indicator(i))
            .collect::<Result<Vec<_>>>()?;
        b["indicators"] = json!(list);
    }
    if !f.no_compound_ref {
        // A new compound gets a fresh reference; later alerts about it repeat it.
        let r = match f.compound_ref {
            Some(r) => Some(r),
            None if new_compound => Some(uuid::Uuid::new_v4()),
            None => None,
        };
        if let Some(r) = r {
            b["compound"]["ref"] = r.hyphenated().to_string().into();
        }
    }
    if !f.operators.is_empty() {
        let list = f
            .operators
            .iter()
            .map(|o| operator(o))
            .collect::<Result<Vec<_>>>()?;
        b["operators"] = json!(list);
    }
    if !f.scam_types.is_empty() {
        b["scam_types"] = json!(f.scam_types);
    }
    for (end, precision, admin) in [
        ("from", f.from_precision, &f.from_admin),
        ("to", f.to_precision, &f.to_admin),
    ] {
        if let Some(p) = precision {
            b[end]["precision_m"] = p.into();
        }
        if let Some(a) = admin {
            b[end]["admin"] = a.clone().into();
        }
    }
    if let Some(n) = &f.narrative {
        b["narrative"] = n.clone().into();
    }
    Ok(b)
}

fn audience(a: &Audience, req: &mut Value) {
    req["to"] = json!(a.to);
    if let Some(role) = a.to_role {
        req["to_role"] = json!(role);
    }
    req["to_all"] = a.to_all.into();
}

fn report_sent(result: &Sent, json_out: bool, what: &str) {
    if json_out {
        print_json(result);
        return;
    }
    println!("{}", result.id);
    if result.background {
        eprintln!(
            "{what} sealed to {} and stored; publishing in the background (`jaring show {}` gives its deliveries)",
            result.recipients.join(", "),
            result.id
        );
        return;
    }
    let unacked = result.published.iter().filter(|p| !p.acknowledged).count();
    eprintln!(
        "{what} sealed to {} and published{}",
        result.recipients.join(", "),
        if unacked > 0 {
            format!("; {unacked} subject(s) not yet acknowledged, retrying")
        } else {
            String::new()
        }
    );
}

/// Sends a request built as JSON (the CLI's flags make a body), typed on the way.
fn send(config: &Path, req: Value) -> Result<Sent> {
    let req: SendRequest = serde_json::from_value(req).map_err(|e| anyhow::anyhow!("{e}"))?;
    with_client(config, |c| async move { c.send(&req).await })
}

/// `jaring alert ...`.
pub fn alert(config: &Path, cmd: AlertCommand) -> Result<()> {
    let (req, json_out, what) = match cmd {
        AlertCommand::Post {
            audience: a,
            fields,
            tlp,
            expires,
            background,
            json,
        } => {
            if a.to.is_empty() && a.to_role.is_none() && !a.to_all {
                bail!("say who gets the alert: --to A[,B...], --to-role ROLE or --to-all");
            }
            let mut req = json!({"kind": Kind::CompoundRelocationAlert, "body": alert_body(&fields, true)?, "tlp": tlp, "expires_at": expires, "background": background});
            audience(&a, &mut req);
            (req, json, "alert")
        }
        AlertCommand::Update {
            id,
            audience: a,
            fields,
            tlp,
            json,
        } => {
            let mut body = alert_body(&fields, false)?;
            // An update replaces the alert's whole body: one that names no reference of its
            // own keeps the reference of the alert it updates, or it would leave its
            // compound's trail (`--no-compound-ref` takes it out on purpose).
            if fields.body.is_none() && fields.compound_ref.is_none() && !fields.no_compound_ref {
                let of = id.to_string();
                let original = with_client(config, |c| async move { c.show(&of, None).await })?;
                if let MessageBody::Alert(a) = &original.body {
                    if let Some(r) = &a.compound.reference {
                        body["compound"]["ref"] = r.as_str().into();
                    }
                }
            }
            let mut req =
                json!({"kind": Kind::AlertUpdate, "body": body, "refs": [id], "tlp": tlp});
            audience(&a, &mut req);
            (req, json, "update")
        }
        AlertCommand::Cancel { id, reason, json } => (
            json!({"kind": Kind::AlertCancel, "body": {"reason": reason}, "refs": [id]}),
            json,
            "cancellation",
        ),
    };
    let result = send(config, req)?;
    report_sent(&result, json_out, what);
    Ok(())
}

fn referral_body(a: &ReferralSendArgs) -> Result<Value> {
    if let Some(path) = &a.body {
        return body_file(path);
    }
    let need = |v: &Option<String>, flag: &str| {
        v.clone().with_context(|| {
            format!("{flag} is required (or give the whole body with --body FILE)")
        })
    };
    let mut b = json!({
        "case_ref": need(&a.case_ref, "--case-ref")?,
        "nationality": need(&a.nationality, "--nationality")?.to_uppercase(),
        "identified_at": a.identified.unwrap_or_else(Timestamp::now),
        "location": place(&need(&a.location, "--location")?, "--location")?,
        "consent": consent(a)?,
        "needs": a.needs,
        "non_punishment": a.non_punishment,
        "risk": need(&a.risk, "--risk")?,
    });
    if a.person_name.is_some() || a.person_dob.is_some() {
        let mut p = json!({});
        if let Some(n) = &a.person_name {
            p["name"] = n.clone().into();
        }
        if let Some(d) = &a.person_dob {
            p["date_of_birth"] = d.clone().into();
        }
        b["person"] = p;
    }
    if let Some(n) = &a.notes {
        b["notes"] = n.clone().into();
    }
    Ok(b)
}

/// `jaring referral ...`.
pub fn referral(config: &Path, cmd: ReferralCommand) -> Result<()> {
    match cmd {
        ReferralCommand::Send(a) => {
            let req = json!({"kind": Kind::VictimReferral, "to": [a.to], "body": referral_body(&a)?, "tlp": a.tlp, "background": a.background});
            let result = send(config, req)?;
            report_sent(&result, a.json, "referral");
        }
        ReferralCommand::Status {
            id,
            status,
            note,
            to,
            json,
        } => {
            let update = StatusUpdate {
                status: status.to_string(),
                notes: note,
                to: to.map(|a| a.to_string()),
            };
            let id = id.to_string();
            let result = with_client(
                config,
                |c| async move { c.referral_status(&id, &update).await },
            )?;
            report_sent(&result, json, &format!("status `{status}`"));
        }
    }
    Ok(())
}

fn line(m: &Summary) -> String {
    let out = m.direction == jaring_api::messages::Direction::Out;
    format!(
        "{}  {}  {:<26} {:<14} {:<12} {}{}",
        m.stored_at,
        if m.read || out { " " } else { "*" },
        m.kind,
        if out {
            format!("to {}", m.recipients.len())
        } else {
            m.sender.clone()
        },
        m.tlp,
        m.id,
        m.state
            .as_deref()
            .map(|s| format!("  [{s}]"))
            .unwrap_or_default(),
    )
}

/// `jaring inbox`.
pub fn inbox(config: &Path, a: InboxArgs) -> Result<()> {
    let base = InboxQuery {
        kind: a.kind,
        from: a.from.map(|f| f.to_string()),
        since: a.since.map(|s| s.to_string()),
        unread: a.unread,
        sent: a.sent,
        ..InboxQuery::default()
    };
    let (rows, more) = pages(config, a.listing, |c, p| {
        let q = InboxQuery {
            limit: p.limit,
            cursor: p.cursor,
            ..base.clone()
        };
        async move { c.inbox(&q).await }
    })?;
    if a.json {
        print_json(&rows);
    } else {
        if rows.is_empty() {
            println!("no messages");
        }
        for m in &rows {
            println!("{}", line(m));
        }
    }
    say_partial(more, rows.len());
    Ok(())
}

/// `jaring show`.
pub fn show(config: &Path, a: ShowArgs) -> Result<()> {
    let id = a.id.to_string();
    let sender = a.sender.as_ref().map(AgencyId::to_string);
    let m = with_client(
        config,
        |c| async move { c.show(&id, sender.as_deref()).await },
    )?;
    if a.json {
        print_json(&m);
        return Ok(());
    }
    let h = &m.header;
    println!("{} {}", h.kind, h.id);
    println!(
        "  from {}  to {}",
        h.sender,
        m.summary.recipients.join(", ")
    );
    println!(
        "  TLP {}  created {}  refs {}",
        h.tlp,
        h.created_at,
        h.refs
            .iter()
            .map(|r| r.to_string())
            .collect::<Vec<_>>()
            .join(", ")
    );
    if let Some(state) = &m.summary.state {
        println!("  state: {state}");
    }
    println!(
        "{}",
        serde_json::to_string_pretty(&m.body).unwrap_or_default()
    );
    if let Some(r) = &m.referral {
        println!("referral: {} (with {})", r.status, r.counterpart);
        for e in &r.history {
            println!("  {}  {:<12} by {}  ({})", e.at, e.status, e.by, e.message);
        }
    }
    if !m.related.is_empty() {
        println!("related alerts:");
        for r in &m.related {
            let via: Vec<String> = r
                .via
                .iter()
                .map(|v| format!("{} {}", v.facet, v.value))
                .collect();
            println!(
                "  {} from {}  {}  observed {}  (shares {})",
                r.id,
                r.sender,
                r.compound,
                r.observed_at,
                via.join("; ")
            );
        }
    }
    super::correlate::print_flagged(&m.flagged);
    if !m.deliveries.is_empty() {
        println!("delivery:");
        for d in &m.deliveries {
            println!(
                "  {:<14} {:<10} {} (published {} time(s))",
                d.recipient,
                d.state,
                d.error.as_deref().unwrap_or_default(),
                d.attempts
            );
        }
    }
    Ok(())
}

/// `jaring follow`.
pub fn follow(config: &Path, a: FollowArgs) -> Result<()> {
    let client = client(config)?;
    runtime()?.block_on(async {
        tokio::select! {
            r = client.follow(a.kind, |e| {
                if a.json { print_json(&e) } else {
                    println!("{}  {:<26} {:<14} {:<12} {}", e.created_at, e.kind.as_str(), e.sender, e.tlp.as_str(), e.id);
                }
            }) => r.map_err(anyhow::Error::from),
            _ = tokio::signal::ctrl_c() => Ok(()),
        }
    })
}

/// `jaring status`.
pub fn status(config: &Path, json_out: bool) -> Result<()> {
    let s = with_client(config, |c| async move { c.status().await })?;
    if json_out {
        print_json(&s);
        return Ok(());
    }
    println!("agency      {}", s.agency);
    println!("connection  {} ({})", s.connection, s.server);
    println!(
        "directory   serial {}, {} agencies, expires {}",
        s.directory.serial, s.directory.agencies, s.directory.expires_at
    );
    if let Some(r) = &s.directory.last_refused {
        println!("            last offered directory refused: {r}");
    }
    for (family, lag) in &s.consumer_lag {
        match lag {
            Some(l) => println!(
                "lag {:<8} {} pending, {} unacknowledged",
                family, l.pending, l.unacknowledged
            ),
            None => println!("lag {family:<8} unknown (the hub did not answer)"),
        }
    }
    let c = &s.counts;
    println!(
        "messages    {} received ({} unread), {} sent, {} quarantined",
        c.received, c.unread, c.sent, c.quarantined
    );
    println!(
        "deliveries  {} pending, {} failed; {} receipts owed",
        c.deliveries_pending, c.deliveries_failed, c.receipts_owed
    );
    if s.store != "ok" {
        println!(
            "store       CANNOT COMMIT: {} (nothing is acknowledged; retrying)",
            s.store
        );
    }
    for a in &s.alarms {
        println!("alarm       {} {}: {}", a.at, a.peer, a.reason);
    }
    match &s.last_error {
        Some(e) => println!("last error  {} {}", e.at, e.error),
        None => println!("last error  none"),
    }
    Ok(())
}

/// `jaring quarantine`.
pub fn quarantine(config: &Path, a: ListArgs) -> Result<()> {
    let (rows, more) = pages(
        config,
        a.listing,
        |c, q| async move { c.quarantine(&q).await },
    )?;
    if a.json {
        print_json(&rows);
    } else {
        if rows.is_empty() {
            println!("nothing quarantined");
        }
        for q in &rows {
            println!(
                "{}  {:<17} {:<40} {}{}: {}",
                q.at,
                q.code,
                q.subject,
                q.sender.as_deref().unwrap_or("?"),
                if q.sender_verified {
                    ""
                } else {
                    " (unverified)"
                },
                q.detail
            );
        }
    }
    say_partial(more, rows.len());
    Ok(())
}

/// `jaring whoami`.
pub fn whoami(config: &Path, json_out: bool) -> Result<()> {
    let me = with_client(config, |c| async move { c.whoami().await })?;
    if json_out {
        print_json(&me);
    } else {
        println!(
            "{} (local account {}) at {}: {}",
            me.user.name,
            me.user.unix,
            me.agency,
            if me.user.roles.0.is_empty() {
                "no role".to_owned()
            } else {
                me.user.roles.joined()
            }
        );
    }
    Ok(())
}

/// `jaring user ...`.
pub fn user(config: &Path, cmd: UserCommand) -> Result<()> {
    match cmd {
        UserCommand::Add {
            name,
            unix,
            roles,
            json,
        } => {
            let new = NewUser {
                unix: unix.unwrap_or_else(|| name.clone()),
                name,
                roles: Roles::new(roles),
            };
            let user = with_client(config, |c| async move { c.user_add(&new).await })?;
            if json {
                print_json(&user);
            } else {
                println!(
                    "added {} (local account {}) with roles {}",
                    user.name,
                    user.unix,
                    user.roles.joined()
                );
            }
        }
        UserCommand::List(a) => {
            let (rows, more) = pages(config, a.listing, |c, q| async move { c.users(&q).await })?;
            if a.json {
                print_json(&rows);
            } else {
                for u in &rows {
                    println!("{:<24} {:<16} {}", u.name, u.unix, u.roles.joined());
                }
            }
            say_partial(more, rows.len());
        }
        UserCommand::Passwd { name, totp, json } => {
            let password = read_password(&name)?;
            let req = jaring_api::users::PasswordSet {
                password: password.to_string(),
                totp,
            };
            let answer = with_client(
                config,
                |c| async move { c.user_password(&name, &req).await },
            )?;
            if json {
                print_json(&answer);
            } else {
                println!(
                    "console password set for {}; their sessions were ended",
                    answer.name
                );
                if let (Some(secret), Some(uri)) = (&answer.totp_secret, &answer.totp_uri) {
                    println!(
                        "TOTP secret (shown once; enter it in an authenticator app): {secret}"
                    );
                    println!("{uri}");
                }
            }
        }
        UserCommand::TotpCode { secret_file } => {
            jaring_core::keys::check_private(&secret_file).with_context(|| {
                format!(
                    "{} must be readable by its owner only",
                    secret_file.display()
                )
            })?;
            let secret = zeroize::Zeroizing::new(
                std::fs::read_to_string(&secret_file)
                    .with_context(|| format!("cannot read {}", secret_file.display()))?,
            );
            let now = std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .context("the clock is before 1970")?
                .as_secs();
            let code = jaring_console::totp::code_at(secret.trim(), now).with_context(|| {
                format!("{} holds no base32 TOTP secret", secret_file.display())
            })?;
            println!("{code}");
        }
        UserCommand::Remove { name } => {
            let user = with_client(config, |c| async move { c.user_remove(&name).await })?;
            println!("removed {}", user.name);
        }
        UserCommand::SetRoles { name, roles } => {
            let update = jaring_api::users::RolesUpdate {
                roles: Roles::new(roles),
            };
            let user = with_client(
                config,
                |c| async move { c.user_roles(&name, &update).await },
            )?;
            println!("{} now holds {}", user.name, user.roles.joined());
        }
    }
    Ok(())
}

/// A referral's consent, as the flags state it: given, or not given with its lawful basis;
/// never silently neither.
fn consent(a: &crate::cli::ReferralSendArgs) -> anyhow::Result<serde_json::Value> {
    match (a.consent, a.no_consent, &a.basis) {
        (true, false, None) => Ok(json!({"given": true, "scope": a.consent_scope})),
        (false, true, Some(basis)) => {
            Ok(json!({"given": false, "scope": a.consent_scope, "basis": basis}))
        }
        _ => anyhow::bail!(
            "state the person's consent: --consent, or --no-consent --basis vital-interest|legal-obligation|public-interest"
        ),
    }
}

/// A new console password: from the terminal (asked twice, not echoed), or one line of
/// standard input when it is not a terminal.
fn read_password(name: &str) -> anyhow::Result<zeroize::Zeroizing<String>> {
    use std::io::IsTerminal;
    if std::io::stdin().is_terminal() {
        let first = zeroize::Zeroizing::new(
            rpassword::prompt_password(format!("new console password for {name}: "))
                .context("cannot read the password from the terminal")?,
        );
        let again = zeroize::Zeroizing::new(
            rpassword::prompt_password("the same again: ")
                .context("cannot read the password from the terminal")?,
        );
        anyhow::ensure!(
            *first == *again,
            "the two passwords differ: nothing was changed"
        );
        Ok(first)
    } else {
        let mut line = zeroize::Zeroizing::new(String::new());
        std::io::stdin()
            .read_line(&mut line)
            .context("cannot read the password from standard input")?;
        let trimmed = zeroize::Zeroizing::new(line.trim_end_matches(['\r', '\n']).to_owned());
        Ok(trimmed)
    }
}
