//! Flow metrics and forecasts, computed from the activity trail (never from current state).
//!
//! Pure: callers pass the histories, the period, the team's UTC offset and `now`.
//! Storage builds one [`ItemHistory`] per item (from its events, or kept up to date event
//! by event with [`ItemHistory::record`]) and every metric reads those compact histories,
//! never the raw events again. Each metric is one pass over the histories plus a sort at
//! most: O(n log n) in the number of items or stage visits.
//!
//! Conventions (the Kanban Guide's and ActionableAgile's; the page states them):
//! - Days are the team's local calendar days in a fixed UTC offset.
//! - **Started**: the first time an item enters the workflow's start stage or any later one
//!   ([`FlowSettings::start`], by default the second stage). Moving back before it later
//!   does not un-start the item.
//! - **Finished**: in the last stage. An item that moves back out is not finished until it
//!   returns, and then counts as finished on the day it returned (once, never twice).
//! - **Cycle time**: finish day − start day + 1 (an item started and finished on the same
//!   day took 1 day). **Age** of open work counts the same way, up to today.
//! - **Archived items**: an item archived before it finished was dropped: it leaves every
//!   metric and forecast (as if it had never been started) from the moment it was archived,
//!   and comes back if it is restored. An item archived after it finished stays finished —
//!   archiving delivered work only tidies the board.
//! - **Percentiles** use the nearest-rank method: P85 is the smallest value that at least
//!   85 % of the values are at or below, so "85 % finish within P85" is literally true.
//! - **Weeks** start on Monday (ISO 8601 weeks); weeks with nothing finished count as zero.
//! - **Cumulative flow and WIP** count each item in the stage it was in at the last moment
//!   of each day.
//! - **Where items wait**: the bottleneck is the stage holding the most of finished items'
//!   cycle time; the stage holding the most waiting for approval is named as well.
//! - Items are grouped and judged by their attributes as they are now (channel, campaign,
//!   owner, planned and due dates); how they moved comes from the trail.
//!
//! Map of the module:
//! - [`flow`]: [`FlowSettings`], the stage order, start stage, WIP limits and SLAs metrics use.
//! - [`history`]: [`ItemHistory`] and its stage visits, built from events; [`filter`] narrows them.
//! - [`days`]: [`Period`] and local days; [`stats`]: percentiles; [`words`]: nouns and numbers in English.
//! - [`cycle_time`], [`throughput`], [`cfd`] (cumulative flow and WIP), [`aging`],
//!   [`stage_time`] (where items wait), [`on_time`], [`fixes`] (error rate), [`sla_performance`].
//! - [`compare`]: period A against period B, in words.
//! - [`forecast`]: Monte Carlo forecasts, per-item chances and trending-late flags.
//! - [`csv`]: an RFC 4180 writer; [`export`]: the event and per-item CSV rows.

pub mod aging;
pub mod cfd;
pub mod compare;
pub mod csv;
pub mod cycle_time;
pub mod days;
pub mod details;
pub mod export;
pub mod filter;
pub mod fixes;
pub mod flow;
pub mod forecast;
pub mod history;
pub mod on_time;
pub mod sla_performance;
pub mod stage_time;
pub mod stats;
pub mod throughput;
pub mod words;

#[cfg(test)]
mod fixtures;
#[cfg(test)]
mod history_tests;
#[cfg(test)]
mod props;

pub use aging::{aging_wip, AgeBand, AgingItem, AgingWip};
pub use cfd::{cumulative_flow, CumulativeFlow, FlowBand, StageWip, WipReport};
pub use compare::{compare, Change, Measure, MeasureKey, Trend};
pub use csv::{defuse_formula, CsvWriter};
pub use cycle_time::{cycle_times, CyclePoint, CycleTimes};
pub use days::{local_day, Period};
pub use export::{event_columns, events_csv, item_summary_csv, EventColumns, EventRow};
pub use filter::HistoryFilter;
pub use fixes::{error_rate, ErrorRate, StageFixes};
pub use flow::{FlowSettings, FlowStage};
pub use forecast::{
    forecast_hits, how_many_by, item_outlooks, throughput_sample, when_done, Confidence,
    FinishReference, ForecastHits, ForecastSettings, HowManyForecast, ItemOutlook, OutlookStatus,
    StoredForecast, ThroughputSample, WhenForecast,
};
pub use history::{
    ArchiveSpan, Deadline, DeadlineKind, EscalationMark, ItemDetails, ItemHistory, PostLaunchFix,
    StageVisit,
};
pub use on_time::{on_time_delivery, LateItem, OnTime, OnTimeCount};
pub use sla_performance::{elapsed_sla_hours, sla_performance, SlaCount, SlaPerformance, StageSla};
pub use stage_time::{stage_times, Bottleneck, Spread, StageTime, StageTimes};
pub use stats::Percentiles;
pub use throughput::{weekly_throughput, Throughput, WeekCount};
pub use words::Noun;
