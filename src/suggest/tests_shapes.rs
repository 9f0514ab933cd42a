//! The usual shapes of attribution in English wire copy, one made-up sentence each, and the
//! speaker the rules must give every quote (issue 13: rules that generalise beyond the
//! articles they were tuned on).

use super::tests::{quote_speaker, suggested_set, texts};

/// Every quote's opening words and the speaker it must resolve to (along `refers_to`).
pub(super) fn assert_speakers(text: &str, expected: &[(&str, &str)]) {
    let (set, _) = suggested_set(text);
    for (quote, speaker) in expected {
        assert_eq!(
            quote_speaker(&set, quote).as_deref(),
            Some(*speaker),
            "speaker of the quote opening {quote:?}"
        );
    }
}

#[test]
fn wire_style_attributions() {
    let text = "Drought plan approved\n\n\
        The regional water board met on Tuesday to discuss the drought plan.\n\n\
        \"We cannot keep drawing from the aquifer at this rate,\" Marta Quillon said.\n\n\
        \"Farmers will feel this first,\" said Oskar Belmont.\n\n\
        \"The reservoir is at a third of its capacity,\" Tereza Novak, the board's chief \
        engineer, said.\n\n\
        \"Nobody wants rationing,\" said Ingrid Halvorsen, a spokeswoman for the county.\n\n\
        According to Dmitri Ashworth, \"the pumps were never meant to run all summer.\"\n\n\
        In the words of Sofia Brandt, \"A dry year is a warning.\"\n\n\
        \"We were told nothing,\" according to Helena Strand, who farms near the river.\n\n\
        Priya Ramaswamy told reporters: \"We will publish the figures every week.\"\n\n\
        \"There is no quick fix,\" Ramaswamy added.\n\n\
        Colm Dervish, director of the Eastern Irrigation Authority, said the cuts were \
        overdue. \"We should have acted two years ago,\" he said.\n\n\
        \"The state has been slow,\" said Arnav Deshpande, a professor of hydrology at \
        Lakemoor College, in an interview with the Courier.\n\n\
        \"It has been a terrible year,\" the farmer, Bram de Vries, told the Courier.\n\n\
        Jane Q. Roe, deputy director of the board, spoke after the vote.\n\
        \"This is the hardest decision we have made,\" she said. \"But it is the right one.\"\n\n\
        \"The pipes in the old town leak badly,\" said Harbour County Sheriff Lena Vasquez.\n\n\
        \"It will not be easy,\" said J. Alan Smith Jr., the board's treasurer.\n\n\
        \"Nobody was hurt,\" a police spokesman said.\n\n\
        \"The road will reopen on Monday,\" the spokesman added.\n\n\
        Mayor Eliza Thornbury welcomed the plan.\n\n\
        \"It is long overdue,\" Thornbury said. \"We should have done it years ago.\n\n\
        \"And we will not stop here.\"\n";
    assert_speakers(
        text,
        &[
            ("We cannot keep", "Marta Quillon"),
            ("Farmers will", "Oskar Belmont"),
            ("The reservoir", "Tereza Novak"),
            ("Nobody wants", "Ingrid Halvorsen"),
            ("the pumps were", "Dmitri Ashworth"),
            ("A dry year", "Sofia Brandt"),
            ("We were told", "Helena Strand"),
            ("We will publish", "Priya Ramaswamy"),
            ("There is no quick", "Priya Ramaswamy"),
            ("We should have acted", "Colm Dervish"),
            ("The state has", "Arnav Deshpande"),
            ("It has been a terrible", "Bram de Vries"),
            ("This is the hardest", "Jane Q. Roe"),
            ("But it is the right", "Jane Q. Roe"),
            ("The pipes", "Lena Vasquez"),
            ("It will not be easy", "J. Alan Smith Jr."),
            ("Nobody was hurt", "a police spokesman"),
            ("The road will", "a police spokesman"),
            ("It is long overdue", "Eliza Thornbury"),
            ("We should have done", "Eliza Thornbury"),
            ("And we will not", "Eliza Thornbury"),
        ],
    );
}

#[test]
fn a_title_alone_stands_for_the_person_who_holds_it() {
    // "the Secretary said" after "Interior Secretary Ilse Brandt"; "the director said" after
    // a name with the office in apposition.
    let text = "Levee to be rebuilt\n\n\
        Interior Secretary Ilse Brandt visited the site on Monday.\n\n\
        \"We will rebuild the levee before the winter,\" the Secretary said.\n\n\
        Ravi Mehta, the agency's project director, walked the bank with her.\n\n\
        \"The soil here is weaker than we thought,\" the director said.\n";
    assert_speakers(
        text,
        &[
            ("We will rebuild", "Ilse Brandt"),
            ("The soil here", "Ravi Mehta"),
        ],
    );
}

#[test]
fn a_quote_alone_after_a_paragraph_about_someone_is_theirs() {
    // No attribution and no quote before: the paragraph before was about the speaker.
    let text = "Fire contained\n\n\
        Fire Chief Tomasz Wieczorek described the blaze to reporters on Sunday.\n\n\
        \"It moved faster than anything I have seen.\"\n";
    assert_speakers(text, &[("It moved faster", "Tomasz Wieczorek")]);
}

#[test]
fn an_office_ending_in_charge_stays_out_of_the_name() {
    let text = "Arrests made\n\n\
        \"We expect more arrests in May,\" said Special Agent in Charge Robert T. Mallory.\n";
    let (set, _) = suggested_set(text);
    assert_eq!(
        quote_speaker(&set, "We expect").as_deref(),
        Some("Robert T. Mallory")
    );
    assert_eq!(texts(&set, "PERSON"), vec!["Robert T. Mallory"]);
}

#[test]
fn organisations_of_several_words_and_generational_suffixes() {
    let text = "Budget passes\n\n\
        \"The department supports the plan,\" the Department of Energy said in a statement.\n\n\
        \"We balanced it without new taxes,\" said John Doe III.\n\n\
        \"Europe stands with you,\" said Commission President Ursula von der Leyen.\n\n\
        \"Growth will return next year,\" Tran Van Minh, 54, said Thursday.\n";
    let (set, _) = suggested_set(text);
    assert_eq!(
        quote_speaker(&set, "The department").as_deref(),
        Some("Department of Energy")
    );
    assert_eq!(texts(&set, "ORG"), vec!["Department of Energy"]);
    assert_eq!(
        quote_speaker(&set, "We balanced").as_deref(),
        Some("John Doe III")
    );
    assert_eq!(
        quote_speaker(&set, "Europe stands").as_deref(),
        Some("Ursula von der Leyen")
    );
    assert_eq!(
        quote_speaker(&set, "Growth will").as_deref(),
        Some("Tran Van Minh")
    );
    // A numeral after one capitalised word names a thing, not a person's generation.
    let (set, _) = suggested_set("Rollout\n\nThe team shipped Design II to every office.\n");
    assert!(
        texts(&set, "PERSON").is_empty(),
        "{:?}",
        texts(&set, "PERSON")
    );
}

#[test]
fn partial_quotes_after_a_participle_or_a_sentence_that_names_the_speaker() {
    let text = "Harbour reopens\n\n\
        Harbour master Yusuf Adebayo closed the meeting, reminding the crews that the new \
        berth was built \"to keep every boat safe in a storm.\"\n\n\
        Other ports have tried it, Adebayo said. The design \"is simply the best we could \
        afford.\"\n\n\
        The so-called \"blue line\" marks the deep channel.\n";
    let (set, _) = suggested_set(text);
    assert_eq!(
        super::tests::quotes_of_type(&set, "partial"),
        vec![
            "to keep every boat safe in a storm.",
            "is simply the best we could afford."
        ]
    );
    assert_eq!(
        quote_speaker(&set, "to keep every").as_deref(),
        Some("Yusuf Adebayo")
    );
    assert_eq!(
        quote_speaker(&set, "is simply").as_deref(),
        Some("Yusuf Adebayo")
    );
}

#[test]
fn joined_initials_and_ranks_with_a_class() {
    let text = "Training ends\n\n\
        \"The next war will be different,\" said Lt. Gen. H.R. McMaster, director of the \
        center.\n\n\
        \"We have to learn faster,\" A.J. Whitfield said.\n\n\
        \"It was a privilege to serve,\" said Sgt. 1st Class Marcus Lee.\n\n\
        \"We will keep going,\" McMaster said.\n\n\
        Exports grew in the U.S. Farmers were pleased.\n";
    let (set, _) = suggested_set(text);
    assert_eq!(
        quote_speaker(&set, "The next war").as_deref(),
        Some("H.R. McMaster")
    );
    assert_eq!(
        quote_speaker(&set, "We have to").as_deref(),
        Some("A.J. Whitfield")
    );
    assert_eq!(
        quote_speaker(&set, "It was a privilege").as_deref(),
        Some("Marcus Lee")
    );
    assert_eq!(
        quote_speaker(&set, "We will keep").as_deref(),
        Some("H.R. McMaster")
    );
    let people = texts(&set, "PERSON");
    assert!(
        !people
            .iter()
            .any(|p| p.contains("U.S") || p.contains("Class")),
        "{people:?}"
    );
}

#[test]
fn a_pronoun_after_a_paragraph_goes_to_its_subject_not_a_later_object() {
    let text = "Bridge closed\n\n\
        Engineer Hannah Oduya inspected the cracks on Friday with her colleague Pietro \
        Lanzi.\n\n\
        \"The steel is older than anyone thought,\" she said.\n\n\
        Lanzi, who has worked on the bridge for a decade, agreed.\n\n\
        \"We should have closed it last year,\" he said.\n\n\
        After meeting the engineers, Mayor Ruth Adair ordered the closure.\n\n\
        \"Nobody crosses until it is safe,\" she said.\n\n\
        \"We built it in six weeks,\" said Pfc. Ian Doyle.\n";
    assert_speakers(
        text,
        &[
            ("The steel is", "Hannah Oduya"),
            ("We should have closed", "Pietro Lanzi"),
            ("Nobody crosses", "Ruth Adair"),
            ("We built it", "Ian Doyle"),
        ],
    );
}

#[test]
fn joint_statements_and_bare_plural_speakers() {
    let text = "Summit ends\n\n\
        \"We agreed on a common path,\" President Amara Diallo and Prime Minister Jonas Berg \
        said in a joint statement.\n\n\
        \"This is not the end,\" officials said.\n\n\
        \"The queues were endless,\" local residents said.\n\n\
        \"We made history today,\" said astronaut Jessica Watkins.\n";
    assert_speakers(
        text,
        &[
            ("We agreed", "Amara Diallo"),
            ("This is not", "officials"),
            ("The queues", "local residents"),
            ("We made history", "Jessica Watkins"),
        ],
    );
}

#[test]
fn an_unnamed_source_named_right_after_with_the_same_title() {
    // "a senior flood advisor" is named in the next paragraph.
    let text = "Levees tested\n\n\
        \"The river will rise again next spring,\" said a senior flood advisor.\n\n\
        Nadia Okoro, senior flood advisor at the agency, has studied the levees for a \
        decade.\n";
    assert_speakers(text, &[("The river will", "Nadia Okoro")]);
}

#[test]
fn an_agency_or_office_before_a_plural_role_is_part_of_the_nominal_speaker() {
    // "Pentagon officials said", "State Department officials said": the capitalised words
    // name whose officials speak; the speaker is the whole phrase.
    let text = "Shelters open\n\n\
        \"The shelters will stay open all week,\" Velmora County officials said on Friday.\n\n\
        \"No one has asked us to close,\" said Harbour Authority officials.\n\n\
        \"The count is not final,\" Ostrava Ministry spokesmen said in a statement.\n";
    assert_speakers(
        text,
        &[
            ("The shelters", "Velmora County officials"),
            ("No one has", "Harbour Authority officials"),
            ("The count", "Ostrava Ministry spokesmen"),
        ],
    );
}

#[test]
fn a_family_name_that_is_a_place_word_next_to_a_speech_verb() {
    // "Hall", "Church", "Park" are place words, but a given name and one of them next to a
    // speech verb name a person.
    let text = "Road closed\n\n\
        \"Crews will work through the night,\" said Tomas Church, the county's road engineer.\n\n\
        \"Safety comes first,\" Ana Park told reporters.\n\n\
        \"We will reopen on Monday,\" said Devon Hall.\n\n\
        The detour runs past the old Town Hall.\n";
    assert_speakers(
        text,
        &[
            ("Crews will", "Tomas Church"),
            ("Safety comes", "Ana Park"),
            ("We will reopen", "Devon Hall"),
        ],
    );
    let (set, _) = suggested_set(text);
    let people = texts(&set, "PERSON");
    assert!(people.contains(&"Tomas Church".to_string()), "{people:?}");
    assert!(!people.iter().any(|p| p.contains("Town")), "{people:?}");
}

#[test]
fn two_people_joined_by_and_are_both_people() {
    // "and" joins a piece of an organisation's name to the one before it ("Centers for
    // Disease Control and Prevention"), not a person's name to another's.
    let text = "Old friends\n\n\
        Ellen Voss and Tom Berger met at the test range in 1984.\n\n\
        \"We were the only two engineers on the night shift,\" Voss said.\n\n\
        Berger, who flew twice, met Voss again in Houston. \"She had not changed at all,\" \
        he said.\n\n\
        The Office of Science and Technology Policy and the Centers for Disease Control and \
        Prevention wrote the guidance.\n";
    let (set, _) = suggested_set(text);
    let people = texts(&set, "PERSON");
    assert!(people.contains(&"Tom Berger".to_string()), "{people:?}");
    assert!(
        !people
            .iter()
            .any(|p| p.contains("Technology") || p.contains("Prevention")),
        "{people:?}"
    );
    assert_speakers(
        text,
        &[
            ("We were the only", "Ellen Voss"),
            ("She had not", "Tom Berger"),
        ],
    );
}

#[test]
fn a_lower_case_quote_after_a_mid_sentence_attribution_is_partial() {
    let text = "Relief flights\n\n\
        Commander Iris Falk described the airlift on Monday.\n\n\
        The crews flew around the clock, she added, \"bringing food and tents to every \
        village.\"\n\n\
        \"We will stay as long as we are needed,\" Falk said, \"and not a day less.\"\n\n\
        She went on, \"the next flights leave at dawn.\"\n\n\
        According to Maj. Lisa Cole, the operations officer, \"the crews found problems the \
        engineers missed.\"\n";
    let (set, _) = suggested_set(text);
    assert_eq!(
        super::tests::quotes_of_type(&set, "partial"),
        vec!["bringing food and tents to every village."]
    );
    assert_eq!(
        quote_speaker(&set, "bringing food").as_deref(),
        Some("Iris Falk")
    );
    // The second part of a quote split by its attribution stays direct.
    assert_eq!(
        super::tests::quotes_of_type(&set, "direct"),
        vec![
            "We will stay as long as we are needed,",
            "and not a day less.",
            "the next flights leave at dawn.",
            "the crews found problems the engineers missed."
        ]
    );
    assert_eq!(
        quote_speaker(&set, "the crews found").as_deref(),
        Some("Lisa Cole")
    );
}

#[test]
fn units_ships_storms_and_schools_are_not_people() {
    // Military units after an ordinal, institutions after a title word, ships, storms, capes
    // and camps: capitalised runs that name no one.
    let text = "Exercise ends\n\n\
        Soldiers of the 214th Signal Brigade and the 3rd Mountain Ranger Regiment trained at \
        Camp Halvorsen with the 88th Army Band.\n\n\
        Cadets from the Officer Candidate School and the Coast Guard Cutter Osprey joined \
        them near Cape Lindel before Hurricane Marta arrived.\n\n\
        \"It was a hard week,\" said Sgt. 1st Class Mara Quist of the 2nd Battalion.\n\n\
        Officer Todd Park led the convoy back to the aircraft carrier USS Edwin R. Halloway, \
        and the Halloway sailed on Friday, before Memorial Day and Veterans Day, as veterans \
        of the Civil War and World War II had done.\n";
    let (set, _) = suggested_set(text);
    assert_eq!(
        texts(&set, "PERSON"),
        vec!["Mara Quist", "Todd Park"],
        "{:?}",
        texts(&set, "PERSON")
    );
    assert_eq!(
        quote_speaker(&set, "It was a hard").as_deref(),
        Some("Mara Quist")
    );
}

#[test]
fn a_pronoun_speaker_tells_the_gender_of_the_person_it_stands_for() {
    // "Corvin agreed. “…,” he said." makes Corvin male; a later "she said" after a sentence
    // about Corvin goes to the woman named before him.
    let text = "Old crew\n\n\
        Dana Whitlock and Milo Corvin trained together as test pilots in 1987.\n\n\
        \"We grew up in the same squadron,\" Whitlock said.\n\n\
        Corvin agreed. \"She beat me at every simulator run,\" he said.\n\n\
        Whitlock later commanded the station. Corvin flew the shuttle twice.\n\n\
        \"I learned patience from him,\" she said.\n";
    assert_speakers(
        text,
        &[
            ("She beat me", "Milo Corvin"),
            ("I learned patience", "Dana Whitlock"),
        ],
    );
}

#[test]
fn a_nickname_speaker_refers_to_the_full_name_that_holds_it() {
    let text = "Crew ready\n\n\
        Barry “Buzzy” Lindqvist trained with the crew for years. “The capsule is ready,” \
        Buzzy said.\n\n\
        Robert (Bob) Cantrell ran the launch team. \"It was a good day,\" Bob said.\n";
    assert_speakers(
        text,
        &[
            ("The capsule", "Barry “Buzzy” Lindqvist"),
            ("It was a good", "Robert (Bob) Cantrell"),
        ],
    );
}

#[test]
fn an_unattributed_quote_after_a_sentence_about_someone_new_is_theirs() {
    // A bare quote follows the speaker of the quote before, unless a sentence since then
    // made someone else its subject.
    let text = "Guide done\n\n\
        Maria Soto and Tariq Amin wrote the style guide together.\n\n\
        \"We argued about every word,\" Soto said with a smile.\n\n\
        Asked about the deadline, Amin was blunt. \"We will miss it.\"\n\n\
        \"But not by much.\"\n\n\
        \"The checks are done,\" said Ines Roald, acting Quality and Standards director. \
        \"Nothing is left to test.\"\n";
    assert_speakers(
        text,
        &[
            ("We argued", "Maria Soto"),
            ("We will miss", "Tariq Amin"),
            ("But not by much", "Tariq Amin"),
            ("Nothing is left", "Ines Roald"),
        ],
    );
}

#[test]
fn quotes_labelled_with_a_name_by_a_colon_or_a_dash() {
    let text = "Lessons learned\n\n\
        The team met every Monday for a year.\n\n\
        \"Ship small things often.\" — Jane Rolle, product lead\n\n\
        Lena Marsh: \"I kept a list of every complaint.\"\n\n\
        Maria Soto's take: \"Nobody reads long pages.\"\n\n\
        Kim Lee's advice to new hires: \"Ask early and often.\"\n\n\
        The rule was simple: \"No meeting without notes.\"\n";
    assert_speakers(
        text,
        &[
            ("Ship small", "Jane Rolle"),
            ("I kept a list", "Lena Marsh"),
            ("Nobody reads", "Maria Soto"),
            ("Ask early", "Kim Lee"),
        ],
    );
}

#[test]
fn nominals_with_an_agency_inside_and_names_of_an_agency() {
    let text = "Rover news\n\n\
        \"The winners will be announced in May,\" a NASA spokesperson said.\n\n\
        \"Every entry was read twice,\" said a NASA spokesperson.\n\n\
        \"The rover will launch in 2030,\" Yui Sato of the Japan Aerospace Exploration Agency \
        said.\n\n\
        \"The budget is set,\" the White House official said.\n";
    assert_speakers(
        text,
        &[
            ("The winners", "a NASA spokesperson"),
            ("Every entry", "a NASA spokesperson"),
            ("The rover will", "Yui Sato"),
            ("The budget", "the White House official"),
        ],
    );
}

#[test]
fn parts_of_a_group_and_names_after_an_age() {
    let text = "Art contest\n\n\
        The contest drew 2,000 entries from schools.\n\n\
        \"I painted what I saw,\" said one of the students, Ava Chen.\n\n\
        \"We read every entry,\" one of the judges said.\n\n\
        \"This is a dream come true,\" said the winner, 16-year-old Maya Brooks of Tacoma.\n";
    assert_speakers(
        text,
        &[
            ("I painted", "Ava Chen"),
            ("We read every", "one of the judges"),
            ("This is a dream", "Maya Brooks"),
        ],
    );
}

#[test]
fn an_adverb_opening_a_sentence_is_no_part_of_the_name_after_it() {
    let text = "Planet hunter\n\n\
        Nadia Ferraz says she grew up in a small town.\n\n\
        Today Ferraz leads the planet-hunting team. Meanwhile Carl Reyes retired after his last \
        flight.\n\n\
        \"The next ten years will be the most exciting yet,\" she said.\n";
    let (set, _) = suggested_set(text);
    let people = texts(&set, "PERSON");
    assert!(
        !people
            .iter()
            .any(|p| p.starts_with("Today") || p.starts_with("Meanwhile")),
        "{people:?}"
    );
    assert!(people.contains(&"Carl Reyes".to_string()), "{people:?}");
    assert_speakers(text, &[("The next ten", "Nadia Ferraz")]);
}

#[test]
fn a_title_phrase_after_a_possessive_place_then_the_name() {
    let text = "Climate finance\n\n\
        \"Our support is long term,\" said Norway's Minister of International Development \
        Anne Tvinnereim.\n\n\
        \"We will match it,\" said Canada's Environment Minister Leo Marchetti.\n";
    assert_speakers(
        text,
        &[
            ("Our support", "Anne Tvinnereim"),
            ("We will match", "Leo Marchetti"),
        ],
    );
}

#[test]
fn a_name_after_the_heads_own_phrase_and_plural_roles_opening_a_sentence() {
    let text = "Fraud charges\n\n\
        \"We will pursue these cases wherever they lead,\" said the director of the \
        agency's enforcement division, Gurbir Sandhu.\n\n\
        Officials said the plan would take effect in June. \"We heard from more than \
        200,000 people,\" they said.\n";
    assert_speakers(
        text,
        &[
            ("We will pursue", "Gurbir Sandhu"),
            ("We heard from", "Officials"),
        ],
    );
}

#[test]
fn a_title_with_a_list_of_portfolios_before_the_name() {
    let text = "Rover deal\n\n\
        \"The rover will carry two astronauts,\" said Japan's Minister of Education, Culture, \
        Sports, Science and Technology Masato Kiriyama.\n";
    let (set, _) = suggested_set(text);
    assert_eq!(
        quote_speaker(&set, "The rover").as_deref(),
        Some("Masato Kiriyama")
    );
    assert_eq!(texts(&set, "PERSON"), vec!["Masato Kiriyama"]);
}

#[test]
fn appositions_with_places_that_hold_commas() {
    let text = "Lab opens\n\n\
        Jane Rolle, a native of Austin, Texas, said the team was ready.\n\n\
        Lina Park, an engineer from Boulder, Colorado, said: \"The tests are done.\"\n\n\
        \"The lab is open,\" Kim Ode, 34, of Columbus, Ohio, said.\n";
    assert_speakers(
        text,
        &[("The tests are", "Lina Park"), ("The lab is", "Kim Ode")],
    );
    let (set, _) = suggested_set(text);
    let people = texts(&set, "PERSON");
    assert!(
        !people
            .iter()
            .any(|p| p == "Colorado" || p == "Texas" || p == "Ohio"),
        "{people:?}"
    );
}

#[test]
fn a_speech_verb_right_after_a_quote_that_lost_its_comma() {
    let text = "Grid plan\n\n\
        \"The grid will be ready by 2030\" said Priya Nair, the utility's chief engineer.\n\n\
        The so-called \"smart meter\" helped too.\n";
    let (set, _) = suggested_set(text);
    assert_eq!(
        quote_speaker(&set, "The grid will").as_deref(),
        Some("Priya Nair")
    );
    assert!(!texts(&set, "QUOTE").iter().any(|q| q == "smart meter"));
}

#[test]
fn the_title_alone_after_the_name_it_came_with_and_a_pronoun_after_it() {
    // "President X" in the opening paragraph; paragraphs later "the president said" in the
    // writer's sentence, then "he said" after a quote: both are X.
    let text = "Harbour reopens\n\n\
        President Anna Kovac opened the rebuilt harbour on Monday, a year after the storm.\n\n\
        \"The people of this town never gave up,\" Kovac told the crowd.\n\n\
        She toured the new quays and met the crews who rebuilt them.\n\n\
        They worked through the winter, the president said. \"And they did it together,\" \
        she said.\n\n\
        \"This is what we celebrate today,\" she said.\n";
    assert_speakers(
        text,
        &[
            ("The people of this town", "Anna Kovac"),
            ("And they did it", "Anna Kovac"),
            ("This is what we", "Anna Kovac"),
        ],
    );
}

#[test]
fn a_surname_opening_a_paragraph_after_a_list_of_guests_is_the_speaker_of_he_said() {
    // The guests named in the paragraph between must not take the pronoun.
    let text = "Band visits the base\n\n\
        \"It is good to see you all here,\" said Navy Capt. Olwen R. Hartigan, the visit's host.\n\n\
        The captain was joined by singer Mara Quist; comedian Teo Brandl; and drummer Ivo Sand.\n\n\
        Hartigan told the audience that the crews had had a hard year, and he thanked them.\n\n\
        \"We know what you have done,\" he said.\n";
    assert_speakers(text, &[("We know what", "Olwen R. Hartigan")]);
    let (set, _) = suggested_set(text);
    assert!(texts(&set, "PERSON").contains(&"Hartigan".to_string()));
}

#[test]
fn a_family_name_alone_stands_for_a_full_name_with_a_generational_suffix() {
    // "Hartigan" is "Olwen R. Hartigan Jr."; the guests named in the paragraph between must
    // not take the pronoun.
    let text = "Band visits the base\n\n\
        \u{201c}It is good to see you all here,\u{201d} said Navy Adm. Olwen R. Hartigan Jr., \
        vice chairman of the board, the visit\u{2019}s host.\n\n\
        The admiral was joined by singer Mara Quist; pitcher Randy \u{201c}The Arm\u{201d} \
        Dole; and former \u{201c}Star Search\u{201d} contestants Ana Ruiz and Ace Young.\n\n\
        Hartigan told the audience that he and other leaders are paying attention.\n\n\
        \u{201c}We know what you have done,\u{201d} he said.\n";
    assert_speakers(text, &[("We know what", "Olwen R. Hartigan Jr.")]);
    let (set, _) = suggested_set(text);
    assert!(texts(&set, "PERSON").contains(&"Hartigan".to_string()));
}

#[test]
fn the_rank_written_out_stands_for_the_person_it_was_abbreviated_before() {
    // "Sgt. Maj. X" then "the sergeant major said", and "he said" after it; "Adm. Y" then
    // "the admiral said".
    let text = "Wreath laid\n\n\
        Army Sgt. Maj. Corin T. Vasquez laid the wreath at the tomb on Saturday.\n\n\
        We remember them all today,\u{201d} the sergeant major said.\n\n\
        \u{201c}They served so that we could stand here,\u{201d} he said.\n\n\
        Navy Adm. Ilka Brandvold spoke after him.\n\n\
        \u{201c}The fleet is ready,\u{201d} the admiral said.\n";
    assert_speakers(
        text,
        &[
            ("They served", "Corin T. Vasquez"),
            ("The fleet is ready", "Ilka Brandvold"),
        ],
    );
}

#[test]
fn a_quote_resumed_after_a_speaker_with_a_rank_and_an_apposition() {
    // The full stops of "Sgt." and "Maj." end no sentence: the lower-case part after the
    // apposition resumes the quote.
    let text = "Brigade marks the day\n\n\
        \"Never forget them,\" said Command Sgt. Maj. Ola Brenner, the brigade's senior \
        enlisted leader, \"and as you go through your day today, rest. You've earned it.\"\n";
    let (set, _) = suggested_set(text);
    assert_eq!(
        texts(&set, "QUOTE"),
        vec![
            "Never forget them,",
            "and as you go through your day today, rest. You've earned it."
        ]
    );
    assert_speakers(
        text,
        &[
            ("Never forget", "Ola Brenner"),
            ("and as you go", "Ola Brenner"),
        ],
    );
}

#[test]
fn bylines_with_a_rank_of_several_words_and_in_lower_case() {
    for (byline, name) in [
        ("by Master Sgt. Jessa Harlow", "Jessa Harlow"),
        ("By Airman 1st Class Jake Corran", "Jake Corran"),
        ("by Staff Sgt. Amber R. Kelly-Hart", "Amber R. Kelly-Hart"),
        ("By Mara Quist", "Mara Quist"),
    ] {
        let text = format!(
            "Base news\n\n{byline}\n99th Air Base Wing Public Affairs\n\n\
             The runway reopened on Monday after repairs.\n"
        );
        let (set, _) = suggested_set(&text);
        assert_eq!(texts(&set, "PERSON"), vec![name], "{byline}");
    }
}

#[test]
fn a_lower_case_quote_after_the_writers_own_clause_is_partial() {
    // The sentence starts outside the marks; the speaker is named after the quote.
    let text = "Wreath laid\n\n\
        Sgt. Maj. Corin T. Vasquez laid the wreath at the tomb on Saturday.\n\n\
        The wreath will stay at the tomb for the day to honor the fallen, \u{201c}but the day \
        honors all who served,\u{201d} Vasquez said.\n\n\
        She went on, \u{201c}the next ceremony is in May.\u{201d}\n";
    let (set, _) = suggested_set(text);
    assert_eq!(
        super::tests::quotes_of_type(&set, "partial"),
        vec!["but the day honors all who served,"]
    );
    assert_eq!(
        quote_speaker(&set, "but the day").as_deref(),
        Some("Corin T. Vasquez")
    );
}
