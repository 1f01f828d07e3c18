//! Designs of experiments for a sweep: which level of each factor every point of the study
//! takes. A full factorial crosses every level of every factor; a Latin hypercube takes
//! `points` points in which each factor's levels are used as evenly as `points` allows, each
//! factor's order shuffled on its own stream, so that a few points cover every level of every
//! factor without crossing them all.

use rand::RngExt;

use crate::rng;

/// The stream of the hypercube's shuffles (apart from every replication's streams).
const DESIGN_STREAM: u64 = 0xD516;

/// Every combination of the factors' levels (`levels[f]` levels of factor `f`), the last factor
/// varying fastest. One point (no factor) when `levels` is empty.
pub fn full_factorial(levels: &[usize]) -> Vec<Vec<usize>> {
    let mut points = vec![Vec::new()];
    for &count in levels {
        points = points
            .into_iter()
            .flat_map(|point| {
                (0..count).map(move |level| {
                    let mut next = point.clone();
                    next.push(level);
                    next
                })
            })
            .collect();
    }
    points
}

/// The number of points of a full factorial of `levels` (saturating).
pub fn full_factorial_size(levels: &[usize]) -> usize {
    levels
        .iter()
        .fold(1usize, |size, &count| size.saturating_mul(count))
}

/// A Latin hypercube of `points` points over factors of `levels[f]` levels: for each factor,
/// point `i`'s stratum `i` of `points` maps to level `i · levels / points`, and the strata are
/// shuffled (Fisher–Yates) on the design's stream of `seed`, factor by factor.
pub fn latin_hypercube(levels: &[usize], points: usize, seed: u64) -> Vec<Vec<usize>> {
    let mut columns = Vec::with_capacity(levels.len());
    for (factor, &count) in levels.iter().enumerate() {
        let mut column: Vec<usize> = (0..points).map(|i| i * count / points.max(1)).collect();
        let mut stream = rng::stream(seed, DESIGN_STREAM, factor as u64);
        for i in (1..column.len()).rev() {
            let j = stream.random_range(0..=i);
            column.swap(i, j);
        }
        columns.push(column);
    }
    (0..points)
        .map(|point| columns.iter().map(|column| column[point]).collect())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn full_factorial_crosses_every_level() {
        let points = full_factorial(&[3, 2]);
        assert_eq!(
            points,
            [[0, 0], [0, 1], [1, 0], [1, 1], [2, 0], [2, 1]].map(|p| p.to_vec())
        );
        assert_eq!(full_factorial(&[]), vec![Vec::<usize>::new()]);
        assert_eq!(full_factorial_size(&[3, 2, 4]), 24);
    }

    #[test]
    fn latin_hypercube_uses_every_level_evenly() {
        let levels = [4, 2, 8];
        let points = latin_hypercube(&levels, 8, 42);
        assert_eq!(points.len(), 8);
        for (factor, &count) in levels.iter().enumerate() {
            let mut used = vec![0; count];
            points.iter().for_each(|p| used[p[factor]] += 1);
            assert!(used.iter().all(|&n| n == 8 / count), "{factor}: {used:?}");
        }
        assert_eq!(points, latin_hypercube(&levels, 8, 42), "reproducible");
        assert_ne!(points, latin_hypercube(&levels, 8, 43));
    }
}
