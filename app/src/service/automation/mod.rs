//! Automation on stored data: rules saved and listed, signals queued with the changes that
//! cause them, the worker that runs rules, the clock that queues dates and schedules,
//! recorded results, inbound hooks and intake forms.

pub mod clock;
pub mod context;
pub mod hooks;
pub mod intake;
pub mod queue;
pub mod results;
pub mod rules;
mod test_signal;
pub mod worker;

#[cfg(test)]
mod tests;
