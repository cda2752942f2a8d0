//! Automation on a real SQLite database with the real migrations: rules saved and run by the
//! worker, schedules across a restart, thresholds, refusals, floods, intake forms, hooks.

use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};

use super::*;
use crate::db::{self, connect_options, testing, Db};
use crate::domain::automation::{
    Action, Assignee, Bound, Conditions, Recipient, Recurrence, Rule, RuleId, Scope, Threshold,
    Trigger,
};
use crate::domain::{
    CampaignId, EventKind, FieldValue, Item, ItemId, NewItem, Operation, PersonId, Role, StageKey,
    WorkflowId,
};
use crate::views::automation::{IntakeAnswers, Submitted};

/// Tuesday 1 December 2026, 10:00 UTC.
fn t0() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 12, 1, 10, 0, 0).unwrap()
}

struct World {
    t: testing::TestDb,
    maya: PersonId,
    dana: PersonId,
    sam: PersonId,
    spring: CampaignId,
}

impl World {
    fn db(&self) -> &Db {
        &self.t.db
    }
}

async fn world() -> World {
    let t = testing::fresh().await;
    let mut conn = t.db.write.acquire().await.unwrap();
    db::workflows::install_builtins(&mut conn, t0())
        .await
        .unwrap();
    let maya = db::people::insert(
        &mut conn,
        "Maya Okafor",
        "maya@x.example",
        Role::Admin,
        &["Marketing ops"],
        t0(),
    )
    .await
    .unwrap();
    let dana = db::people::insert(
        &mut conn,
        "Dana Whitfield",
        "dana@x.example",
        Role::Manager,
        &["Content lead", "Editor"],
        t0(),
    )
    .await
    .unwrap();
    let sam = db::people::insert(
        &mut conn,
        "Sam Rivera",
        "sam@x.example",
        Role::Member,
        &["Content"],
        t0(),
    )
    .await
    .unwrap();
    let spring = db::campaigns::insert(
        &mut conn,
        "Spring launch",
        NaiveDate::from_ymd_opt(2026, 11, 1),
        NaiveDate::from_ymd_opt(2027, 1, 31),
        t0(),
    )
    .await
    .unwrap();
    drop(conn);
    t.db.team_changed();
    World {
        t,
        maya,
        dana,
        sam,
        spring,
    }
}

fn rule(
    name: &str,
    workflow: &str,
    owner: PersonId,
    trigger: Trigger,
    actions: Vec<Action>,
) -> Rule {
    Rule {
        id: RuleId(0),
        name: name.into(),
        scope: Scope::Workflow(WorkflowId::new(workflow)),
        owner,
        enabled: true,
        version: 0,
        trigger,
        conditions: Conditions::none(),
        actions,
    }
}

async fn item(w: &World, workflow: &str, title: &str, at: DateTime<Utc>) -> Item {
    crate::service::items::create(
        w.db(),
        w.sam,
        &WorkflowId::new(workflow),
        NewItem {
            owner: Some(w.sam),
            campaign: Some(w.spring),
            ..NewItem::titled(title)
        },
        at,
    )
    .await
    .unwrap()
    .item
}

async fn load(w: &World, id: ItemId) -> Item {
    let mut conn = w.db().read.acquire().await.unwrap();
    db::items::load(&mut conn, id).await.unwrap().unwrap()
}

async fn runs(db: &Db, rule: RuleId) -> Vec<db::automation::StoredRun> {
    let mut conn = db.read.acquire().await.unwrap();
    db::automation::runs(&mut conn, Some(rule), None, 1000)
        .await
        .unwrap()
}

async fn url_of(db: &Db) -> String {
    testing::url_of(db).await
}

#[tokio::test]
async fn entering_a_stage_assigns_and_notifies_through_the_engine_once() {
    let w = world().await;
    let saved = rules::save(
        w.db(),
        w.maya,
        rule(
            "Review → Dana",
            "content-production",
            w.maya,
            Trigger::EnteredStage {
                stage: Some("draft".into()),
            },
            vec![
                Action::Assign {
                    to: Assignee::Person { person: w.dana },
                    keep_others: false,
                },
                Action::Notify {
                    to: vec![Recipient::Person { person: w.dana }],
                    message: "“{title}” is in {stage}: over to you".into(),
                },
            ],
        ),
        t0(),
    )
    .await
    .unwrap();
    let post = item(&w, "content-production", "Pricing explainer", t0()).await;
    // Fill the brief so the move to Draft passes its gate.
    let mut values = std::collections::BTreeMap::new();
    for (k, v) in [("topic", "Pricing"), ("brief", "Why our pricing is simple")] {
        values.insert(k.into(), Some(FieldValue::Text(v.into())));
    }
    values.insert(
        "audience".into(),
        Some(FieldValue::Segment("Finance leads".into())),
    );
    values.insert("reviewer".into(), Some(FieldValue::Person(w.dana)));
    let ops = [
        Operation::EditFields { values },
        Operation::Tick {
            line: "goal-agreed".into(),
        },
        Operation::MoveTo {
            stage: "draft".into(),
            reason: None,
        },
    ];
    let moved = crate::service::items::try_apply(w.db(), w.sam, post.id, post.version, &ops, t0())
        .await
        .unwrap();
    assert!(moved.is_ok(), "{:?}", moved.err().map(|r| r.messages()));

    let report = worker::work(w.db(), t0()).await.unwrap();
    assert_eq!(report.runs, 1);
    let now = load(&w, post.id).await;
    assert_eq!(now.assignees, vec![w.dana]);
    assert!(report.notified.contains(&w.dana));
    let log = runs(w.db(), saved.id).await;
    assert_eq!(log.len(), 1);
    assert_eq!(log[0].outcome, "done");
    // Baton's change is in the activity, and nothing runs twice when the worker looks again.
    let mut conn = w.db().read.acquire().await.unwrap();
    let events = db::events::for_item(&mut conn, post.id).await.unwrap();
    drop(conn);
    assert!(events
        .iter()
        .any(|e| e.actor == crate::domain::automation::AUTOMATION
            && matches!(e.kind, EventKind::AssigneesChanged { .. })));
    let again = worker::work(w.db(), t0()).await.unwrap();
    assert_eq!(
        again.runs, 0,
        "the assignment's own event does not re-run the rule"
    );
    assert_eq!(runs(w.db(), saved.id).await.len(), 1);
}

#[tokio::test]
async fn a_refused_move_is_logged_with_the_engines_reasons_and_nothing_changes() {
    let w = world().await;
    let saved = rules::save(
        w.db(),
        w.maya,
        rule(
            "Straight to draft",
            "content-production",
            w.maya,
            Trigger::ItemCreated { via: None },
            vec![Action::MoveTo {
                stage: "draft".into(),
            }],
        ),
        t0(),
    )
    .await
    .unwrap();
    let post = item(&w, "content-production", "Empty brief", t0()).await;
    worker::work(w.db(), t0()).await.unwrap();
    assert_eq!(
        load(&w, post.id).await.stage,
        StageKey::new("brief"),
        "never forced"
    );
    let log = runs(w.db(), saved.id).await;
    assert_eq!(log[0].outcome, "refused");
    assert!(
        log[0].summary.contains("Required: Topic"),
        "{}",
        log[0].summary
    );
}

#[tokio::test]
async fn a_low_open_rate_creates_the_re_engagement_email_in_the_campaign_once() {
    let w = world().await;
    assert_eq!(rules::install_builtins(w.db(), t0()).await.unwrap(), 8);
    assert_eq!(
        rules::install_builtins(w.db(), t0()).await.unwrap(),
        0,
        "installed once"
    );
    let page = rules::page(w.db(), Role::Admin, None, t0()).await.unwrap();
    assert!(
        page.rules.iter().all(|r| !r.enabled),
        "suggested rules start switched off"
    );
    let low = page
        .rules
        .iter()
        .find(|r| r.name.contains("re-engagement"))
        .unwrap();
    let detail = rules::detail(w.db(), Role::Admin, low.id, None, t0())
        .await
        .unwrap();
    rules::switch(w.db(), w.maya, low.id, detail.rule.version, true, t0())
        .await
        .unwrap();

    let email = item(&w, "email-campaign", "November newsletter", t0()).await;
    let record = |value: f64, at: DateTime<Utc>| {
        results::record(
            w.db(),
            results::RecordedBy::Person(w.sam),
            results::Target::Item(email.id),
            "Open rate",
            value,
            at,
            at,
        )
    };
    record(12.0, t0()).await.unwrap();
    record(11.0, t0() + Duration::hours(1)).await.unwrap(); // still below: not a new crossing
    worker::work(w.db(), t0() + Duration::hours(1))
        .await
        .unwrap();

    let mut conn = w.db().read.acquire().await.unwrap();
    let emails = db::items::list_for_workflow(&mut conn, &WorkflowId::new("email-campaign"), false)
        .await
        .unwrap();
    drop(conn);
    let made: Vec<&Item> = emails
        .iter()
        .filter(|i| i.title.starts_with("Re-engagement"))
        .collect();
    assert_eq!(made.len(), 1, "one crossing, one email");
    assert_eq!(made[0].title, "Re-engagement: November newsletter");
    assert_eq!(made[0].campaign, Some(w.spring), "in the same campaign");
    let shown = results::of_item(w.db(), email.id).await.unwrap();
    assert_eq!(shown[0].value, "11 %");
    assert_eq!(shown[0].metric, "open rate");
}

#[tokio::test]
async fn a_weekly_schedule_runs_once_for_the_slot_it_missed_across_a_restart() {
    let w = world().await;
    let weekly = rule(
        "Weekly report",
        "campaign-reporting",
        w.maya,
        Trigger::Schedule {
            recurrence: Recurrence::parse("FREQ=WEEKLY;BYDAY=MO;BYHOUR=9;BYMINUTE=0").unwrap(),
            starts: NaiveDate::from_ymd_opt(2026, 11, 2)
                .unwrap()
                .and_hms_opt(0, 0, 0)
                .unwrap(),
            for_each_item: false,
        },
        vec![Action::CreateItem {
            workflow: "campaign-reporting".into(),
            title: "Weekly report {date}".into(),
            values: Default::default(),
            channel: None,
            link_campaign: false,
        }],
    );
    // Switched on on Tuesday 1 December: the first slot is Monday 7 December 09:00 UTC.
    let saved = rules::save(w.db(), w.maya, weekly, t0()).await.unwrap();
    clock::tick(w.db(), t0()).await.unwrap();
    assert_eq!(
        worker::work(w.db(), t0()).await.unwrap().runs,
        0,
        "nothing due yet"
    );

    // The server is down from Sunday until Wednesday 16 December: two Mondays passed.
    let url = url_of(w.db()).await;
    w.db().close().await;
    let wednesday = Utc.with_ymd_and_hms(2026, 12, 16, 8, 0, 0).unwrap();
    let restarted = Db::open(connect_options(&url).unwrap()).await.unwrap();
    clock::tick(&restarted, wednesday).await.unwrap();
    clock::tick(&restarted, wednesday + Duration::seconds(30))
        .await
        .unwrap();
    let report = worker::work(&restarted, wednesday).await.unwrap();
    assert_eq!(report.runs, 1, "one run for the missed slots, not one each");
    assert_eq!(report.changed.len(), 1);
    assert!(
        report.changed[0].title.starts_with("Weekly report"),
        "{}",
        report.changed[0].title
    );
    restarted.close().await;

    let again = Db::open(connect_options(&url).unwrap()).await.unwrap();
    clock::tick(&again, wednesday + Duration::minutes(5))
        .await
        .unwrap();
    assert_eq!(
        worker::work(&again, wednesday).await.unwrap().runs,
        0,
        "and none after"
    );
    assert_eq!(runs(&again, saved.id).await.len(), 1);
}

#[tokio::test]
async fn a_rule_that_floods_pauses_itself_and_tells_its_owner() {
    let w = world().await;
    let chatty = rules::save(
        w.db(),
        w.maya,
        rule(
            "Comment on every change",
            "content-production",
            w.dana,
            Trigger::FieldChanged { field: None },
            vec![Action::Notify {
                to: vec![Recipient::Person { person: w.sam }],
                message: "{title} changed".into(),
            }],
        ),
        t0(),
    )
    .await
    .unwrap();
    let post = item(&w, "content-production", "Busy post", t0()).await;
    let mut version = post.version;
    for n in 0..120 {
        let values = [("topic".into(), Some(FieldValue::Text(format!("Topic {n}"))))].into();
        let out = crate::service::items::apply(
            w.db(),
            w.sam,
            post.id,
            version,
            &Operation::EditFields { values },
            t0(),
        )
        .await
        .unwrap();
        version = out.item.version;
    }
    let report = worker::work(w.db(), t0()).await.unwrap();
    assert_eq!(report.paused.len(), 1);
    assert_eq!(report.runs, 100, "a hundred runs, then it paused itself");
    let log = runs(w.db(), chatty.id).await;
    assert_eq!(log.len(), 101);
    assert!(
        log[0].summary.contains("paused itself"),
        "{}",
        log[0].summary
    );
    assert!(report.notified.contains(&w.dana), "the owner is told");
    let detail = rules::detail(w.db(), Role::Admin, chatty.id, None, t0())
        .await
        .unwrap();
    assert!(!detail.rule.enabled);
    assert_eq!(
        detail.summary.paused_reason.as_deref(),
        Some("It ran more than 100 times in a minute.")
    );
}

#[tokio::test]
async fn invalid_rules_are_refused_with_every_reason_and_nothing_is_saved() {
    let w = world().await;
    let bad = rule(
        "Low CTR",
        "content-production",
        w.maya,
        Trigger::MetricCrossed(Threshold {
            metric: "ctr".into(),
            bound: Bound::Below,
            value: 1.0,
            within_hours_of_launch: None,
        }),
        vec![Action::MoveTo {
            stage: "nowhere".into(),
        }],
    );
    let err = rules::save(w.db(), w.maya, bad, t0()).await.unwrap_err();
    assert!(err.to_string().contains("nowhere"), "{err}");
    assert!(rules::page(w.db(), Role::Admin, None, t0())
        .await
        .unwrap()
        .rules
        .is_empty());
    // Two managers saving from the same version: the second is told, nothing is lost.
    let ok = rules::save(
        w.db(),
        w.maya,
        rule(
            "Fine",
            "content-production",
            w.maya,
            Trigger::ItemCreated { via: None },
            vec![],
        ),
        t0(),
    )
    .await;
    assert!(ok.is_err(), "a rule with no actions is refused");
    let first = rules::save(
        w.db(),
        w.maya,
        rule(
            "Fine",
            "content-production",
            w.maya,
            Trigger::ItemCreated { via: None },
            vec![Action::Comment {
                text: "Welcome".into(),
            }],
        ),
        t0(),
    )
    .await
    .unwrap();
    let by_dana = Rule {
        name: "Dana's".into(),
        ..first.clone()
    };
    let by_maya = Rule {
        name: "Maya's".into(),
        ..first.clone()
    };
    rules::save(w.db(), w.dana, by_dana, t0()).await.unwrap();
    let late = rules::save(w.db(), w.maya, by_maya, t0())
        .await
        .unwrap_err();
    assert!(matches!(late, crate::error::AppError::Conflict { .. }));
}

#[tokio::test]
async fn an_intake_form_files_a_request_and_refuses_a_bad_one_field_by_field() {
    let w = world().await;
    let form = intake::form(w.db(), &WorkflowId::new("content-production"), true)
        .await
        .unwrap();
    assert!(form.fields.iter().any(|f| f.key.as_str() == "topic"));
    let mut answers = IntakeAnswers {
        title: "Case study with Acme".into(),
        ..IntakeAnswers::default()
    };
    let (refused, _) = intake::submit(
        w.db(),
        &WorkflowId::new("content-production"),
        None,
        &answers,
        t0(),
    )
    .await
    .unwrap();
    let Submitted::Refused { problems } = refused else {
        panic!("accepted an empty form")
    };
    assert!(problems
        .iter()
        .any(|p| p.field == "field-topic" && p.message == "Required: Topic"));
    assert!(
        problems.iter().any(|p| p.field == "email"),
        "a public submitter says who they are"
    );

    answers.name = "Lena from Sales".into();
    answers.email = "lena@x.example".into();
    for (k, v) in [
        ("topic", "Acme's rollout"),
        ("audience", "Ops leaders"),
        ("brief", "How Acme cut launch time"),
    ] {
        answers.fields.insert(k.into(), v.into());
    }
    answers.fields.insert("reviewer".into(), w.dana.to_string());
    let (made, item) = intake::submit(
        w.db(),
        &WorkflowId::new("content-production"),
        None,
        &answers,
        t0(),
    )
    .await
    .unwrap();
    assert!(matches!(made, Submitted::Created(_)));
    let item = item.unwrap();
    assert_eq!(item.stage, StageKey::new("brief"));
    let mut conn = w.db().read.acquire().await.unwrap();
    let events = db::events::for_item(&mut conn, item.id).await.unwrap();
    drop(conn);
    assert!(matches!(
        events[0].kind,
        EventKind::Created {
            source: crate::domain::CreationSource::Intake,
            ..
        }
    ));
    assert!(events.iter().any(|e| matches!(&e.kind, EventKind::Commented { text } if text.contains("Lena from Sales <lena@x.example>"))));

    // A bot fills the hidden field: it is told it worked, and nothing is kept.
    let bot = IntakeAnswers {
        website: "http://spam.example".into(),
        ..answers
    };
    let (_, none) = intake::submit(
        w.db(),
        &WorkflowId::new("content-production"),
        None,
        &bot,
        t0(),
    )
    .await
    .unwrap();
    assert!(none.is_none());
}

#[tokio::test]
async fn hooks_record_results_reject_bad_bodies_and_unknown_addresses() {
    let w = world().await;
    let made = hooks::create(w.db(), w.maya, "ESP open rates", None, true, t0())
        .await
        .unwrap();
    let token = made.path.trim_start_matches("/hooks/").to_owned();
    let secret = made.signing_secret.clone().unwrap();
    let email = item(&w, "email-campaign", "Launch email", t0()).await;
    let body = format!(
        r#"{{"metric": "open_rate", "value": 31.5, "item": {}}}"#,
        email.id
    );
    let ts = t0().timestamp();
    let signature = crate::auth::signature::sign(&secret, "msg_1", ts, body.as_bytes()).unwrap();
    let ts_text = ts.to_string();
    let signed = hooks::Signed {
        id: Some("msg_1"),
        timestamp: Some(&ts_text),
        signature: Some(&signature),
    };
    let done = hooks::receive(w.db(), &token, signed, body.as_bytes(), t0())
        .await
        .unwrap();
    assert!(matches!(done, hooks::Received::Recorded(_)));
    assert_eq!(
        results::of_item(w.db(), email.id).await.unwrap()[0].by,
        "hook “ESP open rates”"
    );

    let unsigned = hooks::receive(
        w.db(),
        &token,
        hooks::Signed::default(),
        body.as_bytes(),
        t0(),
    )
    .await;
    assert!(matches!(
        unsigned,
        Err(crate::error::AppError::BadRequest { .. })
    ));
    let tampered = body.replace("31.5", "3.5");
    let forged = hooks::receive(w.db(), &token, signed, tampered.as_bytes(), t0()).await;
    assert!(matches!(
        forged,
        Err(crate::error::AppError::BadRequest { .. })
    ));
    let unknown = hooks::receive(w.db(), "not-a-hook", signed, body.as_bytes(), t0()).await;
    assert!(matches!(
        unknown,
        Err(crate::error::AppError::NotFound { .. })
    ));
    assert_eq!(
        results::of_item(w.db(), email.id).await.unwrap().len(),
        1,
        "nothing else recorded"
    );

    let plain = hooks::create(
        w.db(),
        w.maya,
        "Form tool",
        Some(WorkflowId::new("content-production")),
        false,
        t0(),
    )
    .await
    .unwrap();
    let token = plain.path.trim_start_matches("/hooks/").to_owned();
    let malformed = hooks::receive(
        w.db(),
        &token,
        hooks::Signed::default(),
        b"{\"title\": 5}",
        t0(),
    )
    .await;
    let Err(crate::error::AppError::BadRequest { message }) = malformed else {
        panic!("{malformed:?}")
    };
    assert!(
        message.starts_with("The body must be JSON like"),
        "{message}"
    );
    let created = hooks::receive(
        w.db(),
        &token,
        hooks::Signed::default(),
        br#"{"title": "Webinar landing page", "fields": {"topic": "Webinar"}}"#,
        t0(),
    )
    .await
    .unwrap();
    let hooks::Received::Created(id) = created else {
        panic!()
    };
    assert_eq!(load(&w, id).await.title, "Webinar landing page");
}

#[tokio::test]
async fn a_rule_that_sets_itself_off_stops_three_deep_and_a_restart_reruns_nothing() {
    use crate::domain::automation::FieldSource;
    let w = world().await;
    let echo = rules::save(
        w.db(),
        w.maya,
        rule(
            "Grow the brief",
            "content-production",
            w.maya,
            Trigger::FieldChanged {
                field: Some("brief".into()),
            },
            vec![Action::SetField {
                field: "brief".into(),
                to: Some(FieldSource::Text {
                    template: "{field:brief}+".into(),
                }),
            }],
        ),
        t0(),
    )
    .await
    .unwrap();
    let post = item(&w, "content-production", "Echo", t0()).await;
    let values = [("brief".into(), Some(FieldValue::Text("Start".into())))].into();
    crate::service::items::apply(
        w.db(),
        w.sam,
        post.id,
        post.version,
        &Operation::EditFields { values },
        t0(),
    )
    .await
    .unwrap();
    worker::work(w.db(), t0()).await.unwrap();
    let brief = |item: &Item| item.fields.get(&"brief".into()).cloned();
    assert_eq!(
        brief(&load(&w, post.id).await),
        Some(FieldValue::Text("Start+++".into())),
        "three runs: the person's change, then two of the rule's own"
    );
    let log = runs(w.db(), echo.id).await;
    assert_eq!(log.iter().filter(|r| r.outcome == "done").count(), 3);
    assert!(
        log[0].summary.contains("chains stop at 3"),
        "{}",
        log[0].summary
    );

    // A crash after the runs committed but before their signals were marked done: a
    // restarted worker takes them again, and runs nothing twice.
    sqlx::query("UPDATE automation_signals SET processed_at = NULL")
        .execute(&w.db().write)
        .await
        .unwrap();
    let url = url_of(w.db()).await;
    w.db().close().await;
    let restarted = Db::open(connect_options(&url).unwrap()).await.unwrap();
    let report = worker::work(&restarted, t0()).await.unwrap();
    assert!(report.signals > 0);
    assert_eq!(report.runs, 0);
    let mut conn = restarted.read.acquire().await.unwrap();
    let again = db::items::load(&mut conn, post.id).await.unwrap().unwrap();
    assert_eq!(brief(&again), Some(FieldValue::Text("Start+++".into())));
}

#[tokio::test]
async fn a_rule_that_calls_a_webhook_queues_a_signed_delivery_in_its_run() {
    let w = world().await;
    let input = crate::views::webhooks::EndpointInput {
        url: "https://crm.example.com/in".into(),
        description: "CRM".into(),
        events: vec![crate::domain::outbound::EventType::AutomationCalled],
        ..Default::default()
    };
    let endpoint = crate::service::webhooks::create(w.db(), w.maya, &input, false, t0())
        .await
        .unwrap()
        .endpoint
        .id;
    rules::save(
        w.db(),
        w.maya,
        rule(
            "New post → CRM",
            "content-production",
            w.maya,
            Trigger::ItemCreated { via: None },
            vec![Action::CallWebhook { endpoint }],
        ),
        t0(),
    )
    .await
    .unwrap();
    let post = item(&w, "content-production", "Partner spotlight", t0()).await;
    assert_eq!(worker::work(w.db(), t0()).await.unwrap().runs, 1);
    let due = crate::service::webhooks::due(w.db(), t0(), 10)
        .await
        .unwrap();
    assert_eq!(due.len(), 1, "{due:?}");
    let body: serde_json::Value = serde_json::from_str(&due[0].body).unwrap();
    assert_eq!(body["type"], "automation.called");
    assert_eq!(body["data"]["rule"]["name"], "New post → CRM");
    assert_eq!(body["data"]["item"]["id"], post.id.0);
}
