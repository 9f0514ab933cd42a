//! Familiar forms of English given names ("Bob" for Robert, "Liz" for Elizabeth): one person
//! written both ways in an article ("Robert Yang … he [Bob Yang] said") is one speaker.

/// Formal given names and their familiar forms. Only forms that are no other given name of
/// their own in common use, and no ordinary English word once capitalised ("Will", "Bill" and
/// "Pat" are left out; "Sue", "Rob" and "Don" too).
const FAMILIAR: &[(&str, &[&str])] = &[
    ("Robert", &["Bob", "Bobby", "Robbie"]),
    ("William", &["Billy", "Willie", "Liam"]),
    ("Richard", &["Rick", "Ricky", "Rich", "Dick"]),
    ("James", &["Jim", "Jimmy", "Jamie"]),
    ("John", &["Johnny", "Jack"]),
    ("Michael", &["Mike", "Mikey", "Mick"]),
    ("Thomas", &["Tom", "Tommy"]),
    ("Joseph", &["Joe", "Joey"]),
    ("Charles", &["Charlie", "Chuck"]),
    ("Edward", &["Ed", "Eddie", "Ted", "Ned"]),
    ("Anthony", &["Tony"]),
    ("Christopher", &["Chris"]),
    ("Daniel", &["Dan", "Danny"]),
    ("David", &["Dave"]),
    ("Matthew", &["Matt"]),
    ("Andrew", &["Andy", "Drew"]),
    ("Steven", &["Steve"]),
    ("Stephen", &["Steve"]),
    ("Kenneth", &["Ken", "Kenny"]),
    ("Ronald", &["Ron", "Ronnie"]),
    ("Donald", &["Donnie"]),
    ("Gregory", &["Greg"]),
    ("Jeffrey", &["Jeff"]),
    ("Timothy", &["Tim", "Timmy"]),
    ("Nicholas", &["Nick", "Nicky"]),
    ("Benjamin", &["Ben", "Benny"]),
    ("Samuel", &["Sam", "Sammy"]),
    ("Alexander", &["Alex"]),
    ("Zachary", &["Zach", "Zack"]),
    ("Gerald", &["Gerry", "Jerry"]),
    ("Lawrence", &["Larry"]),
    ("Leonard", &["Len", "Lenny"]),
    ("Raymond", &["Ray"]),
    ("Frederick", &["Fred", "Freddie"]),
    ("Douglas", &["Doug"]),
    ("Jonathan", &["Jon"]),
    ("Elizabeth", &["Liz", "Beth", "Betty", "Lizzie", "Eliza"]),
    ("Margaret", &["Maggie", "Peggy", "Meg"]),
    ("Katherine", &["Kate", "Katie", "Kathy", "Kat"]),
    ("Catherine", &["Kate", "Katie", "Cathy"]),
    ("Kathleen", &["Kathy", "Kate"]),
    ("Jennifer", &["Jen", "Jenny"]),
    ("Rebecca", &["Becky", "Becca"]),
    ("Susan", &["Susie"]),
    ("Patricia", &["Patty", "Trish", "Tricia"]),
    ("Deborah", &["Debbie", "Deb"]),
    ("Christine", &["Chris", "Chrissy"]),
    ("Christina", &["Chris", "Tina"]),
    ("Victoria", &["Vicky", "Tori"]),
    ("Gwendolyn", &["Gwen"]),
    ("Jacqueline", &["Jackie"]),
    ("Abigail", &["Abby"]),
    ("Samantha", &["Sam", "Sammy"]),
    ("Alexandra", &["Alex", "Sasha"]),
    ("Cynthia", &["Cindy"]),
    ("Barbara", &["Barb"]),
    ("Pamela", &["Pam"]),
    ("Theresa", &["Terri", "Tess"]),
    ("Virginia", &["Ginny"]),
    ("Dorothy", &["Dot", "Dottie"]),
];

/// The familiar forms of a formal given name ("Robert": Bob, Bobby, Robbie); none for others.
pub fn familiar_forms(given: &str) -> &'static [&'static str] {
    FAMILIAR
        .iter()
        .find(|(formal, _)| *formal == given)
        .map_or(&[], |(_, forms)| forms)
}

/// A full name with a familiar given name written as the formal one ("Bob Yang" -> "Robert
/// Yang"), when exactly one formal name has that form; otherwise the name as it is.
pub fn with_formal_given_name(full: &str) -> String {
    let Some((given, rest)) = full.split_once(' ') else {
        return full.to_string();
    };
    let mut formal = FAMILIAR
        .iter()
        .filter(|(_, forms)| forms.contains(&given))
        .map(|(formal, _)| *formal);
    match (formal.next(), formal.next()) {
        (Some(formal), None) => format!("{formal} {rest}"),
        _ => full.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn familiar_and_formal_forms() {
        assert_eq!(familiar_forms("Robert"), &["Bob", "Bobby", "Robbie"]);
        assert!(familiar_forms("Marisol").is_empty());
        assert_eq!(with_formal_given_name("Bob Yang"), "Robert Yang");
        assert_eq!(with_formal_given_name("Robert Yang"), "Robert Yang");
        // "Kate" is Katherine's, Catherine's and Kathleen's: no one formal name.
        assert_eq!(with_formal_given_name("Kate Moss"), "Kate Moss");
        assert_eq!(with_formal_given_name("Yang"), "Yang");
        // Every familiar form is capitalised and differs from its formal name.
        for (formal, forms) in FAMILIAR {
            for form in *forms {
                assert!(form.starts_with(char::is_uppercase) && form != formal);
            }
        }
    }
}
