//! A time zone by its IANA name: the site's (`--time-zone`) and a member's own.

use chrono::{DateTime, Utc};
use chrono_tz::Tz;

/// A time zone of the IANA database, by name (`Europe/Berlin`, `UTC`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Zone(Tz);

impl Zone {
    /// The zone named `name`, exactly as the IANA database writes it, or a message saying what
    /// was expected.
    pub fn parse(name: &str) -> Result<Zone, String> {
        let name = name.trim();
        if name.is_empty() || name.len() > 64 {
            return Err("Give a time zone by its IANA name, such as Europe/Berlin or UTC.".into());
        }
        name.parse::<Tz>().map(Zone).map_err(|_| {
            format!(
                "`{name}` is not a time zone: give its IANA name, such as Europe/Berlin, \
                     America/Sao_Paulo or UTC."
            )
        })
    }

    pub const UTC: Zone = Zone(Tz::UTC);

    /// Its IANA name.
    pub fn name(self) -> &'static str {
        self.0.name()
    }

    /// `t` on this zone's clocks.
    pub fn local(self, t: DateTime<Utc>) -> DateTime<Tz> {
        t.with_timezone(&self.0)
    }

    /// The zone as chrono takes it, for the rules that compute with local hours.
    pub fn tz(self) -> Tz {
        self.0
    }

    /// Every zone's name, for a member's choice.
    pub fn all() -> impl Iterator<Item = &'static str> {
        chrono_tz::TZ_VARIANTS.iter().map(|z| z.name())
    }
}

impl Default for Zone {
    fn default() -> Self {
        Zone::UTC
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn zones_are_taken_by_their_iana_names_only() {
        assert_eq!(
            Zone::parse("Europe/Berlin").unwrap().name(),
            "Europe/Berlin"
        );
        assert_eq!(
            Zone::parse(" Europe/Berlin ").unwrap().name(),
            "Europe/Berlin"
        );
        assert_eq!(Zone::parse("UTC").unwrap(), Zone::UTC);
        let e = Zone::parse("Europe/Atlantis").unwrap_err();
        assert!(e.contains("`Europe/Atlantis` is not a time zone"), "{e}");
        assert!(Zone::parse("").is_err());
        assert!(Zone::parse("+02:00").is_err());
        assert!(Zone::all().any(|n| n == "America/Sao_Paulo"));
    }
}
