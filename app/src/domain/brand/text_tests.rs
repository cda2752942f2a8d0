//! Tests of counting characters and reading level, and of copy in several scripts.

use super::super::item::Channel;
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
fn banned_words_work_in_other_scripts() {
    let mut guide = guide();
    for phrase in ["مجاني", "सस्ता", "激安"] {
        guide.banned.push(BannedPhrase {
            phrase: phrase.into(),
            instead: String::new(),
        });
    }
    let hits = |text: &str| check(&guide, Channel::Blog, text, CopyField::Other).len();
    assert_eq!(hits("عرض مجاني اليوم"), 1);
    assert_eq!(hits("مجانيات"), 0);
    assert_eq!(hits("यह सस्ता है"), 1);
    assert_eq!(hits("सस्तापन"), 0);
    // Japanese has no spaces between words: the phrase is found wherever it appears.
    assert_eq!(hits("今日は激安セール"), 1);
}

#[test]
fn characters_are_counted_as_people_see_them() {
    let cases = [
        ("👍🏽", 1),                // skin tone
        ("👩‍👩‍👧‍👦", 1),                // family joined by ZWJ
        ("🇯🇵🇩🇪", 2),              // two flags
        ("e\u{301}te\u{301}", 3), // "été" with combining accents
        ("日本語のテキスト", 8),
        ("مرحبا بالعالم", 13), // Arabic
        ("नमस्ते दुनिया", 7),     // Hindi: न म स्ते, space, दु नि या
        ("Ünïcödé", 7),
    ];
    for (text, expected) in cases {
        assert_eq!(count_characters(text), expected, "{text}");
    }
    // 280 thumbs-up emoji with skin tones fit on X; 281 do not.
    assert!(body(&"👍🏽".repeat(280), Channel::X).is_empty());
    assert_eq!(
        body(&"👍🏽".repeat(281), Channel::X)[0].fix,
        "cut 1 character"
    );
}

#[test]
fn syllables_follow_the_usual_english_patterns() {
    for (word, expected) in [
        ("cat", 1),
        ("make", 1),
        ("table", 2),
        ("agree", 2),
        ("makes", 1),
        ("boxes", 2),
        ("jumped", 1),
        ("wanted", 2),
        ("yes", 1),
        ("happy", 2),
        ("readability", 5),
        ("the", 1),
    ] {
        assert_eq!(syllables(word), expected, "{word}");
    }
}

#[test]
fn reading_ease_and_grade_use_flesch_s_formulas() {
    let easy = "We ship on time. You get the box fast. It is a good deal.";
    let r = readability(easy).unwrap();
    assert_eq!((r.words, r.sentences, r.syllables), (14, 3, 14));
    let expected = 206.835 - 1.015 * (14.0 / 3.0) - 84.6;
    assert!((r.ease - expected).abs() < 1e-9);
    assert!((r.grade - (0.39 * (14.0 / 3.0) + 11.8 - 15.59)).abs() < 1e-9);
    assert_eq!(readability("Version 2.5 is out").unwrap().sentences, 1);
    assert!(readability("日本語のテキストです").is_none());
}

#[test]
fn hard_copy_misses_the_reading_target_once_it_is_long_enough() {
    let hard = "Organizational transformation necessitates comprehensive \
        interdepartmental collaboration, facilitating unprecedented operational \
        effectiveness, sustainable competitive differentiation, and measurable \
        organizational accountability throughout multinational enterprises \
        considering sophisticated technological modernization initiatives \
        simultaneously, particularly regarding legacy infrastructure.";
    let found = body(hard, Channel::Linkedin);
    assert_eq!(rules(&found), vec![BrandRule::ReadingLevel]);
    assert!(
        found[0].message.starts_with("Reading ease -"),
        "{}",
        found[0].message
    );
    assert_eq!(found[0].fix, "use shorter sentences and plainer words");
    let mut grade = guide();
    grade.reading = Some(ReadingLevel {
        target: ReadingTarget::GradeAtMost(8.0),
        min_words: 30,
    });
    let found = check(&grade, Channel::Linkedin, hard, CopyField::Body);
    assert!(
        found[0].message.starts_with("Reading grade "),
        "{}",
        found[0].message
    );
    // Too short to score.
    assert!(body(
        "Organizational transformation necessitates collaboration.",
        Channel::Blog
    )
    .is_empty());
}
