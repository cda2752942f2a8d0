//! Checking and parsing field values by type: what "valid" means for each field type.

use super::fields::{FieldDef, FieldType, FieldValue, Money};
use super::ids::PersonId;
use super::limits;
use super::people::People;
use chrono::{DateTime, NaiveDate, Utc};

/// Whether text looks like an http(s) web address with a host.
pub fn looks_like_url(text: &str) -> bool {
    let lower = text.trim().to_ascii_lowercase();
    let Some(rest) = lower
        .strip_prefix("https://")
        .or_else(|| lower.strip_prefix("http://"))
    else {
        return false;
    };
    let host = rest.split(['/', '?', '#']).next().unwrap_or("");
    let host = host.rsplit('@').next().unwrap_or("");
    let name = host.split(':').next().unwrap_or("");
    !text.trim().contains(char::is_whitespace)
        && (name == "localhost"
            || (name.contains('.') && !name.starts_with('.') && !name.ends_with('.')))
}

impl FieldDef {
    /// Checks a value against this field's type; the error says what is wrong in plain words.
    pub fn check(&self, value: &FieldValue, people: &People) -> Result<(), String> {
        let label = &self.label;
        let limit = match (&self.field_type, value) {
            (FieldType::LongText, FieldValue::Text(text)) => Some((text, limits::LONG_TEXT_FIELD)),
            (_, FieldValue::Text(text) | FieldValue::Segment(text) | FieldValue::Choice(text)) => {
                Some((text, limits::TEXT_FIELD))
            }
            (_, FieldValue::Url(text)) => Some((text, limits::URL)),
            _ => None,
        };
        if let Some((text, max)) = limit {
            limits::check(label, text, max)?;
        }
        match (&self.field_type, value) {
            (FieldType::Text | FieldType::LongText, FieldValue::Text(_)) => Ok(()),
            (FieldType::Segment, FieldValue::Segment(_)) => Ok(()),
            (FieldType::DateTime, FieldValue::DateTime(_)) => Ok(()),
            (FieldType::Url, FieldValue::Url(u)) if looks_like_url(u) => Ok(()),
            (FieldType::Url, FieldValue::Url(_)) => Err(format!(
                "{label} must be a web address starting with http:// or https://"
            )),
            (FieldType::Number, FieldValue::Number(n)) if n.is_finite() => Ok(()),
            (FieldType::Number, FieldValue::Number(_)) => Err(format!("{label} must be a number")),
            (FieldType::Percent, FieldValue::Percent(n)) if n.is_finite() => Ok(()),
            (FieldType::Percent, FieldValue::Percent(_)) => {
                Err(format!("{label} must be a percentage such as 2.5%"))
            }
            (FieldType::Date, FieldValue::Date(_)) => Ok(()),
            (FieldType::YesNo, FieldValue::YesNo(_)) => Ok(()),
            (FieldType::Money, FieldValue::Money(m)) => check_money(label, m),
            (FieldType::Choice { options }, FieldValue::Choice(c)) if options.contains(c) => Ok(()),
            (FieldType::Choice { options }, FieldValue::Choice(_)) => {
                Err(format!("{label} must be one of: {}", options.join(", ")))
            }
            (FieldType::Person, FieldValue::Person(id)) if people.get(*id).is_some() => Ok(()),
            (FieldType::Person, FieldValue::Person(id)) => {
                Err(format!("{label}: person #{id} is not in the team"))
            }
            _ => Err(format!("{label} has a value of the wrong type")),
        }
    }

    /// Reads what a form input holds: empty is "no value", anything else must fit the
    /// field's type. A `datetime-local` input gives "2026-03-14T10:00", read as UTC.
    pub fn parse_input(&self, raw: &str) -> Result<Option<FieldValue>, String> {
        let raw = raw.trim();
        if raw.is_empty() {
            return Ok(None);
        }
        let raw = match self.field_type {
            FieldType::DateTime if raw.len() == 16 => format!("{raw}:00Z"),
            _ => raw.to_string(),
        };
        self.parse(&raw).map(Some)
    }

    /// Parses form input into a value of this field's type.
    pub fn parse(&self, raw: &str) -> Result<FieldValue, String> {
        let raw = raw.trim();
        let label = &self.label;
        let value = match &self.field_type {
            FieldType::Text | FieldType::LongText => FieldValue::Text(raw.to_owned()),
            FieldType::Segment => FieldValue::Segment(raw.to_owned()),
            FieldType::Url => FieldValue::Url(raw.to_owned()),
            FieldType::DateTime => DateTime::parse_from_rfc3339(raw)
                .map(|t| FieldValue::DateTime(t.with_timezone(&Utc)))
                .map_err(|_| format!("{label} must be a date and time"))?,
            FieldType::Number => raw
                .replace(',', "")
                .parse::<f64>()
                .ok()
                .filter(|n| n.is_finite())
                .map(FieldValue::Number)
                .ok_or_else(|| format!("{label} must be a number"))?,
            FieldType::Money => FieldValue::Money(parse_money(raw).ok_or_else(|| {
                format!("{label} must be an amount and a currency, e.g. 1200.50 EUR")
            })?),
            FieldType::Choice { options } => options
                .iter()
                .find(|o| o.eq_ignore_ascii_case(raw))
                .map(|o| FieldValue::Choice(o.clone()))
                .ok_or_else(|| format!("{label} must be one of: {}", options.join(", ")))?,
            FieldType::Person => raw
                .parse::<i64>()
                .map(|id| FieldValue::Person(PersonId(id)))
                .map_err(|_| format!("{label} must be a person"))?,
            FieldType::Percent => raw
                .trim_end_matches('%')
                .trim_end()
                .replace(',', "")
                .parse::<f64>()
                .ok()
                .filter(|n| n.is_finite())
                .map(FieldValue::Percent)
                .ok_or_else(|| format!("{label} must be a percentage such as 2.5%"))?,
            FieldType::Date => NaiveDate::parse_from_str(raw, "%Y-%m-%d")
                .map(FieldValue::Date)
                .map_err(|_| format!("{label} must be a date such as 2026-03-14"))?,
            FieldType::YesNo => match raw.to_ascii_lowercase().as_str() {
                "yes" | "y" | "true" => FieldValue::YesNo(true),
                "no" | "n" | "false" => FieldValue::YesNo(false),
                _ => return Err(format!("{label} must be yes or no")),
            },
        };
        match &value {
            FieldValue::Url(u) if !looks_like_url(u) => Err(format!(
                "{label} must be a web address starting with http:// or https://"
            )),
            _ => Ok(value),
        }
    }
}

fn check_money(label: &str, money: &Money) -> Result<(), String> {
    let code_ok =
        money.currency.len() == 3 && money.currency.chars().all(|c| c.is_ascii_uppercase());
    if !code_ok {
        return Err(format!(
            "{label} needs a three-letter currency code such as EUR"
        ));
    }
    if money.amount_minor < 0 {
        return Err(format!("{label} cannot be negative"));
    }
    Ok(())
}

/// Parses "1200.50 EUR", "EUR 1,200.50" or "99 usd" into money.
pub fn parse_money(raw: &str) -> Option<Money> {
    let parts: Vec<&str> = raw.split_whitespace().collect();
    let (amount, code) = match parts.as_slice() {
        [a, c] if c.chars().all(|ch| ch.is_ascii_alphabetic()) => (*a, *c),
        [c, a] if c.chars().all(|ch| ch.is_ascii_alphabetic()) => (*a, *c),
        _ => return None,
    };
    if code.len() != 3 {
        return None;
    }
    let amount = amount.replace(',', "");
    let (whole, frac) = amount.split_once('.').unwrap_or((&amount, ""));
    if whole.is_empty()
        || frac.len() > 2
        || !whole
            .chars()
            .chain(frac.chars())
            .all(|c| c.is_ascii_digit())
    {
        return None;
    }
    let cents = format!("{frac:0<2}").parse::<i64>().ok()?;
    let amount_minor = whole
        .parse::<i64>()
        .ok()?
        .checked_mul(100)?
        .checked_add(cents)?;
    Some(Money {
        amount_minor,
        currency: code.to_ascii_uppercase(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn def(field_type: FieldType) -> FieldDef {
        FieldDef {
            key: "f".into(),
            label: "Landing page URL".into(),
            field_type,
            help: String::new(),
        }
    }

    #[test]
    fn urls_must_be_http_with_a_host() {
        assert!(looks_like_url("https://example.com/landing?utm=1"));
        assert!(looks_like_url("http://localhost:3000/x"));
        for bad in [
            "example.com",
            "ftp://example.com",
            "https://",
            "https://exa mple.com",
            "https://nohost",
        ] {
            assert!(!looks_like_url(bad), "{bad}");
        }
        let err =
            def(FieldType::Url).check(&FieldValue::Url("www.x.com".into()), &People::default());
        assert_eq!(
            err.unwrap_err(),
            "Landing page URL must be a web address starting with http:// or https://"
        );
    }

    #[test]
    fn numbers_must_parse() {
        assert_eq!(
            def(FieldType::Number).parse("1,250.5"),
            Ok(FieldValue::Number(1250.5))
        );
        assert!(def(FieldType::Number).parse("lots").is_err());
        assert!(def(FieldType::Number)
            .check(&FieldValue::Number(f64::NAN), &People::default())
            .is_err());
    }

    #[test]
    fn money_is_amount_plus_currency() {
        let m = parse_money("EUR 1,200.5").unwrap();
        assert_eq!(
            m,
            Money {
                amount_minor: 120050,
                currency: "EUR".into()
            }
        );
        assert_eq!(m.to_string(), "1200.50 EUR");
        assert_eq!(parse_money("99 usd").unwrap().amount_minor, 9900);
        assert!(parse_money("1200").is_none());
        assert!(parse_money("12.345 EUR").is_none());
        let neg = Money {
            amount_minor: -5,
            currency: "EUR".into(),
        };
        assert!(def(FieldType::Money)
            .check(&FieldValue::Money(neg), &People::default())
            .is_err());
    }

    #[test]
    fn choice_must_be_one_of_the_options() {
        let d = def(FieldType::Choice {
            options: vec!["Leads".into(), "Sales".into()],
        });
        assert_eq!(d.parse("leads"), Ok(FieldValue::Choice("Leads".into())));
        assert!(d
            .check(&FieldValue::Choice("Awareness".into()), &People::default())
            .is_err());
    }

    #[test]
    fn person_must_be_in_the_directory_and_types_must_match() {
        let d = def(FieldType::Person);
        assert!(d
            .check(&FieldValue::Person(PersonId(3)), &People::default())
            .is_err());
        assert!(def(FieldType::Text)
            .check(&FieldValue::Number(1.0), &People::default())
            .is_err());
    }

    #[test]
    fn percent_date_and_yes_no_parse_and_read_back() {
        let percent = def(FieldType::Percent);
        assert_eq!(percent.parse("2.5%"), Ok(FieldValue::Percent(2.5)));
        assert_eq!(percent.parse("1,250 %"), Ok(FieldValue::Percent(1250.0)));
        assert_eq!(percent.parse("12").unwrap().to_string(), "12%");
        assert!(percent.parse("a lot").is_err());
        assert!(percent
            .check(&FieldValue::Percent(f64::NAN), &People::default())
            .is_err());
        let date = def(FieldType::Date);
        let day = date.parse("2026-03-14").unwrap();
        assert_eq!(day.to_string(), "2026-03-14");
        assert_eq!(
            date.parse("14/03/2026").unwrap_err(),
            "Landing page URL must be a date such as 2026-03-14"
        );
        let yes_no = def(FieldType::YesNo);
        assert_eq!(yes_no.parse("Yes"), Ok(FieldValue::YesNo(true)));
        assert_eq!(yes_no.parse("no").unwrap().to_string(), "No");
        assert!(yes_no.parse("maybe").is_err());
        assert!(!FieldValue::YesNo(false).is_blank());
        assert!(yes_no.check(&day, &People::default()).is_err());
    }

    #[test]
    fn new_field_types_serialize_with_the_type_tag() {
        let json = serde_json::to_string(&FieldType::YesNo).unwrap();
        assert_eq!(json, r#"{"type":"yes_no"}"#);
        let value = FieldValue::Date(NaiveDate::from_ymd_opt(2026, 3, 14).unwrap());
        let json = serde_json::to_string(&value).unwrap();
        assert_eq!(json, r#"{"type":"date","value":"2026-03-14"}"#);
        assert_eq!(serde_json::from_str::<FieldValue>(&json).unwrap(), value);
    }

    #[test]
    fn blank_text_does_not_count_as_filled() {
        assert!(FieldValue::Text("  ".into()).is_blank());
        assert!(!FieldValue::Number(0.0).is_blank());
    }
}

impl FieldValue {
    /// The value as plain JSON, the way the public API and exports give it: text as a
    /// string, numbers and percentages as numbers, yes/no as a boolean, a person as their
    /// id, a day as `2026-03-14`, a moment in RFC 3339, money as "1200.50 EUR".
    /// [`FieldDef::from_plain`] reads every one of these back.
    pub fn plain(&self) -> serde_json::Value {
        use serde_json::Value;
        match self {
            FieldValue::Text(s)
            | FieldValue::Url(s)
            | FieldValue::Choice(s)
            | FieldValue::Segment(s) => Value::String(s.clone()),
            FieldValue::DateTime(t) => Value::String(t.to_rfc3339()),
            FieldValue::Number(n) | FieldValue::Percent(n) => serde_json::Number::from_f64(*n)
                .map(Value::Number)
                .unwrap_or(Value::Null),
            FieldValue::Money(m) => Value::String(m.to_string()),
            FieldValue::Person(id) => Value::from(id.0),
            FieldValue::Date(day) => Value::String(day.format("%Y-%m-%d").to_string()),
            FieldValue::YesNo(yes) => Value::Bool(*yes),
        }
    }
}

impl FieldDef {
    /// Reads a plain JSON value (see [`FieldValue::plain`]) as this field's value: `null`
    /// or blank text is "no value"; a number or a boolean is read as its text would be.
    pub fn from_plain(&self, value: &serde_json::Value) -> Result<Option<FieldValue>, String> {
        use serde_json::Value;
        match value {
            Value::Null => Ok(None),
            Value::String(text) => self.parse_input(text),
            Value::Number(n) => self.parse_input(&n.to_string()),
            Value::Bool(yes) => self.parse_input(if *yes { "yes" } else { "no" }),
            Value::Array(_) | Value::Object(_) => Err(format!(
                "{} takes a single value (text, a number or yes/no), not a list or an object",
                self.label
            )),
        }
    }
}

#[cfg(test)]
mod plain_tests {
    use super::*;
    use chrono::TimeZone;

    fn def(field_type: FieldType) -> FieldDef {
        FieldDef {
            key: crate::domain::FieldKey::new("f"),
            label: "Budget".into(),
            field_type,
            help: String::new(),
        }
    }

    #[test]
    fn every_kind_of_value_reads_back_from_its_plain_form() {
        let cases = [
            (FieldType::Text, FieldValue::Text("Spring launch".into())),
            (
                FieldType::Url,
                FieldValue::Url("https://example.com/a".into()),
            ),
            (
                FieldType::DateTime,
                FieldValue::DateTime(Utc.with_ymd_and_hms(2026, 3, 14, 10, 30, 0).unwrap()),
            ),
            (FieldType::Number, FieldValue::Number(1250.5)),
            (
                FieldType::Money,
                FieldValue::Money(Money {
                    amount_minor: 120050,
                    currency: "EUR".into(),
                }),
            ),
            (
                FieldType::Choice {
                    options: vec!["Blog".into(), "Video".into()],
                },
                FieldValue::Choice("Video".into()),
            ),
            (FieldType::Person, FieldValue::Person(PersonId(7))),
            (FieldType::Percent, FieldValue::Percent(2.5)),
            (
                FieldType::Date,
                FieldValue::Date(NaiveDate::from_ymd_opt(2026, 3, 14).unwrap()),
            ),
            (FieldType::YesNo, FieldValue::YesNo(false)),
        ];
        for (field_type, value) in cases {
            let def = def(field_type);
            assert_eq!(
                def.from_plain(&value.plain()),
                Ok(Some(value.clone())),
                "{value:?}"
            );
        }
    }

    #[test]
    fn plain_values_of_the_wrong_shape_are_refused_in_words() {
        let number = def(FieldType::Number);
        assert_eq!(number.from_plain(&serde_json::Value::Null), Ok(None));
        assert_eq!(number.from_plain(&serde_json::json!("")), Ok(None));
        assert_eq!(
            number.from_plain(&serde_json::json!("lots")),
            Err("Budget must be a number".into())
        );
        assert!(number
            .from_plain(&serde_json::json!([1, 2]))
            .unwrap_err()
            .contains("single value"));
        assert_eq!(
            def(FieldType::YesNo).from_plain(&serde_json::json!(true)),
            Ok(Some(FieldValue::YesNo(true)))
        );
    }
}
