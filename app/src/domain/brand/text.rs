//! Reading copy as people do: characters are grapheme clusters, words are runs of letters.

use unicode_segmentation::UnicodeSegmentation;

/// How many characters a person sees: an emoji with a skin tone or joined by ZWJ, a flag,
/// a letter with combining accents or a Devanagari conjunct each count once.
pub fn count_characters(text: &str) -> usize {
    text.graphemes(true).count()
}

/// A word of the text: its place (byte offsets) and its lowercase form for matching.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Word<'t> {
    pub start: usize,
    pub end: usize,
    pub text: &'t str,
    pub lower: String,
    /// Written in a script without spaces between words (Chinese, Japanese, Thai…):
    /// each character is its own word, so phrases there match wherever they appear.
    pub spaceless: bool,
}

/// Scripts written without spaces, where no word boundary can be seen without a dictionary.
fn is_spaceless(c: char) -> bool {
    matches!(c as u32,
        0x0E00..=0x0EFF // Thai, Lao
        | 0x1000..=0x109F // Myanmar
        | 0x1780..=0x17FF // Khmer
        | 0x3040..=0x30FF // Hiragana, Katakana
        | 0x31F0..=0x31FF
        | 0x3400..=0x4DBF // CJK ideographs
        | 0x4E00..=0x9FFF
        | 0xF900..=0xFAFF
        | 0xFF66..=0xFF9F // half-width Katakana
        | 0x20000..=0x3FFFF)
}

fn is_apostrophe(g: &str) -> bool {
    g == "'" || g == "’"
}

/// The words of a text, in order. A word is a run of graphemes that start with a letter
/// or digit, with apostrophes inside it ("don't"); everything else separates words.
pub(super) fn words<'t>(text: &'t str) -> Vec<Word<'t>> {
    let graphemes: Vec<(usize, &str)> = text.grapheme_indices(true).collect();
    let first = |g: &str| g.chars().next().unwrap_or(' ');
    let wordy = |g: &str| first(g).is_alphanumeric();
    let mut out: Vec<Word> = Vec::new();
    let mut open: Option<usize> = None;
    let close = |out: &mut Vec<Word<'t>>, start: usize, end: usize, spaceless: bool| {
        let slice = &text[start..end];
        out.push(Word {
            start,
            end,
            text: slice,
            lower: slice.to_lowercase(),
            spaceless,
        });
    };
    for (i, (at, g)) in graphemes.iter().copied().enumerate() {
        let inside_word = open.is_some()
            && is_apostrophe(g)
            && graphemes.get(i + 1).is_some_and(|(_, next)| wordy(next));
        if wordy(g) && is_spaceless(first(g)) {
            if let Some(start) = open.take() {
                close(&mut out, start, at, false);
            }
            close(&mut out, at, at + g.len(), true);
        } else if wordy(g) || inside_word {
            open.get_or_insert(at);
        } else if let Some(start) = open.take() {
            close(&mut out, start, at, false);
        }
    }
    if let Some(start) = open {
        close(&mut out, start, text.len(), false);
    }
    out
}

/// What stands between two words, reduced to what matters for matching a phrase:
/// any run of spaces is one space, punctuation counts, case does not.
fn gap(text: &str) -> String {
    if text.is_empty() {
        String::new()
    } else if text.trim().is_empty() {
        " ".to_owned()
    } else {
        text.split_whitespace().collect::<String>().to_lowercase()
    }
}

/// A phrase to look for, split into words like the text.
pub(super) struct Phrase {
    words: Vec<String>,
    gaps: Vec<String>,
}

impl Phrase {
    /// The phrase's words; `None` when it has no letter or digit to match.
    pub fn new(phrase: &str) -> Option<Self> {
        let found = words(phrase);
        if found.is_empty() {
            return None;
        }
        let gaps = found
            .windows(2)
            .map(|w| gap(&phrase[w[0].end..w[1].start]))
            .collect();
        Some(Self {
            words: found.into_iter().map(|w| w.lower).collect(),
            gaps,
        })
    }

    /// Byte ranges of every whole-word, case-insensitive occurrence in `text`.
    pub fn find_in(&self, text: &str, words: &[Word]) -> Vec<(usize, usize)> {
        let n = self.words.len();
        let mut found = Vec::new();
        let mut i = 0;
        while i + n <= words.len() {
            let window = &words[i..i + n];
            let same_words = window.iter().zip(&self.words).all(|(w, p)| &w.lower == p);
            let same_gaps = window
                .windows(2)
                .zip(&self.gaps)
                .all(|(w, g)| &gap(&text[w[0].end..w[1].start]) == g);
            if same_words && same_gaps {
                found.push((window[0].start, window[n - 1].end));
                i += n;
            } else {
                i += 1;
            }
        }
        found
    }
}

/// Whether a word is written in capitals: at least two letters that have case, all upper.
pub(super) fn is_all_caps(word: &str) -> bool {
    let mut upper = 0;
    for c in word.chars() {
        if c.is_lowercase() {
            return false;
        }
        if c.is_uppercase() {
            upper += 1;
        }
    }
    upper >= 2
}

/// Exclamation marks, in Latin and full-width form.
pub(super) fn exclamations(text: &str) -> usize {
    text.chars().filter(|c| matches!(c, '!' | '！')).count()
}
