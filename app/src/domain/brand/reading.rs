//! Reading level with Flesch's formulas, for English copy.
//!
//! Flesch reading ease = 206.835 − 1.015 × (words ÷ sentences) − 84.6 × (syllables ÷ words):
//! 60–70 is plain English, below 30 is hard going. Flesch–Kincaid grade =
//! 0.39 × (words ÷ sentences) + 11.8 × (syllables ÷ words) − 15.59: the US school year a
//! reader needs. Both reward short sentences and short words.

use serde::{Deserialize, Serialize};

/// The counts and both scores of a piece of copy.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Readability {
    /// Words counted (those with Latin letters).
    pub words: u32,
    /// Sentences counted.
    pub sentences: u32,
    /// Syllables counted with the heuristic of [`syllables`].
    pub syllables: u32,
    /// Flesch reading ease (higher is easier).
    pub ease: f64,
    /// Flesch–Kincaid grade level (lower is easier).
    pub grade: f64,
}

/// Syllables of an English word, estimated: groups of vowels (a, e, i, o, u, and y after
/// the first letter), less a silent final "e" ("make"; not "table" or "agree") and a silent
/// "-es"/"-ed" ("makes", "jumped"; not "boxes", "wanted"); at least one. Close enough for a
/// readability score, not for a dictionary.
pub fn syllables(word: &str) -> u32 {
    let letters: Vec<char> = word
        .chars()
        .filter(char::is_ascii_alphabetic)
        .map(|c| c.to_ascii_lowercase())
        .collect();
    let vowel = |i: usize| {
        matches!(letters[i], 'a' | 'e' | 'i' | 'o' | 'u') || (letters[i] == 'y' && i > 0)
    };
    let mut count = 0;
    for i in 0..letters.len() {
        if vowel(i) && (i == 0 || !vowel(i - 1)) {
            count += 1;
        }
    }
    let n = letters.len();
    let ends = |s: &str| n > s.len() && letters[n - s.len()..].iter().copied().eq(s.chars());
    let consonant_before = |back: usize| n > back && !vowel(n - 1 - back);
    let silent = if ends("e") && consonant_before(1) {
        !(ends("le") && consonant_before(2))
    } else if ends("es") && consonant_before(2) {
        // After a hissing sound "-es" is its own syllable: boxes, pages, wishes.
        let before = letters[n - 3];
        let hissing = matches!(before, 's' | 'x' | 'z' | 'c' | 'g')
            || (before == 'h' && n > 3 && matches!(letters[n - 4], 's' | 'c'));
        !hissing
    } else if ends("ed") && consonant_before(2) {
        !matches!(letters[n - 3], 't' | 'd')
    } else {
        false
    };
    if silent {
        count -= 1;
    }
    count.max(1)
}

/// Scores English copy; `None` when it has no words, or is mostly in a non-Latin script
/// (the formulas and the syllable count only hold for English).
pub fn readability(text: &str) -> Option<Readability> {
    let letters = text.chars().filter(|c| c.is_alphabetic()).count();
    let latin = text.chars().filter(char::is_ascii_alphabetic).count();
    if letters == 0 || latin * 10 < letters * 9 {
        return None;
    }
    let mut words = 0u32;
    let mut syllable_count = 0u32;
    let mut sentences = 0u32;
    let mut words_in_sentence = 0u32;
    let chars: Vec<char> = text.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c.is_alphanumeric() {
            let start = i;
            while i < chars.len()
                && (chars[i].is_alphanumeric()
                    || (matches!(chars[i], '\'' | '’' | '-')
                        && chars.get(i + 1).is_some_and(|n| n.is_alphanumeric())))
            {
                i += 1;
            }
            let word: String = chars[start..i].iter().collect();
            if word.chars().any(|c| c.is_ascii_alphabetic()) {
                words += 1;
                words_in_sentence += 1;
                syllable_count += syllables(&word);
            }
            continue;
        }
        // A full stop between digits ("2.5") does not end a sentence.
        let decimal = c == '.'
            && i > 0
            && chars[i - 1].is_ascii_digit()
            && chars.get(i + 1).is_some_and(char::is_ascii_digit);
        let ends = matches!(c, '.' | '!' | '?' | '…' | '\n') && !decimal;
        if ends && words_in_sentence > 0 {
            sentences += 1;
            words_in_sentence = 0;
        }
        i += 1;
    }
    if words_in_sentence > 0 {
        sentences += 1;
    }
    if words == 0 {
        return None;
    }
    let per_sentence = f64::from(words) / f64::from(sentences);
    let per_word = f64::from(syllable_count) / f64::from(words);
    Some(Readability {
        words,
        sentences,
        syllables: syllable_count,
        ease: 206.835 - 1.015 * per_sentence - 84.6 * per_word,
        grade: 0.39 * per_sentence + 11.8 * per_word - 15.59,
    })
}
