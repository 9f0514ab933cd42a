//! The quote rules, run in order on one article: find the quotes, read an attribution around
//! each, join the parts of split and multi-paragraph quotes, keep speech and drop scare quotes,
//! collect the people and sources (`coref`), give floating quotes a speaker, and propose it all
//! as spans and relations with their rule ids.

use std::collections::BTreeMap;

use foldhash::HashSet;
use std::ops::Range;

use super::attribution::{self, Attribution};
use super::batch::Batch;
use super::coref::{Mention, People};
use super::speakers::{self, Form, Speaker};
use super::tokens::{Kind, Paragraphs, Tokens};
use super::{byline, headings, labels, lexicon, names, quotes, rtl, vocab};

/// Quoted passages of at most this many words are scare quotes or titles unless a speech verb
/// attributes them.
const SCARE_QUOTE_MAX_WORDS: usize = 3;

/// An unattributed quote shorter than this that does not end like a clause is taken for a
/// title or a phrase, not speech.
const PHRASE_MAX_WORDS: usize = 8;

/// A quote with everything decided about it.
struct QuoteInfo {
    quote: quotes::Quote,
    attribution: Option<Attribution>,
    /// The rule that gave the attribution when it came from another part or quote.
    inherited_rule: Option<&'static str>,
    /// Index of the quote this one continues, and the rule (`quote.paragraphs`, `quote.split`).
    continues: Option<(usize, &'static str)>,
    keep: bool,
    /// An attributed phrase quoted inside a sentence (`type = partial`).
    partial: bool,
    /// For a quote with no attribution at all: who the text was about just before it.
    floating: Option<Mention>,
}

pub(super) fn plan_quotes(text: &str, plan: &mut Batch) {
    let tokens = Tokens::new(text);
    let chars = &tokens.chars;
    let found = quotes::find(chars);
    plan.unpaired_marks = found.unpaired.clone();
    let paragraphs = Paragraphs::new(chars);
    let closes: HashSet<usize> = found.quotes.iter().filter_map(|q| q.close).collect();
    let byline = byline::byline(&tokens);

    let mut infos: Vec<QuoteInfo> = found
        .quotes
        .iter()
        .map(|quote| {
            let last = quote
                .content
                .end
                .checked_sub(1)
                .filter(|&l| l >= quote.content.start)
                .map(|l| chars[l]);
            // An attribution after the quote that runs into the next quote ("he says, “Q1!”
            // I said, “Q2”") is that quote's when this one has its own before it.
            let before = || attribution::before(&tokens, quote.open, &closes);
            let attribution = match quote
                .close
                .and_then(|close| attribution::after(&tokens, close, last))
            {
                Some(a) if attribution::opens_next_quote(&tokens, &a) => before().or(Some(a)),
                found => found,
            };
            let attribution = attribution
                .or_else(|| quote.close.and_then(|close| rtl::after(&tokens, close)))
                .or_else(before)
                .or_else(|| rtl::before(&tokens, quote.open, &closes))
                .or_else(|| attribution::preceding_sentence(&tokens, quote.open, &closes));
            QuoteInfo {
                quote: quote.clone(),
                attribution,
                inherited_rule: None,
                continues: None,
                keep: true,
                partial: false,
                floating: None,
            }
        })
        .collect();

    // Continuations: over paragraphs, and split quotes (`“Q1,” X said, “Q2”`).
    for i in 1..infos.len() {
        if infos[i].quote.continues_previous {
            infos[i].continues = Some((i - 1, "quote.paragraphs"));
            continue;
        }
        let previous = &infos[i - 1];
        let Some(close) = previous.quote.close else {
            continue;
        };
        let attributed_after = previous
            .attribution
            .as_ref()
            .is_some_and(|a| a.cue.start > close && a.cue.start < infos[i].quote.open);
        let between_first = tokens.first_at_or_after(close + 1);
        let between_last = tokens.first_at_or_after(infos[i].quote.open);
        // The full stop of a rank or an initial ("said Command Sgt. Maj. Ola Brenner, …,
        // “and …”") ends no sentence.
        let one_sentence = (between_first..between_last).all(|k| {
            let t = tokens.tokens[k];
            t.kind != Kind::Break
                && !(matches!(tokens.chars[t.start], '!' | '?')
                    || (tokens.chars[t.start] == '.' && !speakers::is_abbreviation(&tokens, k)))
        });
        let comma_before = between_last > between_first
            && matches!(tokens.punct(between_last - 1), Some(',' | ':'));
        let previous_open = !previous
            .quote
            .content
            .end
            .checked_sub(1)
            .is_some_and(|l| matches!(chars[l], '.' | '!' | '?'));
        if attributed_after && one_sentence && comma_before && previous_open {
            infos[i].continues = Some((i - 1, "quote.split"));
            infos[i].attribution = infos[i - 1].attribution.clone();
            infos[i].inherited_rule = Some("speaker.split");
        }
    }

    // Chains of parts share one attribution.
    let mut chain_of: Vec<usize> = (0..infos.len()).collect();
    for i in 0..infos.len() {
        if let Some((previous, _)) = infos[i].continues {
            chain_of[i] = chain_of[previous];
        }
    }
    let mut chains: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for (i, &chain) in chain_of.iter().enumerate() {
        chains.entry(chain).or_default().push(i);
    }
    for parts in chains.values() {
        let own = parts.iter().find_map(|&p| infos[p].attribution.clone());
        let words: usize = parts
            .iter()
            .map(|&p| tokens.word_count(infos[p].quote.content.clone()))
            .sum();
        // A quote labelled with a name ("- “A historic day.” – Senator Ellen Park") is
        // someone's words however short.
        let attributed = own.is_some()
            || (parts.len() == 1 && {
                let quote = &infos[parts[0]].quote;
                labels::label_name(&tokens, quote.open, quote.close, &closes).is_some()
                    || labels::label_organisation(&tokens, quote.open, quote.close).is_some()
                    || labels::label_title(&tokens, quote.open, &closes).is_some()
            });
        for &p in parts {
            if infos[p].attribution.is_none()
                && let Some(a) = &own
            {
                infos[p].attribution = Some(a.clone());
                infos[p].inherited_rule = Some("speaker.continued");
            }
        }
        let first = infos[parts[0]].quote.clone();
        let last_part = &infos[parts[parts.len() - 1]].quote;
        let ends_like_clause = last_part
            .content
            .end
            .checked_sub(1)
            .filter(|&l| l >= last_part.content.start)
            .is_some_and(|l| {
                matches!(
                    chars[l],
                    '.' | ',' | '?' | '!' | '…' | '—' | '–' | ':' | ';' | '،' | '؟'
                )
            });
        // A quote that is a sentence of its own (capital first, a full stop, question or
        // exclamation mark last, nothing of the sentence outside the marks) is speech, not
        // a scare quote, however short ("“Why not?”").
        let before_open = chars[..first.open]
            .iter()
            .rev()
            .find(|c| !c.is_whitespace() || **c == '\n');
        let own_sentence = first
            .content
            .clone()
            .next()
            .is_some_and(|f| chars[f].is_uppercase())
            && last_part
                .content
                .end
                .checked_sub(1)
                .filter(|&l| l >= last_part.content.start)
                .is_some_and(|l| matches!(chars[l], '.' | '?' | '!'))
            && before_open.is_none_or(|c| matches!(c, '\n' | '.' | '?' | '!' | '”' | '"' | '»'));
        // Arabic and Hebrew quotes introduced by a colon are speech whatever their length.
        let rtl_after_colon = rtl::after_colon(&tokens, first.open)
            && first
                .content
                .clone()
                .next()
                .is_some_and(|f| rtl::is_rtl_word(&chars[f].to_string()));
        // A quote written in title case with no speaker is the title of a work, a report, a
        // theme or a project ("a report entitled: “Transmission Projects Ready to Go: …”", a
        // release's list of grants, each title on its own line), not speech, whatever its
        // length and last mark.
        let title = parts.len() == 1
            && !attributed
            && headings::is_title_case(&tokens, first.content.clone());
        let keep = !first.content.is_empty()
            && !title
            && (attributed
                || rtl_after_colon
                || own_sentence
                || parts.len() > 1
                || (words > SCARE_QUOTE_MAX_WORDS
                    && (ends_like_clause || words >= PHRASE_MAX_WORDS)));
        for &p in parts {
            infos[p].keep = keep && !infos[p].quote.content.is_empty();
        }
        // A quote that a word of its sentence runs into (`called it an “appalling tragedy”`,
        // `noted that “we lost our trust”`) is a partial quote when someone in its sentence
        // says or names it; without a speaker it is a scare quote or a title, however long.
        // An attribution that opens the quote's sentence ("According to X, the officer, “…”")
        // makes it speech even after two commas.
        let opens_sentence = infos[parts[0]].attribution.as_ref().is_some_and(|a| {
            let open_token = tokens.first_at_or_after(first.open);
            let start = speakers::sentence_start(&tokens, open_token, &closes);
            tokens.tokens[start].start >= a.speaker.range.start.min(a.cue.start)
        });
        // The writer's own clause before a comma, then a lower-case quote its speaker is
        // named after ("… to honor those who gave the last full measure, “but the day honors
        // all,” Roe said."): the sentence starts outside the marks, so the quote is partial.
        let clause_before = infos[parts[0]]
            .attribution
            .as_ref()
            .is_some_and(|a| a.cue.start > first.open)
            && writer_clause_before(&tokens, &first, &closes);
        // `X said “the team is moving very fast.”`: a whole clause of the speaker's, ending
        // its sentence inside the marks, right after the speech verb, is a direct quote
        // though its first letter is small.
        if parts.len() == 1
            && infos[parts[0]].continues.is_none()
            && speech_verb_complement(&tokens, chars, &first)
        {
            let p = parts[0];
            if infos[p].attribution.is_none() {
                infos[p].attribution = attribution::in_sentence(&tokens, first.open, &closes);
            }
            infos[p].keep = infos[p].attribution.is_some();
            continue;
        }
        if parts.len() == 1
            && infos[parts[0]].continues.is_none()
            && (word_before(chars, first.open)
                || (fragment_after_comma(chars, &first) && !opens_sentence)
                || clause_before)
            && !holds_sentences(chars, &first.content)
        {
            let p = parts[0];
            if infos[p].attribution.is_none() {
                // Its own sentence's speech verb, else a sentence right before it that ends
                // with one ("Other teams differ, he said. The plan “is a start.”").
                infos[p].attribution = attribution::in_sentence(&tokens, first.open, &closes)
                    .or_else(|| {
                        let open_token = tokens.first_at_or_after(first.open);
                        let start = speakers::sentence_start(&tokens, open_token, &closes);
                        attribution::preceding_sentence(
                            &tokens,
                            tokens.tokens[start].start,
                            &closes,
                        )
                    });
            }
            infos[p].partial = true;
            // A nickname in marks inside a name ("Robert “Bob” Fenton") is no quote.
            infos[p].keep = infos[p].attribution.is_some()
                && !first.content.is_empty()
                && !names::is_nickname_in_name(&tokens, first.open);
        }
    }

    // People: full names from speakers, surnames resolved to them.
    // Every quoted passage, kept or not, is someone else's words: no mentions from there.
    let inside_quotes: Vec<Range<usize>> = infos
        .iter()
        .map(|i| i.quote.open..i.quote.close.map_or(i.quote.content.end, |c| c + 1))
        .collect();
    let mut people = People::new(
        &tokens,
        byline.clone(),
        byline::dateline(&tokens),
        inside_quotes,
    );
    // Subjects of speech verbs outside quotes (indirect speech too) are the people and sources
    // an article talks about; pronouns and "the spokesperson" point back to them.
    let mut subjects: Vec<(usize, Speaker)> = Vec::new();
    for (index, token) in tokens.tokens.iter().enumerate() {
        // "…, according to X, …": X is reported speaking, as a subject of "said" is.
        if token.kind == Kind::Word
            && matches!(tokens.lower(index), Some("according" | "in"))
            && !people.excluded(token.start)
            && let Some(speaker) = attribution::reported_source(&tokens, index)
        {
            subjects.push((token.start, speaker));
            continue;
        }
        // Not the subject of a passive ("had been told"), of a verb that reports no speech
        // ("the call went out"), nor one in a subordinate clause ("because the trust has
        // told staff ...").
        if token.kind == Kind::Word
            && !people.excluded(token.start)
            && tokens
                .lower(index)
                .is_some_and(|w| speakers::is_cue_verb(w) && !lexicon::REPORTS_NOTHING.contains(&w))
            && !attribution::passive_at(&tokens, index)
            && !noun_not_verb(&tokens, index)
        {
            let start = speakers::sentence_start(&tokens, index, &closes);
            if let Some(speaker) = speakers::speaker_before(&tokens, index, start) {
                let first = tokens.first_at_or_after(speaker.range.start);
                // (Also a clause reported without "that": "She said the port had not
                // answered her letters".)
                let subordinate = first > 0
                    && tokens.lower(first - 1).is_some_and(|w| {
                        lexicon::SUBORDINATORS.contains(&w)
                            || (speakers::is_cue_verb(w)
                                && tokens
                                    .word(first - 1)
                                    .is_some_and(|v| v.starts_with(char::is_lowercase)))
                    });
                if !subordinate {
                    subjects.push((token.start, speaker));
                }
            }
        }
    }
    for info in infos.iter().filter(|i| i.keep) {
        if let Some(a) = &info.attribution {
            subjects.push((a.cue.start, a.speaker.clone()));
        } else if let Some(range) =
            labels::label_name(&tokens, info.quote.open, info.quote.close, &closes)
        {
            // A name labelling a quote ("“Q.” — Jane Roe") is a speaker's, even on a line
            // with no sentence.
            subjects.push((
                range.start,
                Speaker {
                    range,
                    form: Form::Name,
                    is_org: false,
                    title: None,
                },
            ));
        }
    }
    subjects.sort_by_key(|(at, _)| *at);
    // "Director of the Centers for Disease Control and Prevention Mandy Cohen announced":
    // a speaker's run whose words after the first are another speaker's full name is that
    // name, with the last word of an organisation's before it.
    let named: HashSet<String> = subjects
        .iter()
        .filter(|(_, s)| s.form == Form::Name && !s.is_org)
        .map(|(_, s)| tokens.text(s.range.clone()))
        .collect();
    for (_, speaker) in &mut subjects {
        if speaker.form != Form::Name || speaker.is_org {
            continue;
        }
        let first = tokens.first_at_or_after(speaker.range.start);
        if first == 0 || tokens.lower(first - 1) != Some("and") {
            continue;
        }
        let text = tokens.text(speaker.range.clone());
        if text.split_whitespace().count() >= 3
            && let Some((_, rest)) = text.split_once(' ')
            && named.contains(rest)
        {
            speaker.range.start = tokens.tokens[first + 1].start;
        }
    }
    for (_, speaker) in &subjects {
        match speaker.form {
            Form::Name if !speaker.is_org => {
                people.add_speaker(speaker);
                people.subjects.push(speaker.range.clone());
            }
            Form::Nominal if !people.sources.contains(&speaker.range) => {
                people.sources.push(speaker.range.clone());
                people.subjects.push(speaker.range.clone());
            }
            _ => {}
        }
    }
    // "One woman in Kansas City lives with her parents … “Q,” she said": an unnamed person
    // opening a sentence is someone a later he/she may stand for.
    for range in speakers::indefinite_person_subjects(&tokens) {
        if !people.excluded(range.start) && !people.sources.contains(&range) {
            people.sources.push(range);
        }
    }
    people.add_candidates();
    people.collect_mentions();
    people.learn_genders(&closes);

    // Floating quotes take the speaker of the quote before them when it is in the same or
    // the previous paragraph, except in a question/answer exchange: a floating quote that
    // opens the paragraph after a question (an attributed quote ending in `?`) is the other
    // party's, and further floating paragraphs right after alternate between the two.
    let mut last_attributed: Option<(usize, Attribution)> = None;
    let mut history: Vec<Attribution> = Vec::new();
    // The two parties of an exchange: (who spoke last, the other one).
    let mut exchange: Option<(Attribution, Attribution)> = None;
    let mut previous_kept: Option<(usize, bool)> = None;
    // A person the text named as a sentence's subject right before a floating quote, whom
    // further floating quotes follow; and where the quote before ended.
    let mut last_floating: Option<(usize, Mention)> = None;
    let mut last_quote_end = 0;
    for info in infos.iter_mut().filter(|i| i.keep) {
        let since = last_quote_end;
        last_quote_end = info.quote.close.unwrap_or(info.quote.content.end);
        let paragraph = paragraphs.of(info.quote.open);
        let opens_paragraph = paragraphs.opens(chars, info.quote.open);
        let ends_question = info
            .quote
            .content
            .end
            .checked_sub(1)
            .filter(|&l| l >= info.quote.content.start)
            .is_some_and(|l| chars[l] == '?');
        let follows = previous_kept.is_some_and(|(at, _)| at + 1 == paragraph);
        let after_question = follows && previous_kept.is_some_and(|(_, q)| q);
        previous_kept = Some((paragraph, ends_question));
        match &info.attribution {
            Some(a) => {
                last_floating = None;
                last_attributed = Some((paragraph, a.clone()));
                if info.inherited_rule.is_none() {
                    history.push(a.clone());
                }
                exchange = None;
            }
            None => {
                if opens_paragraph && follows {
                    if exchange.is_none()
                        && after_question
                        && let Some((_, asker)) = &last_attributed
                        && let Some(answerer) =
                            people.other_party(asker, paragraph - 1, &history, &paragraphs)
                    {
                        exchange = Some((asker.clone(), answerer));
                    }
                    if let Some((last, other)) = exchange.take() {
                        info.attribution = Some(other.clone());
                        info.inherited_rule = Some("speaker.exchange");
                        last_attributed = Some((paragraph, other.clone()));
                        exchange = Some((other, last));
                        continue;
                    }
                } else {
                    exchange = None;
                }
                // A quote labelled with a name ("Lena Marsh: “Q”", "“Q.” — Jane Roe").
                if let Some(range) =
                    labels::label_name(&tokens, info.quote.open, info.quote.close, &closes)
                {
                    // (A name read only as a label, "Lena Park:", is a mention of its own.)
                    let mention = people.mention_at(&range).cloned().unwrap_or(Mention {
                        range,
                        label: vocab::PERSON,
                        refers_to: None,
                        rule: "speaker.label",
                    });
                    info.floating = Some(mention.clone());
                    last_floating = Some((paragraph, mention));
                    last_attributed = None;
                    continue;
                }
                // ... or with a title ("The President and First Lady: “Q”").
                if let Some(range) = labels::label_title(&tokens, info.quote.open, &closes) {
                    info.floating = Some(Mention {
                        range,
                        label: vocab::SOURCE,
                        refers_to: None,
                        rule: "speaker.label",
                    });
                    last_floating = None;
                    last_attributed = None;
                    continue;
                }
                // ... or with an organisation ("National Association of Counties: “Q”").
                if let Some(range) =
                    labels::label_organisation(&tokens, info.quote.open, info.quote.close)
                {
                    info.floating = Some(Mention {
                        range,
                        label: vocab::ORG,
                        refers_to: None,
                        rule: "speaker.label",
                    });
                    last_floating = None;
                    last_attributed = None;
                    continue;
                }
                // Someone named as a sentence's subject in this paragraph since the last
                // quote speaks next ("Amin was blunt. “We will miss it.”").
                if let Some(subject) = people.paragraph_subject(since, info.quote.open, &paragraphs)
                {
                    info.floating = Some(subject.clone());
                    last_floating = Some((paragraph, subject));
                    last_attributed = None;
                    continue;
                }
                if let Some((at, a)) = &last_attributed
                    && paragraph <= at + 1
                {
                    info.attribution = Some(a.clone());
                    info.inherited_rule = Some("speaker.previous");
                    last_attributed = Some((paragraph, a.clone()));
                } else if let Some((at, subject)) = &last_floating
                    && paragraph <= at + 1
                {
                    info.floating = Some(subject.clone());
                    last_floating = Some((paragraph, subject.clone()));
                } else {
                    // No quote to follow: the person (or nominal source) the text was just
                    // about, in this paragraph or the one before ("Fire Chief X described
                    // the blaze." then “Q.”).
                    info.floating = people.floating_speaker(info.quote.open, &paragraphs);
                    // No one there either (a paragraph about things between): the last
                    // speaker, up to three paragraphs back, goes on rather than no one.
                    if info.floating.is_none()
                        && let Some((at, a)) = &last_attributed
                        && paragraph <= at + 3
                    {
                        info.attribution = Some(a.clone());
                        info.inherited_rule = Some("speaker.previous");
                        last_attributed = Some((paragraph, a.clone()));
                    }
                }
            }
        }
    }
    if let Some(range) = &byline
        && let Some(name) = byline::byline_name(&tokens, range)
    {
        plan.span(vocab::PERSON, name.range, "name.byline");
    }
    for mention in &people.mentions {
        people.plan_mention(plan, mention);
    }

    // The quotes themselves, their cues and speakers.
    let mut quote_index: Vec<Option<usize>> = vec![None; infos.len()];
    // The named speaker of the latest quote, for "“Q,” he continued" right after it.
    let mut previous_named: Option<Speaker> = None;
    for (i, info) in infos.iter().enumerate() {
        if !info.keep {
            continue;
        }
        let index = plan.span(
            vocab::QUOTE,
            info.quote.content.clone(),
            info.quote.style.rule(),
        );
        plan.spans[index].attributes.insert(
            vocab::QUOTE_TYPE.into(),
            serde_json::Value::from(if info.partial {
                vocab::PARTIAL
            } else {
                vocab::DIRECT
            }),
        );
        let form = info
            .attribution
            .as_ref()
            .map_or("none", |a| a.speaker.form.attribute());
        plan.spans[index]
            .attributes
            .insert(vocab::SPEAKER_FORM.into(), serde_json::Value::from(form));
        quote_index[i] = Some(index);
        if let Some((previous, rule)) = info.continues
            && let Some(previous_index) = quote_index[previous]
        {
            plan.relation(vocab::CONTINUES, index, previous_index, rule);
        }
        let Some(a) = &info.attribution else {
            if let Some(mention) = &info.floating {
                let speaker = people.plan_mention(plan, mention);
                plan.relation(vocab::SAID_BY, index, speaker, "speaker.paragraph-before");
            }
            continue;
        };
        let rule = info.inherited_rule.unwrap_or(a.rule);
        let cue = plan.span(vocab::CUE, a.cue.clone(), a.rule);
        plan.relation(vocab::CUE_LINK, index, cue, rule);
        let speaker = match a.speaker.form {
            Form::Name => Some(people.plan_speaker(plan, &a.speaker, a.rule)),
            Form::Nominal => Some(people.plan_source(plan, &a.speaker.range, a.rule)),
            // Arabic, Hebrew, Persian and Urdu: the speaker named at an earlier speech verb.
            Form::Pronoun if rtl::is_rtl_word(&tokens.text(a.speaker.range.clone())) => {
                let pronoun = tokens.text(a.speaker.range.clone());
                rtl::previous_speaker(&tokens, a.speaker.range.start, &pronoun).map(|s| {
                    match s.form {
                        Form::Name => people.plan_speaker(plan, &s, a.rule),
                        _ => people.plan_source(plan, &s.range, a.rule),
                    }
                })
            }
            Form::Pronoun => {
                let before = a.speaker.range.start.min(info.quote.open);
                let pronoun = tokens.text(a.speaker.range.clone());
                let verb = tokens.text(a.cue.clone()).to_lowercase();
                match previous_named
                    .as_ref()
                    .filter(|_| lexicon::CONTINUING_VERBS.contains(&verb.as_str()))
                    .and_then(|previous| people.continuing_speaker(previous, before, &pronoun))
                {
                    Some(previous) => Some(people.plan_speaker(plan, &previous, a.rule)),
                    None => people
                        .antecedent(
                            before,
                            &pronoun,
                            &paragraphs,
                            Some(info.quote.content.clone()),
                        )
                        .map(|mention| {
                            people.learn_from_pronoun(&mention, &pronoun);
                            people.plan_mention(plan, &mention)
                        }),
                }
            }
        };
        if !info.partial {
            previous_named = (a.speaker.form == Form::Name && !a.speaker.is_org)
                .then(|| a.speaker.clone())
                .or_else(|| {
                    previous_named
                        .take()
                        .filter(|_| a.speaker.form == Form::Pronoun)
                });
        }
        if let Some(speaker) = speaker {
            plan.relation(vocab::SAID_BY, index, speaker, rule);
        }
    }
}

/// True when a letter or digit of the same line comes right before the opening mark at
/// True when the speech word at token `index` is a plural noun there ("seeking answers from",
/// "his notes"): a word of [`lexicon::CUE_NOUNS`] after a word ending in "-ing", a determiner
/// or a preposition.
fn noun_not_verb(tokens: &Tokens, index: usize) -> bool {
    index > 0
        && tokens
            .lower(index)
            .is_some_and(|w| lexicon::CUE_NOUNS.contains(&w))
        && tokens.lower(index - 1).is_some_and(|w| {
            w.ends_with("ing")
                || lexicon::DETERMINERS.contains(&w)
                || lexicon::PREPOSITIONS.contains(&w)
                || matches!(w, "the" | "my" | "your")
        })
}

/// `open` (spaces skipped): the quote runs on from the words of its sentence.
/// A quote opened after a comma that starts with a lower-case letter, after an attribution
/// set off by commas inside the writer's own sentence, is a fragment of that sentence ("The
/// department helped, he added, “bringing speed and scale to the response.”"). After an
/// attribution that opens the sentence ("He went on, “it is working.”") it is speech.
fn fragment_after_comma(chars: &[char], quote: &quotes::Quote) -> bool {
    let Some(comma) = (0..quote.open)
        .rev()
        .find(|&i| !(chars[i].is_whitespace() && chars[i] != '\n'))
    else {
        return false;
    };
    let lower_first = quote
        .content
        .clone()
        .next()
        .is_some_and(|f| chars[f].is_lowercase());
    if chars[comma] != ',' || !lower_first {
        return false;
    }
    // Another comma earlier in the same sentence: the attribution is set off inside it.
    chars[..comma]
        .iter()
        .rev()
        .take_while(|c| !matches!(c, '.' | '!' | '?' | '\n' | '”' | '"' | '»'))
        .any(|c| *c == ',')
}

/// True when the quote opens with a lower-case letter after a comma that ends a clause of
/// four words or more of its own sentence.
fn writer_clause_before(tokens: &Tokens, quote: &quotes::Quote, closes: &HashSet<usize>) -> bool {
    let chars = &tokens.chars;
    let lower_first = quote
        .content
        .clone()
        .next()
        .is_some_and(|f| chars[f].is_lowercase());
    let Some(comma) = (0..quote.open)
        .rev()
        .find(|&i| !(chars[i].is_whitespace() && chars[i] != '\n'))
    else {
        return false;
    };
    if !lower_first || chars[comma] != ',' {
        return false;
    }
    let open_token = tokens.first_at_or_after(quote.open);
    let start = speakers::sentence_start(tokens, open_token, closes);
    tokens.word_count(tokens.tokens[start].start..comma) >= 4
}

/// True when the quoted words are two sentences or more, a capital first and a sentence's end
/// inside ("… to Slovenia “We see a leader in space. We look forward to …”", a source's
/// closing mark typed as an opening one): no fragment of the writer's sentence, so a direct
/// quote whatever runs into its opening mark.
fn holds_sentences(chars: &[char], content: &Range<usize>) -> bool {
    let text = &chars[content.clone()];
    // A sentence's end: a stop after a lower-case word that is no abbreviation ("Dr.", "St."),
    // a space, a capital ("U.S. Army" ends nothing).
    let ends_sentence = |i: usize| {
        matches!(text[i], '.' | '!' | '?')
            && text.get(i + 1) == Some(&' ')
            && text.get(i + 2).is_some_and(|c| c.is_uppercase())
            && i > 0
            && text[i - 1].is_lowercase()
            && {
                let start = text[..i]
                    .iter()
                    .rposition(|c| !c.is_alphabetic())
                    .map_or(0, |p| p + 1);
                let word: String = text[start..i].iter().collect();
                !lexicon::ABBREVIATIONS.contains(&word.as_str())
            }
    };
    text.first().is_some_and(|c| c.is_uppercase())
        && text.last().is_some_and(|c| matches!(c, '.' | '!' | '?'))
        && (0..text.len()).any(ends_sentence)
}

/// True when the quote is a clause its speech verb reports (`said “the team is moving
/// fast.”`): the word right before the opening mark is a speech verb (not "that": `noted
/// that “we lost our trust in the process.”` is partial in the gold conventions), and the
/// quoted words, six or more, end a sentence.
fn speech_verb_complement(tokens: &Tokens, chars: &[char], quote: &quotes::Quote) -> bool {
    let open_token = tokens.first_at_or_after(quote.open);
    let Some(before) = open_token.checked_sub(1) else {
        return false;
    };
    let content = &chars[quote.content.clone()];
    tokens.word(before).is_some_and(|w| {
        speakers::is_cue_verb(w)
            && !lexicon::REPORTS_NOTHING.contains(&w.to_lowercase().as_str())
            && !lexicon::NAMING_VERBS.contains(&w.to_lowercase().as_str())
    }) && !attribution::passive_at(tokens, before)
        && content
            .iter()
            .rev()
            .find(|c| !c.is_whitespace())
            .is_some_and(|c| matches!(c, '.' | '!' | '?'))
        && tokens.word_count(quote.content.clone()) >= 6
}

fn word_before(chars: &[char], open: usize) -> bool {
    chars[..open]
        .iter()
        .rev()
        .find(|c| !(c.is_whitespace() && **c != '\n'))
        .is_some_and(|c| c.is_alphanumeric())
}
