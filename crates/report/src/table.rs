//! Count tables with a key limit: the only part of a report that grows with
//! the number of distinct names, so the only part that needs a bound.

use serde::de::Deserializer;
use serde::ser::Serializer;
use serde::{Deserialize, Serialize};
use std::cmp::Ordering;
use std::collections::HashMap;
use std::hash::Hash;

/// How many keys each table keeps by default before it prunes.
pub const DEFAULT_KEY_LIMIT: usize = 200_000;

/// A value kept per key: it can be ranked and can absorb another value.
pub(crate) trait Tally: Default {
    /// Larger ranks first; compared as a tuple.
    fn rank(&self) -> (u64, u64);
    /// Add `other` into `self` (sums; deterministic choices for examples).
    fn absorb(&mut self, other: Self);
}

impl Tally for u64 {
    fn rank(&self) -> (u64, u64) {
        (*self, 0)
    }
    fn absorb(&mut self, other: Self) {
        *self = self.saturating_add(other);
    }
}

/// What pruning has dropped from one table so far.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Pruning {
    /// Keys dropped, summed over every prune (a key dropped twice counts twice).
    pub keys: u64,
    /// The largest primary count a dropped key had: counts that survived may
    /// be short by about this much for each time their key was dropped.
    pub max_count: u64,
}

impl Pruning {
    pub fn happened(&self) -> bool {
        self.keys > 0
    }

    fn combine(&mut self, other: Pruning) {
        self.keys = self.keys.saturating_add(other.keys);
        self.max_count = self.max_count.max(other.max_count);
    }
}

/// Order of display: rank descending, then key ascending. Keys are unique,
/// so this is a total order and the output never depends on hash order.
pub(crate) fn by_rank<K: Ord, V: Tally>(a: (&K, &V), b: (&K, &V)) -> Ordering {
    b.1.rank().cmp(&a.1.rank()).then_with(|| a.0.cmp(b.0))
}

/// A hash map of tallies that holds at most `limit` keys.
///
/// When an insert takes it over the limit it drops the keys with the smallest
/// counts until at most three quarters of the limit remain (the slack keeps
/// pruning amortised): the "keep the heavy hitters" approximation of
/// Misra–Gries. Large counts survive, a long tail of rare keys is forgotten,
/// and [`Pruning`] records it.
#[derive(Debug, Clone)]
pub(crate) struct Table<K, V> {
    map: HashMap<K, V>,
    limit: usize,
    pruning: Pruning,
}

impl<K, V> Default for Table<K, V> {
    fn default() -> Self {
        Table {
            map: HashMap::new(),
            limit: DEFAULT_KEY_LIMIT,
            pruning: Pruning::default(),
        }
    }
}

impl<K: Ord + Hash, V: Tally> Table<K, V> {
    pub fn with_limit(limit: usize) -> Self {
        Table {
            limit: limit.max(1),
            ..Table::default()
        }
    }

    #[cfg(test)]
    pub fn len(&self) -> usize {
        self.map.len()
    }

    pub fn limit(&self) -> usize {
        self.limit
    }

    pub fn set_limit(&mut self, limit: usize) {
        self.limit = limit.max(1);
        self.prune_if_full();
    }

    pub fn pruning(&self) -> Pruning {
        self.pruning
    }

    #[cfg(test)]
    pub fn get(&self, key: &K) -> Option<&V> {
        self.map.get(key)
    }

    pub fn add(&mut self, key: K, value: V) {
        self.map.entry(key).or_default().absorb(value);
        self.prune_if_full();
    }

    /// Sum `other` into `self`. The merged table keeps the smaller limit, so
    /// the result does not depend on which side was `self`.
    pub fn merge(&mut self, other: Table<K, V>) {
        self.limit = self.limit.min(other.limit);
        self.pruning.combine(other.pruning);
        if self.map.len() < other.map.len() {
            let mine = std::mem::replace(&mut self.map, other.map);
            self.absorb_all(mine);
        } else {
            self.absorb_all(other.map);
        }
        self.prune_if_full();
    }

    fn absorb_all(&mut self, entries: HashMap<K, V>) {
        for (key, value) in entries {
            self.map.entry(key).or_default().absorb(value);
        }
    }

    /// The `top` highest-ranked entries in display order; all when `top` is 0.
    pub fn ranked(&self, top: usize) -> Vec<(&K, &V)> {
        self.ranked_where(top, |_| true)
    }

    /// Like [`Table::ranked`], over the keys `keep` accepts.
    pub fn ranked_where(&self, top: usize, keep: impl Fn(&K) -> bool) -> Vec<(&K, &V)> {
        let mut rows: Vec<(&K, &V)> = self.map.iter().filter(|(k, _)| keep(k)).collect();
        if top > 0 && rows.len() > top {
            // Partition first so a 200k-key table is not fully sorted for a top 20.
            rows.select_nth_unstable_by(top - 1, |a, b| by_rank(*a, *b));
            rows.truncate(top);
        }
        rows.sort_unstable_by(|a, b| by_rank(*a, *b));
        rows
    }

    fn prune_if_full(&mut self) {
        if self.map.len() > self.limit {
            let target = self.limit - self.limit / 4;
            self.prune_to(target.max(1));
        }
    }

    /// Drop every key whose count is at or below the (keep+1)-th largest
    /// count, so at most `keep` keys stay. Equal counts go or stay together:
    /// which keys survive depends on the counts alone, never on the names.
    fn prune_to(&mut self, keep: usize) {
        if self.map.len() <= keep {
            return;
        }
        let mut counts: Vec<u64> = self.map.values().map(|v| v.rank().0).collect();
        let boundary = counts.len() - 1 - keep;
        let (_, &mut threshold, _) = counts.select_nth_unstable(boundary);
        let before = self.map.len();
        self.map.retain(|_, value| value.rank().0 > threshold);
        self.pruning.combine(Pruning {
            keys: (before - self.map.len()) as u64,
            max_count: threshold,
        });
    }
}

/// The saved form: entries sorted by key so that equal tables serialise to
/// equal bytes.
#[derive(Serialize)]
struct TableOut<'a, K, V> {
    limit: usize,
    pruning: Pruning,
    entries: Vec<(&'a K, &'a V)>,
}

#[derive(Deserialize)]
struct TableIn<K, V> {
    limit: usize,
    #[serde(default)]
    pruning: Pruning,
    entries: Vec<(K, V)>,
}

impl<K: Ord + Serialize, V: Serialize> Serialize for Table<K, V> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut entries: Vec<(&K, &V)> = self.map.iter().collect();
        entries.sort_unstable_by(|a, b| a.0.cmp(b.0));
        TableOut {
            limit: self.limit,
            pruning: self.pruning,
            entries,
        }
        .serialize(serializer)
    }
}

impl<'de, K, V> Deserialize<'de> for Table<K, V>
where
    K: Ord + Hash + Deserialize<'de>,
    V: Tally + Deserialize<'de>,
{
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let saved = TableIn::<K, V>::deserialize(deserializer)?;
        let mut table: Table<K, V> = Table::with_limit(saved.limit);
        table.pruning = saved.pruning;
        // A hand-edited state may repeat a key or exceed its limit: sum and prune.
        for (key, value) in saved.entries {
            table.map.entry(key).or_default().absorb(value);
        }
        table.prune_if_full();
        Ok(table)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(limit: usize, counts: &[(&str, u64)]) -> Table<String, u64> {
        let mut t = Table::with_limit(limit);
        for &(k, n) in counts {
            t.add(k.to_string(), n);
        }
        t
    }

    #[test]
    fn ranked_orders_by_count_then_key() {
        let t = table(10, &[("b", 2), ("a", 2), ("c", 5), ("d", 1)]);
        let keys: Vec<&str> = t.ranked(3).iter().map(|(k, _)| k.as_str()).collect();
        assert_eq!(keys, ["c", "a", "b"]);
        assert_eq!(t.ranked(0).len(), 4);
    }

    #[test]
    fn pruning_keeps_the_heavy_keys_and_says_so() {
        let mut t = Table::<String, u64>::with_limit(8);
        t.add("heavy".into(), 1000);
        t.add("medium".into(), 50);
        for i in 0..100 {
            t.add(format!("rare{i:03}"), 1);
        }
        assert!(t.len() <= 8);
        assert_eq!(t.get(&"heavy".to_string()), Some(&1000));
        assert_eq!(t.get(&"medium".to_string()), Some(&50));
        let p = t.pruning();
        assert!(p.happened());
        assert_eq!(p.max_count, 1);
    }

    #[test]
    fn merge_takes_the_smaller_limit_and_sums() {
        let mut a = table(10, &[("x", 1), ("y", 2)]);
        let b = table(3, &[("x", 4)]);
        a.merge(b);
        assert_eq!(a.limit(), 3);
        assert_eq!(a.get(&"x".to_string()), Some(&5));
    }

    #[test]
    fn state_round_trips_and_is_sorted() {
        let t = table(10, &[("b", 2), ("a", 1)]);
        let json = serde_json::to_string(&t).unwrap();
        assert_eq!(
            json,
            r#"{"limit":10,"pruning":{"keys":0,"max_count":0},"entries":[["a",1],["b",2]]}"#
        );
        let back: Table<String, u64> = serde_json::from_str(&json).unwrap();
        assert_eq!(back.get(&"b".to_string()), Some(&2));
    }

    #[test]
    fn loading_a_zero_limit_is_clamped() {
        let back: Table<String, u64> =
            serde_json::from_str(r#"{"limit":0,"entries":[["a",1],["b",3],["a",1]]}"#).unwrap();
        assert_eq!(back.limit(), 1);
        assert_eq!(back.len(), 1);
        assert_eq!(back.get(&"b".to_string()), Some(&3));
        assert_eq!(back.pruning().max_count, 2);
    }

    #[test]
    fn equal_counts_are_pruned_together() {
        // "d" takes the table over its limit; no count stands out, so all go.
        let t = table(3, &[("a", 1), ("b", 1), ("c", 1), ("d", 1), ("e", 5)]);
        assert_eq!(t.len(), 1);
        assert_eq!(t.get(&"e".to_string()), Some(&5));
        assert_eq!(t.pruning().keys, 4);
    }
}
