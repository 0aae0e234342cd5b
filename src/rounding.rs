//! The one rounding of published figures: scores as integer counts of display units, rounded
//! half away from zero. Shared by the model (ranks and ties are decided on it) and by the
//! locale (figures are written from it); depends on nothing else.

/// Rounding to the site's precision, half away from zero, on exact integers afterwards.
///
/// A score is kept as an integer count of display units ("843" for 84.3 at one decimal): ties,
/// rank order, change and display all work on that integer, so no later step can disagree
/// with the published figure. Before rounding, binary noise below a millionth of a display unit
/// is removed, so that a value that is exactly on the rounding boundary in decimal arithmetic
/// (say 84.25, computed as 84.24999999999999) rounds as a reader checking by hand would expect.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rounding {
    pub decimals: u32,
    factor: f64,
}

impl Rounding {
    pub fn new(decimals: u32) -> Self {
        Rounding {
            decimals,
            factor: 10f64.powi(decimals as i32),
        }
    }

    /// `value` in display units, rounded half away from zero.
    pub fn units(&self, value: f64) -> i64 {
        let scaled = value * self.factor;
        let cleaned = (scaled * 1e6).round() / 1e6;
        cleaned.round() as i64
    }

    /// The number that `units` stands for, for machine-readable output.
    pub fn value(&self, units: i64) -> f64 {
        units as f64 / self.factor
    }

    /// `value` rounded to the precision, as a number.
    pub fn round(&self, value: f64) -> f64 {
        self.value(self.units(value))
    }

    /// Exact decimal text of `units`, with the given decimal separator ("84.3", "-1.2", "84,3").
    pub fn format_units(&self, units: i64, decimal_separator: &str) -> String {
        let sign = if units < 0 { "-" } else { "" };
        let magnitude = units.unsigned_abs();
        if self.decimals == 0 {
            return format!("{sign}{magnitude}");
        }
        let divisor = 10u64.pow(self.decimals);
        format!(
            "{sign}{}{decimal_separator}{:0width$}",
            magnitude / divisor,
            magnitude % divisor,
            width = self.decimals as usize
        )
    }

    pub fn format(&self, value: f64, decimal_separator: &str) -> String {
        self.format_units(self.units(value), decimal_separator)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rounds_half_away_from_zero_despite_binary_noise() {
        let one = Rounding::new(1);
        assert_eq!(one.units(84.25), 843);
        assert_eq!(one.units(84.24999999999999), 843);
        assert_eq!(one.units(84.24), 842);
        assert_eq!(one.units(-1.25), -13);
        assert_eq!(one.format_units(-13, "."), "-1.3");
        assert_eq!(one.format_units(843, ","), "84,3");
        assert_eq!(Rounding::new(0).format_units(84, "."), "84");
        assert_eq!(Rounding::new(2).format_units(5, "."), "0.05");
    }
}
