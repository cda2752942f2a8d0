//! Percentiles by the nearest-rank method, on sorted values.

use serde::{Deserialize, Serialize};

/// The value at `percent` of the sorted `values`: the smallest value that at least
/// `percent` % of the values are at or below (nearest rank: rank ⌈p·n/100⌉). `None` when
/// there are no values.
pub fn nearest_rank<T: Copy>(sorted: &[T], percent: u32) -> Option<T> {
    let n = sorted.len();
    let rank = (n * percent.min(100) as usize).div_ceil(100).max(1);
    sorted.get(rank - 1).copied()
}

/// The value that at least `percent` % of the sorted `values` are at or above — what
/// "reached with `percent` % confidence" means for counts (for 85 %, the 15th percentile).
pub fn reached_by<T: Copy>(sorted: &[T], percent: u32) -> Option<T> {
    let n = sorted.len();
    let needed = (n * percent.min(100) as usize).div_ceil(100).max(1);
    n.checked_sub(needed).and_then(|i| sorted.get(i).copied())
}

/// How many of the sorted values lie in `low..=high`.
pub fn count_between<T: PartialOrd>(sorted: &[T], low: &T, high: &T) -> usize {
    let from = sorted.partition_point(|v| v < low);
    let to = sorted.partition_point(|v| v <= high);
    to.saturating_sub(from)
}

/// The conventional percentile lines of a distribution.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Percentiles<T> {
    /// Half of the values are at or below this (the median).
    pub p50: T,
    /// 70 % are at or below this.
    pub p70: T,
    /// 85 % are at or below this (the usual service level expectation).
    pub p85: T,
    /// 95 % are at or below this.
    pub p95: T,
}

impl<T: Copy> Percentiles<T> {
    /// The lines of sorted values; `None` when there are none.
    pub fn of_sorted(sorted: &[T]) -> Option<Self> {
        Some(Self {
            p50: nearest_rank(sorted, 50)?,
            p70: nearest_rank(sorted, 70)?,
            p85: nearest_rank(sorted, 85)?,
            p95: nearest_rank(sorted, 95)?,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn nearest_rank_picks_a_value_that_makes_the_sentence_true() {
        let ten: Vec<u32> = (1..=10).collect();
        assert_eq!(nearest_rank(&ten, 50), Some(5));
        assert_eq!(nearest_rank(&ten, 85), Some(9));
        assert_eq!(nearest_rank(&ten, 95), Some(10));
        assert_eq!(nearest_rank(&[7u32], 50), Some(7));
        assert_eq!(nearest_rank::<u32>(&[], 50), None);
        assert_eq!(nearest_rank(&ten, 0), Some(1));
    }

    #[test]
    fn reached_by_reads_counts_from_the_top() {
        let ten: Vec<u32> = (1..=10).collect();
        // 9 of 10 values are 2 or more; 10 of 10 are 1 or more.
        assert_eq!(reached_by(&ten, 85), Some(2));
        assert_eq!(reached_by(&ten, 95), Some(1));
        assert_eq!(reached_by(&ten, 50), Some(6));
        assert_eq!(count_between(&ten, &3, &5), 3);
    }

    proptest! {
        #![proptest_config(ProptestConfig { failure_persistence: None, ..ProptestConfig::default() })]

        #[test]
        fn percentile_lines_never_cross(mut values in prop::collection::vec(0u32..400, 1..200)) {
            values.sort_unstable();
            let p = Percentiles::of_sorted(&values).unwrap();
            prop_assert!(p.p50 <= p.p70 && p.p70 <= p.p85 && p.p85 <= p.p95);
            for percent in [50, 70, 85, 95] {
                let v = nearest_rank(&values, percent).unwrap();
                let at_or_below = values.iter().filter(|x| **x <= v).count();
                prop_assert!(at_or_below * 100 >= percent as usize * values.len());
                let below = values.iter().filter(|x| **x < v).count();
                prop_assert!(below * 100 < percent as usize * values.len());
                let reached = reached_by(&values, percent).unwrap();
                let at_or_above = values.iter().filter(|x| **x >= reached).count();
                prop_assert!(at_or_above * 100 >= percent as usize * values.len());
            }
        }
    }
}
