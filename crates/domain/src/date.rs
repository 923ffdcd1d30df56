//! Dates as sources give them: often only a year or a month.

use crate::problem::Problem;
use serde::{Deserialize, Serialize};
use std::fmt;

/// The system clock in Unix seconds (UTC): the one clock every part of the
/// platform reads (what is recorded of a source's acts is cut to the day by
/// whoever records it).
pub fn unix_seconds() -> i64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs() as i64)
}

/// A calendar month (`YYYY-MM`), the precision in which sources place captives at a site.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Month {
    pub year: u16,
    pub month: u8,
}

/// A date known to the year, the month or the day (`YYYY`, `YYYY-MM`, `YYYY-MM-DD`).
/// Ordering compares the known parts first, so `2023` sorts before `2023-01`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct PartialDate {
    pub year: u16,
    pub month: Option<u8>,
    pub day: Option<u8>,
}

pub const MIN_YEAR: u16 = 1900;
pub const MAX_YEAR: u16 = 2100;

fn parse_year(s: &str) -> Result<u16, Problem> {
    let not_year = || Problem::NotYear { value: s.to_owned() };
    if s.len() != 4 || !s.bytes().all(|b| b.is_ascii_digit()) {
        return Err(not_year());
    }
    let y: u16 = s.parse().map_err(|_| not_year())?;
    if !(MIN_YEAR..=MAX_YEAR).contains(&y) {
        return Err(Problem::YearOutOfRange { year: y, min: MIN_YEAR, max: MAX_YEAR });
    }
    Ok(y)
}

/// Two digits, 1 to `max`: the month or the day of a date.
fn parse_two(s: &str, max: u8, not_two: fn(String) -> Problem, out: impl FnOnce(u8) -> Problem) -> Result<u8, Problem> {
    if s.len() != 2 || !s.bytes().all(|b| b.is_ascii_digit()) {
        return Err(not_two(s.to_owned()));
    }
    let v: u8 = s.parse().map_err(|_| not_two(s.to_owned()))?;
    if v == 0 || v > max {
        return Err(out(v));
    }
    Ok(v)
}

fn parse_month(s: &str) -> Result<u8, Problem> {
    parse_two(s, 12, |value| Problem::NotTwoDigitMonth { value }, |month| Problem::MonthOutOfRange { month })
}

pub fn days_in_month(year: u16, month: u8) -> u8 {
    match month {
        4 | 6 | 9 | 11 => 30,
        2 if (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400) => 29,
        2 => 28,
        _ => 31,
    }
}

impl Month {
    pub fn parse(s: &str) -> Result<Month, Problem> {
        let (y, m) = s.split_once('-').ok_or_else(|| Problem::NotMonth { value: s.to_owned() })?;
        Ok(Month { year: parse_year(y)?, month: parse_month(m)? })
    }
}

impl PartialDate {
    /// The first moment of the day, month or year, UTC, as RFC 3339 writes it
    /// (`2022-05-01T00:00:00Z`): where a feed or a data package wants a time.
    pub fn first_moment_utc(&self) -> String {
        format!("{:04}-{:02}-{:02}T00:00:00Z", self.year, self.month.unwrap_or(1), self.day.unwrap_or(1))
    }

    pub fn parse(s: &str) -> Result<PartialDate, Problem> {
        let mut parts = s.split('-');
        let year = parse_year(parts.next().unwrap_or(""))?;
        let month = parts.next().map(parse_month).transpose()?;
        let day = match (month, parts.next()) {
            (Some(m), Some(d)) => {
                let max = days_in_month(year, m);
                Some(parse_two(
                    d,
                    max,
                    |value| Problem::NotTwoDigitDay { value },
                    |day| Problem::DayOutOfRange { day, max },
                )?)
            }
            _ => None,
        };
        if parts.next().is_some() {
            return Err(Problem::NotDate { value: s.to_owned() });
        }
        Ok(PartialDate { year, month, day })
    }

    /// A full date (`YYYY-MM-DD`), as news items and records' update dates need.
    pub fn parse_full(s: &str) -> Result<PartialDate, Problem> {
        let d = PartialDate::parse(s)?;
        if d.day.is_none() {
            return Err(Problem::NotFullDate { value: s.to_owned() });
        }
        Ok(d)
    }

    /// Today's date in UTC, from the system clock.
    pub fn today() -> PartialDate {
        PartialDate::from_days_since_epoch(unix_seconds().div_euclid(86_400))
    }

    /// Converts a day count since 1970-01-01 to a civil date (Howard Hinnant's algorithm).
    pub fn from_days_since_epoch(days: i64) -> PartialDate {
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z.rem_euclid(146_097);
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
        let year = (yoe + era * 400 + i64::from(month <= 2)) as u16;
        PartialDate { year, month: Some(month), day: Some(day) }
    }
}

impl fmt::Display for Month {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}", self.year, self.month)
    }
}

impl fmt::Display for PartialDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}", self.year)?;
        if let Some(m) = self.month {
            write!(f, "-{m:02}")?;
        }
        if let Some(d) = self.day {
            write!(f, "-{d:02}")?;
        }
        Ok(())
    }
}

macro_rules! string_conversions {
    ($t:ty) => {
        impl TryFrom<String> for $t {
            type Error = Problem;
            fn try_from(s: String) -> Result<Self, Problem> {
                <$t>::parse(&s)
            }
        }
        impl From<$t> for String {
            fn from(v: $t) -> String {
                v.to_string()
            }
        }
    };
}
string_conversions!(Month);
string_conversions!(PartialDate);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_partial_dates() {
        assert_eq!(PartialDate::parse("2023").unwrap().to_string(), "2023");
        assert_eq!(PartialDate::parse("2023-08").unwrap().to_string(), "2023-08");
        assert_eq!(PartialDate::parse("2024-02-29").unwrap().to_string(), "2024-02-29");
        for bad in ["", "23", "2023-13", "2023-02-30", "2023-1", "2023-01-01-01", "abcd", "2023-00"] {
            assert!(PartialDate::parse(bad).is_err(), "{bad:?} accepted");
        }
        assert!(PartialDate::parse_full("2023-08").is_err());
        assert_eq!(PartialDate::parse("2023-02-30").unwrap_err().to_string(), "day 30 is out of range (1–28)");
        assert_eq!(PartialDate::parse("2023-1").unwrap_err().to_string(), "\"1\" is not a two-digit month");
        assert_eq!(PartialDate::parse("2200").unwrap_err().to_string(), "year 2200 is out of range (1900–2100)");
        assert!(PartialDate::parse("2023").unwrap() < PartialDate::parse("2023-01").unwrap());
    }

    #[test]
    fn parses_months() {
        assert_eq!(Month::parse("2022-04").unwrap(), Month { year: 2022, month: 4 });
        assert!(Month::parse("2022").is_err());
        assert!(Month::parse("2022-04-01").is_err());
    }

    #[test]
    fn civil_dates_from_day_counts() {
        assert_eq!(PartialDate::from_days_since_epoch(0).to_string(), "1970-01-01");
        assert_eq!(PartialDate::from_days_since_epoch(19_782).to_string(), "2024-02-29");
        assert_eq!(PartialDate::from_days_since_epoch(20_784).to_string(), "2026-11-27");
    }
}
