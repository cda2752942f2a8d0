//! A team and a review workflow on a real database, for the inbox and scheduler tests.

use chrono::{DateTime, TimeZone, Utc};

use crate::db::{self, testing, Db};
use crate::domain::{
    ApprovalPolicy, ApprovalRule, ApproverRef, Item, NewItem, Operation, Party, PersonId, Raci,
    Role, Sla, Stage, WorkflowDefinition, WorkflowId, WorkflowKind,
};

/// Monday 2 November 2026, 09:00 UTC.
pub fn t0() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 2, 9, 0, 0).unwrap()
}

/// The team: Ann writes, Bo leads (accountable for review), Cy, Di and Ed approve.
pub struct Team {
    pub t: testing::TestDb,
    pub ann: PersonId,
    pub bo: PersonId,
    pub cy: PersonId,
    pub di: PersonId,
    pub ed: PersonId,
}

impl Team {
    pub fn db(&self) -> &Db {
        &self.t.db
    }
}

pub fn review_flow() -> WorkflowId {
    WorkflowId::new("review-flow")
}

/// Brief → Review (approval by `rule` among Cy, Di, Ed; an SLA of `sla`) → Publish.
pub fn definition(rule: ApprovalRule, sla: Sla, approvers: &[PersonId]) -> WorkflowDefinition {
    let review = Stage {
        approval: Some(ApprovalPolicy {
            rule,
            approvers: approvers.iter().map(|p| ApproverRef::Person(*p)).collect(),
        }),
        sla: Some(sla),
        raci: Raci {
            accountable: vec![Party::team("Leads")],
            ..Raci::default()
        },
        ..Stage::new("review", "Review", "Check it")
    };
    WorkflowDefinition {
        outcome: None,
        id: review_flow(),
        name: "Review flow".into(),
        kind: WorkflowKind::Custom,
        version: 1,
        based_on: None,
        revision_limit: 1,
        fields: vec![],
        stages: vec![
            Stage::new("brief", "Brief", "Say what"),
            review,
            Stage::new("publish", "Publish", "Ship it"),
        ],
    }
}

/// The team with the review workflow using `rule` and `sla` (approvers Cy, Di, Ed in order).
pub async fn team_with(rule: ApprovalRule, sla: Sla) -> Team {
    let t = testing::fresh().await;
    let mut conn = t.db.write.acquire().await.unwrap();
    let mut add = async |name: &str, role: Role, teams: &[&str]| {
        let email = format!("{}@example.com", name.to_lowercase());
        db::people::insert(&mut conn, name, &email, role, teams, t0())
            .await
            .unwrap()
    };
    let ann = add("Ann", Role::Member, &["Writers"]).await;
    let bo = add("Bo", Role::Manager, &["Leads"]).await;
    let cy = add("Cy", Role::Member, &[]).await;
    let di = add("Di", Role::Member, &[]).await;
    let ed = add("Ed", Role::Member, &[]).await;
    let def = definition(rule, sla, &[cy, di, ed]);
    db::workflows::save(&mut conn, &def, false, None, t0())
        .await
        .unwrap();
    drop(conn);
    Team {
        t,
        ann,
        bo,
        cy,
        di,
        ed,
    }
}

/// A calendar-time SLA of `hours`.
pub fn calendar(hours: u32) -> Sla {
    Sla {
        hours,
        business_hours: false,
    }
}

/// Ann's item, created at `at` and moved into Review at `at`.
pub async fn in_review(team: &Team, title: &str, at: DateTime<Utc>) -> Item {
    let created = super::items::create(
        team.db(),
        team.ann,
        &review_flow(),
        NewItem {
            owner: Some(team.ann),
            ..NewItem::titled(title)
        },
        at,
    )
    .await
    .unwrap()
    .item;
    let op = Operation::MoveTo {
        stage: "review".into(),
        reason: None,
    };
    super::items::apply(team.db(), team.ann, created.id, created.version, &op, at)
        .await
        .unwrap()
        .item
}

/// Ann's item in Review, submitted for approval at `at`.
pub async fn submitted(team: &Team, title: &str, at: DateTime<Utc>) -> Item {
    let item = in_review(team, title, at).await;
    super::items::apply(
        team.db(),
        team.ann,
        item.id,
        item.version,
        &Operation::Submit,
        at,
    )
    .await
    .unwrap()
    .item
}

/// Reads an item back.
pub async fn reload(team: &Team, item: &Item) -> Item {
    let mut conn = team.db().read.acquire().await.unwrap();
    db::items::load(&mut conn, item.id).await.unwrap().unwrap()
}
