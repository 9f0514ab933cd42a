//! Session 8 (issue 13): failures of the machinery found on the `dev6` group and in made-up
//! probes of common news shapes: things' names taken for people and then for a pronoun's
//! antecedent, a family name that is also an office word, boundaries; one made-up sentence
//! each.

use super::tests::{quote_speaker, suggested_set, texts};
use super::tests_shapes::assert_speakers;

#[test]
fn a_run_written_after_the_is_no_person_anywhere() {
    // "the Marlow Basin" names a place: "Arden's Marlow Basin" and a subject "Marlow Basin"
    // are not people either, so "she said" goes to the planner, not to the basin.
    let text = "Planner moves south\n\n\
        \"I wanted to manage projects,\" said Ruth Okonedo, a planner. \"The desert called \
        me,\" she said.\n\n\
        Okonedo now leads projects in Arden's Marlow Basin. The Marlow Basin covers two \
        million acres. Marlow Basin also hosts rocket launches.\n\n\
        \"You would not know how much work goes into it,\" she said.\n";
    assert_speakers(
        text,
        &[
            ("I wanted", "Ruth Okonedo"),
            ("You would not", "Ruth Okonedo"),
        ],
    );
    let (set, _) = suggested_set(text);
    let persons = texts(&set, "PERSON");
    assert!(!persons.iter().any(|p| p.contains("Marlow")), "{persons:?}");
}

#[test]
fn a_town_with_its_state_is_no_person() {
    let text = "Dunes survey\n\n\
        \"We count every flower,\" said Ana Velez, a botanist.\n\n\
        The crew met at dawn in Los Feliz, Nevada. Los Feliz is an hour from the dunes.\n\n\
        \"It is slow work,\" she said.\n";
    assert_speakers(text, &[("It is slow", "Ana Velez")]);
    let (set, _) = suggested_set(text);
    let persons = texts(&set, "PERSON");
    assert!(!persons.iter().any(|p| p.contains("Feliz")), "{persons:?}");
}

#[test]
fn a_hyphenated_modifier_or_a_run_after_a_is_no_person() {
    // "a Houston-based Lantern festival": neither "Houston-based Lantern" nor the run after
    // "a" is a person, so "she said" two paragraphs on is still the organiser's.
    let text = "Festival grows\n\n\
        Mira Castellanos-Ortiz joined the group in 2019. \"I love bringing people \
        together,\" she said.\n\n\
        That led her to organise a Houston-based Lantern Night in 2023, with a Sugar Land \
        Choir concert.\n\n\
        \"These evenings let us meet in a different way,\" she said.\n";
    assert_speakers(
        text,
        &[
            ("I love", "Mira Castellanos-Ortiz"),
            ("These evenings", "Mira Castellanos-Ortiz"),
        ],
    );
    let (set, _) = suggested_set(text);
    let persons = texts(&set, "PERSON");
    assert!(
        !persons
            .iter()
            .any(|p| p.contains("based") || p.contains("Sugar")),
        "{persons:?}"
    );
}

#[test]
fn a_family_name_that_is_an_office_word() {
    // "Dr. Lena Bishop": after an honorific the office word that ends the name is a family
    // name, and "Bishop said" alone is her; the stop of "Dr." ends no run.
    let text = "Robotics league grows\n\n\
        \"We started with 40 teams,\" Outreach Program Manager Dr. Lena Bishop said. \"Now we \
        have 500.\"\n\n\
        Bishop and her volunteers run events every weekend.\n\n\
        \"This is the students' achievement,\" Bishop said.\n";
    assert_speakers(
        text,
        &[
            ("We started", "Lena Bishop"),
            ("Now we", "Lena Bishop"),
            ("This is the", "Lena Bishop"),
        ],
    );
}

#[test]
fn a_roman_numeral_glued_to_a_symbol_is_no_suffix() {
    // "the Ada Lovelace IV&V Center": "IV" of "IV&V" makes no person "Ada Lovelace IV".
    let text = "Centre opens\n\n\
        The alliance is run from the NASA Ada Lovelace IV&V Center in the valley.\n\n\
        \"We grew every year,\" said Tom Harker, the director.\n";
    let (set, _) = suggested_set(text);
    let persons = texts(&set, "PERSON");
    assert!(!persons.iter().any(|p| p.contains("IV")), "{persons:?}");
    assert_speakers(text, &[("We grew", "Tom Harker")]);
}

/// The `speaker_form` and the speaker's label of the quote whose text opens with `opening`.
fn form_and_label(set: &crate::model::set::AnnotationSet, opening: &str) -> (String, String) {
    let quote = set
        .spans_ordered()
        .find(|s| s.label == "QUOTE" && set.span_text(s).starts_with(opening))
        .expect("the quote");
    let form = quote
        .attributes
        .get("speaker_form")
        .and_then(|v| v.as_str())
        .unwrap_or_default()
        .to_string();
    let label = set
        .relations()
        .find(|r| r.label == "said_by" && r.from == quote.id)
        .and_then(|r| set.span(r.to))
        .map(|s| s.label.clone())
        .unwrap_or_default();
    (form, label)
}

#[test]
fn named_hebrew_and_arabic_speakers_are_names() {
    // A named speaker in Hebrew or Arabic is a PERSON with `speaker_form = name` (it was a
    // nominal SOURCE: the named-speaker test knew only Latin capitals); the role before the
    // name, or in front of its apposition, is its title; a family name alone after the verb
    // is a name once the text wrote it after a given name. A role alone stays a nominal.
    let text = "הספרייה\n\n\
        \"נפתח את הספרייה באביב\", אמרה מנהלת הספרייה, רבקה אדלר, בכנס.\n\n\
        חברת המועצה דינה כרמלי מתחה ביקורת. \"לא ראינו תקציב\", הוסיפה כרמלי.\n\n\
        \"העבודות יסתיימו בזמן\", אמר דובר העירייה.\n";
    let (set, _) = suggested_set(text);
    assert_eq!(quote_speaker(&set, "נפתח").as_deref(), Some("רבקה אדלר"));
    assert_eq!(
        form_and_label(&set, "נפתח"),
        ("name".to_string(), "PERSON".to_string())
    );
    // (The family name refers to the full name since session 9, as a surname does in Latin
    // script and in the gold conventions.)
    assert_eq!(
        quote_speaker(&set, "לא ראינו").as_deref(),
        Some("דינה כרמלי")
    );
    assert_eq!(form_and_label(&set, "לא ראינו").0, "name");
    assert_eq!(
        form_and_label(&set, "העבודות"),
        ("nominal".to_string(), "SOURCE".to_string())
    );
    let adler = set
        .spans_ordered()
        .find(|s| s.label == "PERSON" && set.span_text(s) == "רבקה אדלר")
        .expect("a PERSON");
    assert_eq!(
        adler.attributes.get("title").and_then(|v| v.as_str()),
        Some("מנהלת הספרייה")
    );

    let text = "المكتبة\n\n\
        وقال مدير المكتبة، يوسف الخطيب، في مؤتمر صحفي: «سنفتح المكتبة في الربيع».\n\n\
        وقالت النائبة سلمى العلي: «لم نر الميزانية». وأضافت العلي أن اللجنة ستجتمع.\n\n\
        «الأعمال ستنتهي في موعدها»، قال المتحدث باسم البلدية.\n";
    let (set, _) = suggested_set(text);
    assert_eq!(quote_speaker(&set, "سنفتح").as_deref(), Some("يوسف الخطيب"));
    assert_eq!(form_and_label(&set, "سنفتح").0, "name");
    assert_eq!(quote_speaker(&set, "لم نر").as_deref(), Some("سلمى العلي"));
    assert_eq!(
        form_and_label(&set, "الأعمال"),
        ("nominal".to_string(), "SOURCE".to_string())
    );
}

#[test]
fn a_pronoun_skips_names_that_show_no_sign_of_a_person() {
    // The paragraph before the quote names only a company after "from" (no gender, no
    // subject, never speaking): "she said" goes on with the engineer the text is about.
    let text = "Engineer honoured\n\n\
        Maria Lindgren joined the lab in 2010. \"I wanted to build things that fly,\" she said.\n\n\
        She later led the work on the wind mission, which launched in 2019 with help from \
        Orbital Dynamics.\n\n\
        \"That mission taught me patience,\" she said.\n";
    assert_speakers(
        text,
        &[
            ("I wanted", "Maria Lindgren"),
            ("That mission", "Maria Lindgren"),
        ],
    );
}

#[test]
fn a_statement_issued_before_a_colon_is_its_subjects() {
    // "X issued a statement: “Q”": no speech verb, but the document's words are X's.
    let text = "Court ruling\n\n\
        The union's lawyers later issued a statement: \"We will appeal.\"\n\n\
        Mayor Rosa Petrov wrote a note: \"Thank you all for your patience.\"\n";
    assert_speakers(
        text,
        &[
            ("We will appeal", "The union's lawyers"),
            ("Thank you all", "Rosa Petrov"),
        ],
    );
}

#[test]
fn a_number_after_the_stays_in_the_nominal() {
    let text = "Code day\n\n\
        The two girls later wrote this note:\n\n\
        \"Coding is fun but also tricky.\"\n\n\
        The three judges said: \"The appeal fails on every ground.\"\n";
    assert_speakers(
        text,
        &[
            ("Coding is fun", "The two girls"),
            ("The appeal fails", "The three judges"),
        ],
    );
}

#[test]
fn a_quote_left_open_at_its_paragraphs_end_runs_to_it() {
    // The writer forgot the closing mark of the second sentence; the next paragraph opens
    // with no mark, so the quote ends with its paragraph (the mark is still reported).
    let text = "Code day\n\n\
        \"A highlight was seeing two girls pair programming,\" Kamal Reyes said. \"They \
        would think through every problem together.\n\n\
        The day ended at four.\n";
    let (set, suggestions) = suggested_set(text);
    assert!(
        texts(&set, "QUOTE").contains(&"They would think through every problem together.".into()),
        "{:?}",
        texts(&set, "QUOTE")
    );
    assert_eq!(suggestions.unpaired_marks.len(), 1);
    assert_speakers(text, &[("They would", "Kamal Reyes")]);
    // A mark left open in the middle of a sentence is no quote.
    let text = "Notes\n\nThe sign read \"closed for the day and we left early\n\nThen it rained.\n";
    let (set, _) = suggested_set(text);
    assert!(
        texts(&set, "QUOTE").is_empty(),
        "{:?}",
        texts(&set, "QUOTE")
    );
}

#[test]
fn a_sentence_opening_according_to_gives_the_quote_after_it() {
    // "According to Kim, <paraphrase>. “Q”": the quote goes on with the paraphrase's source,
    // not with the speaker of the quote before.
    let text = "Calculator\n\n\
        \"We shipped something small and improved it,\" Luis Ortega says.\n\n\
        According to Sara Kim, the city now updates the calculator itself. \"That was the \
        goal from day one.\"\n";
    assert_speakers(text, &[("That was the goal", "Sara Kim")]);
}

#[test]
fn the_vice_president_said_is_the_vice_president() {
    // "The Vice President said ..." (a capitalised title after "the", subject of indirect
    // speech) is a source that "she said" goes to, and it stands for the person written with
    // "Vice President", not for the one written with "President".
    let text = "Grants\n\n\
        Today, President Tom Avery announced the grants. Vice President Lena Ruiz will travel \
        to Georgia on Friday.\n\n\
        \"No one should be left behind,\" said President Avery.\n\n\
        Commerce Secretary Gina Holt joined him. \"Internet is a necessity,\" Secretary Holt \
        said.\n\n\
        The Vice President said the grants would create jobs. \"These are good jobs,\" she \
        said.\n";
    assert_speakers(
        text,
        &[
            ("No one should", "Tom Avery"),
            ("Internet is", "Gina Holt"),
            ("These are good", "Lena Ruiz"),
        ],
    );
}

#[test]
fn st_inside_a_name_keeps_the_name_whole() {
    // "Karen St. Germain" was cut at "St." (a place word), so no one was found and "she
    // said" went to the speaker before; "St. Louis" opening a run is still a place.
    let text = "Mission team celebrates\n\n\
        \"It has exceeded every expectation,\" said Jeremy Walden, the project scientist.\n\n\
        Karen St. Germain, director of the science division, praised the team. \"This is what \
        we do best,\" she said.\n\n\
        The team met in St. Louis last year.\n";
    assert_speakers(
        text,
        &[
            ("It has exceeded", "Jeremy Walden"),
            ("This is what", "Karen St. Germain"),
        ],
    );
    let (set, _) = suggested_set(text);
    let persons = texts(&set, "PERSON");
    assert!(!persons.iter().any(|p| p.contains("Louis")), "{persons:?}");
}

#[test]
fn the_one_asked_answers() {
    let text = "Plan presented\n\n\
        Sam Ortiz asked Lena Marsh to present the plan. \"I would be glad to,\" she said.\n\n\
        Tom Reyes asked Paul Green for his view. \"It will work,\" he said.\n";
    assert_speakers(
        text,
        &[
            ("I would be glad", "Lena Marsh"),
            ("It will work", "Paul Green"),
        ],
    );
}

#[test]
fn titles_ending_in_woman_or_person_stay_out_of_the_name() {
    let text = "Funding\n\n\
        \"We will fund it,\" Congresswoman Melissa Brandt said.\n\n\
        \"The vote is next week,\" said Chairperson Anil Desai.\n";
    assert_speakers(
        text,
        &[
            ("We will fund", "Melissa Brandt"),
            ("The vote", "Anil Desai"),
        ],
    );
}

#[test]
fn was_how_x_put_it() {
    let text = "Deal\n\n\
        \"We signed it,\" said Ana Ruiz.\n\n\
        \"It is a bad deal for the town,\" was how Tom Reyes put it.\n";
    assert_speakers(
        text,
        &[("We signed", "Ana Ruiz"), ("It is a bad deal", "Tom Reyes")],
    );
}

#[test]
fn a_pronoun_after_a_reported_clause_subject_is_no_gender_cue_for_it() {
    // "Nair said Alvarez learned faster than anyone she had trained": "she" is no cue that
    // Alvarez is a woman, so the later "he said" is still his and "she said" is Nair's.
    let text = "Interns\n\n\
        For Diego Alvarez, a junior, it was his first time in a lab. \"I had never held a \
        soldering iron,\" Alvarez said.\n\n\
        His mentor, engineer Priya Nair, said Alvarez learned faster than anyone she had \
        trained. \"He asks the right questions,\" she said.\n\n\
        Fellow intern Sofia Reyes worked on rover software. \"Seeing my code run was \
        unreal,\" Reyes said.\n\n\
        Alvarez hopes to return next summer. \"I want to work here someday,\" he said.\n";
    assert_speakers(
        text,
        &[
            ("He asks", "Priya Nair"),
            ("Seeing my code", "Sofia Reyes"),
            ("I want to work", "Diego Alvarez"),
        ],
    );
}

#[test]
fn a_party_and_state_in_brackets_after_the_name() {
    let text = "Wildfire bill\n\n\
        \"This is a bipartisan win,\" Rep. Jared Holm (D-Calif.) said in a statement.\n\n\
        Sen. Maria Cantor (D-Wash.) said: \"Smoke does not stop at state lines.\"\n";
    assert_speakers(
        text,
        &[
            ("This is a bipartisan", "Jared Holm"),
            ("Smoke does not", "Maria Cantor"),
        ],
    );
}

#[test]
fn any_verb_with_a_name_right_after_a_quote_attributes_it() {
    // Features write "“Q,” laughs X" and "“Q,” X admits": the verb is not a speech verb, but
    // the inverted clause ending there is the attribution.
    let text = "Old crews\n\n\
        \"It was the best job I ever had,\" recalls Linda Marsh, who retired in 2019.\n\n\
        \"Nobody believed we could do it,\" laughs Omar Haddad.\n\n\
        \"I still miss it,\" Marsh admits.\n";
    assert_speakers(
        text,
        &[
            ("It was the best", "Linda Marsh"),
            ("Nobody believed", "Omar Haddad"),
            ("I still miss", "Linda Marsh"),
        ],
    );
}

#[test]
fn a_speakers_family_name_that_is_a_place_word_refers_to_the_full_name() {
    // "Linda Park" is read only next to its speech verb (Park is a place word); a later
    // "Park admits" refers to her.
    let text = "Old crews\n\n\
        \"It was the best job I ever had,\" said Linda Park, who retired in 2019.\n\n\
        \"I still miss it,\" Park admits.\n";
    assert_speakers(
        text,
        &[
            ("It was the best", "Linda Park"),
            ("I still miss", "Linda Park"),
        ],
    );
}

#[test]
fn the_subject_of_a_clause_reported_without_that_is_no_source() {
    // "She said the port had not answered": "the port" speaks in no one's words, so the
    // next "she said" is still the councillor's.
    let text = "Harbor plan\n\n\
        \"The council has not seen the costs,\" said Councillor Mary Oduya, who chairs the \
        finance committee. She said the port had not answered her letters.\n\n\
        \"I asked three times,\" she said.\n";
    assert_speakers(text, &[("I asked three", "Mary Oduya")]);
}

#[test]
fn a_floating_quote_after_a_paragraph_about_things_goes_on_with_the_last_speaker() {
    let text = "Ocean satellite\n\n\
        \"The ocean tells us how the planet is changing,\" Maria Gomez said.\n\n\
        The satellite carries three instruments built by teams in France and Japan.\n\n\
        \"Each of them is a first.\"\n";
    assert_speakers(text, &[("Each of them", "Maria Gomez")]);
}

#[test]
fn label_lines_with_a_body_and_short_labelled_quotes() {
    // A label line may name the body after a comma; a short quote labelled with a dash and
    // a name is speech, not a scare quote.
    let text = "Leaders react\n\n\
        Tribal Chairman Ray Redhorse, Walker River Paiute Tribe\n\
        \"We were at the table from the start.\"\n\n\
        - \"A historic day.\" – Senator Ellen Marsh\n\
        - \"Long overdue.\" – Rep. Tom Hale\n";
    assert_speakers(
        text,
        &[
            ("We were at the table", "Ray Redhorse"),
            ("A historic day", "Ellen Marsh"),
            ("Long overdue", "Tom Hale"),
        ],
    );
}

#[test]
fn and_between_two_titled_people_joins_no_organisation() {
    // "Council President X and Councilman Y": "Council" before the first name made the
    // second person a piece of an organisation's name; "Councilman" is a title.
    let text = "Budget\n\n\
        Council President Dana Wright and Councilman Eric Stone spoke for the plan.\n\n\
        Stone disagreed. \"The money is there,\" he said.\n";
    assert_speakers(text, &[("The money", "Eric Stone")]);
    let (set, _) = suggested_set(text);
    let persons = texts(&set, "PERSON");
    assert!(persons.contains(&"Eric Stone".to_string()), "{persons:?}");
}

#[test]
fn x_who_y_said_then_he_said_is_x() {
    // "Jones, who trained under Smith, said ...": Jones speaks (a family name alone with a
    // relative clause), Smith is an object; a man of known gender in an object position does
    // not beat the speaking subject.
    let text = "Ceremony\n\n\
        Lt. Col. Mark Smith thanked Sgt. Paul Jones for his 20 years of service. \"He never \
        quit on a soldier,\" he said.\n\n\
        Jones, who trained under Smith at the depot, said the Army had given him everything. \
        \"I owe it my life,\" he said.\n";
    assert_speakers(
        text,
        &[("He never quit", "Mark Smith"), ("I owe it", "Paul Jones")],
    );
}

#[test]
fn a_quote_labelled_with_an_organisation() {
    // "What they are saying" lists: an organisation alone before the colon, or after a dash,
    // speaks (it went to the person of the label before).
    let text = "What They Are Saying\n\n\
        Governor Tom Vilsack of Iowa: \"Rural America has waited long enough.\"\n\n\
        National Association of Counties: \"Counties are ready to deliver.\"\n\n\
        \"The investment is historic.\" – National Rural Electric Cooperative Association\n";
    assert_speakers(
        text,
        &[
            ("Rural America", "Tom Vilsack"),
            ("Counties are ready", "National Association of Counties"),
            (
                "The investment",
                "National Rural Electric Cooperative Association",
            ),
        ],
    );
}
