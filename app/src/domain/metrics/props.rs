//! Property tests of the metrics.
