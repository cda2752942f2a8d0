//! The per-item summary export.

use super::super::super::ids::CampaignId;
use super::super::super::people::People;
use super::super::csv::{defuse_formula, CsvWriter};
use super::super::flow::FlowSettings;
use super::super::history::{DeadlineKind, ItemHistory};
use super::{key_of, time};
use chrono::{DateTime, FixedOffset, Utc};
use std::collections::BTreeMap;

/// The per-item summary of `flow`'s histories as CSV: one row per item, a pair of columns
/// per stage (first entered, last left), then the caller's result columns.
/// `results` gives each item's cells for `result_labels`. O(n × stages).
pub fn item_summary_csv<'a>(
    histories: impl IntoIterator<Item = &'a ItemHistory>,
    flow: &FlowSettings,
    people: &People,
    campaigns: &BTreeMap<CampaignId, String>,
    offset: FixedOffset,
    result_labels: &[&str],
    results: impl Fn(&ItemHistory) -> Vec<String>,
) -> String {
    let mut csv = CsvWriter::new();
    let mut header: Vec<String> = [
        "Item", "Title", "Workflow", "Channel", "Campaign", "Owner", "Created",
    ]
    .map(str::to_owned)
    .to_vec();
    for stage in &flow.stages {
        header.push(format!("{} entered", stage.name));
        header.push(format!("{} left", stage.name));
    }
    header.extend(
        [
            "Started",
            "Finished",
            "Cycle time (days)",
            "Date",
            "Judged against",
            "On time",
            "Post-launch fixes",
            "Fix details",
            "Archived",
        ]
        .map(str::to_owned),
    );
    header.extend(result_labels.iter().map(|l| (*l).to_owned()));
    csv.row(&header);
    let at = |t: Option<DateTime<Utc>>| t.map(|t| time(t, offset)).unwrap_or_default();
    for h in histories
        .into_iter()
        .filter(|h| h.details.workflow == flow.workflow)
    {
        let d = &h.details;
        let mut row = vec![
            h.item.to_string(),
            defuse_formula(&d.title).into_owned(),
            flow.name.clone(),
            key_of(&d.channel),
            d.campaign
                .map(|c| campaigns.get(&c).cloned().unwrap_or_else(|| c.to_string()))
                .unwrap_or_default(),
            d.owner.map(|o| people.name_of(o)).unwrap_or_default(),
            time(h.created, offset),
        ];
        for stage in &flow.stages {
            let visits = h.visits.iter().filter(|v| v.stage == stage.key);
            row.push(at(visits.clone().next().map(|v| v.entered)));
            row.push(at(visits.filter_map(|v| v.left).next_back()));
        }
        let deadline = h.deadline(offset);
        let finished = h.finish_day(offset);
        row.push(at(h.started));
        row.push(at(h.finished));
        row.push(
            h.cycle_days(offset)
                .map(|n| n.to_string())
                .unwrap_or_default(),
        );
        row.push(deadline.map(|d| d.date.to_string()).unwrap_or_default());
        row.push(
            deadline
                .map(|d| match d.kind {
                    DeadlineKind::Planned => "planned date",
                    DeadlineKind::Due => "due date",
                })
                .unwrap_or_default()
                .to_owned(),
        );
        row.push(match (deadline, finished) {
            (Some(d), Some(f)) if f <= d.date => "yes".to_owned(),
            (Some(_), Some(_)) => "no".to_owned(),
            _ => String::new(),
        });
        row.push(h.fixes.len().to_string());
        let fixes: Vec<String> = h
            .fixes
            .iter()
            .map(|f| match &f.should_have_caught {
                Some(stage) => format!(
                    "{} (should have been caught in {})",
                    f.what,
                    flow.stage_name(stage)
                ),
                None => f.what.clone(),
            })
            .collect();
        row.push(defuse_formula(&fixes.join("; ")).into_owned());
        row.push(if h.is_archived() { "yes" } else { "no" }.to_owned());
        row.extend(
            results(h)
                .into_iter()
                .map(|r| defuse_formula(&r).into_owned()),
        );
        csv.row(&row);
    }
    csv.finish()
}

#[cfg(test)]
mod tests {
    use super::super::super::fixtures::{at, flow, offset, Story};
    use super::*;
    use crate::domain::testkit::people;

    #[test]
    fn each_item_gets_one_row_with_its_stages_dates_and_results() {
        let mut late = Story::new(1, at(3, 9))
            .to("draft", at(3, 10))
            .to("review", at(4, 10))
            .back("draft", at(5, 10))
            .to("review", at(6, 10))
            .to("published", at(7, 10))
            .planned(6)
            .fix(at(8, 9), Some("review"));
        late.item.campaign = Some(CampaignId(4));
        late.item.owner = Some(crate::domain::PersonId(2));
        let open = Story::new(2, at(5, 9));
        let histories = [late.history(), open.history()];
        let campaigns = BTreeMap::from([(CampaignId(4), "Spring launch".to_owned())]);
        let csv = item_summary_csv(
            &histories,
            &flow(),
            &people(),
            &campaigns,
            offset(),
            &["Live link"],
            |h| vec![format!("https://example.com/{}", h.item)],
        );
        let lines: Vec<&str> = csv.split("\r\n").collect();
        assert_eq!(
            lines[0],
            "Item,Title,Workflow,Channel,Campaign,Owner,Created,Brief entered,Brief left,Draft entered,\
             Draft left,Review entered,Review left,Published entered,Published left,Started,Finished,\
             Cycle time (days),Date,Judged against,On time,Post-launch fixes,Fix details,Archived,Live link"
        );
        assert_eq!(
            lines[1],
            "1,Post 1,Blog,blog,Spring launch,Max,2024-06-03T09:00:00+02:00,\
             2024-06-03T09:00:00+02:00,2024-06-03T10:00:00+02:00,\
             2024-06-03T10:00:00+02:00,2024-06-06T10:00:00+02:00,\
             2024-06-04T10:00:00+02:00,2024-06-07T10:00:00+02:00,\
             2024-06-07T10:00:00+02:00,,\
             2024-06-03T10:00:00+02:00,2024-06-07T10:00:00+02:00,5,2024-06-06,planned date,no,1,\
             Broken link (should have been caught in Review),no,https://example.com/1"
        );
        assert!(lines[2].starts_with(
            "2,Post 2,Blog,blog,,,2024-06-05T09:00:00+02:00,2024-06-05T09:00:00+02:00,,"
        ));
        assert!(lines[2].ends_with(",,,,,,,0,,no,https://example.com/2"));
    }
}
