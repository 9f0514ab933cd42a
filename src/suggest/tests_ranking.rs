//! Session 9 (issue 13): the ranking of competing cues and the shapes found on the `dev7`
//! group and in made-up probes, each in a made-up sentence (no article's words).

use super::tests::{quote_speaker, quotes_of_type, suggested_set, texts};
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
    assert!(texts(&set, "PERSON").contains(&"Aram Vale".to_string()));
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

#[test]
fn persian_and_urdu_present_speech_verbs_are_cues() {
    // Persian writes the present with a zero-width non-joiner after می (می‌گوید): one word,
    // with or without the joiner, and with the Arabic yeh (می‌گويد) too.
    for verb in ["می\u{200c}گوید", "میگوید", "می\u{200c}گويد"] {
        let text = format!(
            "باغ\n\nسیمین دلاوری {verb}: «درختان امسال زودتر شکوفه دادند».\n\n\
             او می\u{200c}افزاید: «آب کافی داریم».\n"
        );
        let (set, _) = suggested_set(&text);
        assert_eq!(
            quote_speaker(&set, "درختان").as_deref(),
            Some("سیمین دلاوری"),
            "{verb}"
        );
        assert_eq!(
            quote_speaker(&set, "آب کافی").as_deref(),
            Some("سیمین دلاوری"),
            "{verb}"
        );
        let cues = texts(&set, "CUE");
        assert!(cues.contains(&verb.to_string()), "{verb}: {cues:?}");
    }
    // The joiner keeps the word whole: a Persian word with one is one token.
    let tokens = super::tokens::Tokens::new("کتاب‌ها می\u{200c}گوید");
    assert_eq!(tokens.tokens.len(), 2);

    // Urdu's present: a participle and its auxiliary (کہتے ہیں), the subject before it.
    let text = "پانی\n\n\
        وزیر نادیہ قریشی کہتی ہیں: «نہر اگلے ہفتے کھل جائے گی»۔\n\n\
        وہ کہتی ہیں کہ «مرمت مکمل ہو چکی ہے»۔\n";
    let (set, _) = suggested_set(text);
    assert_eq!(quote_speaker(&set, "نہر").as_deref(), Some("نادیہ قریشی"));
    assert_eq!(quote_speaker(&set, "مرمت").as_deref(), Some("نادیہ قریشی"));
    let cues = texts(&set, "CUE");
    assert!(cues.contains(&"کہتی ہیں".to_string()), "{cues:?}");
}

#[test]
fn a_sentences_opening_the_is_no_part_of_a_speaking_bodys_name() {
    let text = "Open data\n\n\
        We released the tools early. The Harbour Light Foundation said, “This is a big step for \
        open records.”\n\n\
        The Department of Coastal Works said: “We will publish the rest in May.”\n";
    assert_speakers(
        text,
        &[
            ("This is a big", "Harbour Light Foundation"),
            ("We will publish", "Department of Coastal Works"),
        ],
    );
}

#[test]
fn a_hometown_native_is_the_person_the_text_is_about() {
    // "said Grand Forks, N.D., native": not a person "Grand Forks", but the captain quoted
    // just before, described by her hometown; "the Tacoma native" likewise.
    let text = "Patch day\n\n\
        “Today you join a long line,” said Capt. Dana Ruiz. “Wear it well.”\n\n\
        As Ruiz went on, the soldiers stood still.\n\n\
        “Now you are veterans,” said Grand Forks, N.D., native to her soldiers. “Be proud \
        of that.”\n\n\
        Sgt. Omar Tell was among them. “It means a lot,” said the Tacoma native.\n";
    assert_speakers(
        text,
        &[
            ("Now you are", "Dana Ruiz"),
            ("Be proud", "Dana Ruiz"),
            ("It means", "Omar Tell"),
        ],
    );
    let (set, _) = suggested_set(text);
    let persons = texts(&set, "PERSON");
    assert!(
        !persons.iter().any(|p| p.contains("Grand Forks")),
        "{persons:?}"
    );
    let sources = texts(&set, "SOURCE");
    assert!(
        sources.contains(&"Grand Forks, N.D., native".to_string()),
        "{sources:?}"
    );
}

#[test]
fn they_said_after_a_plural_subject_without_a_determiner() {
    // The pair named far back is not who "they" are: the plural subject of the paragraph is.
    let text = "Redesign\n\n\
        Ann Pike and Lou Marr: We started with interviews.\n\n\
        We built the checklists in a week. The pages load fast.\n\n\
        When we tested the pages in June, flood insurance claimants responded warmly to the \
        short lists. They said, “Nobody reads a long guide. We want one page.”\n";
    assert_speakers(text, &[("Nobody reads", "flood insurance claimants")]);
}

#[test]
fn a_plural_possessive_inside_an_organisations_name() {
    // "the federation said" stands for the whole name, possessive and all.
    let text = "Milk vote\n\n\
        The Kawarau Sheep Farmers’ Federation, which speaks for 900 farms, said it would not \
        take sides. “This is for the owners to decide,” the federation said.\n\n\
        The Otago Growers' Union said: “We will open the depot in May.”\n";
    assert_speakers(
        text,
        &[
            ("This is for", "Kawarau Sheep Farmers’ Federation"),
            ("We will open", "Otago Growers' Union"),
        ],
    );
}

#[test]
fn a_he_opening_the_sentence_after_a_subjects_own_quote_is_his() {
    // Reyes has no cue but the "He" after his own quote; Ortiz is a woman. "she said" after
    // Reyes's paragraph goes back to Ortiz, not to the nearer Reyes.
    let text = "Ferry cut\n\n\
        “We were told on a Monday, in a call that lasted ten minutes,” Mayor Ana Ortiz told \
        the meeting. “Nobody asked us.”\n\n\
        Ortiz said she had written to the state the same night.\n\n\
        The deputy mayor, Luis Reyes, who chaired the rest of the meeting, said, “We will \
        fight this, but we have to plan as if we lose.” He asked residents to sign up.\n\n\
        “I am not asking for a favour,” she said.\n";
    assert_speakers(
        text,
        &[
            ("We will fight", "Luis Reyes"),
            ("I am not asking", "Ana Ortiz"),
        ],
    );
}

#[test]
fn a_right_to_left_family_name_alone_refers_to_the_full_name() {
    let text = "מים\n\n\
        \"נבדוק כל באר\", אמרה המהנדסת שירה כרמי.\n\n\
        \"ביקשנו את הנתונים פעמיים\", הוסיפה כרמי.\n";
    assert_speakers(text, &[("ביקשנו", "שירה כרמי")]);
    let text = "مياه\n\n\
        وقالت المهندسة هالة النجار: «سنفحص كل بئر».\n\n\
        وقالت النجار: «طلبنا البيانات مرتين».\n";
    assert_speakers(text, &[("طلبنا", "هالة النجار")]);
}

#[test]
fn quoted_sentences_after_a_word_are_a_direct_quote() {
    // The source typed an opening mark where the first quote's closing one and a new opening
    // one belong: the second quotation runs into the word before it, but holds two sentences,
    // so it is no fragment of the writer's sentence.
    let text = "Accords\n\n\
        “We are glad to welcome Norland,” said Ambassador Jo Vance, the envoy to Norland “We \
        see a leader in space. We look forward to new work together.”\n\n\
        Critics called the plan “a bold start”, Vance said. The rules are in Message 12 “FY20 \
        U.S. Army Cadet Program Announcement.”\n";
    let (set, _) = suggested_set(text);
    let direct = super::tests::quotes_of_type(&set, "direct");
    assert!(
        direct.iter().any(|q| q.starts_with("We see a leader")),
        "{direct:?}"
    );
    // "U.S. Army" ends no sentence: a document's title stays out.
    assert!(!direct.iter().any(|q| q.starts_with("FY20")), "{direct:?}");
    let partial = super::tests::quotes_of_type(&set, "partial");
    assert_eq!(partial[0], "a bold start");
}

#[test]
fn a_nominal_with_its_preposition_phrase_before_the_verb_after_a_quote() {
    // Found by tryout4: '"…," a lawyer for the board said' after a paragraph that names
    // someone else went to that person; the phrase between the nominal and the verb broke the
    // attribution.
    let text = "Quota appeal\n\n\
        Marit Solberg, who owns three trawlers, filed the appeal in June.\n\n\
        \"The quota was set without a hearing,\" a lawyer for the Fisheries Board said.\n\n\
        \"The figures were public,\" a clerk at the county office said on Monday.\n\n\
        \"Nobody asked us,\" a skipper from the northern harbour later said.\n\n\
        \"It is a fair quota,\" a spokesman said.\n";
    assert_speakers(
        text,
        &[
            ("The quota was", "a lawyer for the Fisheries Board"),
            ("The figures", "a clerk at the county office"),
            ("Nobody asked", "a skipper from the northern harbour"),
            ("It is a fair", "a spokesman"),
        ],
    );
}

#[test]
fn a_pronoun_goes_to_an_unnamed_person_who_opens_a_sentence() {
    // Found on dev8: '“Q,” she said' after "One woman in <place> lives …" had no speaker
    // at all (no one named), or went to an older nominal of the other gender.
    let text = "Ferry cut\n\n\
        The council cut the winter ferry in May, the harbour master said.\n\n\
        When the ferry stopped, islanders were stranded. One woman in Port Avery cares for \
        her father and runs his shop — \"Everything depends on that boat,\" she said. She \
        does not own a car. \"We had no bread for a week,\" she said.\n\n\
        A retired fisherman walks the pier each morning. \"The sea was our road,\" he said.\n";
    assert_speakers(
        text,
        &[
            ("Everything depends", "One woman in Port Avery"),
            ("We had no bread", "One woman in Port Avery"),
            ("The sea was", "A retired fisherman"),
        ],
    );
}

#[test]
fn a_clause_quoted_right_after_its_speech_verb_is_direct_and_an_opening_phrase_is_no_subject() {
    // Found on dev8: 'Despite that, Name, the owner of …, said “the team, a blend of …, is
    // moving fast.”' was no quote at all: the speaker was not read past the opening phrase,
    // and a clause starting with a small letter right after "said" was taken for a fragment.
    // After "noted that" such a clause stays partial, as the gold conventions have it.
    let text = "Pier works\n\n\
        The pier has been closed since March.\n\n\
        Despite that, Lena Marsh, the engineer on the Harbour Works team, said \u{201c}the \
        crew, a mix of divers and welders, is moving faster than any crew before it.\u{201d} \
        The work goes on.\n\n\
        Tomas Reyes noted that \u{201c}the divers found the old piles in good shape.\u{201d}\n";
    let (set, _) = suggested_set(text);
    assert_eq!(
        quotes_of_type(&set, "direct"),
        ["the crew, a mix of divers and welders, is moving faster than any crew before it."]
    );
    assert_eq!(
        quotes_of_type(&set, "partial"),
        ["the divers found the old piles in good shape."]
    );
    assert_eq!(
        quote_speaker(&set, "the crew").as_deref(),
        Some("Lena Marsh")
    );
}

#[test]
fn a_pair_of_titles_speaks_as_its_first_and_a_title_labels_a_headline_quote() {
    // Found on dev8: '“Q,” the First Lady and President wrote' had no speaker (a second title
    // alone after "and" broke the attribution), nor had a release's headline "The President
    // and First Lady: “Q”".
    let text = "Winter message\n\n\
        The Governor and First Lady: \u{201c}Warm wishes to every family this winter\u{201d}\n\n\
        Today the Governor opened the winter fair.\n\n\
        \u{201c}We are grateful to the volunteers who made it happen,\u{201d} the First Lady and \
        Governor wrote in a letter to visitors.\n";
    assert_speakers(
        text,
        &[
            ("Warm wishes", "The Governor"),
            ("We are grateful", "the First Lady"),
        ],
    );
}

#[test]
fn a_month_that_is_a_given_name_and_a_middle_initial_name_the_same_people() {
    // Found on dev9: "said April Lanotte" was no name (a month), so her quotes went to a
    // programme's name; "Jennifer M. Granholm" after "Jennifer Granholm" was a second person.
    let text = "Drone kits\n\n\
        Energy Minister Rosa Q. Delgado and Rosa Delgado's team visited the school in April.\n\n\
        \u{201c}The kits teach flight without a drone,\u{201d} said April Lanotte, the \
        programme's lead.\n\n\
        \u{201c}We add lessons every month,\u{201d} said Lanotte.\n\n\
        \u{201c}Every school should have one,\u{201d} said Rosa Delgado.\n";
    assert_speakers(
        text,
        &[
            ("The kits", "April Lanotte"),
            ("We add", "April Lanotte"),
            ("Every school", "Rosa Q. Delgado"),
        ],
    );
}

#[test]
fn a_title_phrase_and_a_name_label_a_quote_in_a_release_list() {
    // Found on dev9: a release's list of quotes, "- Secretary of the Interior Name: “Q”",
    // gave each quote to the speaker of the one before.
    let text = "Wind farms approved\n\n\
        \u{201c}The plan names two sites off the coast,\u{201d} said Gina Torres, the \
        adviser.\n\n\
        - Secretary of the Coast Ravi Menon: \u{201c}The ports are ready for the \
        turbines.\u{201d}\n\n\
        - Minister for Energy and Climate Lena Marsh: \u{201c}This is the biggest step we \
        have taken in a decade.\u{201d}\n";
    assert_speakers(
        text,
        &[
            ("The ports are ready", "Ravi Menon"),
            ("This is the biggest", "Lena Marsh"),
        ],
    );
}

#[test]
fn a_given_name_and_the_initial_of_a_family_name_are_a_name() {
    // Found on dev9: testimonies name people by a given name and an initial ("Danica R.
    // complained …"); the initial cut the name, so nobody spoke.
    let text = "What tenants told us\n\n\
        We spoke to twelve tenants in March.\n\n\
        \u{201c}The form asked for my son's address,\u{201d} said Marta K., who rents in \
        Dunmore.\n\n\
        Tomas W. complained about the office hours. \u{201c}I work until six,\u{201d} he said.\n";
    assert_speakers(
        text,
        &[
            ("The form asked", "Marta K."),
            ("I work until six", "Tomas W."),
        ],
    );
    let (set, _) = suggested_set(text);
    let people = texts(&set, "PERSON");
    assert!(
        people.contains(&"Marta K.".to_string()) && people.contains(&"Tomas W.".to_string()),
        "{people:?}"
    );
}

#[test]
fn her_before_a_relative_is_a_womans_possessive_not_an_object() {
    // Found on dev9: after "Name complained about giving her son's address … when he moved
    // out", the "he" made her a man, so "She said, “Q”" found nobody.
    let text = "Forms\n\n\
        People want to know why forms ask what they ask. For example, Ilona T. complained \
        about giving her son\u{2019}s new address to the office when he moved out. She said, \
        \u{201c}I was already struggling to keep in touch, why make it harder?\u{201d}\n";
    assert_speakers(text, &[("I was already", "Ilona T.")]);
}
