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

#[test]
fn role_words_before_a_name_stay_out_of_it() {
    // Roles of crews and projects written capitalised before the name, and a plural title
    // before two family names.
    let text = "Fire season ends\n\n\
        Crew Lead Marta Olsen felt the season was hard on the recruits, \"Most of them had \
        never seen a fire this size.\"\n\n\
        \"I learned to trust the radio,\" said Olsen.\n\n\
        \"The sensors could warn towns a day earlier,\" said Principal Investigator Dora \
        Lindqvist of Halden Labs.\n\n\
        Lidia Quintero and Marco Aldana signed the pact. In their remarks, Secretaries \
        Quintero and Aldana praised the crews. \"The agencies worked as one,\" Secretary \
        Quintero stated.\n";
    assert_speakers(
        text,
        &[
            ("Most of them", "Marta Olsen"),
            ("I learned", "Marta Olsen"),
            ("The sensors", "Dora Lindqvist"),
            ("The agencies", "Lidia Quintero"),
        ],
    );
    let (set, _) = suggested_set(text);
    let persons = texts(&set, "PERSON");
    assert!(
        !persons
            .iter()
            .any(|p| p.contains("Lead") || p.contains("Secretaries")),
        "{persons:?}"
    );
}

#[test]
fn bill_opening_a_name_is_a_given_name() {
    // The paraphrase's attribution names the pilot; "he said" and the next paragraph's quote
    // are his, not "the heat"'s. "the Farm Bill" is still no person.
    let text = "Tanker pilots retire\n\n\
        Despite the smoke and the heat of the long summer, the skill of the crews made the \
        season a success, said Bill Haskett, a retired tanker pilot who flew for 30 years. \
        \"I always trusted that aircraft,\" he said. \"There is nothing like it.\"\n\n\
        Haskett recalled his 1998 flight over the ridge as his hardest. \"The wind nearly \
        flipped us.\"\n\n\
        Congress passed the Farm Bill Reform in May.\n";
    assert_speakers(
        text,
        &[
            ("I always", "Bill Haskett"),
            ("There is nothing", "Bill Haskett"),
            ("The wind", "Bill Haskett"),
        ],
    );
    let (set, _) = suggested_set(text);
    let persons = texts(&set, "PERSON");
    assert!(!persons.iter().any(|p| p.contains("Farm")), "{persons:?}");
}

#[test]
fn an_apposition_without_its_closing_comma_before_the_verb() {
    let text = "New field office head\n\n\
        Tom Reade was named head of the Ashby field office on Monday.\n\n\
        \"We are glad to have Tom run the office,\" Greta Holm, Northern District Manager \
        said. \"He knows the land.\"\n\n\
        \"It is an honour,\" Reade said.\n";
    assert_speakers(
        text,
        &[
            ("We are glad", "Greta Holm"),
            ("He knows", "Greta Holm"),
            ("It is an honour", "Tom Reade"),
        ],
    );
}

#[test]
fn an_initial_a_after_an_organisations_word_is_no_article() {
    // "of the Army Kelvin A. Dorsey": the run starts at the organisation's word, and "A." is
    // an initial, not the article; the person is found, so the paragraph after is his.
    let text = "Sergeants meet their chief\n\n\
        Sergeants applauded when one asked Sgt. Maj. of the Army Kelvin A. Dorsey to try to \
        \"hold off making any more boot changes.\"\n\n\
        Dorsey replied to the sergeants. \"I don't want to make any more changes.\"\n";
    let (set, _) = suggested_set(text);
    assert!(
        texts(&set, "PERSON").contains(&"Kelvin A. Dorsey".to_string()),
        "{:?}",
        texts(&set, "PERSON")
    );
    assert_eq!(
        quote_speaker(&set, "I don't").as_deref(),
        Some("Kelvin A. Dorsey")
    );
}

#[test]
fn a_datelines_place_is_no_person_and_its_agency_no_speaker() {
    let text = "Council closes the bridge\n\n\
        By Leah Roe\n\n\
        MARLOW FALLS, June 3 (Valley Courier) - Marlow Falls council voted on Tuesday to close \
        the old bridge, the Brenton Haulage Company said.\n\n\
        \"We will have to drive around,\" the company said.\n\n\
        \"It is not safe,\" said Mayor Ruth Keel.\n";
    let (set, _) = suggested_set(text);
    let persons = texts(&set, "PERSON");
    assert!(!persons.iter().any(|p| p.contains("Marlow")), "{persons:?}");
    assert_eq!(
        quote_speaker(&set, "It is not").as_deref(),
        Some("Ruth Keel")
    );
    assert_ne!(
        quote_speaker(&set, "We will have").as_deref(),
        Some("Valley Courier")
    );
}

#[test]
fn a_label_line_without_a_colon() {
    // Statements under their authors' names: the last label line has no colon.
    let text = "Leaders welcome the grant\n\n\
        Tarn Valley Mayor Ines Barros:\n\n\
        \"This grant will keep our homes warm.\"\n\n\
        Tarn Gas President and CEO Omar F. Sayed\n\n\
        \"Our crews are ready to start in May.\"\n";
    assert_speakers(
        text,
        &[
            ("This grant", "Ines Barros"),
            ("Our crews", "Omar F. Sayed"),
        ],
    );
}

#[test]
fn a_title_word_naming_a_body_stays_in_its_name() {
    // "State", "Justice", "Health" are title words before a person's name, but before an
    // organisation's word they are the body's name.
    let text = "Agencies respond\n\n\
        \"We welcome the study,\" the State Department said.\n\n\
        In a statement, the Health Ministry said: \"Hospitals are ready.\"\n\n\
        \"Nothing has changed,\" Justice Minister Tom Rhee said.\n";
    assert_speakers(
        text,
        &[
            ("We welcome", "State Department"),
            ("Hospitals are", "Health Ministry"),
            ("Nothing has", "Tom Rhee"),
        ],
    );
}

#[test]
fn a_person_the_quote_names_is_not_its_pronoun_speaker() {
    // "he" could be either man of the paragraph before; the quote names Rao, so it is Tate's.
    // A name in the writer's brackets inside a quote still may be the speaker's.
    let text = "Lab wins award\n\n\
        The lab's chief scientist, Dr. Owen Tate, led the battery project.\n\n\
        Tate credited his team, especially engineer Priya Rao. Rao designed the cooling \
        system.\n\n\
        \"Priya never gave up,\" he said.\n\n\
        Anna Roach runs the clinic. \"I did ask (said Roach herself) my husband first,\" she \
        said.\n";
    assert_speakers(
        text,
        &[("Priya never", "Owen Tate"), ("I did ask", "Anna Roach")],
    );
}

#[test]
fn the_age_as_a_nominal_speaker_refers_to_the_person() {
    // "the 61-year-old": the person written with that age; with no age written, the latest
    // subject before it.
    let text = "River study\n\n\
        Dr. Lena Ortiz leads the study with her colleague Mark Fell.\n\n\
        \"We tested it every week for three years,\" the 45-year-old said.\n\n\
        Tom Hale, 61, has fished the river for decades. Ortiz visited him last week.\n\n\
        \"I have never seen it this clean,\" the 61-year-old said.\n";
    assert_speakers(
        text,
        &[("We tested", "Lena Ortiz"), ("I have never", "Tom Hale")],
    );
}

#[test]
fn a_dash_apposition_between_the_attribution_and_the_quote() {
    // The clause before the apposition attributes the quote, with its cue; the uniforms'
    // capitalised names are no speaker.
    let text = "Boots will change\n\n\
        Sergeants met their chief, Kelvin Dorsey, on Friday.\n\n\
        Dorsey replied to the sergeants — half of whom were wearing Desert Work Boots, the \
        rest Jungle Boots — \"I don't want to make any more changes.\"\n";
    let (set, _) = suggested_set(text);
    assert_eq!(
        quote_speaker(&set, "I don't").as_deref(),
        Some("Kelvin Dorsey")
    );
    assert!(texts(&set, "CUE").contains(&"replied".to_string()));
}
