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
