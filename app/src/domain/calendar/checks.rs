//! Whether an entry may go on a new date: never in the past; outside its
//! campaign's dates it may, with a warning.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use super::placing::Placed;
use crate::domain::words;
use crate::domain::Schedule;

/// The dates of the campaign an item belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct CampaignDates {
    /// First day, if planned.
    pub starts_on: Option<NaiveDate>,
    /// Last day, if planned.
    pub ends_on: Option<NaiveDate>,
}

impl CampaignDates {
    /// Why `date` falls outside these dates ("After the campaign ends (30 Dec)"), if it does.
    pub fn outside(&self, date: NaiveDate, today: NaiveDate) -> Option<String> {
        if let Some(end) = self.ends_on.filter(|end| date > *end) {
            return Some(format!(
                "After the campaign ends ({})",
                words::day_near(end, today)
            ));
        }
        self.starts_on.filter(|start| date < *start).map(|start| {
            format!(
                "Before the campaign starts ({})",
                words::day_near(start, today)
            )
        })
    }
}

/// What a new date is worth: refused with the reason, or allowed with warnings (maybe none).
pub type DateCheck = Result<Vec<String>, String>;

/// Checks `schedule`, which the viewer sees at `placed`, against `now` (today
/// is `today` for them) and the campaign's dates.
pub fn check_date(
    schedule: &Schedule,
    placed: Placed,
    now: DateTime<Utc>,
    today: NaiveDate,
    campaign: Option<CampaignDates>,
) -> DateCheck {
    let gone = if schedule.all_day {
        placed.date < today
    } else {
        schedule.at < now
    };
    if gone {
        let when = match placed.time {
            Some(time) if placed.date == today => format!("{} today", time.format("%H:%M")),
            _ => words::day(placed.date),
        };
        return Err(format!("Can't schedule in the past: {when} has gone by"));
    }
    let warnings = campaign
        .unwrap_or_default()
        .outside(placed.date, today)
        .into_iter()
        .collect();
    Ok(warnings)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::calendar::placing::{place, schedule_at};
    use chrono::{NaiveTime, TimeZone};

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 12, d).unwrap()
    }

    fn check(
        date: NaiveDate,
        time: Option<NaiveTime>,
        campaign: Option<CampaignDates>,
    ) -> DateCheck {
        let now = Utc.with_ymd_and_hms(2026, 12, 4, 10, 0, 0).unwrap();
        let s = schedule_at(date, time, &Utc);
        check_date(&s, place(&s, &Utc), now, day(4), campaign)
    }

    #[test]
    fn a_day_that_has_gone_by_is_refused_in_plain_words() {
        assert_eq!(
            check(day(3), None, None),
            Err("Can't schedule in the past: 3 Dec 2026 has gone by".into())
        );
        assert_eq!(
            check(day(3), NaiveTime::from_hms_opt(18, 0, 0), None),
            Err("Can't schedule in the past: 3 Dec 2026 has gone by".into())
        );
        assert_eq!(
            check(day(4), NaiveTime::from_hms_opt(9, 0, 0), None),
            Err("Can't schedule in the past: 09:00 today has gone by".into())
        );
    }

    #[test]
    fn today_is_fine_all_day_or_later_on() {
        assert_eq!(check(day(4), None, None), Ok(vec![]));
        assert_eq!(
            check(day(4), NaiveTime::from_hms_opt(11, 0, 0), None),
            Ok(vec![])
        );
    }

    #[test]
    fn a_date_outside_the_campaign_is_allowed_with_a_warning() {
        let campaign = Some(CampaignDates {
            starts_on: Some(day(5)),
            ends_on: Some(day(30)),
        });
        assert_eq!(check(day(30), None, campaign), Ok(vec![]));
        assert_eq!(
            check(day(31), None, campaign),
            Ok(vec!["After the campaign ends (30 Dec)".into()])
        );
        assert_eq!(
            check(day(4), None, campaign),
            Ok(vec!["Before the campaign starts (5 Dec)".into()])
        );
    }
}
