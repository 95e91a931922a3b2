//! Axis ticks for charts: round numbers that cover the data.

/// About `target` evenly spaced round ticks from at most `min` to at least `max`.
pub(crate) fn nice_ticks(min: f64, max: f64, target: usize) -> Vec<f64> {
    let (mut low, mut high) = (min.min(0.0), max.max(0.0));
    if !(low.is_finite() && high.is_finite()) {
        return vec![0.0, 1.0];
    }
    if high <= low {
        high = low + 1.0;
    }
    let raw = (high - low) / target.max(1) as f64;
    let magnitude = 10f64.powf(raw.log10().floor());
    let step = [1.0, 2.0, 2.5, 5.0, 10.0]
        .iter()
        .map(|m| m * magnitude)
        .find(|step| *step >= raw)
        .unwrap_or(10.0 * magnitude);
    low = (low / step).floor() * step;
    high = (high / step).ceil() * step;
    let count = ((high - low) / step).round() as usize;
    (0..=count).map(|i| low + step * i as f64).collect()
}

#[cfg(test)]
mod tests {
    use super::nice_ticks;

    #[test]
    fn ticks_cover_the_data_with_round_steps() {
        assert_eq!(nice_ticks(30.0, 70.0, 5), vec![0.0, 20.0, 40.0, 60.0, 80.0]);
        assert_eq!(nice_ticks(0.0, 0.0, 4), vec![0.0, 0.25, 0.5, 0.75, 1.0]);
        let negative = nice_ticks(-3.0, 7.0, 5);
        assert!(negative.first().unwrap() <= &-3.0 && negative.last().unwrap() >= &7.0);
    }
}
