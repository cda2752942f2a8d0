//! A small CSV writer and reader: RFC 4180 quoting and CRLF line ends, so spreadsheets and
//! scripts read the exports alike, and what a spreadsheet saves reads back in.

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

/// Undoes [`defuse_formula`]: a cell Baton (or a careful spreadsheet) wrote as `'=…` is read
/// as the text `=…` it stands for. A `'` before anything else is the person's own.
pub fn restore_formula(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if rest.starts_with(['=', '+', '-', '@', '\t', '\r']) => rest,
        _ => cell,
    }
}

/// Where a CSV document stops making sense, as a sentence with its line number.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CsvProblem {
    /// The line (1-based) the bad record starts on.
    pub line: usize,
    /// What is wrong, in words.
    pub message: String,
}

/// One record of a CSV document and the line it starts on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Record {
    /// The line (1-based) in the file, for messages ("row on line 12").
    pub line: usize,
    /// The cells, unquoted.
    pub cells: Vec<String>,
}

/// Reads a CSV document into records. The separator is a comma, or a semicolon when the
/// first line has more of those (what spreadsheets save in much of Europe); a byte-order
/// mark is skipped; lines may end in CRLF or LF; blank lines are left out. A quote that is
/// never closed is a problem, not a silently swallowed rest of the file.
pub fn read(text: &str) -> Result<Vec<Record>, CsvProblem> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let separator = separator_of(text);
    let mut records = Vec::new();
    let mut cells: Vec<String> = Vec::new();
    let mut cell = String::new();
    let mut quoted = false;
    let mut was_quoted = false;
    let mut line = 1;
    let mut starts_on = 1;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if quoted {
            match c {
                '"' if chars.peek() == Some(&'"') => {
                    chars.next();
                    cell.push('"');
                }
                '"' => quoted = false,
                '\n' => {
                    line += 1;
                    cell.push('\n');
                }
                '\r' if chars.peek() == Some(&'\n') => {}
                other => cell.push(other),
            }
            continue;
        }
        match c {
            '"' if cell.is_empty() && !was_quoted => {
                quoted = true;
                was_quoted = true;
            }
            '"' => {
                return Err(CsvProblem {
                    line,
                    message: "A quote appears in the middle of a cell that does not start with one: quote the whole cell and double the quotes inside it.".into(),
                })
            }
            c if c == separator => {
                cells.push(std::mem::take(&mut cell));
                was_quoted = false;
            }
            '\r' if chars.peek() == Some(&'\n') => {}
            '\n' | '\r' => {
                cells.push(std::mem::take(&mut cell));
                was_quoted = false;
                if !(cells.len() == 1 && cells[0].is_empty()) {
                    records.push(Record {
                        line: starts_on,
                        cells: std::mem::take(&mut cells),
                    });
                }
                cells.clear();
                line += 1;
                starts_on = line;
            }
            other if was_quoted => {
                if !other.is_whitespace() {
                    return Err(CsvProblem {
                        line,
                        message: "Text follows a quoted cell's closing quote: quote the whole cell and double the quotes inside it.".into(),
                    });
                }
            }
            other => cell.push(other),
        }
    }
    if quoted {
        return Err(CsvProblem {
            line: starts_on,
            message: "A quoted cell is never closed: a quote is missing.".into(),
        });
    }
    if !cell.is_empty() || !cells.is_empty() || was_quoted {
        cells.push(cell);
        records.push(Record {
            line: starts_on,
            cells,
        });
    }
    Ok(records)
}

fn separator_of(text: &str) -> char {
    let first = text.lines().next().unwrap_or_default();
    let count = |sep: char| first.chars().filter(|c| *c == sep).count();
    if count(';') > count(',') {
        ';'
    } else {
        ','
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cells(text: &str) -> Vec<Vec<String>> {
        read(text).unwrap().into_iter().map(|r| r.cells).collect()
    }

    #[test]
    fn what_the_writer_writes_the_reader_reads_back() {
        let rows = vec![
            vec!["title".to_string(), "note".into(), "".into()],
            vec![
                "Launch, part \"two\"".into(),
                "Line one\nline two".into(),
                " padded".into(),
            ],
            vec!["=1+1".into(), "x".into(), "".into()],
        ];
        let mut csv = CsvWriter::new();
        for row in &rows {
            csv.row(row.iter().map(|c| defuse_formula(c).into_owned()));
        }
        let back: Vec<Vec<String>> = cells(&csv.finish())
            .into_iter()
            .map(|r| r.iter().map(|c| restore_formula(c).to_string()).collect())
            .collect();
        assert_eq!(back, rows);
    }

    #[test]
    fn records_know_their_line_even_after_a_cell_with_line_breaks() {
        let records = read("a,b\n\"one\ntwo\",x\n\nlast,y").unwrap();
        let lines: Vec<usize> = records.iter().map(|r| r.line).collect();
        assert_eq!(lines, vec![1, 2, 5], "the blank line 4 is left out");
    }

    #[test]
    fn semicolons_a_byte_order_mark_and_lf_line_ends_are_read_too() {
        assert_eq!(
            cells("\u{feff}Titel;Kanal\nFrühling, 2026;blog\n"),
            vec![vec!["Titel", "Kanal"], vec!["Frühling, 2026", "blog"]]
        );
    }

    #[test]
    fn broken_quoting_is_a_problem_with_its_line() {
        let open = read("a,b\n\"never closed,x\n").unwrap_err();
        assert_eq!(open.line, 2);
        assert!(open.message.contains("never closed"), "{}", open.message);
        let stray = read("a,b\nfive \"inch\" screen,x\n").unwrap_err();
        assert_eq!(stray.line, 2);
    }

    #[test]
    fn only_a_defused_formula_loses_its_quote_mark() {
        assert_eq!(restore_formula("'=SUM(A1)"), "=SUM(A1)");
        assert_eq!(restore_formula("'tis the season"), "'tis the season");
    }

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
