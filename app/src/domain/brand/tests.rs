//! Tests of the brand check: each rule, and text in several scripts.

use super::super::definition::Stage;
use super::super::fields::{FieldDef, FieldType, FieldValue};
use super::super::item::Channel;
use super::super::refusal::ReasonKind;
use super::super::testkit::{flow, sample_item};
use super::*;

fn guide() -> StyleGuide {
    StyleGuide {
        banned: vec![
            BannedPhrase {
                phrase: "synergy".into(),
                instead: "working together".into(),
            },
            BannedPhrase {
                phrase: "ass".into(),
                instead: String::new(),
            },
            BannedPhrase {
                phrase: "best-in-class".into(),
                instead: "leading".into(),
            },
            BannedPhrase {
                phrase: "going forward".into(),
                instead: "from now on".into(),
            },
        ],
        required: vec![RequiredPhrase {
            channel: Channel::PaidSocial,
            phrase: "Terms apply".into(),
        }],
        ..StyleGuide::default()
    }
}

fn rules(findings: &[Finding]) -> Vec<BrandRule> {
    findings.iter().map(|f| f.rule).collect()
}

fn body(text: &str, channel: Channel) -> Vec<Finding> {
    check(&guide(), channel, text, CopyField::Body)
}

#[test]
fn a_banned_word_is_named_with_its_replacement() {
    let text = "Real Synergy for your team.";
    let found = body(text, Channel::Blog);
    assert_eq!(found.len(), 1);
    assert_eq!(
        found[0].to_string(),
        "“Synergy” is on the banned list — write “working together”"
    );
    assert_eq!(found[0].at.map(|(s, e)| &text[s..e]), Some("Synergy"));
}

#[test]
fn banned_words_match_whole_words_only_in_any_case() {
    assert!(body("Join the class, pass the test, assess it.", Channel::Blog).is_empty());
    let found = body("Don't be an ass. Ass!", Channel::Blog);
    assert_eq!(
        rules(&found),
        vec![BrandRule::BannedPhrase, BrandRule::BannedPhrase]
    );
    assert_eq!(found[0].fix, "leave it out");
    // Inside a word of another script nothing fires either.
    assert!(body("Synergyの時代", Channel::Blog).len() == 1);
    assert!(body("unsynergy synergyish", Channel::Blog).is_empty());
}

#[test]
fn phrases_match_across_spacing_but_keep_their_punctuation() {
    let found = body("Going\n  forward we are best-in-class.", Channel::Blog);
    assert_eq!(found.len(), 2);
    assert!(found[0].message.starts_with("“Going\n  forward”"));
    assert_eq!(found[1].fix, "write “leading”");
    assert!(body("We are best in class.", Channel::Blog).is_empty());
}

#[test]
fn a_channel_s_required_phrase_must_be_in_the_main_copy() {
    let missing = body("Try it free for 30 days.", Channel::PaidSocial);
    assert_eq!(
        missing[0].to_string(),
        "Paid social copy must include “Terms apply” — add “Terms apply”"
    );
    assert!(body("Try it free. terms  apply.", Channel::PaidSocial).is_empty());
    assert!(body("Try it free.", Channel::Blog).is_empty());
    let subject = check(
        &guide(),
        Channel::PaidSocial,
        "Free trial",
        CopyField::EmailSubject,
    );
    assert!(
        subject.is_empty(),
        "only the main copy carries the disclaimer"
    );
}

#[test]
fn character_limits_follow_the_channel_and_the_field() {
    let post = "a".repeat(281);
    let found = body(&post, Channel::X);
    assert_eq!(
        found[0].to_string(),
        "281 characters; X allows 280 — cut 1 character"
    );
    assert!(body(&"a".repeat(280), Channel::X).is_empty());
    assert!(body(&post, Channel::Linkedin).is_empty());
    let subject = "s".repeat(61);
    let found = check(&guide(), Channel::Email, &subject, CopyField::EmailSubject);
    assert_eq!(
        found[0].message,
        "61 characters; an email subject allows 60"
    );
    let preheader = "p".repeat(101);
    assert_eq!(
        rules(&check(
            &guide(),
            Channel::Email,
            &preheader,
            CopyField::Preheader
        )),
        vec![BrandRule::TooLong]
    );
    let mut edited = guide();
    edited.limits[0].max = 10;
    assert_eq!(
        rules(&check(&edited, Channel::X, "eleven char", CopyField::Body)),
        vec![BrandRule::TooLong]
    );
}

#[test]
fn exclamation_marks_are_limited() {
    assert!(body("Great news!", Channel::Blog).is_empty());
    let found = body("Great news!! Really！", Channel::Blog);
    assert_eq!(
        found[0].to_string(),
        "3 exclamation marks; the style guide allows 1 — keep 1 exclamation mark at most"
    );
    let mut strict = guide();
    strict.max_exclamations = Some(0);
    assert_eq!(
        check(&strict, Channel::Blog, "Hi!", CopyField::Body)[0].fix,
        "end with a full stop instead"
    );
}

#[test]
fn all_caps_words_count_but_acronyms_and_mixed_case_do_not() {
    assert!(body(
        "Our SEO and ROI tips for B2B, in Q4. McDonald's iPhone.",
        Channel::Blog
    )
    .is_empty());
    let text = "This is HUGE and ÜBERFAST, DON'T miss it";
    let found = body(text, Channel::Blog);
    assert_eq!(
        found[0].message,
        "3 words in ALL CAPS (HUGE, ÜBERFAST, DON'T); the style guide allows 0"
    );
    assert_eq!(found[0].at.map(|(s, e)| &text[s..e]), Some("HUGE"));
    // Scripts without case never shout.
    assert!(body("日本語 مرحبا नमस्ते", Channel::Blog).is_empty());
    let mut relaxed = guide();
    relaxed.max_caps_words = Some(3);
    assert!(check(&relaxed, Channel::Blog, text, CopyField::Body).is_empty());
}

#[test]
fn copy_fields_are_recognised_by_key_or_label() {
    let field = |key: &str, label: &str, field_type: FieldType| FieldDef {
        key: key.into(),
        label: label.into(),
        field_type,
        help: String::new(),
    };
    let kind = |key, label| copy_field_of(&field(key, label, FieldType::Text));
    assert_eq!(
        kind("subject_line", "Subject line"),
        Some(CopyField::EmailSubject)
    );
    assert_eq!(kind("preheader", "Preheader"), Some(CopyField::Preheader));
    assert_eq!(kind("ad_copy", "Ad copy"), Some(CopyField::Body));
    assert_eq!(kind("draft_copy", "Draft copy"), Some(CopyField::Body));
    assert_eq!(kind("cta", "Call to action"), Some(CopyField::Other));
    assert_eq!(kind("meta_title", "Meta title"), Some(CopyField::Other));
    assert_eq!(kind("topic", "Topic"), None);
    assert_eq!(kind("objective", "Objective"), None);
    assert_eq!(
        copy_field_of(&field("post_url", "Live post link", FieldType::Url)),
        None
    );
}

#[test]
fn the_guide_reports_its_own_problems() {
    let mut broken = StyleGuide::default();
    assert!(broken.problems().is_empty());
    broken.banned.push(BannedPhrase {
        phrase: " !! ".into(),
        instead: String::new(),
    });
    broken.limits[0].max = 0;
    assert_eq!(
        broken.problems(),
        vec![
            "The banned phrase “!!” needs at least one letter or digit",
            "The character limit for X must be at least 1",
        ]
    );
}

#[test]
fn a_stage_gated_on_the_brand_check_refuses_with_the_findings() {
    let mut def = flow();
    def.fields.push(FieldDef {
        key: "ad_copy".into(),
        label: "Ad copy".into(),
        field_type: FieldType::LongText,
        help: String::new(),
    });
    def.stages[0].brand_check = true;
    let mut item = sample_item();
    item.channel = Channel::PaidSocial;
    item.fields
        .insert("ad_copy".into(), FieldValue::Text("Pure synergy!!".into()));
    let reasons = brand_reasons(&guide(), &def, &item);
    let messages: Vec<&str> = reasons.iter().map(|r| r.message.as_str()).collect();
    assert_eq!(
        messages,
        vec![
            "Ad copy: “synergy” is on the banned list — write “working together”",
            "Ad copy: 2 exclamation marks; the style guide allows 1 — keep 1 exclamation mark at most",
            "Ad copy: Paid social copy must include “Terms apply” — add “Terms apply”",
        ]
    );
    assert!(matches!(
        &reasons[0].kind,
        ReasonKind::BrandCheck { field, rule: BrandRule::BannedPhrase } if field.as_str() == "ad_copy"
    ));
    // Through the engine's gate, with the guide passed in the context.
    let people = super::super::testkit::people();
    let guide = guide();
    let ctx =
        super::super::testkit::ctx(&people, super::super::testkit::SAM).with_style_guide(&guide);
    let stage: &Stage = &def.stages[0];
    let gate = super::super::gates::leave_reasons(&def, stage, &item, &ctx);
    assert!(gate
        .iter()
        .any(|r| r.message.starts_with("Ad copy: “synergy”")));
    def.stages[0].brand_check = false;
    let gate = super::super::gates::leave_reasons(&def, &def.stages[0], &item, &ctx);
    assert!(gate
        .iter()
        .all(|r| !matches!(r.kind, ReasonKind::BrandCheck { .. })));
}

#[test]
fn stored_stages_without_the_flag_still_load() {
    let mut json = serde_json::to_value(Stage::new("draft", "Draft", "")).unwrap();
    json.as_object_mut().unwrap().remove("brand_check");
    let stage: Stage = serde_json::from_value(json).unwrap();
    assert!(!stage.brand_check);
}
