//! Session 9 (issue 13): the ranking of competing cues and the shapes found on the `dev7`
//! group and in made-up probes, each in a made-up sentence (no article's words).

use super::tests::suggested_set;
use super::tests_shapes::assert_speakers;

#[test]
fn a_person_reported_through_according_to_is_a_speaker() {
    // Rowe is quoted first and is male; Vale is named only after "according to", with a role
    // and "who", and has no gender cue of his own. "he said" in the next paragraph is Vale's:
    // reported speech makes him a speaker, not a name that shows no sign of a person.
    let text = "Lidar lands\n\n\
        Dr. Piet Rowe, the project manager, found a way to land rovers safely. He later led \
        the team.\n\n\
        “The landers needed to know how fast they were falling,” said Rowe.\n\n\
        Radar could not tell speed from height, which matters, according to Aram Vale, optics \
        lead for the project, who joined the team six years ago.\n\n\
        “If you fly over a slope, the range changes fast,” he said.\n";
    assert_speakers(
        text,
        &[("The landers", "Piet Rowe"), ("If you fly", "Aram Vale")],
    );
    let (set, _) = suggested_set(text);
    assert!(super::tests::texts(&set, "PERSON").contains(&"Aram Vale".to_string()));
}

#[test]
fn a_relative_clause_between_the_name_and_the_verb() {
    // After the quote: a family name, a long relative clause set off by commas, then "said".
    let text = "From nursing to surveying\n\n\
        For Dana Whitlow, the career began with a student job. At that time, the district \
        survey chief asked her to join the crew.\n\n\
        “I fell for the work at once and never looked back,” Whitlow, who later took a degree \
        in geomatics and mapping in 2019 from a college in the north of the state, said. “It \
        was all by chance.”\n";
    assert_speakers(
        text,
        &[
            ("I fell for", "Dana Whitlow"),
            ("It was all", "Dana Whitlow"),
        ],
    );
}
