//! A schedule in words: "every Monday at 09:00", "on the first weekday of every month at 09:00".

use super::{DaySpec, Frequency, Recurrence};
use chrono::Weekday;

fn day_name(day: Weekday) -> &'static str {
    match day {
        Weekday::Mon => "Monday",
        Weekday::Tue => "Tuesday",
        Weekday::Wed => "Wednesday",
        Weekday::Thu => "Thursday",
        Weekday::Fri => "Friday",
        Weekday::Sat => "Saturday",
        Weekday::Sun => "Sunday",
    }
}

/// "a", "a and b", "a, b and c" (or with "or").
pub(in super::super) fn join_words(items: &[String], last: &str) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., end] => format!("{} {last} {end}", rest.join(", ")),
    }
}

/// "first", "second", … "last", "second-to-last", then "6th", "6th-to-last".
fn position(n: i32) -> String {
    const WORDS: [&str; 5] = ["first", "second", "third", "fourth", "fifth"];
    match n {
        -1 => "last".to_owned(),
        n if n < 0 => format!("{}-to-last", position(-n)),
        n if (1..=5).contains(&n) => WORDS[n as usize - 1].to_owned(),
        n => ordinal(n),
    }
}

/// "1st", "2nd", "3rd", "11th", "22nd".
fn ordinal(n: i32) -> String {
    let suffix = match (n % 10, n % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{n}{suffix}")
}

impl Recurrence {
    fn weekdays(&self) -> Vec<Weekday> {
        self.by_day.iter().map(|d| d.weekday).collect()
    }

    fn is_days(&self, days: &[Weekday]) -> bool {
        self.by_day.len() == days.len()
            && self
                .by_day
                .iter()
                .all(|d| d.position.is_none() && days.contains(&d.weekday))
    }

    /// The `BYDAY` set as one kind of day: "weekday", "weekend day", "Monday", "Monday or Friday".
    fn day_kind(&self) -> String {
        use Weekday::*;
        if self.is_days(&[Mon, Tue, Wed, Thu, Fri]) {
            "weekday".to_owned()
        } else if self.is_days(&[Sat, Sun]) {
            "weekend day".to_owned()
        } else {
            let names: Vec<String> = self
                .weekdays()
                .into_iter()
                .map(|d| day_name(d).to_owned())
                .collect();
            join_words(&names, "or")
        }
    }

    /// The `BYDAY` set as a list: "weekday", "Monday and Thursday".
    fn day_list(&self) -> String {
        if self.by_day.len() > 1 && self.day_kind().contains(" or ") {
            let names: Vec<String> = self
                .weekdays()
                .into_iter()
                .map(|d| day_name(d).to_owned())
                .collect();
            join_words(&names, "and")
        } else {
            self.day_kind()
        }
    }

    fn time_words(&self) -> String {
        let times = self.times();
        let shown: Vec<String> = times
            .iter()
            .map(|t| t.format("%H:%M").to_string())
            .collect();
        if shown.len() > 6 {
            let (first, last) = (&shown[0], &shown[shown.len() - 1]);
            format!("{} times a day from {first} to {last}", shown.len())
        } else {
            format!("at {}", join_words(&shown, "and"))
        }
    }

    fn unit(&self, one: &str, many: &str) -> String {
        match self.interval {
            1 => format!("every {one}"),
            n => format!("every {n} {many}"),
        }
    }

    fn month_day_items(&self) -> Vec<String> {
        self.by_month_day
            .iter()
            .map(|&d| match d {
                d if d > 0 => ordinal(d),
                -1 => "last day".to_owned(),
                d => format!("{} day", position(d)),
            })
            .collect()
    }

    fn day_spec_items(&self) -> Vec<String> {
        self.by_day
            .iter()
            .map(
                |DaySpec {
                     position: p,
                     weekday,
                 }| match p {
                    Some(p) => format!("the {} {}", position(*p), day_name(*weekday)),
                    None => format!("every {}", day_name(*weekday)),
                },
            )
            .collect()
    }

    fn positions(&self) -> String {
        let items: Vec<String> = self.by_set_pos.iter().map(|p| position(*p)).collect();
        join_words(&items, "and")
    }

    fn days_words(&self) -> String {
        match self.freq {
            Frequency::Daily if self.by_day.is_empty() => self.unit("day", "days"),
            Frequency::Daily if self.interval == 1 => format!("every {}", self.day_list()),
            Frequency::Daily => format!(
                "{}, when it is a {}",
                self.unit("day", "days"),
                self.day_kind()
            ),
            Frequency::Weekly if !self.by_set_pos.is_empty() => format!(
                "on the {} {} of {}",
                self.positions(),
                self.day_kind(),
                self.unit("week", "weeks")
            ),
            Frequency::Weekly if self.interval == 1 => format!("every {}", self.day_list()),
            Frequency::Weekly => {
                let days = if self.day_kind() == "weekday" {
                    "weekdays".to_owned()
                } else {
                    self.day_list()
                };
                format!("every {} weeks on {days}", self.interval)
            }
            Frequency::Monthly => self.monthly_words(),
        }
    }

    fn monthly_words(&self) -> String {
        let unit = self.unit("month", "months");
        let month_days = join_words(&self.month_day_items(), "and");
        if !self.by_set_pos.is_empty() {
            let among = if self.by_month_day.is_empty() {
                self.day_kind()
            } else {
                format!("of the {month_days}")
            };
            return format!("on the {} {among} of {unit}", self.positions());
        }
        match (self.by_month_day.is_empty(), self.by_day.is_empty()) {
            (false, true) => format!("on the {month_days} of {unit}"),
            (true, _) => format!("on {} of {unit}", join_words(&self.day_spec_items(), "and")),
            (false, false) => {
                let when: Vec<String> = self
                    .day_spec_items()
                    .into_iter()
                    .map(|i| i.replacen("every ", "a ", 1))
                    .collect();
                format!(
                    "on the {month_days} of {unit}, when it is {}",
                    join_words(&when, "or")
                )
            }
        }
    }

    /// The schedule in words, for the rule list and the editor.
    pub fn to_words(&self) -> String {
        format!("{} {}", self.days_words(), self.time_words())
    }
}
