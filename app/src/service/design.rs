//! The designer on stored data: every workflow as `/workflows` lists it, a design to edit,
//! saving a new version (guarded by the version the draft started from), pilots started by
//! a save, and archiving.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};

use super::present::campaign_tags;
use crate::auth::CurrentUser;
use crate::db::pilots::PilotRow;
use crate::db::{self, Conn, Db};
use crate::domain::design::{blank_workflow, limit_problems, problems, PilotGroup, MAX_PARTIES};
use crate::domain::ids::slugify;
use crate::domain::limits::{self, NAME};
use crate::domain::{People, PersonId, Role, WorkflowDefinition, WorkflowId};
use crate::error::{AppError, AppResult};
use crate::views::designer::{DesignView, PilotInfo, SavedDesign, WorkflowCard, WorkflowList};

/// What the second of two managers saving from the same version is told.
pub fn conflict_message(now_at: u32) -> String {
    format!(
        "This workflow was changed by someone else since you opened it (it is now at version \
         {now_at}) — reload to see their changes. Your draft stays on this page: reload and apply \
         your changes again on top of theirs."
    )
}

/// Every problem of a definition in the server's words (as the designer shows them), or
/// nothing when it would save.
pub fn check_design(def: &WorkflowDefinition) -> AppResult<()> {
    let mut messages: Vec<String> = problems(def).into_iter().map(|p| p.message).collect();
    messages.extend(limit_problems(def).into_iter().map(|p| p.message));
    if messages.is_empty() {
        Ok(())
    } else {
        Err(AppError::Validation {
            field: "definition".into(),
            message: format!("{}.", messages.join(". ")),
        })
    }
}

fn can_manage(viewer: &CurrentUser) -> bool {
    matches!(viewer.role, Role::Manager | Role::Admin)
}

/// A pilot in words for pages.
pub(crate) fn pilot_info(
    pilot: &PilotRow,
    people: &People,
    campaigns: &[db::campaigns::CampaignRow],
) -> PilotInfo {
    let campaign = match &pilot.group {
        PilotGroup::Campaign(id) => campaigns.iter().find(|c| c.id == id.0),
        _ => None,
    };
    PilotInfo {
        version: pilot.version,
        baseline_version: pilot.baseline_version,
        group: pilot.group.clone(),
        group_words: pilot
            .group
            .describe(people, campaign.map(|c| c.name.as_str())),
        started_at: pilot.started_at,
        started_by: pilot
            .started_by
            .map_or_else(|| "Baton".to_owned(), |p| people.name_of(p)),
    }
}

/// `/workflows`: every workflow, archived ones included (last).
pub async fn list(db: &Db, viewer: &CurrentUser) -> AppResult<WorkflowList> {
    let mut conn = db.read.acquire().await?;
    let rows = db::workflows::rows(&mut conn).await?;
    let active = db::item_sets::open_per_workflow(&mut conn).await?;
    let pilots = db::pilots::all_running(&mut conn).await?;
    let people = db.directory(&mut conn).await?;
    let campaigns = db.campaigns(&mut conn).await?;
    let mut workflows = Vec::with_capacity(rows.len());
    for row in rows {
        let Some(def) = db
            .definition(&mut conn, &row.id, row.current_version)
            .await?
        else {
            continue;
        };
        let pilot = pilots.iter().find(|p| p.workflow == row.id).map(|p| {
            let info = pilot_info(p, &people, &campaigns);
            format!("Version {} piloted with {}", info.version, info.group_words)
        });
        workflows.push(WorkflowCard {
            id: row.id.clone(),
            name: def.name.clone(),
            kind: def.kind,
            version: row.current_version,
            stages: def.stages.iter().map(|s| s.name.clone()).collect(),
            active: active.get(&row.id).copied().unwrap_or(0),
            builtin: row.builtin,
            archived: row.archived_at.is_some(),
            pilot,
        });
    }
    workflows.sort_by_key(|w| w.archived);
    Ok(WorkflowList {
        workflows,
        can_manage: can_manage(viewer),
    })
}

/// The version a draft of `workflow` starts from: the running pilot's, else the current one.
async fn editing_version(conn: &mut Conn, row: &db::workflows::WorkflowRow) -> AppResult<u32> {
    Ok(db::pilots::running(conn, &row.id)
        .await?
        .map_or(row.current_version, |p| p.version))
}

/// A workflow to edit: the version being edited with what removing a stage or a field
/// would touch.
pub async fn design(db: &Db, viewer: &CurrentUser, id: &WorkflowId) -> AppResult<DesignView> {
    let mut conn = db.read.acquire().await?;
    let row = db::workflows::row(&mut conn, id)
        .await?
        .ok_or_else(|| AppError::not_found(format!("Workflow {id}")))?;
    let version = editing_version(&mut conn, &row).await?;
    let definition = db
        .definition(&mut conn, id, version)
        .await?
        .ok_or_else(|| AppError::not_found(format!("Workflow {id} version {version}")))?;
    let items = db::item_sets::open_in_version(&mut conn, id, version).await?;
    let mut open_per_stage = BTreeMap::new();
    let mut values_per_field = BTreeMap::new();
    for item in &items {
        *open_per_stage.entry(item.stage.clone()).or_insert(0) += 1;
        for field in &definition.fields {
            if item.filled(&field.key).is_some() {
                *values_per_field.entry(field.key.clone()).or_insert(0) += 1;
            }
        }
    }
    let people = db.directory(&mut conn).await?;
    let campaigns = db.campaigns(&mut conn).await?;
    let pilot = db::pilots::running(&mut conn, id).await?;
    Ok(DesignView {
        definition: definition.as_ref().clone(),
        base_version: Some(version),
        current_version: row.current_version,
        builtin: row.builtin,
        archived: row.archived_at.is_some(),
        can_manage: can_manage(viewer),
        pilot: pilot.map(|p| pilot_info(&p, &people, &campaigns)),
        campaigns: campaign_tags(&campaigns),
        people,
        open_per_stage,
        values_per_field,
    })
}

/// A new, empty workflow to design ("New workflow → blank"); nothing is stored until it saves.
pub async fn blank(db: &Db, viewer: &CurrentUser, name: &str) -> AppResult<DesignView> {
    let name = checked_name(name)?;
    let mut conn = db.read.acquire().await?;
    let people = db.directory(&mut conn).await?;
    let campaigns = db.campaigns(&mut conn).await?;
    Ok(DesignView {
        definition: blank_workflow(&name),
        base_version: None,
        current_version: 0,
        builtin: false,
        archived: false,
        can_manage: can_manage(viewer),
        people,
        campaigns: campaign_tags(&campaigns),
        open_per_stage: BTreeMap::new(),
        values_per_field: BTreeMap::new(),
        pilot: None,
    })
}

fn checked_name(name: &str) -> AppResult<String> {
    let name = name.trim();
    if name.is_empty() {
        return Err(AppError::validation("name", "Give the workflow a name."));
    }
    limits::check("The name", name, NAME).map_err(|m| AppError::validation("name", m))?;
    Ok(name.to_owned())
}

/// A workflow id made from `name` that no workflow has yet ("launch", "launch-2"…).
pub(crate) async fn unused_id(conn: &mut Conn, name: &str) -> AppResult<WorkflowId> {
    let base = slugify(name);
    // "new" is the address of the blank designer.
    let base = if base.is_empty() || base == "new" {
        format!("{}workflow", if base.is_empty() { "" } else { "new-" })
    } else {
        base
    };
    let mut candidate = WorkflowId(base.clone());
    let mut n = 2;
    while db::workflows::exists(conn, &candidate).await? {
        candidate = WorkflowId(format!("{base}-{n}"));
        n += 1;
    }
    Ok(candidate)
}

/// Whose new items a pilot takes, checked against the team and the campaigns.
async fn checked_group(db: &Db, conn: &mut Conn, group: &PilotGroup) -> AppResult<PilotGroup> {
    let refuse = |m: String| Err(AppError::validation("pilot", m));
    match group {
        PilotGroup::Team(team) => {
            let team = team.trim();
            if team.is_empty() {
                return refuse("Choose the team whose new items try the new version.".into());
            }
            limits::check("The team's name", team, NAME)
                .map_err(|m| AppError::validation("pilot", m))?;
            let people = db.directory(conn).await?;
            if !people.persons.iter().any(|p| p.in_team(team)) {
                return refuse(format!(
                    "Nobody is in the team {team}: choose a team with people in it."
                ));
            }
            Ok(PilotGroup::Team(team.to_owned()))
        }
        PilotGroup::Campaign(id) => {
            if !db.campaigns(conn).await?.iter().any(|c| c.id == id.0) {
                return refuse("That campaign does not exist (any more): choose another.".into());
            }
            Ok(group.clone())
        }
        PilotGroup::People(ids) => {
            let mut ids = ids.clone();
            ids.sort();
            ids.dedup();
            if ids.is_empty() {
                return refuse(
                    "Choose at least one person whose new items try the new version.".into(),
                );
            }
            if ids.len() > MAX_PARTIES {
                return refuse(format!("Choose at most {MAX_PARTIES} people for a pilot."));
            }
            let people = db.directory(conn).await?;
            if let Some(unknown) = ids.iter().find(|id| people.get(**id).is_none()) {
                return refuse(format!("Person #{unknown} is not in the team."));
            }
            Ok(PilotGroup::People(ids))
        }
    }
}

/// Saves a draft as the next version of its workflow.
///
/// `base` is the version the draft started from (`None` for a new workflow): when someone
/// saved meanwhile, nothing is saved and the answer is a conflict. With no pilot running the
/// new version becomes current — or, given `pilot`, goes to that group first; while a pilot
/// runs, the save moves the pilot on to the new version and everyone else stays put.
pub async fn save(
    db: &Db,
    actor: PersonId,
    def: &WorkflowDefinition,
    base: Option<u32>,
    pilot: Option<PilotGroup>,
    now: DateTime<Utc>,
) -> AppResult<SavedDesign> {
    check_design(def)?;
    let mut tx = db.write.begin().await?;
    let Some(base) = base else {
        if pilot.is_some() {
            return Err(AppError::validation(
                "pilot",
                "A new workflow has no current version to compare a pilot with: save it first, then pilot its next version.",
            ));
        }
        let mut new = def.clone();
        new.id = unused_id(&mut tx, &def.name).await?;
        let version = db::workflows::save(&mut tx, &new, false, Some(actor), now).await?;
        tx.commit().await?;
        return Ok(SavedDesign {
            message: format!("{} is saved as version {version}.", new.name),
            id: new.id,
            version,
        });
    };
    let row = db::workflows::row(&mut tx, &def.id)
        .await?
        .ok_or_else(|| AppError::not_found(format!("Workflow {}", def.id)))?;
    if row.builtin {
        return Err(AppError::validation(
            "definition",
            format!(
                "{} is a built-in workflow: copy it to make your own version",
                def.name
            ),
        ));
    }
    if row.archived_at.is_some() {
        return Err(AppError::validation(
            "definition",
            format!("{} is archived: restore it to change it.", def.name),
        ));
    }
    let running = db::pilots::running(&mut tx, &def.id).await?;
    let editing = running.as_ref().map_or(row.current_version, |p| p.version);
    if base != editing {
        return Err(AppError::Conflict {
            message: conflict_message(editing),
        });
    }
    let group = match (&running, &pilot) {
        (Some(_), Some(_)) => {
            return Err(AppError::validation(
                "pilot",
                "A pilot is running already: this save updates it. Promote or drop it before starting another.",
            ))
        }
        (None, Some(group)) => Some(checked_group(db, &mut tx, group).await?),
        _ => None,
    };
    let make_current = running.is_none() && group.is_none();
    let version =
        db::workflows::add_version(&mut tx, def, false, Some(actor), now, make_current).await?;
    let message = if let Some(pilot) = &running {
        db::pilots::set_version(&mut tx, pilot.id, version).await?;
        format!(
            "Saved as version {version}: the pilot's new items get it; everyone else stays on version {}.",
            row.current_version
        )
    } else if let Some(group) = &group {
        db::pilots::start(
            &mut tx,
            &def.id,
            version,
            row.current_version,
            group,
            actor,
            now,
        )
        .await?;
        format!(
            "Saved as version {version} and piloted: the group's new items get it; everyone else stays on version {}.",
            row.current_version
        )
    } else {
        format!("Saved as version {version}: new items get it. Items in flight keep their version until you move them.")
    };
    tx.commit().await?;
    Ok(SavedDesign {
        id: def.id.clone(),
        version,
        message,
    })
}

/// Archives a workflow (its board leaves every list; items and history stay) or restores it.
pub async fn set_archived(
    db: &Db,
    id: &WorkflowId,
    archived: bool,
    now: DateTime<Utc>,
) -> AppResult<()> {
    let mut tx = db.write.begin().await?;
    if db::workflows::row(&mut tx, id).await?.is_none() {
        return Err(AppError::not_found(format!("Workflow {id}")));
    }
    db::workflows::set_archived(&mut tx, id, archived.then_some(now)).await?;
    tx.commit().await?;
    Ok(())
}

#[cfg(test)]
#[path = "design_tests.rs"]
mod tests;
