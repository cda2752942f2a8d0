use super::*;
use crate::domain::calendar::grid::CalendarView;
use proptest::prelude::*;

fn day(d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 12, d).unwrap()
}

fn name(channel: Channel) -> &'static str {
    channel.label()
}

fn entry(id: i64, channel: Channel, date: NaiveDate, segment: Option<&str>) -> PlanEntry {
    PlanEntry {
        id: ItemId(id),
        title: format!("Item {id}"),
        channel,
        date,
        segment: segment.map(str::to_owned),
    }
}

fn december() -> Span {
    CalendarView::Month.span(day(1))
}

#[test]
fn a_channel_the_team_uses_with_nothing_in_the_next_week_is_quiet() {
    let entries = [
        entry(1, Channel::Blog, day(7), None),
        entry(2, Channel::Linkedin, day(14), None),
        entry(3, Channel::Email, day(3), None),
    ];
    let watched = [Channel::Blog, Channel::Linkedin, Channel::Email];
    let warnings = planning_warnings(
        &entries,
        &watched,
        PlanningRules::default(),
        day(7),
        december(),
        name,
    );
    let messages: Vec<&str> = warnings.iter().map(|w| w.message.as_str()).collect();
    // The blog post today counts; LinkedIn's is 7 days out (too late); email's is past.
    assert_eq!(
        messages,
        [
            "Nothing planned for LinkedIn in the next 7 days",
            "Nothing planned for Email in the next 7 days"
        ]
    );
}

#[test]
fn two_sends_to_one_segment_within_the_limit_are_over_contact() {
    let entries = [
        entry(1, Channel::Email, day(7), Some("Trial users")),
        entry(2, Channel::Email, day(10), Some(" trial users ")),
        entry(3, Channel::Email, day(14), Some("Trial users")),
        entry(4, Channel::Email, day(8), Some("Customers")),
        entry(5, Channel::Linkedin, day(8), Some("Trial users")),
        entry(6, Channel::Email, day(8), None),
    ];
    let rules = PlanningRules {
        over_contact_days: 3,
        ..PlanningRules::default()
    };
    let warnings = planning_warnings(&entries, &[], rules, day(1), december(), name);
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    let w = &warnings[0];
    assert_eq!(w.items, [ItemId(1), ItemId(2)]);
    assert_eq!(w.date, Some(day(10)));
    assert_eq!(
        w.message,
        "Over-contact: “trial users” gets two emails 3 days apart (Item 1 on 7 Dec, Item 2 on 10 Dec)"
    );
    // With a 4-day rule the third send is too close as well.
    let wider = PlanningRules {
        over_contact_days: 4,
        ..rules
    };
    assert_eq!(
        planning_warnings(&entries, &[], wider, day(1), december(), name).len(),
        2
    );
}

#[test]
fn sends_outside_the_shown_days_do_not_warn() {
    let entries = [
        entry(1, Channel::Email, day(1) - TimeDelta::days(60), Some("All")),
        entry(2, Channel::Email, day(1) - TimeDelta::days(59), Some("All")),
    ];
    assert!(planning_warnings(
        &entries,
        &[],
        PlanningRules::default(),
        day(1),
        december(),
        name
    )
    .is_empty());
}

#[test]
fn more_posts_than_allowed_on_one_platform_in_a_day_warn_on_that_day() {
    let mut entries: Vec<PlanEntry> = (1..=4)
        .map(|i| entry(i, Channel::Instagram, day(9), None))
        .collect();
    entries.push(entry(5, Channel::Linkedin, day(9), None));
    entries.push(entry(6, Channel::Blog, day(9), None));
    entries.push(entry(7, Channel::Blog, day(9), None));
    let rules = PlanningRules {
        max_posts_per_platform_day: 3,
        ..PlanningRules::default()
    };
    let warnings = planning_warnings(&entries, &[], rules, day(1), december(), name);
    assert_eq!(warnings.len(), 1);
    assert_eq!(warnings[0].date, Some(day(9)));
    assert_eq!(
        warnings[0].message,
        "4 Instagram posts on Wednesday 9 December 2026 (more than 3)"
    );
    let relaxed = PlanningRules {
        max_posts_per_platform_day: 4,
        ..rules
    };
    assert!(planning_warnings(&entries, &[], relaxed, day(1), december(), name).is_empty());
}

#[test]
fn thresholds_out_of_range_are_explained() {
    assert!(PlanningRules::default().problems().is_empty());
    let bad = PlanningRules {
        over_contact_days: 0,
        max_posts_per_platform_day: 51,
    };
    let fields: Vec<&str> = bad.problems().iter().map(|(f, _)| *f).collect();
    assert_eq!(fields, ["over_contact_days", "max_posts_per_platform_day"]);
}

fn any_entry() -> impl Strategy<Value = PlanEntry> {
    (
        1i64..40,
        prop::sample::select(vec![
            Channel::Email,
            Channel::Instagram,
            Channel::X,
            Channel::Blog,
        ]),
        0i64..60,
        prop::option::of(prop::sample::select(vec!["A", "B"])),
    )
        .prop_map(|(id, channel, offset, segment)| {
            entry(
                id,
                channel,
                day(1) - TimeDelta::days(14) + TimeDelta::days(offset),
                segment,
            )
        })
}

proptest! {
    #[test]
    fn every_over_contact_warning_names_two_close_sends_to_one_segment_and_each_close_pair_is_caught(
        entries in prop::collection::vec(any_entry(), 0..25).prop_map(|mut v| {
            for (i, e) in v.iter_mut().enumerate() {
                e.id = ItemId(i as i64 + 1);
            }
            v
        }),
        days in 1u32..6,
    ) {
        let rules = PlanningRules { over_contact_days: days, max_posts_per_platform_day: 3 };
        let span = december();
        let warnings = planning_warnings(&entries, &[], rules, day(1), span, name);
        let find = |id: ItemId| entries.iter().find(|e| e.id == id).unwrap();
        let mut flagged = 0;
        for w in &warnings {
            if let WarningKind::OverContact { .. } = w.kind {
                flagged += 1;
                let (a, b) = (find(w.items[0]), find(w.items[1]));
                prop_assert_eq!(a.channel, Channel::Email);
                prop_assert_eq!(b.channel, Channel::Email);
                prop_assert_eq!(a.segment.as_deref().map(str::to_lowercase), b.segment.as_deref().map(str::to_lowercase));
                prop_assert!((b.date - a.date).num_days() <= i64::from(days));
                prop_assert!(span.contains(a.date) || span.contains(b.date));
            }
            if let WarningKind::TooManyPosts { count, .. } = w.kind {
                prop_assert!(count > 3);
                prop_assert!(span.contains(w.date.unwrap()));
            }
        }
        // Any two close sends to one segment in the span mean at least one warning.
        let close = (0..entries.len()).any(|i| (i + 1..entries.len()).any(|j| {
            let (a, b) = (&entries[i], &entries[j]);
            a.channel == Channel::Email
                && b.channel == Channel::Email
                && a.segment.is_some()
                && a.segment == b.segment
                && (b.date - a.date).num_days().abs() <= i64::from(days)
                && span.contains(a.date)
                && span.contains(b.date)
        }));
        if close {
            prop_assert!(flagged > 0);
        }
    }
}
