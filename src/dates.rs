//! Calendar arithmetic for the PDF's creation date: seconds since 1970 to a date and
//! back, without a date crate for two small functions.

use typst::foundations::Datetime;

/// The UTC date and time `seconds` after 1970-01-01 (`SOURCE_DATE_EPOCH`).
pub(crate) fn datetime_from_epoch(seconds: i64) -> Option<Datetime> {
    // Civil-from-days (Howard Hinnant's algorithm), to avoid a date crate for one line.
    let days = seconds.div_euclid(86_400);
    let secs = seconds.rem_euclid(86_400);
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
    let year = (yoe + era * 400 + i64::from(month <= 2)) as i32;
    Datetime::from_ymd_hms(year, month, day, (secs / 3600) as u8, (secs % 3600 / 60) as u8, (secs % 60) as u8)
}

/// Days since 1970-01-01 of a civil date (Howard Hinnant's algorithm).
pub(crate) fn days_from_civil(year: i32, month: u8, day: u8) -> i64 {
    let year = i64::from(year) - i64::from(month <= 2);
    let era = year.div_euclid(400);
    let yoe = year - era * 400;
    let month = i64::from(month);
    let doy = (153 * (if month > 2 { month - 3 } else { month + 9 }) + 2) / 5 + i64::from(day) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

#[cfg(test)]
mod tests {
    use super::{datetime_from_epoch, days_from_civil};

    #[test]
    fn epoch_seconds_become_dates_and_back() {
        let date = datetime_from_epoch(1_453_334_400).unwrap(); // 2016-01-21 00:00:00 UTC
        assert_eq!((date.year(), date.month(), date.day()), (Some(2016), Some(1), Some(21)));
        let leap = datetime_from_epoch(951_782_400).unwrap(); // 2000-02-29
        assert_eq!((leap.month(), leap.day()), (Some(2), Some(29)));
        assert_eq!(days_from_civil(1970, 1, 1), 0);
        assert_eq!(days_from_civil(2016, 1, 21) * 86_400, 1_453_334_400);
    }
}
