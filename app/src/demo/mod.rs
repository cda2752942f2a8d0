//! The demo workspace: a marketing team of eight with five campaigns, about eighty
//! items in flight across every built-in workflow — some overdue, some waiting on
//! approval, some past their SLA, a few trending late — and six months of finished work
//! behind them (see [`history`]): a few hundred items, a Review bottleneck that eased
//! when the team changed Content production twelve weeks ago, post-launch fixes, late
//! deliveries, and each day's campaign forecasts. Everything is created through the
//! engine, with past timestamps, so boards, histories and metrics show what a real
//! team's would.

pub mod copy;
pub mod driver;
pub mod history;

use chrono::{DateTime, Duration, Utc};

use crate::db::{self, Db};
use crate::domain::{
    CampaignId, Channel, Item, NewItem, Operation, People, Person, Priority, Role, Schedule,
    WorkflowDefinition,
};
use crate::error::AppResult;
use crate::service;
use driver::{advance, perform, Goal};

/// The demo workspace's name.
pub const WORKSPACE_NAME: &str = "Northwind Marketing";

/// The password every demo account shares (documented in the README; demo only).
pub const DEMO_PASSWORD: &str = "northwind-demo-2026";

/// The demo team: name, email, role, teams.
pub const TEAM: [(&str, &str, Role, &[&str]); 8] = [
    (
        "Maya Okafor",
        "maya@northwind.example",
        Role::Admin,
        &["Marketing ops", "Brand"],
    ),
    (
        "Dana Whitfield",
        "dana@northwind.example",
        Role::Manager,
        &["Content lead", "Brand", "Editor"],
    ),
    (
        "Leo Martins",
        "leo@northwind.example",
        Role::Manager,
        &["Paid media", "Growth", "Analytics"],
    ),
    (
        "Priya Nair",
        "priya@northwind.example",
        Role::Member,
        &["Content", "SEO"],
    ),
    (
        "Sam Rivera",
        "sam@northwind.example",
        Role::Member,
        &["Content", "Social"],
    ),
    (
        "Jonas Berg",
        "jonas@northwind.example",
        Role::Member,
        &["Design", "Web"],
    ),
    (
        "Aisha Karim",
        "aisha@northwind.example",
        Role::Member,
        &["Email", "Lifecycle"],
    ),
    (
        "Tom Ellis",
        "tom@northwind.example",
        Role::Viewer,
        &["Sales"],
    ),
];

/// What was seeded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Seeded {
    /// People added.
    pub people: usize,
    /// Items added.
    pub items: usize,
}

/// The email items already at a stage that keeps a send log went out: their sends are in
/// the log (recorded through the engine, as a person would).
async fn record_sends(db: &Db, now: DateTime<Utc>) -> AppResult<()> {
    let mut conn = db.read.acquire().await?;
    let email = crate::domain::WorkflowId::new("email-campaign");
    let mut sent = Vec::new();
    for item in db::items::list_for_workflow(&mut conn, &email, false).await? {
        let def = db
            .definition(&mut conn, &item.workflow_id, item.workflow_version)
            .await?;
        if def.is_some_and(|d| d.stage(&item.stage).is_some_and(|s| s.records_sends)) {
            sent.push(item);
        }
    }
    drop(conn);
    for (n, item) in sent.into_iter().enumerate() {
        let Some(owner) = item.owner else { continue };
        let n = n as i64;
        let operation = crate::domain::Operation::RecordSend {
            what: item.title.clone(),
            segment: crate::service::calendar::present::segment_of(&item)
                .unwrap_or_else(|| "Newsletter subscribers".to_owned()),
            sent_at: Some(now - Duration::hours(20 + 30 * n)),
            recipients: Some(12_400 - 850 * n.min(10) as u64),
        };
        crate::service::items::apply(db, owner, item.id, item.version, &operation, now).await?;
    }
    Ok(())
}

/// Seeds the demo into `db` if it holds no people and no items yet; returns
/// `None` (and changes nothing) otherwise.
pub async fn seed_if_empty(db: &Db, now: DateTime<Utc>) -> AppResult<Option<Seeded>> {
    {
        let mut conn = db.read.acquire().await?;
        if db::items::count(&mut conn).await? > 0 || db::people::count(&mut conn).await? > 0 {
            return Ok(None);
        }
    }
    let start = now - Duration::weeks(9);
    let mut tx = db.write.begin().await?;
    db::workspace::rename(&mut tx, WORKSPACE_NAME).await?;
    let hash = tokio::task::spawn_blocking(|| crate::auth::password::hash(DEMO_PASSWORD))
        .await
        .map_err(|_| crate::error::AppError::Internal)?;
    let mut team_ids = Vec::new();
    for (name, email, role, teams) in TEAM {
        let id = db::people::insert(&mut tx, name, email, role, teams, start).await?;
        db::accounts::set_password_hash(&mut tx, id, &hash).await?;
        team_ids.push(id);
    }
    let today = now.date_naive();
    let campaigns = [
        (
            "Spring launch",
            today - Duration::days(20),
            today + Duration::days(40),
        ),
        (
            "Customer stories",
            today - Duration::days(50),
            today + Duration::days(30),
        ),
        (
            "Q1 webinar series",
            today + Duration::days(5),
            today + Duration::days(75),
        ),
    ];
    // The live campaigns' owners, budgets and goals (Dana, Leo, Maya).
    let plans = [
        (
            1,
            "Launch the spring range across email, social, content and paid.",
            "48000 EUR",
            "mqls >= 400\ncpa <= 45\nopen_rate >= 25",
        ),
        (
            2,
            "Case studies with three customers: posts, a newsletter and paid promotion.",
            "6500 EUR",
            "leads >= 150",
        ),
        (
            0,
            "Three webinars on planning the year, with their invitations and follow-ups.",
            "",
            "leads >= 300",
        ),
    ];
    let mut campaign_ids = Vec::new();
    for ((name, starts, ends), (owner, description, budget, goals)) in
        campaigns.into_iter().zip(plans)
    {
        let input = crate::domain::campaign::CampaignInput {
            name: name.to_owned(),
            description: description.to_owned(),
            starts_on: Some(starts),
            ends_on: Some(ends),
            owner: Some(team_ids[owner]),
            budget: budget.to_owned(),
            goals: goals.to_owned(),
        };
        let plan = input
            .checked()
            .map_err(|_| crate::error::AppError::Internal)?;
        let id = db::campaigns::create(&mut tx, &plan, start).await?;
        db::campaigns::log(
            &mut tx,
            id,
            Some(team_ids[owner]),
            start,
            "created the campaign",
        )
        .await?;
        campaign_ids.push(id);
    }
    let timeline = history::Timeline::ending(now);
    // Campaigns of the past months (after the three the live work belongs to).
    let past = [
        ("Autumn product launch", 26, 18),
        ("Partner programme", 17, 9),
    ];
    let mut dated: Vec<(CampaignId, DateTime<Utc>, DateTime<Utc>)> = Vec::new();
    for (name, from, to) in past {
        let (from, to) = (now - Duration::weeks(from), now - Duration::weeks(to));
        let id = db::campaigns::insert(
            &mut tx,
            name,
            Some(from.date_naive()),
            Some(to.date_naive()),
            timeline.start,
        )
        .await?;
        dated.push((id, from, to));
    }
    let midnight = |d: chrono::NaiveDate| d.and_time(chrono::NaiveTime::MIN).and_utc();
    for (id, (_, starts, ends)) in campaign_ids.iter().zip(campaigns) {
        dated.push((*id, midnight(starts), midnight(ends)));
    }
    let people = db::people::directory(&mut tx).await?;
    let system = db::people::automation(&mut tx).await?;
    // Content production's story: version 2 (Dana reviews every post, in three days) from
    // the start of the history, version 3 (the built-in: a reviewer per post, 48 hours)
    // from twelve weeks ago. Version 3 is the built-in template, so a restart keeps it.
    let content = crate::domain::WorkflowId::new("content-production");
    let mut story = None;
    if let Some(template) = db.current_definition(&mut tx, &content).await? {
        let dana = people
            .persons
            .iter()
            .find(|p| p.name.starts_with("Dana"))
            .map(|p| p.id)
            .expect("demo person");
        let before = history::review_before(&template, dana);
        let v2 = db::workflows::save(&mut tx, &before, true, None, timeline.start).await?;
        let v3 = db::workflows::save(&mut tx, &template, true, None, timeline.change).await?;
        story = Some((v2, v3));
    }
    let workflows = db.current_definitions(&mut tx).await?;
    let mut paired = Vec::new();
    for def in &workflows {
        let before = match story {
            Some((v2, _)) if def.id == content => db
                .definition(&mut tx, &content, v2)
                .await?
                .unwrap_or_else(|| def.clone()),
            _ => def.clone(),
        };
        paired.push((before, def.clone()));
    }
    tx.commit().await?;
    db.team_changed();
    let cast = history::Cast {
        people: &people,
        system: &system,
        campaigns: &dated,
    };
    let told = history::seed(db, &cast, &paired, &timeline).await?;

    let team = Team {
        people,
        campaigns: campaign_ids,
    };
    let mut items = told;
    for def in &workflows {
        items += seed_workflow(db, &team, def, now).await?;
    }
    record_sends(db, now).await?;
    // The forecasts a server running these weeks would have kept (fewer trials: the
    // dates differ from 10,000 by a day at most, and seeding stays fast).
    crate::service::insights::forecasts::record_past(db, 42, now, 2_000).await?;
    Ok(Some(Seeded {
        people: TEAM.len(),
        items,
    }))
}

struct Team {
    people: People,
    campaigns: Vec<CampaignId>,
}

impl Team {
    fn named(&self, first: &str) -> &Person {
        self.people
            .persons
            .iter()
            .find(|p| p.name.starts_with(first))
            .expect("demo person")
    }
}

/// Titles per workflow, and who works on them.
fn plan(def: &WorkflowDefinition) -> (&'static [&'static str], &'static str, &'static str) {
    match def.id.as_str() {
        "content-production" => (
            &[
                "How Northwind cut onboarding time in half",
                "2027 pricing explained",
                "Five myths about marketing ops",
                "Customer story: Alder Logistics",
                "The remote team playbook",
                "Release notes: November",
                "Guide: building a content calendar",
                "Why approvals stall (and how to fix it)",
                "Customer story: Birch & Co",
                "Glossary: campaign metrics",
                "Webinar recap: Q4 planning",
                "Checklist: launch-day QA",
                "Interview: our head of design",
                "Benchmark report teaser",
                "Holiday support hours",
                "Integrations roundup",
                "Product tour: the new board",
                "Case study: Cedar Health",
            ],
            "Priya",
            "Dana",
        ),
        "paid-campaign-launch" => (
            &[
                "Spring launch — LinkedIn lead gen",
                "Spring launch — search brand terms",
                "Retargeting: trial drop-offs",
                "Webinar series — paid social",
                "Competitor conquesting test",
                "Customer stories — video ads",
                "Q1 always-on search",
                "Lookalike test: top accounts",
                "YouTube pre-roll pilot",
                "Black Friday promo",
            ],
            "Leo",
            "Maya",
        ),
        "email-campaign" => (
            &[
                "November newsletter",
                "Spring launch announcement",
                "Webinar invite: session 1",
                "Webinar reminder: session 1",
                "Trial day-3 nudge",
                "Win-back: lapsed customers",
                "Customer stories digest",
                "Product update: December",
                "Event follow-up",
                "Renewal reminder",
                "Webinar invite: session 2",
                "Holiday greetings",
            ],
            "Aisha",
            "Dana",
        ),
        "social-publishing" => (
            &[
                "Launch teaser carousel",
                "Behind the scenes: design sprint",
                "Customer quote: Alder",
                "Webinar countdown",
                "Poll: biggest planning headache",
                "Team spotlight: Jonas",
                "Stat of the week",
                "Event live-post",
                "Product tip: keyboard moves",
                "Hiring: content designer",
                "Customer quote: Birch",
                "Launch day thread",
                "Webinar clip",
                "Year in review teaser",
                "Community shout-out",
                "Holiday post",
            ],
            "Sam",
            "Dana",
        ),
        "campaign-reporting" => (
            &[
                "October performance report",
                "Spring launch — week 1 readout",
                "Paid search quarterly review",
                "Email programme health check",
                "Webinar series results",
                "Social benchmarks Q4",
                "Content ROI review",
                "Board deck: marketing slide",
            ],
            "Leo",
            "Maya",
        ),
        "seo" => (
            &[
                "Pricing page keyword refresh",
                "Integrations hub optimisation",
                "Blog category pages",
                "Glossary cluster",
                "Comparison pages",
                "Help centre titles",
            ],
            "Priya",
            "Dana",
        ),
        "lead-nurturing" => (
            &[
                "Trial to paid track",
                "Webinar attendees track",
                "Enterprise evaluators",
                "Dormant MQLs",
                "Partner referrals",
            ],
            "Aisha",
            "Tom",
        ),
        _ => (
            &["Spring launch", "Customer stories", "Q1 webinar series"],
            "Maya",
            "Maya",
        ),
    }
}

fn channel_for(def: &WorkflowDefinition, n: usize) -> Channel {
    const SOCIAL: [Channel; 5] = [
        Channel::Linkedin,
        Channel::Instagram,
        Channel::X,
        Channel::Facebook,
        Channel::Tiktok,
    ];
    match def.id.as_str() {
        "content-production" | "seo" => Channel::Blog,
        "paid-campaign-launch" => {
            if n.is_multiple_of(2) {
                Channel::PaidSocial
            } else {
                Channel::PaidSearch
            }
        }
        "email-campaign" | "lead-nurturing" => Channel::Email,
        "social-publishing" => SOCIAL[n % SOCIAL.len()],
        _ => Channel::Other,
    }
}

/// When item `n` goes out: spread over the days from three days ago to two
/// weeks ahead (each workflow on its own days), at office hours, some all day.
fn publish_date(def: &WorkflowDefinition, n: usize, now: DateTime<Utc>) -> Schedule {
    let spread = def.id.as_str().bytes().map(usize::from).sum::<usize>() + n * 5;
    let day = now.date_naive() + Duration::days((spread % 17) as i64 - 3);
    let midnight = day.and_time(chrono::NaiveTime::MIN).and_utc();
    if n % 4 == 1 {
        Schedule {
            at: midnight,
            all_day: true,
        }
    } else {
        let half_hours = ((n * 7 + spread) % 16) as i64;
        Schedule {
            at: midnight + Duration::minutes(9 * 60 + half_hours * 30),
            all_day: false,
        }
    }
}

/// Where item `n` of `count` should end up, and how long ago it started (days).
fn goal_for(def: &WorkflowDefinition, n: usize) -> (Goal, i64) {
    let last = def.stages.len() - 1;
    let approval = def.stages.iter().position(|s| s.approval.is_some());
    match (n % 6, approval) {
        // Finished weeks ago: the history metrics are made of.
        (0, _) => (Goal::Reach(last), 21 + (n as i64 * 3) % 35),
        // Waiting on approval for days: past a 24–48 h SLA.
        (1, Some(a)) => (Goal::AwaitApproval(a), 6),
        // Just submitted: on track.
        (2, Some(a)) => (Goal::AwaitApproval(a), 1),
        // Everything else spreads over the stages.
        _ => (Goal::Reach(n % (last + 1)), 2 + (n as i64 * 5) % 18),
    }
}

async fn seed_workflow(
    db: &Db,
    team: &Team,
    def: &WorkflowDefinition,
    now: DateTime<Utc>,
) -> AppResult<usize> {
    let (titles, worker_name, approver_name) = plan(def);
    let worker = team.named(worker_name).clone();
    let approver = team.named(approver_name).id;
    let sales = team.named("Tom").id;
    let designer = team.named("Jonas").id;
    let approver_for = move |key: &str| {
        if key == "sales_owner" {
            sales
        } else {
            approver
        }
    };
    for (n, title) in titles.iter().enumerate() {
        let (goal, days_ago) = goal_for(def, n);
        let created = now - Duration::days(days_ago) - Duration::hours((n as i64 * 7) % 11);
        let campaign = if def.id.as_str() == "integrated-campaign" || n.is_multiple_of(3) {
            Some(team.campaigns[n % team.campaigns.len()])
        } else {
            None
        };
        // Overdue: every fifth unfinished item was due days ago.
        let due = if n % 5 == 4 {
            created + Duration::days(days_ago.min(10) - 1).max(Duration::days(1))
        } else {
            created + Duration::days(21)
        };
        // The first item waiting on approval is planned for three days from now: long in
        // its stage already, it is trending late before its date.
        let schedule = if n == 1 && def.stages.iter().any(|s| s.approval.is_some()) {
            Some(Schedule {
                at: (now + Duration::days(3))
                    .date_naive()
                    .and_hms_opt(10, 0, 0)
                    .expect("a time")
                    .and_utc(),
                all_day: false,
            })
        } else {
            (n % 2 == 1).then(|| publish_date(def, n, now))
        };
        let new = NewItem {
            owner: Some(worker.id),
            assignees: if n % 3 == 1 {
                vec![worker.id, designer]
            } else {
                vec![worker.id]
            },
            due: Some(due),
            schedule,
            channel: channel_for(def, n),
            campaign,
            priority: [
                Priority::Normal,
                Priority::High,
                Priority::Normal,
                Priority::Low,
                Priority::Urgent,
            ][n % 5],
            ..NewItem::titled(title)
        };
        let item = service::items::create(db, worker.id, &def.id, new, created)
            .await?
            .item;
        let span = (now - created).num_minutes().max(60);
        let stages_to_go = match goal {
            Goal::Reach(i) | Goal::AwaitApproval(i) => i as i64 + 1,
        };
        let step = Duration::minutes((span * 6 / 10 / (stages_to_go * 6)).clamp(5, 24 * 60));
        let (item, at) = advance(
            db,
            def,
            &team.people,
            &worker,
            &approver_for,
            item,
            goal,
            created,
            step,
        )
        .await?;
        finish_touches(db, team, def, item, n, at, now).await?;
    }
    Ok(titles.len())
}

/// Comments, one round of requested changes, an archived item: the texture of real work.
async fn finish_touches(
    db: &Db,
    team: &Team,
    def: &WorkflowDefinition,
    mut item: Item,
    n: usize,
    at: DateTime<Utc>,
    now: DateTime<Utc>,
) -> AppResult<()> {
    let when = (at + Duration::minutes(30)).min(now - Duration::minutes(5));
    if n % 4 == 3 {
        let author = team.named("Dana");
        let text = "Looks good so far. Can we link the pricing table from the intro?".to_string();
        perform(db, author, &mut item, &Operation::Comment { text }, when).await?;
    }
    let in_approval =
        def.stage(&item.stage).is_some_and(|s| s.approval.is_some()) && item.is_submitted();
    if in_approval && n % 12 == 7 {
        let approvers = crate::domain::approval_progress_among(
            def.stage(&item.stage)
                .and_then(|s| s.approval.as_ref())
                .expect("policy"),
            &item,
            &team.people,
        )
        .approvers;
        if let Some(person) = approvers.first().and_then(|id| team.people.get(*id)) {
            let feedback = "The headline promises more than the copy delivers — tighten the claim and add the customer's numbers.".to_string();
            perform(
                db,
                person,
                &mut item,
                &Operation::RequestChanges { feedback },
                when,
            )
            .await?;
        }
    }
    if n == 10 {
        let owner = item.owner.and_then(|id| team.people.get(id)).cloned();
        if let Some(owner) = owner {
            perform(db, &owner, &mut item, &Operation::Archive, when).await?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db::testing;
    use crate::domain::{sla_status, SlaStatus, WorkingHours};
    use chrono::{FixedOffset, TimeZone};

    #[tokio::test]
    async fn the_demo_is_a_believable_team_and_is_only_seeded_once() {
        let t = testing::fresh().await;
        let now = Utc.with_ymd_and_hms(2026, 11, 20, 15, 0, 0).unwrap();
        {
            let mut conn = t.db.write.acquire().await.unwrap();
            db::workflows::install_builtins(&mut conn, now)
                .await
                .unwrap();
        }
        let seeded = seed_if_empty(&t.db, now).await.unwrap().expect("seeded");
        assert_eq!(seeded.people, 8);
        assert!(
            (350..=650).contains(&seeded.items),
            "{} items",
            seeded.items
        );
        assert_eq!(
            seed_if_empty(&t.db, now).await.unwrap(),
            None,
            "a second run adds nothing"
        );

        let mut conn = t.db.read.acquire().await.unwrap();
        let people = db::people::directory(&mut conn).await.unwrap();
        for role in [Role::Admin, Role::Manager, Role::Member, Role::Viewer] {
            assert!(people.persons.iter().any(|p| p.role == role), "no {role:?}");
        }
        let office = WorkingHours::office(FixedOffset::east_opt(0).unwrap());
        let (mut overdue, mut waiting, mut breached, mut finished_weeks_ago) = (0, 0, 0, 0);
        for def in t.db.current_definitions(&mut conn).await.unwrap() {
            let items = db::items::list_for_workflow(&mut conn, &def.id, false)
                .await
                .unwrap();
            assert!(!items.is_empty(), "{} has no items", def.name);
            for item in items {
                let stage = def.stage(&item.stage).unwrap();
                let last = def.stages.last().unwrap().key == item.stage;
                overdue += usize::from(!last && item.due.is_some_and(|d| d < now));
                waiting += usize::from(item.is_submitted());
                breached += usize::from(matches!(
                    sla_status(stage, &item, now, &office),
                    SlaStatus::Breached { .. }
                ));
                finished_weeks_ago +=
                    usize::from(last && item.entered_stage_at < now - Duration::weeks(2));
            }
        }
        assert!(overdue >= 3, "{overdue} overdue");
        assert!(waiting >= 5, "{waiting} waiting on approval");
        assert!(breached >= 3, "{breached} past their SLA");
        assert!(
            finished_weeks_ago >= 8,
            "{finished_weeks_ago} finished weeks ago"
        );
        let oldest_event = db::events::oldest(&mut conn).await.unwrap().unwrap();
        assert!(
            oldest_event < now - Duration::weeks(4),
            "history starts {oldest_event}"
        );
    }

    #[tokio::test]
    async fn six_months_of_history_tell_the_review_story_insights_show() {
        use crate::views::insights::InsightsQuery;
        let t = testing::fresh().await;
        let now = Utc.with_ymd_and_hms(2026, 11, 20, 15, 0, 0).unwrap();
        {
            let mut conn = t.db.write.acquire().await.unwrap();
            db::workflows::install_builtins(&mut conn, now)
                .await
                .unwrap();
        }
        seed_if_empty(&t.db, now).await.unwrap().expect("seeded");
        let mut conn = t.db.read.acquire().await.unwrap();
        let (viewer, _) = db::accounts::find_login(&mut conn, TEAM[0].1)
            .await
            .unwrap()
            .unwrap();
        // No placeholder text anywhere a person would read it.
        for def in t.db.current_definitions(&mut conn).await.unwrap() {
            for item in db::items::list_for_workflow(&mut conn, &def.id, true)
                .await
                .unwrap()
            {
                for (key, value) in &item.fields {
                    let text = value.to_string();
                    assert!(
                        !text.ends_with(&format!("for {}", item.title)),
                        "{key} of {}: {text}",
                        item.title
                    );
                }
            }
        }
        drop(conn);

        // The story: Review waited on Dana until version 3, twelve weeks ago.
        let change = (now - Duration::weeks(history::CHANGE_WEEKS_AGO)).date_naive();
        let today = now.date_naive();
        let days = (today - change).num_days() + 1;
        let query = InsightsQuery {
            workflow: Some(crate::domain::WorkflowId::new("content-production")),
            from: Some(change),
            to: Some(today),
            compare_from: Some(change - Duration::days(days)),
            compare_to: Some(change - Duration::days(1)),
            ..InsightsQuery::default()
        };
        let report = crate::service::insights::insights(&t.db, &viewer, &query, now)
            .await
            .unwrap();
        assert!(report
            .versions
            .iter()
            .any(|v| v.version == 3 && v.saved_on == change));
        let comparison = report.comparison.expect("compared");
        let verdict = |figure: &str| {
            comparison
                .table
                .rows
                .iter()
                .find(|r| r[0].text == figure)
                .map(|r| r[3].text.clone())
                .unwrap()
        };
        assert_eq!(
            verdict("Cycle time P85"),
            "Better",
            "{:?}",
            comparison.table.rows
        );
        assert_eq!(verdict("The bottleneck's share of cycle time"), "Better");
        assert_eq!(verdict("On-time delivery"), "Better");
        assert_eq!(verdict("Escalations"), "Better");
        let before = InsightsQuery {
            from: Some(change - Duration::days(days)),
            to: Some(change - Duration::days(1)),
            compare_from: None,
            compare_to: None,
            ..query.clone()
        };
        let before = crate::service::insights::insights(&t.db, &viewer, &before, now)
            .await
            .unwrap();
        let waits = before.flow.iter().find(|c| c.key == "stage-time").unwrap();
        assert!(
            waits
                .summary
                .contains("of cycle time is in Review, most of it waiting for approval"),
            "{}",
            waits.summary
        );
        let everything = InsightsQuery {
            workflow: Some(crate::domain::WorkflowId::new("all")),
            weeks: Some(26),
            ..InsightsQuery::default()
        };
        let all = crate::service::insights::insights(&t.db, &viewer, &everything, now)
            .await
            .unwrap();
        let finished = all.flow[0].table.rows.len() + all.flow[0].table.more as usize;
        assert!(finished >= 250, "{finished} finished in six months");
        let fixes = all.delivery.iter().find(|c| c.key == "error-rate").unwrap();
        assert!(
            fixes.summary.contains("needed a post-launch fix"),
            "{}",
            fixes.summary
        );
        let late = all
            .forecasts
            .iter()
            .find(|c| c.key == "trending-late")
            .unwrap();
        let flagged = late
            .table
            .rows
            .iter()
            .filter(|r| r[5].text == "Trending late")
            .count();
        assert!(flagged >= 2, "{flagged} trending late: {}", late.summary);
        for workflow in ["Content production", "Email campaign"] {
            assert!(
                late.table
                    .rows
                    .iter()
                    .any(|r| r[1].text == workflow && r[5].text == "Trending late"),
                "nothing of {workflow} trending late: {:?}",
                late.table.rows
            );
        }
        let held = all
            .forecasts
            .iter()
            .find(|c| c.key == "forecasts-held")
            .unwrap();
        assert!(!held.table.rows.is_empty(), "{}", held.summary);
        assert!(
            held.summary.contains("P85 forecasts held"),
            "{}",
            held.summary
        );
    }
}
