//! Did the forecasts hold? Given each day's stored P85 forecast and when the work actually
//! finished, the share that held — it should be near 85 % if the forecasts can be trusted.

use super::super::words::percent;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// One stored forecast and what happened.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct StoredForecast {
    /// The day it was made.
    pub made_on: NaiveDate,
    /// Its P85 date.
    pub p85: NaiveDate,
    /// The day the forecast work was all done, if it is.
    pub finished: Option<NaiveDate>,
}

/// How stored forecasts did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct ForecastHits {
    /// Done on or before the P85 date.
    pub held: u32,
    /// Done after it, or not done and the date has passed.
    pub missed: u32,
    /// Not done, and the date is still to come.
    pub pending: u32,
}

/// Judges stored forecasts at `today`. O(n).
pub fn forecast_hits<'a>(
    forecasts: impl IntoIterator<Item = &'a StoredForecast>,
    today: NaiveDate,
) -> ForecastHits {
    let mut hits = ForecastHits::default();
    for f in forecasts {
        match f.finished {
            Some(done) if done <= f.p85 => hits.held += 1,
            Some(_) => hits.missed += 1,
            None if today > f.p85 => hits.missed += 1,
            None => hits.pending += 1,
        }
    }
    hits
}

impl ForecastHits {
    /// The share that held, of those decided.
    pub fn share(&self) -> Option<f64> {
        let decided = self.held + self.missed;
        (decided > 0).then(|| f64::from(self.held) / f64::from(decided))
    }

    /// "41 of 50 P85 forecasts held (82 %); a trustworthy P85 forecast holds about 85 % of
    /// the time."
    pub fn summary(&self) -> String {
        let Some(share) = self.share() else {
            return "No P85 forecast has come due yet.".to_owned();
        };
        let decided = self.held + self.missed;
        let noun = if decided == 1 {
            "forecast"
        } else {
            "forecasts"
        };
        let verdict = if share >= 0.75 {
            "about as often as a trustworthy P85 forecast should (85 % of the time)"
        } else {
            "less often than a trustworthy P85 forecast should (85 % of the time), so read the forecasts with care"
        };
        format!(
            "{} of {decided} P85 {noun} held ({}), {verdict}.",
            self.held,
            percent(share)
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2024, 6, day).unwrap()
    }

    #[test]
    fn forecasts_hold_when_the_work_is_done_by_their_p85_date() {
        let forecasts = [
            StoredForecast {
                made_on: d(1),
                p85: d(10),
                finished: Some(d(10)),
            },
            StoredForecast {
                made_on: d(2),
                p85: d(9),
                finished: Some(d(10)),
            },
            StoredForecast {
                made_on: d(3),
                p85: d(12),
                finished: None,
            },
            StoredForecast {
                made_on: d(4),
                p85: d(20),
                finished: None,
            },
            StoredForecast {
                made_on: d(5),
                p85: d(11),
                finished: Some(d(8)),
            },
        ];
        let hits = forecast_hits(&forecasts, d(14));
        assert_eq!(
            hits,
            ForecastHits {
                held: 2,
                missed: 2,
                pending: 1
            }
        );
        assert_eq!(
            hits.summary(),
            "2 of 4 P85 forecasts held (50 %), less often than a trustworthy P85 forecast should \
             (85 % of the time), so read the forecasts with care."
        );
        assert_eq!(
            forecast_hits(&[], d(14)).summary(),
            "No P85 forecast has come due yet."
        );
    }
}
