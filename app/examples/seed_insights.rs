//! Seeds a long history for `scripts/bench-insights`: the demo workspace plus N finished
//! Content production items (about 22 events each: a million events for 50,000 items)
//! spread over two years, and a few hundred open ones. Events go through
//! `db::events::append`, so every item's compact trail is written the way the app writes
//! it. Prints what it wrote.
//!
//! `cargo run --release -p app --features ssr --example seed_insights -- sqlite:///tmp/bench.db 50000`

use std::collections::BTreeMap;

use app::db::{self, Db};
use app::domain::metrics::forecast::rng::Rng;
use app::domain::{
    Channel, CreationSource, Event, EventKind, FieldValue, Item, ItemId, PersonId, Priority,
    Schedule, StageKey, WorkflowId,
};
use chrono::{DateTime, Duration, Utc};

const BATCH: usize = 2_000;
const OPEN: usize = 400;

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let usage = "usage: seed_insights DATABASE_URL FINISHED_ITEMS";
    let url = args.next().ok_or(usage)?;
    let finished: usize = args.next().ok_or(usage)?.parse()?;
    let db = Db::open(db::connect_options(&url)?).await?;
    db.migrate().await?;
    let now = Utc::now();
    {
        let mut conn = db.write.acquire().await?;
        db::workflows::install_builtins(&mut conn, now).await?;
    }
    app::demo::seed_if_empty(&db, now).await?;

    let workflow = WorkflowId::new("content-production");
    let (def, people) = {
        let mut conn = db.read.acquire().await?;
        let def = db
            .current_definition(&mut conn, &workflow)
            .await?
            .ok_or("no content workflow")?;
        (def, db::people::directory(&mut conn).await?)
    };
    let workers: Vec<PersonId> = people
        .persons
        .iter()
        .filter(|p| p.role.can_work())
        .map(|p| p.id)
        .collect();
    let key = |k: &str| StageKey::new(k);
    let mut rng = Rng::seeded(42);
    let mut events_written = 0usize;
    let started = std::time::Instant::now();
    let total = finished + OPEN;
    for batch in (0..total).collect::<Vec<_>>().chunks(BATCH) {
        let mut tx = db.write.begin().await?;
        for &n in batch {
            let open = n >= finished;
            let actor = workers[n % workers.len()];
            // Finished items finish over the two years before today; open ones started lately.
            let finish = if open {
                now
            } else {
                now - Duration::minutes((n as i64 * 730 * 24 * 60) / finished as i64)
                    - Duration::hours(rng.below(12) as i64)
            };
            let cycle_hours = 48 + rng.below(240) as i64;
            let created = finish - Duration::hours(cycle_hours + 4);
            let mut at = created;
            let mut events: Vec<Event> = Vec::new();
            let mut push = |at: DateTime<Utc>, kind: EventKind| {
                events.push(Event { actor, at, kind });
            };
            let step = Duration::hours(cycle_hours / 12);
            push(
                at,
                EventKind::Created {
                    stage: key("brief"),
                    source: CreationSource::Manual,
                },
            );
            for field in ["topic", "audience", "brief", "reviewer"] {
                at += Duration::minutes(7);
                let value = if field == "reviewer" {
                    FieldValue::Person(workers[(n + 1) % workers.len()])
                } else {
                    FieldValue::Text(format!(
                        "{field} of benchmark post {n}: a sentence or two of what the team wrote"
                    ))
                };
                push(
                    at,
                    EventKind::FieldChanged {
                        field: field.into(),
                        from: None,
                        to: Some(value),
                    },
                );
            }
            push(
                at,
                EventKind::ChecklistTicked {
                    stage: key("brief"),
                    line: "goal-agreed".into(),
                },
            );
            let mut stage = "brief";
            let mut stages_to_go: Vec<(&str, &[&str])> = vec![
                ("draft", &["follows-brief", "sources-cited"]),
                ("review", &[]),
                (
                    "seo-technical",
                    &["metadata", "internal-links", "alt-text", "header-structure"],
                ),
                ("scheduled", &[]),
            ];
            let stop = if open { 1 + n % 3 } else { stages_to_go.len() };
            stages_to_go.truncate(stop);
            for (to, lines) in stages_to_go {
                at += step;
                if to == "seo-technical" {
                    push(
                        at,
                        EventKind::SubmittedForApproval {
                            stage: key("review"),
                            approvers: vec![workers[(n + 1) % workers.len()]],
                        },
                    );
                    at += step * 2;
                    if n % 5 == 0 {
                        push(
                            at,
                            EventKind::ChangesRequested {
                                stage: key("review"),
                                feedback: "Tighten the intro and cite the survey.".into(),
                            },
                        );
                        push(
                            at,
                            EventKind::ReturnedForRevision {
                                from: key("review"),
                                to: key("revisions"),
                                round: 1,
                            },
                        );
                        at += step;
                        push(
                            at,
                            EventKind::MovedForward {
                                from: key("revisions"),
                                to: key("review"),
                            },
                        );
                        push(
                            at,
                            EventKind::SubmittedForApproval {
                                stage: key("review"),
                                approvers: vec![workers[(n + 1) % workers.len()]],
                            },
                        );
                        at += step;
                    }
                    push(
                        at,
                        EventKind::Approved {
                            stage: key("review"),
                            approved: 1,
                            needed: 1,
                        },
                    );
                    push(
                        at,
                        EventKind::AdvancedOnApproval {
                            from: key("review"),
                            to: key(to),
                        },
                    );
                } else {
                    push(
                        at,
                        EventKind::MovedForward {
                            from: key(stage),
                            to: key(to),
                        },
                    );
                }
                for line in lines {
                    at += Duration::minutes(11);
                    push(
                        at,
                        EventKind::ChecklistTicked {
                            stage: key(to),
                            line: (*line).into(),
                        },
                    );
                }
                if to == "draft" {
                    push(
                        at,
                        EventKind::FieldChanged {
                            field: "draft_url".into(),
                            from: None,
                            to: Some(FieldValue::Url(format!(
                                "https://docs.example.com/drafts/{n}"
                            ))),
                        },
                    );
                }
                if to == "seo-technical" {
                    for field in ["target_keyword", "meta_title", "meta_description"] {
                        at += Duration::minutes(9);
                        push(
                            at,
                            EventKind::FieldChanged {
                                field: field.into(),
                                from: None,
                                to: Some(FieldValue::Text(format!("{field} {n}"))),
                            },
                        );
                    }
                }
                stage = to;
            }
            let planned = if open {
                now + Duration::days(rng.below(20) as i64 - 3)
            } else {
                finish + Duration::days(rng.below(6) as i64 - 2)
            };
            let item = Item {
                id: ItemId::UNSAVED,
                title: format!("Benchmark post {n}"),
                workflow_id: workflow.clone(),
                workflow_version: def.version,
                stage: key(stage),
                owner: Some(actor),
                assignees: Vec::new(),
                fields: BTreeMap::new(),
                checklist: BTreeMap::new(),
                due: None,
                schedule: Some(Schedule {
                    at: planned,
                    all_day: false,
                }),
                channel: Channel::Blog,
                campaign: None,
                priority: Priority::Normal,
                revision_round: 0,
                approvals: BTreeMap::new(),
                submitted_at: None,
                escalation: None,
                archived_at: None,
                entered_stage_at: at,
                created_at: created,
                updated_at: at,
                version: 1,
                outcome: None,
            };
            let id = db::items::insert(&mut tx, &item).await?;
            db::events::append(&mut tx, id, &workflow, &events).await?;
            events_written += events.len();
        }
        tx.commit().await?;
        eprint!(
            "\r{} of {total} items, {events_written} events",
            batch.last().map_or(0, |n| n + 1)
        );
    }
    eprintln!();
    db.close().await;
    println!(
        "{{\"finished\": {finished}, \"open\": {OPEN}, \"events\": {events_written}, \"seconds\": {:.1}}}",
        started.elapsed().as_secs_f64()
    );
    Ok(())
}
