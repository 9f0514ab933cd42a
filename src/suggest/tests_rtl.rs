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
        המנכ\"ל של החברה, ג'ורג' לוי, הוסיף: \"נבנה מזח חדש בקיץ\".\n";
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
}
