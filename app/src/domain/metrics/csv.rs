//! A small CSV writer: RFC 4180 quoting and CRLF line ends, so spreadsheets and scripts
//! read the exports alike.

use std::borrow::Cow;

/// Writes rows of text cells as CSV.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CsvWriter {
    out: String,
}

impl CsvWriter {
    /// An empty document.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds one row (a record ends with CRLF, the last one too).
    pub fn row<I, S>(&mut self, cells: I)
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        for (i, cell) in cells.into_iter().enumerate() {
            if i > 0 {
                self.out.push(',');
            }
            push_cell(&mut self.out, cell.as_ref());
        }
        self.out.push_str("\r\n");
    }

    /// The document.
    pub fn finish(self) -> String {
        self.out
    }
}

/// Appends one cell, in double quotes (with quotes doubled) when it holds a comma, a quote,
/// a line break, or spaces at either end that a reader might trim.
fn push_cell(out: &mut String, cell: &str) {
    let needs_quotes =
        cell.contains([',', '"', '\r', '\n']) || cell.starts_with(' ') || cell.ends_with(' ');
    if needs_quotes {
        out.push('"');
        out.push_str(&cell.replace('"', "\"\""));
        out.push('"');
    } else {
        out.push_str(cell);
    }
}

/// Free text made safe to open in a spreadsheet: text a spreadsheet would run as a formula
/// (starting with `=`, `+`, `-`, `@`, a tab or a carriage return) gets a leading `'`.
/// For text people typed (titles, comments, field values), not for numbers or dates.
pub fn defuse_formula(text: &str) -> Cow<'_, str> {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        Cow::Owned(format!("'{text}"))
    } else {
        Cow::Borrowed(text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_are_quoted_only_when_they_must_be_and_rows_end_in_crlf() {
        let mut csv = CsvWriter::new();
        csv.row(["Item", "Title"]);
        csv.row(["1", "Launch, part \"two\""]);
        csv.row(["2", "Line one\nline two"]);
        csv.row(["3", " padded", ""]);
        assert_eq!(
            csv.finish(),
            "Item,Title\r\n1,\"Launch, part \"\"two\"\"\"\r\n2,\"Line one\nline two\"\r\n3,\" padded\",\r\n"
        );
    }

    #[test]
    fn formulas_in_typed_text_are_defused() {
        assert_eq!(defuse_formula("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(defuse_formula("-5 % off"), "'-5 % off");
        assert_eq!(defuse_formula("Spring launch"), "Spring launch");
    }
}
