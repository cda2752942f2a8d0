//! Seeds a big board for `scripts/bench-board`: the demo workspace plus N items
//! spread over the stages of Content production. Prints the ids per stage as JSON.
//!
//! `cargo run --release -p app --features ssr --example seed_board -- sqlite:///tmp/bench.db 5000`

use std::collections::BTreeMap;

use app::db::{self, Db};
use app::domain::{Channel, Item, ItemId, Priority, StageKey, WorkflowId};
use chrono::{Duration, Utc};

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let url = args
        .next()
        .ok_or("usage: seed_board DATABASE_URL COUNT [--with-rule]")?;
    let count: usize = args
        .next()
        .ok_or("usage: seed_board DATABASE_URL COUNT")?
        .parse()?;
    let db = Db::open(db::connect_options(&url)?).await?;
    db.migrate().await?;
    let now = Utc::now();
    {
        let mut conn = db.write.acquire().await?;
        db::workflows::install_builtins(&mut conn, now).await?;
    }
    app::demo::seed_if_empty(&db, now).await?;

    let workflow = WorkflowId::new("content-production");
    let mut tx = db.write.begin().await?;
    let def = db
        .current_definition(&mut tx, &workflow)
        .await?
        .ok_or("no content workflow")?;
    let people = db::people::directory(&mut tx).await?;
    let workers: Vec<_> = people
        .persons
        .iter()
        .filter(|p| p.role.can_work())
        .map(|p| p.id)
        .collect();
    let mut ids: BTreeMap<StageKey, Vec<i64>> = BTreeMap::new();
    for n in 0..count {
        let stage = &def.stages[n % def.stages.len()];
        let entered = now - Duration::minutes((n % 7200) as i64);
        let item = Item {
            id: ItemId::UNSAVED,
            title: format!("Benchmark item {n}"),
            workflow_id: workflow.clone(),
            workflow_version: def.version,
            stage: stage.key.clone(),
            owner: Some(workers[n % workers.len()]),
            assignees: Vec::new(),
            fields: BTreeMap::new(),
            checklist: BTreeMap::new(),
            due: Some(now + Duration::days((n % 30) as i64 - 5)),
            schedule: None,
            channel: Channel::Blog,
            campaign: None,
            priority: Priority::Normal,
            revision_round: 0,
            approvals: BTreeMap::new(),
            submitted_at: None,
            escalation: None,
            archived_at: None,
            entered_stage_at: entered,
            created_at: entered,
            updated_at: entered,
            version: 1,
            outcome: None,
        };
        let id = db::items::insert(&mut tx, &item).await?;
        ids.entry(stage.key.clone()).or_default().push(id.0);
    }
    tx.commit().await?;
    if args.next().as_deref() == Some("--with-rule") {
        add_rule(&db, now).await?;
    }
    db.close().await;
    println!("{}", serde_json::to_string(&ids)?);
    Ok(())
}

/// For `scripts/bench-automation`: a rule every benchmark move sets off (the movers move
/// cards back into SEO & technical), which tells the item's owner.
async fn add_rule(db: &Db, now: chrono::DateTime<Utc>) -> Result<(), Box<dyn std::error::Error>> {
    use app::domain::automation::{Action, Conditions, Recipient, Rule, RuleId, Scope, Trigger};
    let mut conn = db.read.acquire().await?;
    let people = db.directory(&mut conn).await?;
    drop(conn);
    let owner = people
        .persons
        .iter()
        .find(|p| p.role == app::domain::Role::Admin)
        .ok_or("no admin in the demo")?
        .id;
    let rule = Rule {
        id: RuleId(0),
        name: "Benchmark: back in SEO → tell the owner".into(),
        scope: Scope::Workflow(WorkflowId::new("content-production")),
        owner,
        enabled: true,
        version: 0,
        trigger: Trigger::EnteredStage {
            stage: Some(StageKey::new("seo-technical")),
        },
        conditions: Conditions::none(),
        actions: vec![Action::Notify {
            to: vec![Recipient::Owner],
            message: "“{title}” is back in {stage}".into(),
        }],
    };
    app::service::automation::rules::save(db, owner, rule, now).await?;
    Ok(())
}
