//! The map of a compound's trail: an SVG drawn by the node, nothing fetched, no script.
//!
//! Country borders come from `assets/region.svg`, made once from Natural Earth's 1:50m
//! countries (the npm package world-atlas 2.0.2, vendored) by `tools/map/region_svg.py` and
//! committed. That file is drawn in an equirectangular projection, and this module uses the
//! same constants to place the trail's stops, then crops the view to the trail with the SVG
//! `viewBox` and includes only the countries whose box meets the view.
//!
//! Styling is by presentation attributes, never a `<style>` element or `style` attribute, so
//! the console's content security policy (no inline styles) holds for a map inlined in a page.

use std::fmt::Write;
use std::sync::OnceLock;

/// The committed base map.
const REGION_SVG: &str = include_str!("../assets/region.svg");

/// The projection of `assets/region.svg` (see tools/map/region_svg.py): x = (lon − LON0) · K ·
/// S, y = (LAT0 − lat) · S.
const LON0: f64 = 60.0;
const LAT0: f64 = 56.0;
/// cos 15°: the map's east–west scale is true at 15° N, the middle of the compounds' region.
const K: f64 = 0.965_925_826_289_068_3;
const S: f64 = 10.0;

/// Projects a position to the base map's units.
pub fn project(lat: f64, lon: f64) -> (f64, f64) {
    ((lon - LON0) * K * S, (LAT0 - lat) * S)
}

/// One country of the base map.
struct Country {
    /// Its box in map units: min x, min y, max x, max y.
    bbox: [f64; 4],
    /// The `<path …/>` element as committed.
    element: &'static str,
}

fn countries() -> &'static [Country] {
    static PARSED: OnceLock<Vec<Country>> = OnceLock::new();
    PARSED.get_or_init(|| {
        REGION_SVG
            .lines()
            .map(str::trim)
            .filter(|l| l.starts_with("<path "))
            .filter_map(|element| {
                let (_, rest) = element.split_once("data-bbox=\"")?;
                let (bbox, _) = rest.split_once('"')?;
                let mut n = bbox.split(' ').filter_map(|v| v.parse::<f64>().ok());
                let bbox = [n.next()?, n.next()?, n.next()?, n.next()?];
                Some(Country { bbox, element })
            })
            .collect()
    })
}

/// A position on the map.
#[derive(Debug, Clone, PartialEq)]
pub struct Stop {
    /// Latitude.
    pub lat: f64,
    /// Longitude.
    pub lon: f64,
    /// Its label (a place name).
    pub label: String,
}

/// A move between two stops (indexes into the stops), numbered in time order from 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Leg {
    /// Where from.
    pub from: usize,
    /// Where to.
    pub to: usize,
    /// Its number in time order.
    pub step: usize,
}

fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// The smallest span the view shows, in map units (3° of latitude): a trail inside one town
/// still shows the border it crossed.
const MIN_SPAN: f64 = 30.0;

/// Draws the trail: the countries around it, each stop as a labelled point, each leg as an
/// arrow from its stop to the next with its step number at its middle. `title` names the map
/// for screen readers.
pub fn draw(stops: &[Stop], legs: &[Leg], title: &str) -> String {
    let points: Vec<(f64, f64)> = stops.iter().map(|s| project(s.lat, s.lon)).collect();
    let (mut x0, mut y0, mut x1, mut y1) = points.iter().fold(
        (f64::MAX, f64::MAX, f64::MIN, f64::MIN),
        |(a, b, c, d), &(x, y)| (a.min(x), b.min(y), c.max(x), d.max(y)),
    );
    if points.is_empty() {
        // Mainland Southeast Asia.
        (x0, y0) = project(24.0, 92.0);
        (x1, y1) = project(5.0, 110.0);
    }
    let pad = ((x1 - x0).max(y1 - y0) * 0.2).max(MIN_SPAN / 2.0);
    let (x0, y0, x1, y1) = (x0 - pad, y0 - pad, x1 + pad, y1 + pad);
    let (w, h) = (x1 - x0, y1 - y0);
    let unit = w.max(h) / 100.0;

    let mut svg = String::with_capacity(64 * 1024);
    let _ = write!(
        svg,
        r##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="{x0:.1} {y0:.1} {w:.1} {h:.1}" role="img" aria-labelledby="trail-map-title" class="trail-map"><title id="trail-map-title">{}</title>"##,
        escape(title)
    );
    let _ = write!(
        svg,
        r##"<defs><marker id="trail-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0 0L10 5L0 10z" fill="#b3261e"/></marker></defs><rect x="{x0:.1}" y="{y0:.1}" width="{w:.1}" height="{h:.1}" fill="#dcebf5"/><g fill="#f4f1e8" stroke="#8a8578" stroke-width="0.8" vector-effect="non-scaling-stroke" stroke-linejoin="round">"##
    );
    for c in countries() {
        let [a, b, c2, d] = c.bbox;
        if a <= x1 && c2 >= x0 && b <= y1 && d >= y0 {
            svg.push_str(c.element);
        }
    }
    svg.push_str("</g>");
    let _ = write!(
        svg,
        r##"<g fill="none" stroke="#b3261e" stroke-width="{:.2}" marker-end="url(#trail-arrow)">"##,
        unit * 0.5
    );
    for leg in legs {
        let (Some(&(ax, ay)), Some(&(bx, by))) = (points.get(leg.from), points.get(leg.to)) else {
            continue;
        };
        if (ax - bx).abs() + (ay - by).abs() < f64::EPSILON {
            continue;
        }
        // A slight curve, so that a move back along the same road does not hide the first.
        let (mx, my) = ((ax + bx) / 2.0, (ay + by) / 2.0);
        let (nx, ny) = (-(by - ay) * 0.12, (bx - ax) * 0.12);
        let _ = write!(
            svg,
            r##"<path d="M{ax:.2} {ay:.2}Q{:.2} {:.2} {bx:.2} {by:.2}"/>"##,
            mx + nx,
            my + ny
        );
    }
    svg.push_str("</g>");
    let _ = write!(
        svg,
        r##"<g font-family="'Noto Sans',sans-serif" font-size="{:.2}" fill="#1c1b1f">"##,
        unit * 2.6
    );
    for leg in legs {
        let (Some(&(ax, ay)), Some(&(bx, by))) = (points.get(leg.from), points.get(leg.to)) else {
            continue;
        };
        let (mx, my) = (
            (ax + bx) / 2.0 - (by - ay) * 0.06,
            (ay + by) / 2.0 + (bx - ax) * 0.06,
        );
        let _ = write!(
            svg,
            r##"<circle cx="{mx:.2}" cy="{my:.2}" r="{:.2}" fill="#b3261e"/><text x="{mx:.2}" y="{my:.2}" dy="0.35em" text-anchor="middle" fill="#ffffff" font-size="{:.2}" font-weight="bold">{}</text>"##,
            unit * 1.9,
            unit * 2.2,
            leg.step
        );
    }
    for (stop, &(x, y)) in stops.iter().zip(&points) {
        let _ = write!(
            svg,
            r##"<circle cx="{x:.2}" cy="{y:.2}" r="{:.2}" fill="#1d4e89" stroke="#ffffff" stroke-width="1" vector-effect="non-scaling-stroke"/><text x="{:.2}" y="{:.2}" stroke="#ffffff" stroke-width="3" paint-order="stroke" vector-effect="non-scaling-stroke">{}</text>"##,
            unit * 1.1,
            x + unit * 1.6,
            y - unit * 1.2,
            escape(&stop.label)
        );
    }
    svg.push_str("</g></svg>");
    svg
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_base_map_is_read_and_the_trail_drawn_on_it() {
        assert!(countries().len() > 20, "{} countries", countries().len());
        let stops = vec![
            Stop {
                lat: 16.69,
                lon: 98.51,
                label: "Myawaddy".into(),
            },
            Stop {
                lat: 14.42,
                lon: 103.68,
                label: "O'Smach <KH>".into(),
            },
        ];
        let svg = draw(
            &stops,
            &[Leg {
                from: 0,
                to: 1,
                step: 1,
            }],
            "Trail",
        );
        assert!(svg.contains("O&#39;Smach &lt;KH&gt;"));
        assert!(svg.contains(r#"id="c104""#), "Myanmar is in view");
        assert!(svg.contains(r#"id="c116""#), "Cambodia is in view");
        assert!(!svg.contains(r#"id="c036""#), "Australia is not");
        assert!(!svg.contains("style"), "no inline style");
        let (x, y) = project(16.69, 98.51);
        assert!((x - 372.0).abs() < 0.1 && (y - 393.1).abs() < 0.1);
    }
}
