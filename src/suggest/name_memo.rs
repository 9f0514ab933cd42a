//! [`names::name_at`] of each token, read once: the passes of coreference over the whole
//! article (full names, then their mentions, then organisations) ask it of the same tokens,
//! and reading a capitalised run is the costliest thing they do.

use std::cell::RefCell;

use super::names::{self, Name};
use super::tokens::Tokens;

/// Per token: not read yet, no name there, or the name found (an index into `found`).
pub(super) struct NameMemo {
    /// 0: not read yet; 1: no name; `k + 2`: the name `found[k]`.
    slots: RefCell<Vec<u32>>,
    found: RefCell<Vec<Name>>,
}

impl NameMemo {
    pub(super) fn new(tokens: &Tokens) -> Self {
        Self {
            slots: RefCell::new(vec![0; tokens.tokens.len()]),
            found: RefCell::new(Vec::new()),
        }
    }

    /// The same as [`names::name_at`]`(tokens, index)`, for the `tokens` the memo was made
    /// for.
    pub(super) fn name_at(&self, tokens: &Tokens, index: usize) -> Option<Name> {
        let Some(slot) = self.slots.borrow().get(index).copied() else {
            return names::name_at(tokens, index);
        };
        match slot {
            0 => {
                let name = names::name_at(tokens, index);
                let mut found = self.found.borrow_mut();
                let slot = match &name {
                    None => Some(1),
                    Some(name) => u32::try_from(found.len() + 2).ok().inspect(|_| {
                        found.push(name.clone());
                    }),
                };
                // (More than four billion names: read again next time.)
                if let Some(slot) = slot {
                    self.slots.borrow_mut()[index] = slot;
                }
                name
            }
            1 => None,
            k => Some(self.found.borrow()[k as usize - 2].clone()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The memo gives what `name_at` gives at every token of every sample article, asked
    /// twice (read, then remembered), in any order.
    #[test]
    fn memo_gives_name_at_everywhere_on_the_samples() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/sample_data");
        let mut read = 0;
        let mut named = 0;
        for entry in std::fs::read_dir(dir).expect("sample_data") {
            let path = entry.expect("entry").path();
            if path.extension().is_none_or(|e| e != "txt") {
                continue;
            }
            let text = std::fs::read_to_string(&path).expect("text");
            let tokens = Tokens::new(&text);
            let memo = NameMemo::new(&tokens);
            let n = tokens.tokens.len();
            // Backwards first, then forwards (remembered), then past the end.
            for index in (0..n).rev().chain(0..n).chain(n..n + 3) {
                let expected = names::name_at(&tokens, index);
                named += usize::from(expected.is_some());
                assert_eq!(
                    memo.name_at(&tokens, index),
                    expected,
                    "{path:?} token {index}"
                );
            }
            read += 1;
        }
        assert!(read >= 10, "only {read} sample articles");
        assert!(named > 100, "only {named} names");
    }
}
