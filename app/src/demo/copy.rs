//! What Northwind's team writes: titles for six months of work and the field values a
//! real marketing team would fill in — topics, audiences, briefs, keywords, subject lines,
//! ad copy, report findings — picked deterministically so every demo is the same.

use chrono::{DateTime, Duration, Utc};

use crate::domain::ids::slugify;
use crate::domain::{FieldDef, FieldType, FieldValue, Money, PersonId};

/// Companies that appear in customer stories and examples.
const COMPANIES: [&str; 12] = [
    "Alder Logistics",
    "Birch & Co",
    "Cedar Health",
    "Dunmore Bank",
    "Elm Street Retail",
    "Fjord Analytics",
    "Granite Insurance",
    "Harbor Foods",
    "Ironwood Labs",
    "Juniper Travel",
    "Kestrel Energy",
    "Linden Schools",
];

/// What posts are about.
const SUBJECTS: [&str; 24] = [
    "campaign approvals",
    "content calendars",
    "marketing attribution",
    "brand consistency",
    "webinar follow-up",
    "launch checklists",
    "SEO briefs",
    "customer advocacy",
    "pricing pages",
    "email deliverability",
    "creative reviews",
    "event ROI",
    "landing page tests",
    "sales hand-offs",
    "editorial planning",
    "AI-assisted drafting",
    "localisation",
    "accessible content",
    "retention campaigns",
    "lead scoring",
    "partner marketing",
    "case studies",
    "newsletter growth",
    "quarterly planning",
];

const AUDIENCES: [&str; 6] = [
    "Marketing ops leads at B2B companies of 200–2,000 people",
    "Content managers at SaaS companies",
    "Heads of marketing who report pipeline to the board",
    "Demand-generation managers running paid and email",
    "Agency account directors managing several brands",
    "Existing customers on the Team plan",
];

const GOALS: [&str; 6] = [
    "Earn qualified sign-ups for the product tour",
    "Give sales a piece to send after first calls",
    "Rank on page one for a phrase our buyers search every week",
    "Win back readers who stopped opening the newsletter",
    "Show how customers measure the time they save",
    "Support the spring launch with a practical how-to",
];

const ANGLES: [&str; 6] = [
    "numbers first — what changed in weeks, not months",
    "a step-by-step walk-through with screenshots",
    "the mistakes we made ourselves and what we do now",
    "a customer's own words, with their before and after",
    "a checklist readers can copy into their own tool",
    "a contrarian take on the usual advice",
];

const CTAS: [&str; 6] = [
    "Book a 20-minute demo",
    "Start the free trial",
    "Download the checklist",
    "Save a seat at the webinar",
    "Read the full customer story",
    "Talk to our team",
];

/// A stable pick from a list for the `n`-th thing.
fn pick<'a>(list: &'a [&'a str], n: usize) -> &'a str {
    list[n % list.len()]
}

fn sentence_case(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// Titles for the `n`-th historical item of a workflow.
pub fn title(workflow: &str, n: usize) -> String {
    let subject = pick(&SUBJECTS, n * 7 + n / 24);
    let company = pick(&COMPANIES, n * 5 + 3);
    match workflow {
        "content-production" => match n % 8 {
            0 => format!("How {company} sped up {subject}"),
            1 => format!("Five mistakes teams make with {subject}"),
            2 => format!("A practical guide to {subject}"),
            3 => format!("Customer story: {company}"),
            4 => format!("What we learned about {subject} this quarter"),
            5 => format!("The {subject} checklist"),
            6 => format!("Why {subject} stall, and how to fix it"),
            _ => format!("Ask the expert: {subject}"),
        },
        "social-publishing" => match n % 6 {
            0 => format!("Tip of the week: {subject}"),
            1 => format!("Customer quote: {company}"),
            2 => format!("Poll: how do you handle {subject}?"),
            3 => format!("Blog teaser: {subject}"),
            4 => format!("Behind the scenes: {subject}"),
            _ => format!("Stat of the week: {subject}"),
        },
        "email-campaign" => match n % 5 {
            0 => format!("Newsletter: {subject}"),
            1 => format!("Webinar invite: {subject}"),
            2 => "Trial day-7 nudge".to_owned(),
            3 => format!("Customer story digest: {company}"),
            _ => "Product update".to_owned(),
        },
        "paid-campaign-launch" => match n % 4 {
            0 => format!("LinkedIn lead gen: {subject} guide"),
            1 => "Search: brand terms refresh".to_owned(),
            2 => format!("Retargeting: {subject} readers"),
            _ => format!("Paid social: {company} story video"),
        },
        "campaign-reporting" => match n % 3 {
            0 => "Weekly channel readout".to_owned(),
            1 => "Monthly performance report".to_owned(),
            _ => format!("Campaign results: {subject}"),
        },
        "seo" => format!("Optimise the {subject} hub"),
        "lead-nurturing" => format!("Nurture track: {subject} readers"),
        _ => format!("Integrated campaign: {subject}"),
    }
}

/// The subject an item's title is about (for its keyword, copy and brief).
fn subject_of(title: &str) -> &'static str {
    SUBJECTS
        .iter()
        .copied()
        .find(|s| title.to_lowercase().contains(s))
        .unwrap_or_else(|| pick(&SUBJECTS, title.len()))
}

/// A value a real team would have written in `field` of the item called `title`.
pub fn value(
    field: &FieldDef,
    title: &str,
    n: usize,
    person: PersonId,
    now: DateTime<Utc>,
) -> FieldValue {
    let subject = subject_of(title);
    let slug = slugify(title);
    let text = |s: String| FieldValue::Text(s);
    let url = |s: String| FieldValue::Url(s);
    let eur = |euros: i64| {
        FieldValue::Money(Money {
            amount_minor: euros * 100,
            currency: "EUR".into(),
        })
    };
    match field.key.as_str() {
        "topic" => text(format!(
            "{} for {}",
            sentence_case(subject),
            pick(&AUDIENCES, n).to_lowercase()
        )),
        "audience" | "audience_segment" | "segment" => {
            FieldValue::Segment(pick(&AUDIENCES, n + 1).to_owned())
        }
        "brief" => text(format!(
            "Goal: {}. Angle: {}. Key messages: teams lose days to {subject} without noticing; \
             a shared workflow makes the wait visible; start with one board and one SLA. \
             Call to action: {}.",
            pick(&GOALS, n),
            pick(&ANGLES, n + 2),
            pick(&CTAS, n + 1)
        )),
        "draft_url" => url(format!("https://docs.northwind.example/drafts/{slug}")),
        "target_keyword" | "primary_keyword" => text(match n % 3 {
            0 => format!("{subject} best practices"),
            1 => format!("how to improve {subject}"),
            _ => format!("{subject} template"),
        }),
        "secondary_keywords" => text(format!(
            "{subject} checklist, {subject} examples, {subject} for B2B, {subject} tools"
        )),
        "meta_title" => text(crate::domain::limits::shortened(
            &format!("{title} | Northwind"),
            60,
        )),
        "meta_description" => text(format!(
            "{} — practical steps, real numbers from teams like {}, and a checklist you can use today.",
            sentence_case(subject),
            pick(&COMPANIES, n)
        )),
        "objective" if matches!(field.field_type, FieldType::Text) => text(format!(
            "{} among {}",
            pick(&GOALS, n + 3),
            pick(&AUDIENCES, n).to_lowercase()
        )),
        "subject_line" => text(match n % 4 {
            0 => format!("The {subject} checklist we use ourselves"),
            1 => format!("{}: what changed in six weeks", pick(&COMPANIES, n)),
            2 => "Your seat is saved — here is what to bring".to_owned(),
            _ => format!("New: a faster way to handle {subject}"),
        }),
        "preheader" => text(format!(
            "Two minutes to read, and one thing to try this week on {subject}."
        )),
        "cta" => text(pick(&CTAS, n).to_owned()),
        "build_url" => url(format!("https://email.northwind.example/preview/{slug}")),
        "seed_list" => text("marketing-seeds@northwind.example, qa@northwind.example".to_owned()),
        "kpis" => text(format!(
            "Cost per lead under €{}; {} marketing-qualified leads; click-through above 0.9 %.",
            35 + (n % 4) * 5,
            120 + (n % 5) * 30
        )),
        "landing_page_url" | "target_page" => {
            url(format!("https://www.northwind.example/{}", slugify(subject)))
        }
        "creative_url" | "asset_url" => url(format!(
            "https://assets.northwind.example/campaigns/{slug}"
        )),
        "ad_copy" => text(format!(
            "Headline: Stop losing days to {subject}\nBody: See where work waits and fix it in a week — \
             teams like {} did.\nCTA: {}",
            pick(&COMPANIES, n + 1),
            pick(&CTAS, n)
        )),
        "budget" => eur(2_000 + (n as i64 % 7) * 1_500),
        "pause_cpa_above" => eur(60 + (n as i64 % 3) * 10),
        "pause_ctr_below" => FieldValue::Number(0.4),
        "search_volume" => FieldValue::Number(f64::from(800 + (n as u32 % 9) * 350)),
        "baseline_rank" => FieldValue::Number(f64::from(12 + (n as u32 % 20))),
        "score_threshold" => FieldValue::Number(65.0),
        "nurture_track" => url(format!("https://email.northwind.example/tracks/{slug}")),
        "handoff_notes" => text(
            "Hand off when a lead opens two emails and visits pricing; sales follows up within \
             one working day with the customer story that matches their industry."
                .to_owned(),
        ),
        "period" => text(match n % 3 {
            0 => format!("Week {}", 1 + n % 52),
            1 => (now - Duration::days(30)).format("%B %Y").to_string(),
            _ => "Q1 2026".to_owned(),
        }),
        "data_sources" => text("GA4, HubSpot, LinkedIn Campaign Manager, Google Ads".to_owned()),
        "data_link" => url(format!("https://reports.northwind.example/{slug}")),
        "prior_period" => text(format!(
            "Sessions +{} % on the prior period; MQLs +{} %; cost per lead −{} %.",
            4 + n % 9,
            2 + n % 7,
            1 + n % 5
        )),
        "targets" => text(format!(
            "MQLs at {} % of target; pipeline at {} % of target.",
            88 + n % 15,
            94 + n % 12
        )),
        "insights" => text(format!(
            "Search and email carried the period; paid social leads cost more than planned. \
             Posts about {subject} drove the most demo requests."
        )),
        "recipients" => text("Marketing leadership; sales leadership; the content team".to_owned()),
        "distribution_schedule" => text("First Monday of the month, 10:00".to_owned()),
        "decisions" => text(
            "Move €3,000 from display to search; pause the two weakest ad sets; brief two more \
             customer stories."
                .to_owned(),
        ),
        "draft_copy" => text(format!(
            "Most teams don't notice where {subject} costs them time until they map it. \
             Here is the one change that gave {} a week back. #marketingops #b2bmarketing",
            pick(&COMPANIES, n + 2)
        )),
        "brand_account" => text("@northwind".to_owned()),
        "post_url" => url(format!("https://social.northwind.example/posts/{slug}")),
        "goal" => text(format!(
            "{}; launch across blog, email, social and paid in the same week.",
            pick(&GOALS, n + 4)
        )),
        "channels" => text("Blog post, two emails, a LinkedIn series, paid social and search".to_owned()),
        "results" => text("1,240 sign-ups (target 1,000); 310 MQLs; pipeline €410k.".to_owned()),
        "learnings" => text(
            "Email drove most sign-ups; start the paid social flight a week earlier next time."
                .to_owned(),
        ),
        _ => match &field.field_type {
            FieldType::Text | FieldType::LongText => text(format!(
                "{} for {title}",
                sentence_case(&field.label.to_lowercase())
            )),
            FieldType::Url => url(format!("https://www.northwind.example/{slug}")),
            FieldType::DateTime => FieldValue::DateTime(now + Duration::days(7)),
            FieldType::Number => FieldValue::Number(2.5),
            FieldType::Money => eur(5_000),
            FieldType::Choice { options } => FieldValue::Choice(
                options
                    .get(n % options.len().max(1))
                    .cloned()
                    .unwrap_or_default(),
            ),
            FieldType::Person => FieldValue::Person(person),
            FieldType::Percent => FieldValue::Percent(2.5),
            FieldType::Date => FieldValue::Date((now + Duration::days(7)).date_naive()),
            FieldType::YesNo => FieldValue::YesNo(true),
            FieldType::Segment => FieldValue::Segment(pick(&AUDIENCES, n).to_owned()),
        },
    }
}

/// What went wrong after an item went out, and which of its workflow's stages should have
/// caught it (by key), for the `n`-th fix.
pub fn fix(workflow: &str, n: usize) -> (&'static str, &'static str) {
    match (workflow, n % 3) {
        ("content-production", 0) => (
            "Two internal links pointed at the old pricing page",
            "seo-technical",
        ),
        ("content-production", 1) => (
            "A customer's figure was quoted wrong and had to be corrected",
            "review",
        ),
        ("content-production", _) => ("The hero image had no alt text", "seo-technical"),
        ("email-campaign", 0) => ("The unsubscribe link went to a 404 for one segment", "qa"),
        ("email-campaign", _) => (
            "The send went out with last month's date in the preheader",
            "approval",
        ),
        ("social-publishing", _) => ("The video was cropped for the wrong platform", "creation"),
        ("paid-campaign-launch", _) => ("UTM tags were missing on one ad set", "build-qa"),
        _ => (
            "A number in the summary did not match the dashboard",
            "analysis",
        ),
    }
}
