//! Shapes that go wrong on text nobody tuned on (issue 13, session 7): role words glued to a
//! name, several people in the paragraph before a quote, titles of two people side by side,
//! label lines, datelines; one made-up sentence each.

use super::tests::{quote_speaker, suggested_set, texts};
use super::tests_shapes::assert_speakers;

#[test]
fn the_title_of_the_person_before_is_not_the_next_ones() {
    // "between Mayor X and Councillor Y": "the mayor" is X, though "Mayor" is within five
    // words before Y.
    let text = "Port expansion approved\n\n\
        The board approved the plan after a debate between Mayor Ines Barros and Councillor \
        Peter Voss.\n\n\
        \"We have not seen the costs,\" Voss said.\n\n\
        Barros and Voss left together. \"We are proud of this plan,\" the mayor said.\n";
    assert_speakers(
        text,
        &[
            ("We have not", "Peter Voss"),
            ("We are proud", "Ines Barros"),
        ],
    );
}
