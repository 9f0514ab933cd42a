//! Shapes of attribution and names in the styles of the real news sources (press releases,
//! features, blog posts, military stories, round-ups of statements) and their typing slips,
//! one made-up sentence each (issue 13, session 6); the wire-style shapes are in
//! `tests_shapes.rs`.

use super::tests::{quote_speaker, quotes_of_type, suggested_set, texts};
use super::tests_shapes::assert_speakers;

#[test]
fn a_body_named_by_one_capitalised_word_after_the() {
    // "the Army said": a service's name is the organisation; "the Commission said" stands
    // for the commission named before. A two-word quote with a speaker is speech.
    let text = "Depot rules tightened\n\n\
        The Harbour Fees Commission met the Army's logistics staff on Monday.\n\n\
        \"Safety first,\" the Army said.\n\n\
        \"The fees will rise in May,\" the Commission said.\n\n\
        \"We will check every crate,\" the Navy said.\n";
    assert_speakers(
        text,
        &[
            ("Safety first", "Army"),
            ("The fees will", "Harbour Fees Commission"),
            ("We will check", "Navy"),
        ],
    );
}

#[test]
fn the_company_is_no_public_body_named_after_it() {
    let text = "Cranes for the port\n\n\
        The Harlow Shipping Company and the Department of Transport met on Friday.\n\n\
        \"We will pay for the new cranes,\" the company said.\n";
    let (set, _) = suggested_set(text);
    assert_eq!(
        quote_speaker(&set, "We will pay").as_deref(),
        Some("Harlow Shipping Company")
    );
}

#[test]
fn a_document_speaks_for_its_writer() {
    let text = "Chapel service\n\n\
        The chaplain opened the service by reading an e-mail from a friend.\n\n\
        \"God keep you all safe,\" said the letter from Timothy Roe, a coach at Harlow College.\n\n\
        \"I am proud of every one of you,\" read the chaplain.\n\n\
        The Harbour Fees Commission wrote to the shippers on Monday. \"We regret it,\" a \
        statement from the commission said.\n\n\
        \"We will review the case,\" a letter from Mara Quist said.\n";
    assert_speakers(
        text,
        &[
            ("God keep", "Timothy Roe"),
            ("I am proud", "Timothy Roe"),
            ("We will review", "Mara Quist"),
        ],
    );
}

#[test]
fn an_unnamed_speaker_with_where_they_are_from() {
    let text = "Clinic opens\n\n\
        The clinic opened its doors to veterans on Monday.\n\n\
        \"It gave me my life back,\" said a veteran of the long siege of Harlow. \"I could \
        not sleep before.\"\n\n\
        \"We waited a year for this,\" said a nurse from Tarn County, who works nights.\n";
    assert_speakers(
        text,
        &[
            ("It gave me", "a veteran of the long siege of Harlow"),
            ("I could not", "a veteran of the long siege of Harlow"),
            ("We waited", "a nurse from Tarn County"),
        ],
    );
}

#[test]
fn a_speech_word_used_as_a_noun_reports_no_speech() {
    // "seeking answers from": "answers" is a noun there, so "a variety" is no speaker and
    // "she said" goes to the sentence's subject.
    let text = "Engineer joins lab\n\n\
        Noor Haddad became frustrated with the slow pace of her old job.\n\n\
        Haddad explored a variety of openings seeking answers from engineering firms before \
        joining the lab. \"They let me ask hard questions,\" she said.\n";
    assert_speakers(text, &[("They let me", "Noor Haddad")]);
}

#[test]
fn events_trials_awards_and_observances_name_no_one() {
    let text = "Brigade trials a radio\n\n\
        Colonel Petra Lind spoke before the Field Integration Evaluation began. \"The radios \
        held up,\" she said.\n\n\
        The team later won the Bronze Achievement Medal, and the Harbour Acoustic Test is set \
        for Clean Air Day.\n";
    let (set, _) = suggested_set(text);
    let people = texts(&set, "PERSON");
    for thing in [
        "Integration Evaluation",
        "Achievement Medal",
        "Acoustic Test",
        "Clean Air Day",
        "Air Day",
    ] {
        assert!(
            !people.iter().any(|p| p.contains(thing)),
            "{thing}: {people:?}"
        );
    }
    assert_eq!(
        quote_speaker(&set, "The radios").as_deref(),
        Some("Petra Lind")
    );
}

#[test]
fn the_title_alone_named_after_it_or_by_a_rank_before_it() {
    // "said the Vice Premier" in a summary, the name with the title in the next paragraph;
    // "the chairman" after a person named only with a rank.
    let text = "Talks in Tarn\n\n\
        \"We cannot close our doors,\" said the Vice Premier during her visit on Monday.\n\n\
        Vice Premier Ilse Varga met the port's owners in the morning.\n\n\
        Veterans met the chairman of the joint staff at the clinic. When Air Gen. Bram Olsen \
        met the men, he asked where they had served.\n\n\
        Some of them hesitated, but the chairman continued. \"You served your country,\" he \
        said.\n";
    assert_speakers(
        text,
        &[
            ("We cannot close", "Ilse Varga"),
            ("You served", "Bram Olsen"),
        ],
    );
}

#[test]
fn an_occupation_opening_a_sentence_is_no_part_of_the_name() {
    let text = "Students at the refuge\n\n\
        Panelist Orla Vance-Brink, a ranger from Tarn Marsh, spoke after lunch. \"The marsh \
        feeds half the coast,\" Vance-Brink said.\n\n\
        \"Come back in spring,\" said Public Affairs Specialist Ivo Marek.\n";
    assert_speakers(
        text,
        &[
            ("The marsh feeds", "Orla Vance-Brink"),
            ("Come back", "Ivo Marek"),
        ],
    );
    let (set, _) = suggested_set(text);
    assert!(texts(&set, "PERSON").contains(&"Orla Vance-Brink".to_string()));
}

#[test]
fn a_label_name_whose_family_name_is_a_place_word() {
    let text = "Flight plan\n\n\
        The team met on Monday to plan the next flight.\n\n\
        Lena Park: \"We will fly again in May.\"\n";
    assert_speakers(text, &[("We will fly", "Lena Park")]);
}

#[test]
fn they_after_two_people_joined_by_and_is_the_first_named() {
    // As a joint statement is given to the first named (the gold conventions).
    let text = "Radar team\n\n\
        Dana Kell and Mira Osei worked on the radar for six years. \"We never stopped,\" they \
        said.\n";
    assert_speakers(text, &[("We never stopped", "Dana Kell")]);
}

#[test]
fn a_speech_verb_glued_to_the_name_after_it() {
    // A source's typo: a link's text run into the word before it.
    let text = "Smoke plan\n\n\
        \"The smoke reaches every town,\" saidMara Quist, director of the air office.\n";
    assert_speakers(text, &[("The smoke", "Mara Quist")]);
    let (set, _) = suggested_set(text);
    assert!(texts(&set, "CUE").contains(&"said".to_string()));
}

#[test]
fn a_name_after_an_organisation_joined_by_and() {
    // "Director of the Office of Forests and Wetlands Mara Quist announced": the run after
    // "and" is the organisation's last word and the speaker's name.
    let text = "Smoke plan\n\n\
        Director of the Office of Forests and Wetlands Mara Quist announced the plan on \
        Monday.\n\n\
        \"The smoke reaches every town,\" said Mara Quist, the director. \"We act now.\"\n";
    assert_speakers(
        text,
        &[("The smoke", "Mara Quist"), ("We act now", "Mara Quist")],
    );
}

#[test]
fn speech_verbs_of_features_and_blog_posts() {
    let text = "What we learned\n\n\
        Our team interviewed twenty caseworkers at the agency.\n\n\
        \"I spend half my day on hold,\" one caseworker explained.\n\n\
        A participant shared: \"I just want to see where the case stands.\"\n\n\
        \"It was the hardest year of my career,\" Dara Wilde reflected.\n";
    assert_speakers(
        text,
        &[
            ("I spend half", "one caseworker"),
            ("I just want", "A participant"),
            ("It was the hardest", "Dara Wilde"),
        ],
    );
}

#[test]
fn a_person_after_a_bodys_possessive() {
    let text = "Launch set\n\n\
        \"We did it together,\" Deputy Administrator Pam Orrin said.\n\n\
        \"The launch window opens at nine,\" said the agency's Jim Vale.\n\n\
        \"The pad is ready,\" said Goddard's Ana Ruiz, who leads the ground team.\n";
    assert_speakers(
        text,
        &[
            ("We did it", "Pam Orrin"),
            ("The launch window", "Jim Vale"),
            ("The pad is", "Ana Ruiz"),
        ],
    );
}

#[test]
fn ranks_in_brackets_cadets_chaplains_and_technical_sergeants() {
    let text = "Memorial at the range\n\n\
        The unit gathered at the range on Monday.\n\n\
        \"We remember them every day,\" said Chaplain (Maj.) Seth Lowe.\n\n\
        \"I came back for my friends,\" said Sgt. 1st Class (Ret.) Ed Shaw.\n\n\
        \"It was my first ceremony,\" said Cadet Ona Reyes.\n\n\
        \"The flags were ready at dawn,\" said Tech. Sgt. Dan Moy.\n";
    assert_speakers(
        text,
        &[
            ("We remember", "Seth Lowe"),
            ("I came back", "Ed Shaw"),
            ("It was my first", "Ona Reyes"),
            ("The flags", "Dan Moy"),
        ],
    );
}

#[test]
fn the_subject_before_a_relative_clause_with_no_commas() {
    let text = "Advice\n\n\
        Corin Hale started at the lab in May.\n\n\
        A mentor who was a few years ahead of him shared some simple advice: \"Write \
        everything down.\"\n\n\
        Officials who asked not to be named told reporters: \"The plan is late.\"\n";
    assert_speakers(
        text,
        &[
            ("Write everything", "A mentor"),
            ("The plan is late", "Officials"),
        ],
    );
}

#[test]
fn a_speaker_whose_name_ends_in_a_generational_suffix_and_its_full_stop() {
    // The suffix keeps its full stop in the name; the verb after it is still the cue.
    let text = "Summit\n\n\
        The summit opened in New York.\n\n\
        \"We encourage these partnerships,\" John Doe Jr. said.\n\n\
        \"We will be back,\" Adm. Olwen Hart Jr. told reporters.\n\n\
        Lena Roe Jr. said: \"We will win.\"\n";
    assert_speakers(
        text,
        &[
            ("We encourage", "John Doe Jr."),
            ("We will be back", "Olwen Hart Jr."),
            ("We will win", "Lena Roe Jr."),
        ],
    );
}

#[test]
fn a_stray_full_stop_after_a_given_name_after_a_title() {
    // A source's typo, annotated as printed.
    let text = "Summit\n\n\
        The summit opened in New York.\n\n\
        \"We encourage these partnerships,\" Navy Adm. Jon. A. Wexley Jr. told the summit.\n\n\
        \"The rewards are real,\" Wexley said.\n";
    assert_speakers(
        text,
        &[
            ("We encourage", "Jon. A. Wexley Jr."),
            ("The rewards", "Jon. A. Wexley Jr."),
        ],
    );
}

#[test]
fn verbs_of_official_statements_attribute_partial_quotes() {
    let text = "Alliance talks\n\n\
        The minister met her counterparts in Tarn on Monday. Minister Ilse Varga reaffirmed \
        that the alliance was \"a sacred commitment\" for her country.\n";
    assert_eq!(
        quotes_of_type(&suggested_set(text).0, "partial"),
        ["a sacred commitment"]
    );
}

#[test]
fn a_nickname_in_marks_inside_a_name_is_no_quote() {
    let text = "Storm crews\n\n\
        The crews worked through the night.\n\n\
        \"We were ready,\" said Robert \"Bob\" Fenwick, the crew chief.\n\n\
        \"The lines held,\" said Cynthia J. \"Cindy\" Bixley, an engineer. \"Mostly,\" Bixley \
        added.\n";
    let (set, _) = suggested_set(text);
    assert!(quotes_of_type(&set, "partial").is_empty());
    assert_speakers(
        text,
        &[
            ("We were ready", "Robert \"Bob\" Fenwick"),
            ("The lines held", "Cynthia J. \"Cindy\" Bixley"),
        ],
    );
}
