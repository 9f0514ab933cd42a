//! Shapes met in development text in session 11 (issue 13): a list of project titles in
//! quotation marks, a two-word speech verb, a first-person narrator, a familiar given name,
//! a quoted epithet before a name; one made-up case each.

use super::tests::{quote_speaker, quotes_of_type, suggested_set, texts};
use super::tests_shapes::assert_speakers;

#[test]
fn quoted_titles_on_lines_of_their_own_are_no_quotes() {
    // A list of funded projects, each title in quotation marks on a line of its own, then a
    // line about it; the quote of a person in the same article stays.
    let text = "Seed grants go to five campuses\n\n\
        The agency named the first projects to receive seed funding.\n\n\
        “Mapping Coastal Marsh Loss with Student-Built Drones and Open Satellite Imagery”\n\n\
        This project pairs a state university with a field station on the gulf coast.\n\n\
        “Low-Cost Sensors for Measuring Urban Heat Islands in Neighborhood Schools”\n\n\
        Students will place the sensors on school roofs.\n\n\
        “These grants let students do real research in their first year,” said program \
        manager Ruth Adebayo.\n";
    let (set, _) = suggested_set(text);
    let quotes = quotes_of_type(&set, "direct");
    assert_eq!(quotes.len(), 1, "{quotes:?}");
    assert_eq!(
        quote_speaker(&set, "These grants").as_deref(),
        Some("Ruth Adebayo")
    );
    // Speech with no attribution and no full stop, in sentence case, is still kept.
    let (set, _) = suggested_set(
        "Dock reopens\n\n\
         The harbour reopened on Monday after repairs.\n\n\
         “We waited a long time for the cranes to come back and for the ships to return”\n",
    );
    assert_eq!(texts(&set, "QUOTE").len(), 1);
}

#[test]
fn pointed_out_after_a_quote_names_its_speaker() {
    // The speaker of the paragraph's first quote is not the one of its second, which is
    // attributed by "pointed out" and split around it.
    let text = "Offices open up\n\n\
        The team redesigns old offices. According to Hana Lindgren, a planner, “Most of \
        these rooms have not changed in decades.”\n\n\
        “We try to listen first,” Tomas Berg, another planner, said of the visits. They \
        measure how rooms are used. “We want people to see what an office could be,” \
        Lindgren pointed out, “and most of it is habit.”\n";
    assert_speakers(
        text,
        &[
            ("Most of these", "Hana Lindgren"),
            ("We try", "Tomas Berg"),
            ("We want people", "Hana Lindgren"),
            ("and most of it", "Hana Lindgren"),
        ],
    );
}
