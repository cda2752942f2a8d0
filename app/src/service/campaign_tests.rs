//! Campaigns and the send log on a real SQLite database with the real migrations.

use chrono::{Duration, NaiveDate, TimeZone, Utc};

use super::*;
use crate::domain::campaign::CampaignInput;
use crate::domain::{NewItem, Role, Schedule, WorkflowId};
use crate::service::sends;
use crate::service::testkit::{calendar, review_flow, t0, team_with, Team};
use crate::views::campaigns::{SendFilter, SendInput};

fn user(team: &Team, id: PersonId, role: Role, zone: &str) -> CurrentUser {
    let _ = team;
    CurrentUser {
        id,
        name: format!("Person {id}"),
        email: format!("p{id}@example.com"),
        role,
        time_zone: zone.into(),
    }
}

fn day(m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, m, d).unwrap()
}

fn input(name: &str, starts: NaiveDate, ends: NaiveDate) -> CampaignInput {
    CampaignInput {
        name: name.into(),
        starts_on: Some(starts),
        ends_on: Some(ends),
        ..CampaignInput::default()
    }
}

async fn team() -> Team {
    team_with(crate::domain::ApprovalRule::Single, calendar(48)).await
}

/// Ann's item in the review flow, in `campaign`, going out at `at` on `channel`.
async fn item_in(
    team: &Team,
    title: &str,
    campaign: CampaignId,
    at: chrono::DateTime<Utc>,
    channel: Channel,
    workflow: &WorkflowId,
) -> crate::domain::Item {
    crate::service::items::create(
        team.db(),
        team.ann,
        workflow,
        NewItem {
            owner: Some(team.ann),
            campaign: Some(campaign),
            channel,
            schedule: Some(Schedule { at, all_day: false }),
            ..NewItem::titled(title)
        },
        t0(),
    )
    .await
    .unwrap()
    .item
}

async fn campaign_count(team: &Team) -> usize {
    let mut conn = team.db().read.acquire().await.unwrap();
    db::campaigns::all(&mut conn).await.unwrap().len()
}

#[tokio::test]
async fn a_campaign_is_created_edited_and_closed_and_bad_input_saves_nothing() {
    let team = team().await;
    let bo = user(&team, team.bo, Role::Manager, "UTC");
    let db = team.db();
    let now = t0();

    // An end before the start is refused with its field, and nothing is saved.
    let wrong = create(db, bo.id, &input("Spring", day(11, 20), day(11, 10)), now).await;
    assert!(matches!(wrong, Err(AppError::Validation { ref field, .. }) if field == "ends_on"));
    let negative = CampaignInput {
        budget: "-100 EUR".into(),
        ..input("Spring", day(11, 10), day(11, 30))
    };
    assert!(
        matches!(create(db, bo.id, &negative, now).await, Err(AppError::Validation { ref field, .. }) if field == "budget")
    );
    assert_eq!(campaign_count(&team).await, 0);

    let spring = CampaignInput {
        owner: Some(team.bo),
        budget: "12000 EUR".into(),
        goals: "leads >= 100".into(),
        ..input("Spring", day(11, 10), day(11, 30))
    };
    let made = create(db, bo.id, &spring, now).await.unwrap();
    let twin = create(db, bo.id, &input("spring", day(11, 1), day(11, 2)), now).await;
    assert!(matches!(twin, Err(AppError::Validation { ref field, .. }) if field == "name"));

    let flow = review_flow();
    let inside = item_in(
        &team,
        "Launch post",
        made.id,
        Utc.with_ymd_and_hms(2026, 11, 25, 9, 0, 0).unwrap(),
        Channel::Blog,
        &flow,
    )
    .await;
    item_in(
        &team,
        "Teaser",
        made.id,
        Utc.with_ymd_and_hms(2026, 11, 12, 9, 0, 0).unwrap(),
        Channel::Linkedin,
        &flow,
    )
    .await;

    // Moving the end before the launch post says so; a stale version is a conflict.
    let detail = detail(db, &bo, made.id, now).await.unwrap();
    assert_eq!(detail.summary.status, "On track");
    assert_eq!(detail.summary.budget.as_deref(), Some("12,000 EUR"));
    let shorter = CampaignInput {
        ends_on: Some(day(11, 20)),
        ..detail.form.input.clone()
    };
    let saved = update(db, &bo, made.id, detail.form.version, &shorter, now)
        .await
        .unwrap();
    assert_eq!(
        saved.outside,
        ["“Launch post” (25 Nov): After the campaign ends (20 Nov)"]
    );
    let stale = update(db, &bo, made.id, detail.form.version, &shorter, now).await;
    assert!(matches!(stale, Err(AppError::Conflict { .. })));

    // Closing with open items asks first and changes nothing; confirmed, it closes.
    let version = detail.form.version + 1;
    let asked = close(db, &bo, made.id, version, false, now).await;
    match asked {
        Err(AppError::Validation { field, message }) => {
            assert_eq!(field, "confirm");
            assert!(message.starts_with("2 items are still open."), "{message}");
        }
        other => panic!("closing did not ask: {other:?}"),
    }
    assert!(!detail_of(&team, &bo, made.id).await.summary.closed);
    close(db, &bo, made.id, version, true, now).await.unwrap();
    let closed = detail_of(&team, &bo, made.id).await;
    assert_eq!(closed.summary.status, "Closed");
    let trail: Vec<&str> = closed
        .trail
        .iter()
        .filter(|l| l.item.is_none())
        .map(|l| l.what.as_str())
        .collect();
    assert!(trail.contains(&"created the campaign"), "{trail:?}");
    assert!(
        trail.contains(&"set the dates to 10 Nov – 20 Nov 2026"),
        "{trail:?}"
    );
    assert!(
        trail.contains(&"closed the campaign with 2 items still open"),
        "{trail:?}"
    );
    // Its items' own events are in the trail too, with the item named.
    assert!(closed
        .trail
        .iter()
        .any(|l| l.item.as_ref().is_some_and(|(id, _)| *id == inside.id)));
    let list = list(db, &bo, now).await.unwrap();
    assert_eq!(list.campaigns.len(), 1);
    assert!(list.campaigns[0].closed && list.can_edit);
    assert_eq!(
        list.campaigns[0].channels,
        [Channel::Blog, Channel::Linkedin]
    );
}

async fn detail_of(team: &Team, viewer: &CurrentUser, id: CampaignId) -> CampaignDetail {
    detail(team.db(), viewer, id, t0()).await.unwrap()
}

#[tokio::test]
async fn the_timeline_places_items_on_each_viewers_own_days() {
    let team = team().await;
    let bo = user(&team, team.bo, Role::Manager, "UTC");
    let db = team.db();
    let made = create(db, bo.id, &input("Launch", day(11, 1), day(11, 30)), t0())
        .await
        .unwrap();
    // Going out at 23:30 UTC on the 10th: the 10th in London, the 11th in Tokyo.
    let late_evening = Utc.with_ymd_and_hms(2026, 11, 10, 23, 30, 0).unwrap();
    let item = item_in(
        &team,
        "Newsletter",
        made.id,
        late_evening,
        Channel::Email,
        &review_flow(),
    )
    .await;
    let london = detail_of(
        &team,
        &user(&team, team.ann, Role::Member, "Europe/London"),
        made.id,
    )
    .await;
    let tokyo = detail_of(
        &team,
        &user(&team, team.ann, Role::Member, "Asia/Tokyo"),
        made.id,
    )
    .await;
    let bar = |d: &CampaignDetail| d.lanes[0].items[0].clone();
    assert_eq!(london.lanes[0].channel, Channel::Email);
    assert_eq!(
        (bar(&london).start, bar(&london).date),
        (day(11, 2), Some(day(11, 10)))
    );
    assert_eq!(
        (bar(&tokyo).start, bar(&tokyo).date),
        (day(11, 2), Some(day(11, 11)))
    );
    assert_eq!(bar(&tokyo).time, chrono::NaiveTime::from_hms_opt(8, 30, 0));
    assert!(tokyo.span.first <= day(11, 1) && tokyo.span.last >= day(11, 30));
    assert!(!bar(&london).late && !bar(&london).done);

    // Moved a day later from the timeline (the calendar's reschedule), it keeps Tokyo's
    // 08:30 and the calendar shows the new day.
    let tokyo_ann = user(&team, team.ann, Role::Member, "Asia/Tokyo");
    let (answer, saved) = crate::service::calendar::reschedule(
        db,
        &tokyo_ann,
        item.id,
        item.version,
        day(11, 12),
        bar(&tokyo).time,
        t0(),
    )
    .await
    .unwrap();
    assert_eq!(
        saved.schedule.map(|s| s.at),
        Some(late_evening + Duration::days(1))
    );
    assert_eq!(answer.entry.date, Some(day(11, 12)));
    assert_eq!(
        bar(&detail_of(&team, &tokyo_ann, made.id).await).date,
        Some(day(11, 12))
    );
}

/// The review flow with its first stage keeping a send log, saved as "mail-flow".
async fn mail_flow(team: &Team) -> WorkflowId {
    let mut def = crate::service::testkit::definition(
        crate::domain::ApprovalRule::Single,
        calendar(48),
        &[team.cy],
    );
    def.id = WorkflowId::new("mail-flow");
    def.name = "Mail flow".into();
    def.stages[0].records_sends = true;
    let mut conn = team.db().write.acquire().await.unwrap();
    db::workflows::save(&mut conn, &def, false, None, t0())
        .await
        .unwrap();
    def.id
}

fn send(
    subject: &str,
    segment: &str,
    recipients: Option<u64>,
    at: Option<chrono::NaiveDateTime>,
) -> SendInput {
    SendInput {
        subject: subject.into(),
        segment: segment.into(),
        recipients,
        sent_at: at,
    }
}

#[tokio::test]
async fn a_send_to_a_segment_emailed_days_before_warns_and_every_send_is_in_the_log() {
    let team = team().await;
    let ann = user(&team, team.ann, Role::Member, "UTC");
    let db = team.db();
    let flow = mail_flow(&team).await;
    let made = create(db, team.bo, &input("Winter", day(11, 1), day(12, 31)), t0())
        .await
        .unwrap();
    let first = item_in(&team, "Winter offer", made.id, t0(), Channel::Email, &flow).await;
    let second = item_in(
        &team,
        "Winter reminder",
        made.id,
        t0(),
        Channel::Email,
        &flow,
    )
    .await;
    let local = |d: u32, h: u32| day(11, d).and_hms_opt(h, 0, 0);
    let now = t0() + Duration::days(10);

    // No recipients, or zero: refused, nothing in the log.
    let none = sends::record(
        db,
        &ann,
        first.id,
        first.version,
        &send("Offer", "Newsletter", None, None),
        now,
    )
    .await;
    assert!(matches!(none, Err(AppError::Validation { ref field, .. }) if field == "recipients"));
    let zero = sends::record(
        db,
        &ann,
        first.id,
        first.version,
        &send("Offer", "Newsletter", Some(0), None),
        now,
    )
    .await;
    assert!(matches!(zero, Err(AppError::InvalidMove { .. })));
    assert!(sends::log(db, &ann, &SendFilter::default())
        .await
        .unwrap()
        .sends
        .is_empty());

    let (answer, saved) = sends::record(
        db,
        &ann,
        first.id,
        first.version,
        &send(
            "Winter offer: 20 % off",
            "Newsletter",
            Some(12_400),
            local(3, 9),
        ),
        now,
    )
    .await
    .unwrap();
    assert!(answer.warnings.is_empty());
    assert_eq!(answer.version, saved.version);
    // The same segment, written differently, two days later: over-contact, with the
    // earlier send listed.
    let (answer, _) = sends::record(
        db,
        &ann,
        second.id,
        second.version,
        &send("Last chance", " newsletter", Some(11_000), local(5, 9)),
        now,
    )
    .await
    .unwrap();
    assert_eq!(
        answer.warnings,
        ["Over-contact: “newsletter” was emailed within 3 days of this send: “Winter offer: 20 % off” on Tue 3 Nov 2026, 09:00, 12,400 recipients"]
    );
    // A resend to non-openers is a second send on the same item; another segment is fine.
    let again = reload(&team, first.id).await;
    let (answer, _) = sends::record(
        db,
        &ann,
        first.id,
        again.version,
        &send(
            "Winter offer (resend)",
            "Non-openers",
            Some(7_100),
            local(6, 9),
        ),
        now,
    )
    .await
    .unwrap();
    assert!(answer.warnings.is_empty());

    let all = sends::log(db, &ann, &SendFilter::default()).await.unwrap();
    let subjects: Vec<&str> = all.sends.iter().map(|s| s.subject.as_str()).collect();
    assert_eq!(
        subjects,
        [
            "Winter offer (resend)",
            "Last chance",
            "Winter offer: 20 % off"
        ]
    );
    assert_eq!(all.recipients, 30_500);
    assert_eq!(all.sends[2].campaign.as_deref(), Some("Winter"));
    assert_eq!(all.segments, ["Newsletter", "Non-openers"]);
    let newsletter = SendFilter {
        segment: Some("NEWSLETTER".into()),
        until: Some(day(11, 4)),
        ..SendFilter::default()
    };
    let filtered = sends::log(db, &ann, &newsletter).await.unwrap();
    assert_eq!(filtered.sends.len(), 1);
    let (_, csv) = sends::csv(db, &ann, &SendFilter::default()).await.unwrap();
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(lines.len(), 4);
    assert!(lines[0].starts_with("sent_at_utc,sent_local,item_id,item,subject,segment,recipients"));
    assert!(
        lines[3].contains("Winter offer: 20 % off,Newsletter,12400,Winter"),
        "{}",
        lines[3]
    );

    // An end before the start of the period is refused with the reason.
    let backwards = SendFilter {
        from: Some(day(11, 9)),
        until: Some(day(11, 1)),
        ..SendFilter::default()
    };
    assert!(matches!(
        sends::log(db, &ann, &backwards).await,
        Err(AppError::Validation { .. })
    ));

    // A stage without a send log refuses a send.
    let elsewhere = item_in(
        &team,
        "Blog post",
        made.id,
        t0(),
        Channel::Blog,
        &review_flow(),
    )
    .await;
    let refused = sends::record(
        db,
        &ann,
        elsewhere.id,
        elsewhere.version,
        &send("x", "Newsletter", Some(5), None),
        now,
    )
    .await;
    assert!(
        matches!(refused, Err(AppError::InvalidMove { reasons }) if reasons == ["Brief does not keep a send log"])
    );
}

async fn reload(team: &Team, id: crate::domain::ItemId) -> crate::domain::Item {
    let mut conn = team.db().read.acquire().await.unwrap();
    db::items::load(&mut conn, id).await.unwrap().unwrap()
}

#[tokio::test]
async fn goals_and_the_budget_roll_up_from_results() {
    let team = team().await;
    let bo = user(&team, team.bo, Role::Manager, "UTC");
    let db = team.db();
    let plan = CampaignInput {
        budget: "1000 EUR".into(),
        goals: "leads >= 100\ncpa <= 40".into(),
        ..input("Webinars", day(11, 1), day(11, 30))
    };
    let made = create(db, bo.id, &plan, t0()).await.unwrap();
    let flow = review_flow();
    let a = item_in(&team, "Invite", made.id, t0(), Channel::Email, &flow).await;
    let b = item_in(&team, "Ad", made.id, t0(), Channel::PaidSocial, &flow).await;
    use crate::service::automation::results::{record, RecordedBy, Target};
    let by = RecordedBy::Person(team.ann);
    let at = t0() + Duration::hours(1);
    for (target, metric, value) in [
        (Target::Item(a.id), "leads", 40.0),
        (Target::Item(b.id), "leads", 70.0),
        (Target::Item(a.id), "cpa", 30.0),
        (Target::Item(b.id), "cpa", 60.0),
        (Target::Campaign(made.id), "spend", 400.0),
    ] {
        record(db, by, target, metric, value, at, at).await.unwrap();
    }
    let detail = detail_of(&team, &bo, made.id).await;
    let goals: Vec<(String, Option<String>, Option<bool>)> = detail
        .goals
        .into_iter()
        .map(|g| (g.goal, g.result, g.met))
        .collect();
    assert_eq!(
        goals,
        [
            (
                "leads at least 100".to_owned(),
                Some("110".to_owned()),
                Some(true)
            ),
            (
                "CPA at most 40".to_owned(),
                Some("45".to_owned()),
                Some(false)
            ),
        ]
    );
    assert_eq!(
        detail.budget_line.as_deref(),
        Some("400 EUR of 1,000 EUR spent (40 %)")
    );
}

#[tokio::test]
async fn a_required_outcome_is_asked_at_the_last_stage_kept_on_the_item_and_shown_on_its_campaign()
{
    let team = team().await;
    let bo = user(&team, team.bo, Role::Manager, "UTC");
    let db = team.db();
    // Brief → Review → Publish with no gates, asking for a published URL to publish.
    let mut def = crate::service::testkit::definition(
        crate::domain::ApprovalRule::Single,
        calendar(48),
        &[team.cy],
    );
    def.id = WorkflowId::new("outcome-flow");
    def.stages[1].approval = None;
    def.outcome = Some(crate::domain::OutcomeSpec {
        kind: crate::domain::OutcomeKind::PublishedUrl,
        required: true,
    });
    {
        let mut conn = db.write.acquire().await.unwrap();
        db::workflows::save(&mut conn, &def, false, None, t0())
            .await
            .unwrap();
    }
    let made = create(
        db,
        bo.id,
        &input("Evergreen", day(11, 1), day(11, 30)),
        t0(),
    )
    .await
    .unwrap();
    let item = item_in(
        &team,
        "Guide",
        made.id,
        t0() + Duration::days(3),
        Channel::Blog,
        &def.id,
    )
    .await;
    let to = |stage: &str| crate::domain::Operation::MoveTo {
        stage: stage.into(),
        reason: None,
    };
    let item =
        crate::service::items::apply(db, team.ann, item.id, item.version, &to("review"), t0())
            .await
            .unwrap()
            .item;
    let refused =
        crate::service::items::apply(db, team.ann, item.id, item.version, &to("publish"), t0())
            .await;
    assert!(
        matches!(refused, Err(AppError::InvalidMove { reasons }) if reasons == ["Record the outcome before moving to Publish: a published url"])
    );
    let record = crate::domain::Operation::RecordOutcome {
        outcome: crate::domain::OutcomeRecord {
            kind: crate::domain::OutcomeKind::PublishedUrl,
            url: Some("https://northwind.example/guide".into()),
            count: None,
            segment: None,
            note: String::new(),
        },
    };
    let ops = [record, to("publish")];
    let done = crate::service::items::try_apply(db, team.ann, item.id, item.version, &ops, t0())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(done.item.stage.as_str(), "publish");
    let stored = reload(&team, item.id).await;
    assert_eq!(
        stored.outcome.as_ref().and_then(|o| o.url.as_deref()),
        Some("https://northwind.example/guide")
    );
    let detail = detail_of(&team, &bo, made.id).await;
    let line = &detail.lanes[0].items[0];
    assert!(line.done);
    assert_eq!(
        line.outcome,
        Some((
            "Published at https://northwind.example/guide".to_owned(),
            Some("https://northwind.example/guide".to_owned())
        ))
    );
    assert!(detail
        .trail
        .iter()
        .any(|l| l.what == "recorded the outcome: Published at https://northwind.example/guide"));
}

#[tokio::test]
async fn a_decision_on_a_report_creates_its_linked_item_in_the_campaign_and_shows_on_both() {
    let team = team().await;
    let bo = user(&team, team.bo, Role::Manager, "UTC");
    let ann = user(&team, team.ann, Role::Member, "UTC");
    let db = team.db();
    // A report workflow: Analysis → Action log, no gates.
    let mut def = crate::service::testkit::definition(
        crate::domain::ApprovalRule::Single,
        calendar(48),
        &[team.cy],
    );
    def.id = WorkflowId::new("report-flow");
    def.name = "Report flow".into();
    def.kind = crate::domain::WorkflowKind::Reporting;
    def.stages = vec![
        crate::domain::Stage::new("analysis", "Analysis", ""),
        crate::domain::Stage::new("action-log", "Action log", ""),
    ];
    {
        let mut conn = db.write.acquire().await.unwrap();
        db::workflows::save(&mut conn, &def, false, None, t0())
            .await
            .unwrap();
    }
    let made = create(
        db,
        bo.id,
        &input("Q4 review", day(11, 1), day(11, 30)),
        t0(),
    )
    .await
    .unwrap();
    let report = item_in(
        &team,
        "November report",
        made.id,
        t0(),
        Channel::Other,
        &def.id,
    )
    .await;
    let decision = crate::domain::decisions::DecisionInput {
        decision: "Pause the retargeting ad set".into(),
        owner: Some(team.di),
        due_on: Some(day(11, 20)),
        creates_in: Some(review_flow()),
    };
    let count = || async {
        let mut conn = db.read.acquire().await.unwrap();
        db::items::count(&mut conn).await.unwrap()
    };
    let before = count().await;
    // Before the action log: refused, and no item is created.
    let early = super::super::decisions::record(db, &ann, report.id, &decision, t0()).await;
    assert!(
        matches!(early, Err(AppError::Validation { ref message, .. }) if message == "Decisions are recorded on a report once it reaches Action log.")
    );
    assert_eq!(count().await, before);
    let moved = crate::domain::Operation::MoveTo {
        stage: "action-log".into(),
        reason: None,
    };
    crate::service::items::apply(db, team.ann, report.id, report.version, &moved, t0())
        .await
        .unwrap();
    let blank = crate::domain::decisions::DecisionInput::default();
    assert!(matches!(
        super::super::decisions::record(db, &ann, report.id, &blank, t0()).await,
        Err(AppError::Validation { .. })
    ));

    let (line, created) = super::super::decisions::record(db, &ann, report.id, &decision, t0())
        .await
        .unwrap();
    let created = created.unwrap();
    assert_eq!(count().await, before + 1);
    assert_eq!(created.title, "Pause the retargeting ad set");
    assert_eq!(
        (created.campaign, created.owner, created.workflow_id.clone()),
        (Some(made.id), Some(team.di), review_flow())
    );
    assert_eq!(line.created_item, Some((created.id, created.title.clone())));
    assert_eq!(line.due.as_deref(), Some("20 Nov 2026"));

    // On the report's action log and on the campaign, with its status kept up.
    super::super::decisions::set_status(
        db,
        line.id,
        crate::domain::decisions::DecisionStatus::Done,
        t0(),
    )
    .await
    .unwrap();
    let log = super::super::decisions::action_log(db, &ann, report.id)
        .await
        .unwrap();
    assert!(log.can_record);
    assert_eq!(log.decisions.len(), 1);
    assert_eq!(
        log.decisions[0].status,
        crate::domain::decisions::DecisionStatus::Done
    );
    let detail = detail_of(&team, &bo, made.id).await;
    assert_eq!(detail.decisions.len(), 1);
    assert_eq!(
        detail.decisions[0].report,
        (report.id, "November report".to_owned())
    );
    assert!(detail.groups.iter().any(|g| g.workflow == review_flow()));
}
