//! The workspace style guide: read by everyone (the item form checks copy with it as
//! people type), changed by admins.

use crate::db::{self, Db};
use crate::domain::brand::guide_limit_problems;
use crate::domain::StyleGuide;
use crate::error::{AppError, AppResult};

/// The style guide (Baton's defaults until an admin saves one).
pub async fn style_guide(db: &Db) -> AppResult<StyleGuide> {
    let mut conn = db.read.acquire().await?;
    Ok(db::workspace::style_guide(&mut conn).await?)
}

/// Saves the style guide, trimmed, after checking it; every problem is named.
pub async fn save_style_guide(db: &Db, guide: &StyleGuide) -> AppResult<StyleGuide> {
    let mut guide = guide.clone();
    for banned in &mut guide.banned {
        banned.phrase = banned.phrase.trim().to_owned();
        banned.instead = banned.instead.trim().to_owned();
    }
    for required in &mut guide.required {
        required.phrase = required.phrase.trim().to_owned();
    }
    guide.acronyms = guide
        .acronyms
        .iter()
        .map(|a| a.trim().to_owned())
        .filter(|a| !a.is_empty())
        .collect();
    let mut problems = guide.problems();
    problems.extend(guide_limit_problems(&guide));
    if !problems.is_empty() {
        let message = problems
            .iter()
            .map(|p| p.trim_end_matches('.'))
            .collect::<Vec<_>>()
            .join(". ");
        return Err(AppError::validation("style_guide", format!("{message}.")));
    }
    let mut tx = db.write.begin().await?;
    db::workspace::set_style_guide(&mut tx, &guide).await?;
    tx.commit().await?;
    Ok(guide)
}
