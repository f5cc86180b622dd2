//! Streaks: days in a row with at least one solve, on the learner's local
//! calendar. Solves are stored as UTC instants and bucketed by a time zone.

use std::collections::BTreeMap;

use jiff::Timestamp;
use jiff::civil::Date;
use jiff::tz::TimeZone;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Streaks {
    /// Consecutive days ending today, or yesterday while today is pending.
    pub current: u32,
    pub longest: u32,
    /// Today has no solve yet but the streak is still alive.
    pub pending_today: bool,
}

/// Solves per local calendar day.
pub fn solves_per_day(solves: &[Timestamp], tz: &TimeZone) -> BTreeMap<Date, u32> {
    let mut days = BTreeMap::new();
    for t in solves {
        *days.entry(t.to_zoned(tz.clone()).date()).or_insert(0) += 1;
    }
    days
}

pub fn streaks(solves: &[Timestamp], now: Timestamp, tz: &TimeZone) -> Streaks {
    let days = solves_per_day(solves, tz);
    let today = now.to_zoned(tz.clone()).date();
    let mut longest = 0;
    let mut run = 0;
    let mut prev: Option<Date> = None;
    for &d in days.keys() {
        run = match prev {
            Some(p) if p.tomorrow().ok() == Some(d) => run + 1,
            _ => 1,
        };
        longest = longest.max(run);
        prev = Some(d);
    }
    let solved_today = days.contains_key(&today);
    let mut day = if solved_today { Some(today) } else { today.yesterday().ok() };
    let mut current = 0;
    while let Some(d) = day.filter(|d| days.contains_key(d)) {
        current += 1;
        day = d.yesterday().ok();
    }
    Streaks { current, longest, pending_today: !solved_today && current > 0 }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> Timestamp {
        s.parse().unwrap()
    }

    fn utc() -> TimeZone {
        TimeZone::UTC
    }

    #[test]
    fn nothing_solved() {
        let s = streaks(&[], at("2026-01-01T12:00:00Z"), &utc());
        assert_eq!(s, Streaks { current: 0, longest: 0, pending_today: false });
    }

    #[test]
    fn today_without_a_solve_is_pending_not_broken() {
        let solves = [at("2026-03-01T10:00:00Z"), at("2026-03-02T10:00:00Z")];
        let s = streaks(&solves, at("2026-03-03T08:00:00Z"), &utc());
        assert_eq!(s, Streaks { current: 2, longest: 2, pending_today: true });
        // Solving today extends it.
        let solves = [solves[0], solves[1], at("2026-03-03T09:00:00Z")];
        let s = streaks(&solves, at("2026-03-03T10:00:00Z"), &utc());
        assert_eq!(s, Streaks { current: 3, longest: 3, pending_today: false });
    }

    #[test]
    fn a_missed_day_breaks_the_streak() {
        let solves = [at("2026-03-01T10:00:00Z"), at("2026-03-02T10:00:00Z")];
        let s = streaks(&solves, at("2026-03-04T08:00:00Z"), &utc());
        assert_eq!(s, Streaks { current: 0, longest: 2, pending_today: false });
    }

    #[test]
    fn several_solves_a_day_count_once() {
        let solves = [at("2026-03-01T01:00:00Z"), at("2026-03-01T02:00:00Z"), at("2026-03-01T23:00:00Z")];
        let s = streaks(&solves, at("2026-03-01T23:30:00Z"), &utc());
        assert_eq!((s.current, s.longest), (1, 1));
    }

    #[test]
    fn across_month_and_year_ends() {
        let solves = [
            at("2025-12-30T12:00:00Z"),
            at("2025-12-31T12:00:00Z"),
            at("2026-01-01T12:00:00Z"),
            at("2026-01-31T12:00:00Z"),
            at("2026-02-01T12:00:00Z"),
        ];
        let s = streaks(&solves, at("2026-02-01T13:00:00Z"), &utc());
        assert_eq!((s.current, s.longest), (2, 3));
        // Leap day: 2028-02-28 -> 02-29 -> 03-01.
        let leap = [at("2028-02-28T12:00:00Z"), at("2028-02-29T12:00:00Z"), at("2028-03-01T12:00:00Z")];
        assert_eq!(streaks(&leap, at("2028-03-01T13:00:00Z"), &utc()).current, 3);
    }

    #[test]
    fn days_are_the_learners_local_days() {
        // 23:30 and 00:30 UTC are one evening in New York, two days in UTC.
        let ny = TimeZone::get("America/New_York").unwrap();
        let solves = [at("2026-06-01T23:30:00Z"), at("2026-06-02T00:30:00Z")];
        assert_eq!(solves_per_day(&solves, &utc()).len(), 2);
        assert_eq!(solves_per_day(&solves, &ny).len(), 1);
        // 02:00 UTC on the 2nd is still the 1st in New York: today counts.
        let s = streaks(&solves, at("2026-06-02T02:00:00Z"), &ny);
        assert_eq!(s, Streaks { current: 1, longest: 1, pending_today: false });
        // By 22:00 on the 2nd (New York) nothing was solved that day: pending.
        let s = streaks(&solves, at("2026-06-03T02:00:00Z"), &ny);
        assert_eq!(s, Streaks { current: 1, longest: 1, pending_today: true });
    }

    #[test]
    fn a_zone_change_rebuckets_the_same_instants() {
        // Solves at 20:00 UTC on consecutive days, then the learner moves from
        // UTC to Tokyo (UTC+9): each lands on the next local day, still a run.
        let solves = [at("2026-06-01T20:00:00Z"), at("2026-06-02T20:00:00Z")];
        let tokyo = TimeZone::get("Asia/Tokyo").unwrap();
        let s = streaks(&solves, at("2026-06-03T01:00:00Z"), &tokyo);
        assert_eq!(s, Streaks { current: 2, longest: 2, pending_today: false });
        // Daylight saving: New York's spring-forward night still counts once per day.
        let ny = TimeZone::get("America/New_York").unwrap();
        let dst = [at("2026-03-07T15:00:00Z"), at("2026-03-08T15:00:00Z"), at("2026-03-09T15:00:00Z")];
        assert_eq!(streaks(&dst, at("2026-03-09T16:00:00Z"), &ny).current, 3);
    }
}
