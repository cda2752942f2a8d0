//! The time zones offered on the profile page: common IANA names, west to east.

/// IANA time zone names a person can pick; the server accepts any valid one.
pub const TIME_ZONES: &[&str] = &[
    "UTC",
    "Pacific/Honolulu",
    "America/Anchorage",
    "America/Los_Angeles",
    "America/Vancouver",
    "America/Denver",
    "America/Phoenix",
    "America/Chicago",
    "America/Mexico_City",
    "America/New_York",
    "America/Toronto",
    "America/Bogota",
    "America/Lima",
    "America/Halifax",
    "America/Santiago",
    "America/Sao_Paulo",
    "America/Argentina/Buenos_Aires",
    "Atlantic/Reykjavik",
    "Europe/London",
    "Europe/Dublin",
    "Europe/Lisbon",
    "Africa/Lagos",
    "Europe/Paris",
    "Europe/Madrid",
    "Europe/Amsterdam",
    "Europe/Berlin",
    "Europe/Rome",
    "Europe/Stockholm",
    "Europe/Warsaw",
    "Africa/Johannesburg",
    "Africa/Cairo",
    "Europe/Athens",
    "Europe/Helsinki",
    "Europe/Istanbul",
    "Africa/Nairobi",
    "Asia/Dubai",
    "Asia/Karachi",
    "Asia/Kolkata",
    "Asia/Dhaka",
    "Asia/Bangkok",
    "Asia/Jakarta",
    "Asia/Singapore",
    "Asia/Shanghai",
    "Asia/Hong_Kong",
    "Asia/Manila",
    "Asia/Seoul",
    "Asia/Tokyo",
    "Australia/Perth",
    "Australia/Adelaide",
    "Australia/Brisbane",
    "Australia/Sydney",
    "Pacific/Auckland",
];

/// The list to offer a person: theirs first if it is not a common one, so it stays selected.
pub fn offered(current: &str) -> Vec<String> {
    let mut zones: Vec<String> = TIME_ZONES.iter().map(|z| z.to_string()).collect();
    if !current.is_empty() && !TIME_ZONES.contains(&current) {
        zones.insert(0, current.to_string());
    }
    zones
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_common_zones_are_offered_once_each() {
        for zone in [
            "UTC",
            "Europe/London",
            "Europe/Berlin",
            "America/New_York",
            "America/Los_Angeles",
            "Asia/Tokyo",
            "Australia/Sydney",
        ] {
            assert_eq!(
                TIME_ZONES.iter().filter(|z| **z == zone).count(),
                1,
                "{zone}"
            );
        }
        let mut sorted = TIME_ZONES.to_vec();
        sorted.sort_unstable();
        sorted.dedup();
        assert_eq!(sorted.len(), TIME_ZONES.len());
    }

    #[test]
    fn a_less_common_zone_of_the_person_stays_selectable() {
        assert_eq!(offered("Asia/Kathmandu")[0], "Asia/Kathmandu");
        assert_eq!(offered("Europe/Berlin").len(), TIME_ZONES.len());
    }

    #[cfg(feature = "ssr")]
    #[test]
    fn every_offered_zone_is_one_the_server_accepts() {
        for zone in TIME_ZONES {
            assert!(zone.parse::<chrono_tz::Tz>().is_ok(), "{zone}");
        }
    }
}
