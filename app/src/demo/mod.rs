//! The demo workspace: a marketing team of eight with three campaigns and about
//! eighty items across every built-in workflow — some overdue, some waiting on
//! approval, some past their SLA — and weeks of finished work behind them.
//! Everything is created through the engine, with past timestamps, so boards,
//! histories and metrics show what a real team's would.

pub mod driver;

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
    for (name, email, role, teams) in TEAM {
        let id = db::people::insert(&mut tx, name, email, role, teams, start).await?;
        db::accounts::set_password_hash(&mut tx, id, &hash).await?;
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
    let mut campaign_ids = Vec::new();
    for (name, starts, ends) in campaigns {
        campaign_ids
            .push(db::campaigns::insert(&mut tx, name, Some(starts), Some(ends), start).await?);
    }
    let people = db::people::directory(&mut tx).await?;
    let workflows = db.current_definitions(&mut tx).await?;
    tx.commit().await?;
    db.team_changed();

    let team = Team {
        people,
        campaigns: campaign_ids,
    };
    let mut items = 0;
    for def in &workflows {
        items += seed_workflow(db, &team, def, now).await?;
    }
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
        let schedule = (n % 2 == 1).then(|| publish_date(def, n, now));
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
        assert!((70..=90).contains(&seeded.items), "{} items", seeded.items);
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
}
