//! What changed in a text, word by word: how a reviewer sees an editor's
//! change before publishing it.

use similar::{Algorithm, ChangeTag, TextDiff};
use std::time::Duration;

/// Whether a piece of text is in both versions, only the earlier, or only
/// the later.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Change {
    Kept,
    Removed,
    Added,
}

/// A run of words (with the spaces between them) that changed alike.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Piece {
    pub change: Change,
    pub text: String,
}

impl Piece {
    pub fn removed(&self) -> bool {
        self.change == Change::Removed
    }

    pub fn added(&self) -> bool {
        self.change == Change::Added
    }
}

/// The longest a diff may take. Fields are bounded (a long text is tens of
/// KiB at most), but the worst case of a diff grows with the product of the
/// two lengths; past this the rest is shown as removed and added whole,
/// which is still exact, only coarser.
const DEADLINE: Duration = Duration::from_millis(100);

/// `before` and `after`, cut into the runs of words each keeps, removes or
/// adds, in order. Joining the kept and removed pieces gives `before`;
/// joining the kept and added ones gives `after`.
pub fn words(before: &str, after: &str) -> Vec<Piece> {
    let diff = TextDiff::configure().algorithm(Algorithm::Myers).timeout(DEADLINE).diff_words(before, after);
    let mut pieces: Vec<Piece> = Vec::new();
    for change in diff.iter_all_changes() {
        let kind = match change.tag() {
            ChangeTag::Equal => Change::Kept,
            ChangeTag::Delete => Change::Removed,
            ChangeTag::Insert => Change::Added,
        };
        match pieces.last_mut() {
            Some(last) if last.change == kind => last.text.push_str(change.value()),
            _ => pieces.push(Piece { change: kind, text: change.value().to_owned() }),
        }
    }
    pieces
}

/// The two sides a reader compares: `before` whole, with the runs the
/// change removes marked, and `after` whole, with the runs it adds marked.
/// The space between two changed words belongs to the change, so that a
/// changed phrase reads as one run, not a word at a time.
pub fn sides(before: &str, after: &str) -> (Vec<Piece>, Vec<Piece>) {
    let pieces = words(before, after);
    let changed = |i: usize| pieces.get(i).is_some_and(|p: &Piece| p.change != Change::Kept);
    let (mut old, mut new) = (Vec::new(), Vec::new());
    for (i, p) in pieces.iter().enumerate() {
        let between = p.change == Change::Kept && p.text.trim().is_empty() && i > 0 && changed(i - 1) && changed(i + 1);
        if p.change != Change::Added {
            push(&mut old, if between { Change::Removed } else { p.change }, &p.text);
        }
        if p.change != Change::Removed {
            push(&mut new, if between { Change::Added } else { p.change }, &p.text);
        }
    }
    (old, new)
}

/// Adds `text` to the last piece when it changed alike, or as a new piece.
fn push(side: &mut Vec<Piece>, change: Change, text: &str) {
    match side.last_mut() {
        Some(last) if last.change == change => last.text.push_str(text),
        _ => side.push(Piece { change, text: text.to_owned() }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn joined(pieces: &[Piece], leave_out: Change) -> String {
        pieces.iter().filter(|p| p.change != leave_out).map(|p| p.text.as_str()).collect()
    }

    #[test]
    fn the_pieces_give_back_both_versions() {
        let before = "Returnees report routine beatings during\ninspections.";
        let after = "Returnees report routine beatings during inspections, and electric shocks.";
        let pieces = words(before, after);
        assert_eq!(joined(&pieces, Change::Added), before);
        assert_eq!(joined(&pieces, Change::Removed), after);
    }

    #[test]
    fn an_addition_at_the_end_of_a_long_text_is_the_only_change() {
        let before = "word ".repeat(200) + "end.";
        let after = before.clone() + " Added at the end.";
        let pieces = words(&before, &after);
        let changed: Vec<&Piece> = pieces.iter().filter(|p| p.change != Change::Kept).collect();
        assert_eq!(changed.len(), 1, "{pieces:?}");
        assert!(changed[0].added());
        assert!(changed[0].text.contains("Added at the end."));
    }

    #[test]
    fn a_changed_word_is_removed_and_added() {
        let pieces = words("held in Taganrog since 2022", "held in Kursk since 2022");
        let removed: Vec<&str> = pieces.iter().filter(|p| p.removed()).map(|p| p.text.as_str()).collect();
        let added: Vec<&str> = pieces.iter().filter(|p| p.added()).map(|p| p.text.as_str()).collect();
        assert_eq!((removed, added), (vec!["Taganrog"], vec!["Kursk"]));
    }

    #[test]
    fn a_changed_phrase_is_one_run_on_each_side() {
        let (old, new) = sides("Prosecutors open case after the blast", "First try after the blast");
        let marked = |side: &[Piece], change| -> Vec<String> {
            side.iter().filter(|p| p.change == change).map(|p| p.text.clone()).collect()
        };
        assert_eq!(marked(&old, Change::Removed), ["Prosecutors open case"]);
        assert_eq!(marked(&new, Change::Added), ["First try"]);
        assert_eq!(old.iter().map(|p| p.text.as_str()).collect::<String>(), "Prosecutors open case after the blast");
        assert_eq!(new.iter().map(|p| p.text.as_str()).collect::<String>(), "First try after the blast");
    }

    #[test]
    fn nothing_changed_is_one_kept_piece_and_empty_is_none() {
        assert_eq!(words("same text", "same text"), vec![Piece { change: Change::Kept, text: "same text".into() }]);
        assert!(words("", "").is_empty());
    }
}
