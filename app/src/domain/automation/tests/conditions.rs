//! Every condition, read by the field's type, with the sentence the run log shows.

use super::super::super::fields::{FieldValue, Money};
use super::super::super::item::{Channel, Priority};
use super::super::super::operations::{create_item, NewItem};
use super::super::super::testkit::{self, t0, DANA, LEE, MAX, SAM};
use super::super::condition_check::{check_all, Subject};
use super::super::words::Names;
use super::*;

fn check_with(
    world: &World,
    condition: Condition,
    item: Option<&Item>,
    reading: Option<&MetricReading>,
) -> ConditionResult {
    let def = item.map(|i| world.def(i.workflow_id.as_str()));
    let names = Names {
        catalog: world.catalog(),
        def,
        metric: reading.map(|r| &r.metric),
    };
    let subject = Subject {
        item,
        def,
        reading,
        now: t0() + TimeDelta::hours(30),
    };
    let (met, mut results) = check_all(&Conditions::all(vec![condition]), &subject, &names);
    assert_eq!(met, results[0].held);
    results.remove(0)
}

fn check(condition: Condition, item: &Item) -> ConditionResult {
    check_with(&World::new(), condition, Some(item), None)
}

fn holds(condition: Condition, item: &Item) -> bool {
    check(condition, item).held
}

fn compare(field: &str, op: Comparison, value: FieldValue) -> Condition {
    Condition::Field {
        field: field.into(),
        test: FieldTest::Compare { op, value },
    }
}

fn eur(amount: i64) -> FieldValue {
    FieldValue::Money(Money {
        amount_minor: amount * 100,
        currency: "EUR".into(),
    })
}

/// A paid campaign with a number, money, date, choice and person field filled.
fn paid() -> Item {
    let world = World::new();
    let new = NewItem {
        fields: [
            ("pause_ctr_below", FieldValue::Number(1.5)),
            ("budget", eur(1200)),
            ("start_date", FieldValue::DateTime(t0())),
            ("objective", FieldValue::Choice("Leads".into())),
            ("approver", FieldValue::Person(DANA)),
            ("ad_copy", FieldValue::Text("Spring Sale: 20 % off".into())),
        ]
        .into_iter()
        .map(|(k, v)| (k.into(), v))
        .collect(),
        channel: Channel::PaidSocial,
        ..NewItem::titled("Spring ads")
    };
    let mut item = create_item(
        world.def("paid-campaign-launch"),
        new,
        &testkit::ctx(&world.people, SAM),
    )
    .unwrap()
    .item;
    item.id = ItemId(3);
    item
}

#[test]
fn numbers_money_and_dates_compare_by_value() {
    let item = paid();
    assert!(holds(
        compare(
            "pause_ctr_below",
            Comparison::AtLeast,
            FieldValue::Number(1.0)
        ),
        &item
    ));
    let below = check(
        compare(
            "pause_ctr_below",
            Comparison::Below,
            FieldValue::Number(1.0),
        ),
        &item,
    );
    assert_eq!(
        below.sentence,
        "Pause if CTR below (%) is below 1 — no: it is 1.5"
    );
    assert_eq!(below.path, "conditions.0.0");
    assert!(holds(
        compare("budget", Comparison::AtLeast, eur(1000)),
        &item
    ));
    assert!(!holds(
        compare("budget", Comparison::Above, eur(1200)),
        &item
    ));
    let dollars = FieldValue::Money(Money {
        amount_minor: 100,
        currency: "USD".into(),
    });
    assert!(
        !holds(compare("budget", Comparison::Above, dollars), &item),
        "another currency does not compare"
    );
    let later = FieldValue::DateTime(t0() + TimeDelta::days(1));
    let before = check(compare("start_date", Comparison::Below, later), &item);
    assert!(before.held);
    assert!(
        before
            .sentence
            .starts_with("Start date is before 2024-06-04"),
        "{}",
        before.sentence
    );
}

#[test]
fn choices_compare_by_their_order_in_the_list_and_text_ignores_case() {
    let item = paid();
    // Awareness, Traffic, Leads, Conversions, Sales
    assert!(holds(
        compare(
            "objective",
            Comparison::AtLeast,
            FieldValue::Choice("Traffic".into())
        ),
        &item
    ));
    assert!(!holds(
        compare(
            "objective",
            Comparison::Above,
            FieldValue::Choice("Conversions".into())
        ),
        &item
    ));
    assert!(holds(
        compare(
            "objective",
            Comparison::Equal,
            FieldValue::Choice("leads".into())
        ),
        &item
    ));
    assert!(holds(
        compare(
            "ad_copy",
            Comparison::Equal,
            FieldValue::Text(" spring sale: 20 % OFF ".into())
        ),
        &item
    ));
    assert!(
        !holds(
            compare("ad_copy", Comparison::Below, FieldValue::Text("Z".into())),
            &item
        ),
        "text has no order"
    );
    assert!(holds(
        compare("approver", Comparison::Equal, FieldValue::Person(DANA)),
        &item
    ));
    assert!(holds(
        compare("approver", Comparison::NotEqual, FieldValue::Person(LEE)),
        &item
    ));
}

#[test]
fn contains_and_emptiness() {
    let item = paid();
    let contains = |text: &str| Condition::Field {
        field: "ad_copy".into(),
        test: FieldTest::Contains { text: text.into() },
    };
    let sale = check(contains("SALE"), &item);
    assert!(sale.held);
    assert_eq!(sale.sentence, "Ad copy contains “SALE” — yes");
    assert!(!holds(contains("winter"), &item));
    let empty = |field: &str| Condition::Field {
        field: field.into(),
        test: FieldTest::IsEmpty,
    };
    let filled = |field: &str| Condition::Field {
        field: field.into(),
        test: FieldTest::IsNotEmpty,
    };
    assert!(holds(empty("kpis"), &item));
    assert!(!holds(filled("kpis"), &item));
    assert!(holds(filled("budget"), &item));
    assert!(
        holds(
            compare("kpis", Comparison::NotEqual, FieldValue::Text("x".into())),
            &item
        ),
        "an empty field is not x"
    );
    assert!(!holds(
        compare("kpis", Comparison::Equal, FieldValue::Text("x".into())),
        &item
    ));
}

#[test]
fn stage_channel_campaign_and_priority() {
    let mut item = testkit::sample_item();
    item.channel = Channel::Email;
    item.campaign = Some(SPRING);
    item.priority = Priority::High;
    let channel = check(
        Condition::Channel {
            channel: OneOf::Is(vec![Channel::Email]),
        },
        &item,
    );
    assert_eq!(channel.sentence, "Channel is Email — yes");
    let blog = check(
        Condition::Channel {
            channel: OneOf::Is(vec![Channel::Blog]),
        },
        &item,
    );
    assert_eq!(blog.sentence, "Channel is Blog — no: it is Email");
    assert!(holds(
        Condition::Channel {
            channel: OneOf::IsNot(vec![Channel::Blog])
        },
        &item
    ));
    let stage = check(
        Condition::Stage {
            stage: OneOf::Is(vec!["review".into(), "publish".into()]),
        },
        &item,
    );
    assert_eq!(
        stage.sentence,
        "Stage is Review or Publish — no: it is in Brief"
    );
    assert!(holds(
        Condition::Stage {
            stage: OneOf::IsNot(vec!["review".into()])
        },
        &item
    ));
    let campaign = check(
        Condition::Campaign {
            campaign: MaybeOneOf::Is(vec![SPRING]),
        },
        &item,
    );
    assert_eq!(campaign.sentence, "Campaign is Spring launch — yes");
    assert!(holds(
        Condition::Campaign {
            campaign: MaybeOneOf::IsSet
        },
        &item
    ));
    item.campaign = None;
    assert!(holds(
        Condition::Campaign {
            campaign: MaybeOneOf::IsNotSet
        },
        &item
    ));
    assert!(holds(
        Condition::Campaign {
            campaign: MaybeOneOf::IsNot(vec![SPRING])
        },
        &item
    ));
    let priority = |op| Condition::Priority {
        op,
        priority: Priority::Normal,
    };
    assert!(holds(priority(Comparison::Above), &item));
    assert!(!holds(priority(Comparison::AtMost), &item));
    assert_eq!(
        check(priority(Comparison::AtLeast), &item).sentence,
        "Priority is at least Normal — yes"
    );
}

#[test]
fn owner_and_owner_team() {
    let mut item = testkit::sample_item();
    let owner = |owner| Condition::Owner { owner };
    assert!(holds(owner(MaybeOneOf::IsNotSet), &item));
    item.owner = Some(DANA);
    let dana = check(owner(MaybeOneOf::Is(vec![DANA])), &item);
    assert_eq!(dana.sentence, "Owner is Dana — yes");
    assert_eq!(
        check(owner(MaybeOneOf::Is(vec![SAM])), &item).sentence,
        "Owner is Sam — no: it is Dana"
    );
    assert!(holds(owner(MaybeOneOf::IsSet), &item));
    let design = |negate| Condition::OwnerTeam {
        team: "design".into(),
        negate,
    };
    assert!(holds(design(false), &item));
    assert!(!holds(design(true), &item));
    item.owner = Some(MAX);
    let not_in = check(design(false), &item);
    assert_eq!(
        not_in.sentence,
        "Owner is in team design — no: Max is not in it"
    );
}

#[test]
fn time_in_stage_and_revision_round() {
    let mut item = testkit::sample_item(); // entered Brief at t0; checked at t0 + 30 h
    let time = |op, hours| Condition::TimeInStage { op, hours };
    assert!(holds(time(Comparison::AtLeast, 24.0), &item));
    let long = check(time(Comparison::Above, 48.0), &item);
    assert_eq!(
        long.sentence,
        "Time in the stage is above 48 h — no: it has been 30 h"
    );
    item.revision_round = 1;
    assert!(holds(
        Condition::RevisionRound {
            op: Comparison::AtLeast,
            round: 1
        },
        &item
    ));
    assert!(!holds(
        Condition::RevisionRound {
            op: Comparison::Equal,
            round: 0
        },
        &item
    ));
}

#[test]
fn the_measured_value_and_when_it_was_measured() {
    let world = World::new();
    let item = testkit::sample_item();
    let signal = reading(&item, "open_rate", 12.0, None); // 20 h after launch
    let r = signal.reading_of().unwrap();
    let value = |op, value| Condition::MetricValue { op, value };
    let below = check_with(&world, value(Comparison::Below, 15.0), Some(&item), Some(r));
    assert_eq!(below.sentence, "Open rate is below 15 % — yes");
    assert!(!check_with(&world, value(Comparison::Above, 15.0), Some(&item), Some(r)).held);
    let within = |op, hours| Condition::HoursAfterLaunch { op, hours };
    let early = check_with(&world, within(Comparison::AtMost, 48.0), None, Some(r));
    assert_eq!(early.sentence, "Measured at most 48 h after launch — yes");
    assert!(!check_with(&world, within(Comparison::Above, 24.0), None, Some(r)).held);
    let nothing = check_with(&world, value(Comparison::Below, 15.0), Some(&item), None);
    assert_eq!(
        nothing.sentence,
        "The measured value is below 15 — no: nothing was measured"
    );
    let no_item = check_with(
        &world,
        Condition::Channel {
            channel: OneOf::Is(vec![Channel::Email]),
        },
        None,
        Some(r),
    );
    assert_eq!(
        no_item.sentence,
        "Channel is Email — no: this run has no item"
    );
}

#[test]
fn groups_combine_with_and_or() {
    let world = World::new();
    let mut item = testkit::sample_item();
    item.channel = Channel::Email;
    let yes = || Condition::Channel {
        channel: OneOf::Is(vec![Channel::Email]),
    };
    let no = || Condition::Channel {
        channel: OneOf::Is(vec![Channel::Blog]),
    };
    let group = |combine, conditions| ConditionGroup {
        combine,
        conditions,
    };
    let met = |conditions: Conditions| {
        let def = world.def("flow");
        let names = Names {
            catalog: world.catalog(),
            def: Some(def),
            metric: None,
        };
        let subject = Subject {
            item: Some(&item),
            def: Some(def),
            reading: None,
            now: t0(),
        };
        let (met, results) = check_all(&conditions, &subject, &names);
        let total: usize = conditions.groups.iter().map(|g| g.conditions.len()).sum();
        assert_eq!(results.len(), total, "every condition is in the log");
        met
    };
    assert!(met(Conditions::none()));
    assert!(!met(Conditions::all(vec![yes(), no()])));
    let either = Conditions {
        combine: Combine::All,
        groups: vec![group(Combine::Any, vec![no(), yes()])],
    };
    assert!(met(either));
    let or_groups = Conditions {
        combine: Combine::Any,
        groups: vec![
            group(Combine::All, vec![yes(), no()]),
            group(Combine::All, vec![yes()]),
        ],
    };
    assert!(met(or_groups.clone()));
    assert!(!met(Conditions {
        combine: Combine::All,
        ..or_groups
    }));
}
