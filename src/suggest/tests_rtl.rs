//! Session 8 (issue 14 point 5, tryout 3): Arabic, Hebrew, Persian and Urdu quotes and
//! speakers, and suggestions that respect what the user already decided. Made-up sentences.

use super::tests::{quote_speaker, quotes_of_type, suggested_set};

#[test]
fn hebrew_acronyms_with_ascii_gershayim_are_words_not_quotation_marks() {
    // צה"ל, ארה"ב, המנכ"ל: the `"` between two Hebrew letters is a gershayim; ג'ורג' has
    // two gereshes. None of them opens or closes a quote.
    let text = "הנמל\n\n\
        דובר צה\"ל אמר בבוקר: \"הכביש ייפתח מחר בשש\".\n\n\
        לדברי גורם בארה\"ב, הדיון יימשך. \"אין שום עיכוב בלוח הזמנים\", אמרה הדוברת מירב אלון.\n\n\
        המנכ\"ל של החברה, ג'ורג' לוי, הוסיף: \"נבנה מזח חדש בקיץ\".\n\n\
        המנכ\"לית, רותם שגיא, הוסיפה כי \"המחיר יעלה\".\n";
    let (set, suggestions) = suggested_set(text);
    assert_eq!(
        quotes_of_type(&set, "direct"),
        [
            "הכביש ייפתח מחר בשש",
            "אין שום עיכוב בלוח הזמנים",
            "נבנה מזח חדש בקיץ"
        ]
    );
    assert!(
        suggestions.unpaired_marks.is_empty(),
        "{:?}",
        suggestions.unpaired_marks
    );
    assert_eq!(quote_speaker(&set, "הכביש").as_deref(), Some("דובר צה\"ל"));
    assert_eq!(quote_speaker(&set, "אין שום").as_deref(), Some("מירב אלון"));
    // A name in apposition between commas right before the verb speaks.
    assert_eq!(quote_speaker(&set, "נבנה").as_deref(), Some("ג'ורג' לוי"));
    assert_eq!(quote_speaker(&set, "המחיר").as_deref(), Some("רותם שגיא"));
}

#[test]
fn one_stray_mark_leaves_the_other_quotes_of_the_article() {
    // A mark never closed in one paragraph is reported; the other paragraphs' quotes stay.
    let text = "הגשר\n\n\
        השר אמר: \"נפתח את הגשר באביב הבא\".\n\n\
        ביקורת חריפה על \"התוכנית נשמעה אתמול.\n\n\
        הדיון יימשך בשבוע הבא.\n\n\
        מהנדסת העירייה אמרה: \"העבודות יסתיימו בזמן\".\n";
    let (set, suggestions) = suggested_set(text);
    assert_eq!(
        quotes_of_type(&set, "direct"),
        ["נפתח את הגשר באביב הבא", "העבודות יסתיימו בזמן"]
    );
    let chars: Vec<char> = text.chars().collect();
    assert_eq!(suggestions.unpaired_marks.len(), 1);
    assert_eq!(chars[suggestions.unpaired_marks[0]], '"');
}

#[test]
fn a_latin_word_inside_an_arabic_or_hebrew_speaker_phrase_stays_in_it() {
    let text = "الطاقة\n\n\
        وقالت الوزيرة هالة السعدي: «سنوقع العقد في الخريف».\n\n\
        وصرح المتحدث باسم شركة Voltix: «سنرسل فريقا من المهندسين».\n\n\
        وقال مدير شركة Nordex في المنطقة: «لا تعليق لدينا الآن».\n";
    let (set, _) = suggested_set(text);
    assert_eq!(quote_speaker(&set, "سنوقع").as_deref(), Some("هالة السعدي"));
    assert_eq!(
        quote_speaker(&set, "سنرسل").as_deref(),
        Some("المتحدث باسم شركة Voltix")
    );
    assert_eq!(
        quote_speaker(&set, "لا تعليق").as_deref(),
        Some("مدير شركة Nordex في المنطقة")
    );

    let text = "השקעה\n\n\
        השרה נועה ברק אמרה: „המצב מורכב”.\n\n\
        דובר חברת Zentra אמר: „נשקיע מיליארד בצפון”.\n\n\
        „לא נגיב לשאלות”, אמר מנהל Orbix בישראל.\n";
    let (set, _) = suggested_set(text);
    assert_eq!(
        quote_speaker(&set, "נשקיע").as_deref(),
        Some("דובר חברת Zentra")
    );
    assert_eq!(
        quote_speaker(&set, "לא נגיב").as_deref(),
        Some("מנהל Orbix בישראל")
    );
}

#[test]
fn arabic_added_that_and_she_added_with_the_pronoun_in_the_verb() {
    // "وأضاف أن «…»" (and he added that …) is a partial quote of the man named before;
    // "وأضافت: «…»" (and she added) goes to the woman named before, not to the man who
    // spoke last.
    let text = "الميناء\n\n\
        وقالت الوزيرة سارة الخطيب إن الرصيف جاهز.\n\n\
        وقال الوزير كريم الشامي: «سنبدأ العمل في الشهر المقبل».\n\n\
        وأضاف أن «الميناء سيستقبل سفنا أكبر».\n\n\
        وأضافت: «الرافعات الجديدة وصلت أمس».\n";
    let (set, _) = suggested_set(text);
    assert_eq!(
        quotes_of_type(&set, "partial"),
        ["الميناء سيستقبل سفنا أكبر"]
    );
    assert_eq!(
        quote_speaker(&set, "الميناء").as_deref(),
        Some("كريم الشامي")
    );
    assert_eq!(
        quote_speaker(&set, "الرافعات").as_deref(),
        Some("سارة الخطيب")
    );
}

#[test]
fn persian_and_urdu_speech_verbs_with_their_speakers() {
    let text = "مترو\n\n\
        فرهاد رستمی گفت: «خط جدید تا پاییز آماده می‌شود».\n\n\
        او افزود: «قیمت بلیت تغییر نمی‌کند».\n\n\
        سخنگوی شهرداری اظهار داشت: «ایستگاه‌ها شبانه‌روزی باز هستند».\n";
    let (set, _) = suggested_set(text);
    assert_eq!(
        quote_speaker(&set, "خط جدید").as_deref(),
        Some("فرهاد رستمی")
    );
    assert_eq!(quote_speaker(&set, "قیمت").as_deref(), Some("فرهاد رستمی"));
    assert_eq!(
        quote_speaker(&set, "ایستگاه").as_deref(),
        Some("سخنگوی شهرداری")
    );
    let cues = super::tests::texts(&set, "CUE");
    assert!(cues.contains(&"اظهار داشت".to_string()), "{cues:?}");

    let text = "بس سروس\n\n\
        وزیر عمران بھٹی نے کہا: «نئی بسیں اگلے ماہ چلیں گی»۔\n\n\
        انہوں نے کہا: «کرایہ نہیں بڑھے گا»۔\n";
    let (set, _) = suggested_set(text);
    assert_eq!(
        quote_speaker(&set, "نئی بسیں").as_deref(),
        Some("عمران بھٹی")
    );
    assert_eq!(quote_speaker(&set, "کرایہ").as_deref(), Some("عمران بھٹی"));

    // "انہوں نے" after a sentence whose subject (before its ergative نے) announced something.
    let text = "بس سروس\n\n\
        سندھ کے وزیر ٹرانسپورٹ کامران شیخ نے پیر کو نئی بسوں کا اعلان کیا۔\n\n\
        انہوں نے کہا: «کرایہ نہیں بڑھے گا»۔\n";
    let (set, _) = suggested_set(text);
    assert_eq!(quote_speaker(&set, "کرایہ").as_deref(), Some("کامران شیخ"));

    // Hebrew writes the pronoun out too: "הוא הוסיף" is the speaker before, not a SOURCE "הוא".
    let text = "מפעל

        דובר חברת Intel אמר: „נפתח מפעל חדש בקריית גת”.

        הוא הוסיף: „זה יום גדול”.
";
    let (set, _) = suggested_set(text);
    assert_eq!(
        quote_speaker(&set, "זה יום").as_deref(),
        Some("דובר חברת Intel")
    );
    assert!(!super::tests::texts(&set, "SOURCE").contains(&"הוא".to_string()));
}

#[test]
fn the_occasion_after_the_speaker_is_not_part_of_the_speaker() {
    // "في مؤتمر صحفي" (at a press conference) ends the phrase: the speaker is the name, and
    // "وأضاف أن" after it goes to him, not to a "person" called "مؤتمر صحفي".
    let text = "الجسر\n\n\
        أعلن وزير الأشغال سامر العلي عن خطة جديدة للجسر.\n\n\
        وقال العلي في مؤتمر صحفي: «سنبدأ الحفر في الشتاء».\n\n\
        وأضاف أن «الجسر سيفتح بعد عامين».\n";
    let (set, _) = suggested_set(text);
    for quote in ["سنبدأ", "الجسر سيفتح"] {
        let speaker = quote_speaker(&set, quote).unwrap_or_default();
        assert!(speaker.ends_with("العلي"), "{quote}: {speaker:?}");
    }
    let persons = super::tests::texts(&set, "PERSON");
    assert!(!persons.iter().any(|p| p.contains("مؤتمر")), "{persons:?}");
}

mod respecting_the_user {
    use crate::formats::native;
    use crate::model::edit::{Edit, apply};
    use crate::model::schema::Schema;
    use crate::model::set::{AnnotationSet, Document, Rejected};
    use crate::model::span::{Relation, Review, Span, SpanId};
    use crate::suggest::{Options, review, suggest, vocab};

    const TEXT: &str = "الميناء\n\n\
        وقال المتحدث باسم الميناء: «سنستقبل السفن الكبيرة في الربيع».\n\n\
        وأكدت سلمى الفارس أن «الرصيف الجديد جاهز».\n";

    fn run(set: &mut AnnotationSet) -> crate::suggest::Suggestions {
        let suggestions = suggest(set, &Options::default());
        apply(set, suggestions.edit.clone()).unwrap();
        suggestions
    }

    fn fresh() -> AnnotationSet {
        AnnotationSet::new(Document::new(TEXT), Schema::default())
    }

    fn quote(set: &AnnotationSet, start: &str) -> Span {
        set.spans_ordered()
            .find(|s| s.label == vocab::QUOTE && set.span_text(s).starts_with(start))
            .unwrap()
            .clone()
    }

    fn said_by(set: &AnnotationSet, quote: SpanId) -> Vec<Span> {
        set.relations()
            .filter(|r| r.label == vocab::SAID_BY && r.from == quote)
            .map(|r| set.span(r.to).unwrap().clone())
            .collect()
    }

    /// The user's PERSON over `range`: a suggested one there is accepted, else one is added.
    fn add_person(set: &mut AnnotationSet, range: std::ops::Range<usize>) -> SpanId {
        if let Some(id) = set.find_same(vocab::PERSON, range.clone()) {
            let edit = review::accept(set, id).unwrap();
            apply(set, edit).unwrap();
            return id;
        }
        let id = set.new_span_id();
        apply(set, Edit::AddSpan(Span::new(id, vocab::PERSON, range))).unwrap();
        id
    }

    #[test]
    fn a_suggestion_on_the_users_own_person_is_that_person() {
        // The rules read "المتحدث باسم الميناء" as a SOURCE; here the user labelled those
        // offsets PERSON first. No SOURCE is stacked on it, said_by goes to the user's span,
        // and the quote's speaker_form says name.
        let mut probe = fresh();
        run(&mut probe);
        let source = said_by(&probe, quote(&probe, "سنستقبل").id)
            .pop()
            .expect("a speaker");
        assert_eq!(source.label, vocab::SOURCE);

        let mut set = fresh();
        let person = add_person(&mut set, source.range());
        run(&mut set);
        assert!(
            set.find_same(vocab::SOURCE, source.range()).is_none(),
            "no SOURCE over the user's PERSON"
        );
        let q = quote(&set, "سنستقبل");
        let speakers = said_by(&set, q.id);
        assert_eq!(speakers.len(), 1);
        assert_eq!(speakers[0].id, person);
        assert_eq!(q.attributes[vocab::SPEAKER_FORM], "name");
        // Suggesting again adds nothing.
        assert!(run(&mut set).is_empty());
    }

    #[test]
    fn a_rejected_suggestion_stays_rejected_and_a_quote_keeps_its_one_speaker() {
        let mut set = fresh();
        run(&mut set);
        let q = quote(&set, "سنستقبل");
        let source = said_by(&set, q.id).pop().expect("a speaker");
        // The user rejects the SOURCE, labels the person, links the quote to her.
        let edit = review::reject(&set, source.id).unwrap();
        let undo = apply(&mut set, edit).unwrap();
        assert!(set.was_rejected(&Rejected::span(&source)));
        let person = add_person(&mut set, {
            let start =
                TEXT.chars().count() - "سلمى الفارس أن «الرصيف الجديد جاهز».\n".chars().count();
            start..start + "سلمى الفارس".chars().count()
        });
        let link = Relation {
            id: set.new_relation_id(),
            label: vocab::SAID_BY.into(),
            from: q.id,
            to: person,
            origin: None,
            review: Review::Accepted,
        };
        apply(&mut set, Edit::AddRelation(link)).unwrap();

        let again = run(&mut set);
        assert!(set.find_same(vocab::SOURCE, source.range()).is_none());
        assert!(
            again.skipped.iter().any(|s| s.contains("rejected before")),
            "{:?}",
            again.skipped
        );
        assert_eq!(said_by(&set, q.id).len(), 1, "said_by takes one target");
        assert_eq!(said_by(&set, q.id)[0].id, person);

        // The rejection is saved and read back.
        let json = native::to_json(&set);
        assert!(json.contains("\"rejected\""), "{json}");
        let loaded = native::from_json(&json).unwrap();
        assert!(loaded.problems.is_empty(), "{:?}", loaded.problems);
        assert_eq!(loaded.set.rejected(), set.rejected());

        // Undoing the rejection forgets it.
        let mut fresh_set = fresh();
        run(&mut fresh_set);
        let source = said_by(&fresh_set, quote(&fresh_set, "سنستقبل").id)
            .pop()
            .unwrap();
        let edit = review::reject(&fresh_set, source.id).unwrap();
        let undo_reject = apply(&mut fresh_set, edit).unwrap();
        apply(&mut fresh_set, undo_reject).unwrap();
        assert!(fresh_set.rejected().is_empty());
        drop(undo);
    }

    #[test]
    fn a_rejected_link_is_not_proposed_again() {
        let mut set = fresh();
        run(&mut set);
        let q = quote(&set, "الرصيف");
        let relation = set
            .relations()
            .find(|r| r.label == vocab::SAID_BY && r.from == q.id)
            .unwrap()
            .clone();
        let edit = review::reject_relation(&set, relation.id).unwrap();
        apply(&mut set, edit).unwrap();
        let again = run(&mut set);
        assert!(said_by(&set, q.id).is_empty(), "{:?}", again.skipped);
    }
}

#[test]
fn linking_a_quote_to_a_person_makes_its_speaker_form_a_name() {
    use crate::model::schema::Schema;
    use crate::model::set::{AnnotationSet, Document};
    use crate::session::OpenSet;
    use crate::suggest::vocab;

    let text = "الميناء\n\n\
        وقال المتحدث باسم الميناء عمر الزين في مؤتمر صحفي: «سنستقبل السفن الكبيرة في الربيع».\n";
    let dir = tempfile::tempdir().unwrap();
    let set = AnnotationSet::new(Document::new(text), Schema::default());
    let mut doc = OpenSet::create(set, &dir.path().join("port.json"));
    doc.suggest().unwrap();
    let quote = doc
        .set()
        .spans_ordered()
        .find(|s| s.label == vocab::QUOTE)
        .unwrap()
        .clone();
    // The user rejects whatever speaker the rules gave, labels the name, and links to it.
    let speakers: Vec<_> = doc
        .set()
        .relations()
        .filter(|r| r.label == vocab::SAID_BY && r.from == quote.id)
        .map(|r| r.to)
        .collect();
    for speaker in speakers {
        doc.review_span(speaker, false).unwrap();
    }
    // (The form the rules wrote, made "nominal" here whatever it was.)
    doc.set_attribute(quote.id, vocab::SPEAKER_FORM, Some("nominal".into()))
        .unwrap();
    let start = text.chars().count()
        - "عمر الزين في مؤتمر صحفي: «سنستقبل السفن الكبيرة في الربيع».\n"
            .chars()
            .count();
    let name = start..start + "عمر الزين".chars().count();
    let person = match doc.set().find_same(vocab::PERSON, name.clone()) {
        Some(id) => id,
        None => {
            let edit = doc.new_span(vocab::PERSON, name);
            doc.apply(edit).unwrap();
            doc.set()
                .spans_ordered()
                .find(|s| s.label == vocab::PERSON && s.review.is_accepted())
                .unwrap()
                .id
        }
    };
    doc.link(quote.id, person, None, Some(vocab::SAID_BY))
        .unwrap();
    assert_eq!(
        doc.set().span(quote.id).unwrap().attributes[vocab::SPEAKER_FORM],
        "name"
    );
    // One undo takes back the link and the form together.
    doc.undo().unwrap();
    assert_eq!(
        doc.set().span(quote.id).unwrap().attributes[vocab::SPEAKER_FORM],
        "nominal"
    );
}
