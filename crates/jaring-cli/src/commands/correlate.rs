//! `jaring correlate` and `jaring compound`: searches of the correlation index, a compound's
//! trail, decisions on suggested links, and rebuilding the index. Everything goes through the
//! node's typed API; the node checks the role and audits the view.

use std::path::Path;

use anyhow::Result;
use jaring_api::correlation::{Decision, Flagged, Trail, Via};
use jaring_core::body::Place;

use super::online::with_client;
use crate::cli::{CompoundCommand, CorrelateCommand, DecisionArgs};
use crate::output::{print_json, write_atomic};

fn vias(via: &[Via]) -> String {
    via.iter()
        .map(|v| format!("{} {}", v.facet, v.value))
        .collect::<Vec<_>>()
        .join("; ")
}

fn place(p: &Place) -> String {
    let mut s = p.name.clone().unwrap_or_default();
    if let Some(a) = &p.admin {
        s = if s.is_empty() {
            a.clone()
        } else {
            format!("{s}, {a}")
        };
    }
    if s.is_empty() {
        p.country.clone()
    } else {
        format!("{s} ({})", p.country)
    }
}

/// `jaring correlate ...`.
pub fn correlate(config: &Path, cmd: CorrelateCommand) -> Result<()> {
    match cmd {
        CorrelateCommand::Search { value, json } => {
            let a = with_client(config, |c| async move { c.correlate_search(&value).await })?;
            if json {
                print_json(&a);
                return Ok(());
            }
            println!("looked up: {}", vias(&a.keys));
            for v in &a.excluded {
                println!("  excluded (never links): {} {}", v.facet, v.value);
            }
            for f in &a.flagged {
                println!(
                    "  over the cap (links nothing): {} {} in {}+ alerts",
                    f.facet, f.value, f.alerts
                );
            }
            if a.hits.is_empty() {
                println!("no alert holds it");
            }
            for h in &a.hits {
                println!(
                    "{}  from {}  {}  observed {}  ({})",
                    h.id,
                    h.sender,
                    h.compound,
                    h.observed_at,
                    vias(&h.via)
                );
            }
            Ok(())
        }
        CorrelateCommand::Rebuild(f) => {
            let r = with_client(config, |c| async move { c.correlate_rebuild().await })?;
            if f.json {
                print_json(&r);
            } else {
                println!(
                    "rebuilt: {} alerts, {} index rows; {} stored alerts left out (they did not open)",
                    r.alerts, r.rows, r.skipped
                );
            }
            Ok(())
        }
    }
}

/// `jaring compound ...`.
pub fn compound(config: &Path, cmd: CompoundCommand) -> Result<()> {
    match cmd {
        CompoundCommand::Trail {
            compound,
            json,
            svg,
        } => {
            let t = with_client(config, |c| async move { c.trail(&compound).await })?;
            if let Some(path) = &svg {
                write_atomic(path, t.svg.as_bytes())?;
            }
            if json {
                print_json(&t);
            } else {
                print_trail(&t);
                if let Some(path) = svg {
                    println!("map written to {}", path.display());
                }
            }
            Ok(())
        }
        CompoundCommand::Confirm(a) => decide(config, a, "confirm"),
        CompoundCommand::Dismiss(a) => decide(config, a, "dismiss"),
    }
}

fn print_trail(t: &Trail) {
    println!("compound {}", t.names.join(" / "));
    match &t.reference {
        Some(r) => println!("  reference {r}"),
        None => println!("  no reference; decisions are filed under `{}`", t.key),
    }
    println!("positions, in time order:");
    for p in &t.positions {
        println!(
            "  {:>3}. {}  {} -> {}  reported by {} ({}, TLP {})  alert {}",
            p.step,
            p.observed_at,
            place(&p.from),
            place(&p.to),
            p.sender,
            p.grading,
            p.tlp,
            p.id
        );
    }
    if !t.links.is_empty() {
        println!("linked by:");
        for l in &t.links {
            println!("  {} ~ {}: {}", l.a, l.b, vias(&l.via));
        }
    }
    if !t.suggestions.is_empty() {
        println!("may belong (confirm or dismiss with `jaring compound confirm|dismiss {} ID --sender S`):", t.key);
        for s in &t.suggestions {
            println!(
                "  {} from {}  {}  to {}  observed {}  ({}){}",
                s.id,
                s.sender,
                s.compound,
                place(&s.to),
                s.observed_at,
                vias(&s.via),
                if s.own {
                    "  [own alert: --share sends the reference]"
                } else {
                    ""
                }
            );
        }
    }
    print_flagged(&t.flagged);
}

/// Values over the cap, one line each (a trail's, or an alert's in `jaring show`): the count
/// is a lower bound, the node counts no further than the cap and one more.
pub(crate) fn print_flagged(flagged: &[Flagged]) {
    for f in flagged {
        println!(
            "over the cap (linked nothing): {} {} in {}+ alerts",
            f.facet, f.value, f.alerts
        );
    }
}

fn decide(config: &Path, a: DecisionArgs, decision: &str) -> Result<()> {
    let d = Decision {
        trail: a.trail,
        id: a.id.to_string(),
        sender: a.sender.to_string(),
        decision: decision.to_owned(),
        share: a.share,
    };
    let answer = with_client(config, |c| async move { c.trail_decision(&d).await })?;
    if a.json {
        print_json(&answer);
    } else {
        match &answer.update {
            Some(u) => println!("{}; alert-update {u} sent", answer.recorded),
            None => println!("{}", answer.recorded),
        }
    }
    Ok(())
}
