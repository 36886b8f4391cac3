//! Distances between places, and the rule for when two places are "the same place" for
//! correlation: within `radius_km` of each other once each one's stated precision is allowed
//! for, unless either is known so vaguely that nearness would mean nothing.

use crate::facets::PlaceKey;

/// The mean Earth radius (IUGG), in kilometres.
const EARTH_KM: f64 = 6371.0088;

/// Great-circle distance in kilometres (haversine).
pub fn distance_km(a: (f64, f64), b: (f64, f64)) -> f64 {
    let (lat1, lon1) = (a.0.to_radians(), a.1.to_radians());
    let (lat2, lon2) = (b.0.to_radians(), b.1.to_radians());
    let h = ((lat2 - lat1) / 2.0).sin().powi(2)
        + lat1.cos() * lat2.cos() * ((lon2 - lon1) / 2.0).sin().powi(2);
    2.0 * EARTH_KM * h.sqrt().min(1.0).asin()
}

/// A place known only within more than this many radii is too vague to link by distance.
pub const VAGUE_RADII: f64 = 2.0;

/// The distance between two places when they count as near: the distance between their
/// centres less both precisions is at most `radius_km`, and neither precision is wider than
/// [`VAGUE_RADII`] radii.
pub fn near(a: &PlaceKey, b: &PlaceKey, radius_km: f64) -> Option<f64> {
    let (pa, pb) = (
        f64::from(a.precision_m) / 1000.0,
        f64::from(b.precision_m) / 1000.0,
    );
    if pa > VAGUE_RADII * radius_km || pb > VAGUE_RADII * radius_km {
        return None;
    }
    let d = distance_km((a.lat, a.lon), (b.lat, b.lon));
    (d - pa - pb <= radius_km).then_some(d)
}

/// A latitude and longitude box that holds every place within `km` of (lat, lon), for an
/// index range scan before the exact test: (lat_min, lat_max, lon_min, lon_max).
pub fn bounding_box(lat: f64, lon: f64, km: f64) -> (f64, f64, f64, f64) {
    let dlat = (km / EARTH_KM).to_degrees();
    let cos = lat.to_radians().cos().abs().max(0.01);
    let dlon = (dlat / cos).min(180.0);
    (
        (lat - dlat).max(-90.0),
        (lat + dlat).min(90.0),
        lon - dlon,
        lon + dlon,
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::facets::End;

    fn at(lat: f64, lon: f64, precision_m: u32) -> PlaceKey {
        PlaceKey {
            end: End::To,
            lat,
            lon,
            precision_m,
        }
    }

    #[test]
    fn distances_and_nearness() {
        // Myawaddy to Mae Sot, across the Moei river: about 5 km.
        let d = distance_km((16.69, 98.51), (16.713, 98.571));
        assert!((5.0..8.0).contains(&d), "{d}");
        // Phnom Penh to Bangkok: about 530 km.
        let d = distance_km((11.55, 104.92), (13.75, 100.50));
        assert!((520.0..545.0).contains(&d), "{d}");
        assert!(near(&at(16.69, 98.51, 0), &at(16.713, 98.571, 0), 25.0).is_some());
        assert!(near(&at(16.69, 98.51, 0), &at(16.95, 98.51, 0), 25.0).is_none());
        // 29 km apart, but one is known only within 5 km.
        assert!(near(&at(16.69, 98.51, 5000), &at(16.95, 98.51, 0), 25.0).is_some());
        // Known within 60 km (more than two radii): too vague to say anything.
        assert!(near(&at(16.69, 98.51, 60_000), &at(16.69, 98.51, 0), 25.0).is_none());
        let (a, b, c, e) = bounding_box(16.69, 98.51, 25.0);
        assert!(a < 16.69 && b > 16.69 && c < 98.51 && e > 98.51);
    }
}
