//! Forecasts from the flow's own history: Monte Carlo "when will these be done" and "how
//! many by then", each open item's chance of making its date (and the trending-late flag),
//! whether there is enough data to say, and whether past forecasts held.

pub mod confidence;
pub mod hits;
pub mod monte_carlo;
pub mod outlook;
pub mod rng;
#[cfg(test)]
mod tests;

pub use confidence::{Confidence, MIN_ACTIVE_DAYS, MIN_FINISHED_ITEMS};
pub use hits::{forecast_hits, ForecastHits, StoredForecast};
pub use monte_carlo::{
    how_many_by, throughput_sample, when_done, ForecastSettings, HowManyForecast, ThroughputSample,
    WhenForecast, DEFAULT_SEED, SAMPLE_DAYS,
};
pub use outlook::{item_outlooks, FinishReference, ItemOutlook, OutlookStatus};
