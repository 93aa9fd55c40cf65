//! Calendar arithmetic: the proleptic Gregorian calendar by day numbers,
//! ISO weeks, the publication anchor, and the Umm al-Qura Hijri calendar
//! (through `icu_calendar`, whose KACST tables are the official Saudi ones).

use icu_calendar::cal::Hijri;
use icu_calendar::Date;

/// A Gregorian calendar date (proleptic, no year 0 issues for news dates).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Ymd {
    /// Year.
    pub y: i32,
    /// Month 1–12.
    pub m: u32,
    /// Day 1–31.
    pub d: u32,
}

impl Ymd {
    /// A date when it exists in the calendar (no 31 February).
    pub fn new(y: i32, m: u32, d: u32) -> Option<Ymd> {
        let ok =
            (1..=9999).contains(&y) && (1..=12).contains(&m) && d >= 1 && d <= days_in_month(y, m);
        ok.then_some(Ymd { y, m, d })
    }

    /// Days since 1970-01-01.
    pub fn days(&self) -> i64 {
        days_from_civil(self.y as i64, self.m as i64, self.d as i64)
    }

    /// The date `n` days later (earlier when negative).
    pub fn add_days(&self, n: i64) -> Ymd {
        civil_from_days(self.days() + n)
    }

    /// ISO weekday, Monday = 1 … Sunday = 7.
    pub fn weekday(&self) -> u32 {
        // 1970-01-01 was a Thursday (4).
        ((self.days() + 3).rem_euclid(7) + 1) as u32
    }

    /// ISO 8601 week `(year, week)`.
    pub fn iso_week(&self) -> (i32, u32) {
        let wd = self.weekday() as i64;
        let thursday = self.add_days(4 - wd);
        let jan1 = days_from_civil(thursday.y as i64, 1, 1);
        let week = (thursday.days() - jan1) / 7 + 1;
        (thursday.y, week as u32)
    }

    /// `YYYY-MM-DD`.
    pub fn iso(&self) -> String {
        format!("{:04}-{:02}-{:02}", self.y, self.m, self.d)
    }

    /// The first day of the month `n` months later (earlier when negative).
    pub fn add_months(&self, n: i64) -> (i32, u32) {
        let idx = self.y as i64 * 12 + (self.m as i64 - 1) + n;
        (idx.div_euclid(12) as i32, (idx.rem_euclid(12) + 1) as u32)
    }
}

/// True for Gregorian leap years.
pub fn is_leap(y: i32) -> bool {
    (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
}

/// Days in a Gregorian month (0 for a month outside 1–12).
pub fn days_in_month(y: i32, m: u32) -> u32 {
    match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap(y) => 29,
        2 => 28,
        _ => 0,
    }
}

/// Days since 1970-01-01 of a civil date (Howard Hinnant's algorithm).
pub fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146097 + doe - 719468
}

/// The civil date of a day number (inverse of [`days_from_civil`]).
pub fn civil_from_days(z: i64) -> Ymd {
    let z = z + 719468;
    let era = z.div_euclid(146097);
    let doe = z - era * 146097;
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    Ymd {
        y: (if m <= 2 { y + 1 } else { y }) as i32,
        m: m as u32,
        d: d as u32,
    }
}

/// Reads the publication anchor: an ISO 8601 date or timestamp
/// (`2015-11-26`, `2015-11-26T10:00:00+03:00`, `2015-11-26 10:00:00`).
/// Returns `None` for anything else (the values then stay unanchored).
pub fn parse_anchor(s: &str) -> Option<Ymd> {
    let s = s.trim();
    let (y, m, d) = marsad_arabic::calendar::iso_date_prefix(s)?;
    if s.len() > 10 && !matches!(s.as_bytes()[10], b'T' | b't' | b' ') {
        return None;
    }
    Ymd::new(y as i32, m, d)
}

fn uaq() -> Hijri<icu_calendar::cal::hijri::UmmAlQura> {
    Hijri::new_umm_al_qura()
}

/// The Gregorian date of an Umm al-Qura Hijri date, or `None` when that
/// Hijri date does not exist (day 30 of a 29-day month, month 13…).
pub fn hijri_to_gregorian(y: i32, m: u32, d: u32) -> Option<Ymd> {
    if !(1..=12).contains(&m) || !(1..=30).contains(&d) || !(1..=3000).contains(&y) {
        return None;
    }
    let h = Date::try_new_hijri_with_calendar(y, m as u8, d as u8, uaq()).ok()?;
    // icu may constrain instead of rejecting: check the round trip.
    if h.day_of_month().0 as u32 != d || h.month().ordinal as u32 != m {
        return None;
    }
    let iso = h.to_calendar(icu_calendar::Iso);
    Ymd::new(
        iso.year().extended_year(),
        iso.month().ordinal as u32,
        iso.day_of_month().0 as u32,
    )
}

/// The Umm al-Qura Hijri `(year, month, day)` of a Gregorian date.
pub fn gregorian_to_hijri(g: Ymd) -> Option<(i32, u32, u32)> {
    let iso = Date::try_new_iso(g.y, g.m as u8, g.d as u8).ok()?;
    let h = iso.to_calendar(uaq());
    Some((
        h.year().extended_year(),
        h.month().ordinal as u32,
        h.day_of_month().0 as u32,
    ))
}

/// Length of a Hijri month (29 or 30) in the Umm al-Qura calendar.
pub fn hijri_month_len(y: i32, m: u32) -> Option<u32> {
    hijri_to_gregorian(y, m, 1)?;
    Some(if hijri_to_gregorian(y, m, 30).is_some() {
        30
    } else {
        29
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn civil_round_trip_and_weekdays() {
        for z in -1000..40000 {
            let d = civil_from_days(z);
            assert_eq!(d.days(), z);
        }
        let d = Ymd::new(2015, 11, 26).unwrap();
        assert_eq!(d.weekday(), 4); // Thursday
        assert_eq!(d.iso_week(), (2015, 48));
        assert_eq!(Ymd::new(2015, 2, 29), None);
        assert_eq!(Ymd::new(2016, 2, 29).map(|d| d.d), Some(29));
        assert_eq!(Ymd::new(2021, 1, 1).unwrap().iso_week(), (2020, 53));
    }

    #[test]
    fn anchors() {
        assert_eq!(parse_anchor("2015-07-21 02:51:32"), Ymd::new(2015, 7, 21));
        assert_eq!(parse_anchor("2015-07-21T02:51:32Z"), Ymd::new(2015, 7, 21));
        assert_eq!(parse_anchor("2015-07-21"), Ymd::new(2015, 7, 21));
        assert_eq!(parse_anchor("2015-02-31"), None);
        assert_eq!(parse_anchor("yesterday"), None);
        assert_eq!(parse_anchor("٢٠١٥-٠٧-٢١"), None);
    }

    #[test]
    fn umm_al_qura() {
        // 1 Ramadan 1436 = 18 June 2015; 1 Shawwal 1436 = 17 July 2015 (KACST).
        assert_eq!(hijri_to_gregorian(1436, 9, 1), Ymd::new(2015, 6, 18));
        assert_eq!(hijri_to_gregorian(1436, 10, 1), Ymd::new(2015, 7, 17));
        assert_eq!(
            gregorian_to_hijri(Ymd::new(2015, 7, 21).unwrap()),
            Some((1436, 10, 5))
        );
        assert_eq!(hijri_month_len(1436, 9), Some(29));
        assert_eq!(hijri_to_gregorian(1436, 13, 1), None);
    }
}
