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

#[test]
fn i_in_an_interview_is_the_person_it_is_about() {
    // A profile printed as questions and first-person answers: "I" outside quotes is the
    // person interviewed; "he says, “Q1!” I said, “Q2”" gives Q1 to "he", Q2 to "I".
    let text = "Forty years at the wind tunnel\n\n\
        Marisol Ayende joined the laboratory as a temporary clerk. Marisol later ran its \
        visitor office. Colleagues say Marisol knows everyone, and Marisol remembers every \
        launch. Her mentor was the engineer Tobias Wren.\n\n\
        How did you start?\n\n\
        I worked at the shipyard before. One day I said to Tobias Wren, “I would love to work \
        here!”\n\n\
        What do you remember best?\n\n\
        Tobias and I drove to a conference once. He says, “Mind the speed limit!” I said, \
        “You flew faster than this!” and he answered, “Not on this road.”\n";
    assert_speakers(
        text,
        &[
            ("I would love", "Marisol Ayende"),
            ("Mind the speed", "Tobias Wren"),
            ("You flew", "Marisol Ayende"),
            ("Not on this", "Tobias Wren"),
        ],
    );
    // With a byline, "I" is the writer, who is not annotated: no speaker rather than a guess.
    let (set, _) = suggested_set(
        "A day on the river\n\nBy Petra Lund\n\n\
         Ada Moreno runs the ferry. Ada has done so for years. Ada knows the river.\n\n\
         I asked her about the floods. I said, “Were you afraid?”\n",
    );
    assert_eq!(quote_speaker(&set, "Were you"), None);
    // Nor in a first-person essay with no question line: its "I" is its writer, not the
    // person it is most about.
    let (set, _) = suggested_set(
        "A day on the river\n\n         Ada Moreno runs the ferry. Ada has done so for years. Ada knows the river.\n\n         I asked her about the floods. I said, “Were you afraid?”\n",
    );
    assert_eq!(quote_speaker(&set, "Were you"), None);
}

#[test]
fn a_familiar_given_name_is_the_same_person() {
    // "Bob Yang" after "Robert Yang" is one person, so is "Bob" alone; "Gwen" stands for a
    // Gwendolyn who never speaks, but "Florida" of a newspaper's name "Florida Today" (also
    // "in Florida") is no given name.
    let text = "Neighbours at the space centre\n\n\
        Gwendolyn Okoro lived across from Robert Yang, who worked at the centre. Gwen \
        often talked with him, and Gwen later joined the centre herself.\n\n\
        One evening he [Bob Yang] said, “Our office needs someone for three weeks.” Bob \
        smiled. He wrote for Florida Today before that, and he grew up in Florida.\n";
    assert_speakers(text, &[("Our office", "Robert Yang")]);
    // The name in brackets is the speaker even where "he" would point elsewhere.
    assert_speakers(
        "Night shift\n\nMara Lind met Tom Reyes at the dock. Later Lind called a manager.\n\n\
         He [Tom Reyes] said, “The crane is down again.”\n",
        &[("The crane", "Tom Reyes")],
    );
    let (set, _) = suggested_set(text);
    let persons = texts(&set, "PERSON");
    assert_eq!(
        persons.iter().filter(|p| *p == "Gwen").count(),
        2,
        "{persons:?}"
    );
    assert!(persons.contains(&"Bob".to_string()), "{persons:?}");
    assert!(!persons.contains(&"Florida".to_string()), "{persons:?}");
}

#[test]
fn occupations_of_wire_copy_before_a_name_stay_out_of_it() {
    let text = "New rules for news sites\n\n\
        Blogger Ana Lúcia Ferreira wrote that the rules were absurd.\n\n\
        Lawyer Dmitri Volkov, who has defended several bloggers, said the rules broke the \
        constitution. \"Article 29 is very clear,\" Volkov said.\n\n\
        \"We are not afraid,\" said Ferreira.\n";
    assert_speakers(
        text,
        &[
            ("Article 29", "Dmitri Volkov"),
            ("We are not afraid", "Ana Lúcia Ferreira"),
        ],
    );
    let (set, _) = suggested_set(text);
    let persons = texts(&set, "PERSON");
    assert!(
        !persons
            .iter()
            .any(|p| p.starts_with("Blogger") || p.starts_with("Lawyer")),
        "{persons:?}"
    );
}

#[test]
fn hyphenated_given_names_and_arabic_articles_are_name_words() {
    // Korean and Taiwanese given names joined by a hyphen, an Arabic article in lower case,
    // and a pronoun after them that points at the right person.
    let text = "Debate on the rules\n\n\
        Researcher Kwame Mensah told reporters that the rules were vague.\n\n\
        Lawmaker Jin-woo Park, of the ruling party, defended them in a debate. \"Other \
        countries register newspapers,\" he said. His opponent, Fatima al-Zahra Benali, \
        disagreed.\n\n\
        \"This is a dangerous precedent,\" Benali said.\n\n\
        Former envoy Ban Ki-moon and Abdel Fattah el-Sisi were also mentioned. The \
        Texas-born engineer and the state-run paper were not.\n";
    assert_speakers(
        text,
        &[
            ("Other countries", "Jin-woo Park"),
            ("This is a dangerous", "Fatima al-Zahra Benali"),
        ],
    );
    let (set, _) = suggested_set(text);
    let persons = texts(&set, "PERSON");
    for name in ["Ban Ki-moon", "Abdel Fattah el-Sisi"] {
        assert!(persons.contains(&name.to_string()), "{name}: {persons:?}");
    }
    assert!(!persons.iter().any(|p| p.contains("Texas")), "{persons:?}");
    use super::names::is_hyphenated_modifier;
    assert!(is_hyphenated_modifier("Texas-born") && is_hyphenated_modifier("NASA-led"));
    assert!(!is_hyphenated_modifier("Jin-woo") && !is_hyphenated_modifier("Ing-wen"));
}

#[test]
fn a_long_relative_clause_and_a_family_name_with_an_age() {
    let text = "Talks stall\n\n\
        A senior official who asked not to be named because he was not authorized to speak to \
        the media said the gap was \"still wide.\"\n\n\
        \"Nobody wants a confrontation at sea,\" said Park, 52, a fisherman from the port, who \
        has worked the waters for decades.\n\n\
        \"We cannot keep losing our catch,\" Church, 61, said.\n";
    assert_speakers(
        text,
        &[
            ("still wide", "A senior official"),
            ("Nobody wants", "Park"),
            ("We cannot keep", "Church"),
        ],
    );
}

#[test]
fn a_title_in_the_sentence_before_is_not_the_next_names() {
    // "a ministry spokesperson said." then "Skyline Air's chief executive, …": the
    // spokesperson is not whoever is named first in the next paragraph.
    let text = "Airline cancels flights\n\n\
        The transport ministry urged both sides to compromise. \"A strike helps nobody,\" a \
        ministry spokesperson said.\n\n\
        Skyline Air's chief executive, Henrik Dahl, said the offer was final.\n";
    assert_speakers(text, &[("A strike helps", "a ministry spokesperson")]);
    // A rank's abbreviation before the name is still its title.
    assert_speakers(
        "Runway repaired\n\nLt. Col. Maria Delgado, the commander, praised the crews.\n\n\
         \"The practice paid off,\" the colonel said.\n",
        &[("The practice", "Maria Delgado")],
    );
}

#[test]
fn quoted_titles_with_a_full_stop_inside_are_no_quotes() {
    // American style puts the full stop inside the marks; a title stays a title.
    let text = "Grid report\n\n\
        Analysts issued a report entitled: “Transmission Projects Ready to Go: Plugging into \
        America’s Untapped Renewable Resources.” The agency chose this year’s theme, “Space \
        2040: Pathways to the Future.” About 340 people came.\n\n\
        “We need more lines,” said engineer Tove Lind.\n";
    let (set, _) = suggested_set(text);
    assert_eq!(texts(&set, "QUOTE"), ["We need more lines,"]);
}

#[test]
fn a_plural_nominal_is_no_he() {
    // "he" after a sentence about a named man and "the crews and their families" is the man.
    let text = "Bomb wing marks anniversary\n\n\
        \"We flew every night,\" said retired Col. James Bowles.\n\n\
        For Bowles, success was a victory for the crews and their families who gave support \
        at home while combat continued overseas.\n\n\
        \"Without the support of the families, it is a lot harder,\" he said.\n";
    assert_speakers(text, &[("Without the support", "James Bowles")]);
}

#[test]
fn a_quote_signed_after_two_hyphens() {
    // A line from a film opens a feature, signed with the character's one name after "--".
    let text = "Airman returns to duty\n\n\
        ALASKA (AFNS) -- \"Courage is a habit you practice.\" -- Aurelia\n\n\
        The line from the film rings true to Sgt. Omar Lenz.\n";
    assert_speakers(text, &[("Courage is", "Aurelia")]);
}

#[test]
fn a_full_name_written_only_inside_a_quote() {
    // The writer names the second officer in brackets inside the first one's quote; his
    // family name alone speaks later, and "he continued" after him is him too.
    let text = "Allies in a new era\n\n\
        \"It started,\" said Capt. Joshua Meyer, the flight commander, \"when (Capt. Daniel \
        Okada) told me about his great-grandfather.\"\n\n\
        For Meyer and Okada, the story was a surprise.\n\n\
        \"We have had a few good laughs about it,\" said Okada, the plans officer.\n\n\
        \"At the end of the day,\" he continued, \"we are all on the same side.\"\n";
    assert_speakers(
        text,
        &[
            ("It started", "Joshua Meyer"),
            ("We have had", "Daniel Okada"),
            ("At the end", "Daniel Okada"),
        ],
    );
}

#[test]
fn he_continued_after_a_named_speaker_is_that_speaker() {
    // A thing read as a name ("Desert Storm") stands before the speaker, and his own
    // apposition names it again; "he continued" after his quote is still him. Someone else
    // named between makes the usual antecedent search decide.
    let text = "Desert Storm at 25\n\n\
        Iraq invaded Kuwait, and Desert Storm was launched.\n\n\
        “The real mission was to deploy forces,” said retired Lt. Gen. Bruce A. “Orville” \
        Wright, a Desert Shield/Storm veteran. “It was a rapid deployment.\n\n\
        “We took out their eyes and ears,” he continued.\n";
    assert_speakers(
        text,
        &[
            ("The real mission", "Bruce A. “Orville” Wright"),
            ("We took out", "Bruce A. “Orville” Wright"),
        ],
    );
    assert_speakers(
        "Talks\n\n\"We are close,\" said Anton Berg.\n\nLater, Petr Novak spoke to the \
         press. \"Nothing is agreed,\" he added.\n",
        &[("Nothing is agreed", "Petr Novak")],
    );
}

#[test]
fn a_role_is_not_the_ranked_person_before_it() {
    // "the moderator" is not the chief master sergeant named before; "the general" still is
    // the general.
    let text = "Panel of former chiefs\n\n\
        \"We wore those boards for years,\" said retired Chief Master Sgt. James M. McCoy.\n\n\
        \"Chief McCoy,\" asked the moderator, \"will we see a change soon?\"\n\n\
        When Air Force Gen. Lori Ruiz met the panel, the general asked for questions. \"Who \
        is first?\" the general said.\n";
    assert_speakers(
        text,
        &[
            ("will we see", "the moderator"),
            ("Who is first", "Lori Ruiz"),
        ],
    );
}

#[test]
fn an_initial_without_its_stop_and_a_participle_after_a_role() {
    let text = "Panel\n\n\
        Heidi Grant, the deputy under secretary, and Gen. Frank Gorenc, the U.S. Air Forces \
        in Europe commander, spoke on Tuesday.\n\n\
        \"It is a matter of mutual respect,\" said retired Chief Master Sgt. James A Roy.\n\n\
        Grant asked for new partnerships. Gorenc agreed.\n\n\
        \"You cannot surge trust,\" said the USAFE commander echoing Grant's call.\n";
    assert_speakers(
        text,
        &[
            ("It is a matter", "James A Roy"),
            ("You cannot surge", "Frank Gorenc"),
        ],
    );
}

#[test]
fn a_title_before_the_comma_of_an_apposition_is_no_place() {
    // "Namibia's President, Sam Nujoma, once stated": the name between the commas speaks
    // ("from Boulder, Colorado, said" stays no speaker).
    let text = "Rights\n\n\
        Former Namibia’s President, Sam Nujoma, once stated that “the law must not change.”\n";
    let (set, _) = suggested_set(text);
    assert_eq!(
        quote_speaker(&set, "the law must").as_deref(),
        Some("Sam Nujoma")
    );
}

#[test]
fn places_and_nationalities_are_no_people() {
    let text = "Bloggers across the region\n\n\
        Bloggers in Hong Kong and Southeast Asia wrote about Desert Storm veterans. An \
        Egyptian blogger and a Kenyan lawyer joined them. Hong Lei, a spokesman, said the \
        rules would stay.\n";
    let (set, _) = suggested_set(text);
    assert_eq!(texts(&set, "PERSON"), ["Hong Lei"]);
}
