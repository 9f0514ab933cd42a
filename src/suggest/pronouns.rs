//! Pronouns: the gender cues a text gives its people, and the person a pronoun stands for
//! (part of coreference, see `coref`).

use foldhash::{HashMap, HashMapExt, HashSet};
use std::ops::Range;

use super::coref::{Gender, Mention, People, nominal_head};
use super::names;
use super::referents::Window;
use super::speakers::{self, Speaker};
use super::tokens::{self, Kind, Paragraphs};
use super::{lexicon, vocab};

/// The gender a pronoun speaker (or a pronoun in running text) asks for. An Arabic or
/// Hebrew speech verb with no subject word is its own pronoun ("وأضافت", "הוסיפה": she).
fn pronoun_gender(word: &str) -> Option<Gender> {
    let lower = word.to_lowercase();
    if lexicon::MALE_PRONOUNS.contains(&lower.as_str()) {
        Some(Gender::Male)
    } else if lexicon::FEMALE_PRONOUNS.contains(&lower.as_str()) {
        Some(Gender::Female)
    } else if super::rtl::is_rtl_word(word) {
        super::rtl::verb_gender(word)
    } else {
        None
    }
}

/// The gender a nominal's head noun gives ("a spokeswoman", "one woman", "the father"), if any.
fn nominal_gender(head: &str) -> Option<Gender> {
    if lexicon::FEMALE_NOUNS.contains(&head) || head.ends_with("woman") {
        Some(Gender::Female)
    } else if lexicon::MALE_NOUNS.contains(&head)
        || (head.ends_with("man") && head != "human" && head != "german")
    {
        Some(Gender::Male)
    } else {
        None
    }
}

/// The gender a title before a name gives.
fn title_gender(word: &str) -> Option<Gender> {
    if lexicon::MALE_TITLES.contains(&word) {
        Some(Gender::Male)
    } else if lexicon::FEMALE_TITLES.contains(&word) {
        Some(Gender::Female)
    } else {
        None
    }
}

impl People<'_> {
    /// Gender cues, by syntax and titles only (no list of first names):
    /// - a title before a mention ("Mr", "Mrs", "Ms", "Miss");
    /// - a mention that is the subject of its sentence, and the first of `he`/`she`/`his`/
    ///   `her own` after it in that sentence before any other mention or quote ("Lacey said
    ///   that she had met ...", "El Amrani had sent her his own model": object `her` is
    ///   skipped);
    /// - a subject mention alone in its sentence, and a next sentence that opens with `He` or
    ///   `She`.
    ///
    /// A name with cues for both is left without a gender. Also marks which mentions are the
    /// subject of their sentence: no subject pronoun before it in the sentence and no
    /// preposition or verb right before it (unless that word opens the sentence: "For X, ...").
    pub(super) fn learn_genders(&mut self, closes: &HashSet<usize>) {
        let tokens = self.tokens;
        // Votes per canonical mention (its range: no text copied per mention), added up per
        // full name at the end.
        let mut votes: HashMap<Range<usize>, [usize; 2]> = HashMap::new();
        let persons: Vec<Mention> = self
            .mentions
            .iter()
            .filter(|m| m.label == vocab::PERSON)
            .cloned()
            .collect();
        for (k, mention) in persons.iter().enumerate() {
            let key = mention.refers_to.clone().unwrap_or(mention.range.clone());
            let first = tokens.first_at_or_after(mention.range.start);
            let mut vote = |g: Gender| {
                let v = votes.entry(key.clone()).or_default();
                v[usize::from(g == Gender::Female)] += 1;
            };
            let mut before = first;
            if first > 0 && tokens.punct(first - 1) == Some('.') {
                before -= 1;
            }
            let title = before
                .checked_sub(1)
                .and_then(|i| tokens.word(i))
                .and_then(title_gender);
            if let Some(g) = title {
                vote(g);
            }
            if title.is_some()
                || (before > 0 && tokens.word(before - 1).is_some_and(names::is_title))
            {
                before -= 1;
            }
            // Subject position.
            let start = speakers::sentence_start(tokens, first, closes);
            let pronoun_first = (start..before).any(|i| {
                tokens
                    .lower(i)
                    .is_some_and(|w| lexicon::SUBJECT_PRONOUNS.contains(&w))
            });
            let object = before > start + 1
                && tokens
                    .lower(before - 1)
                    .is_some_and(|w| lexicon::OBJECT_MARKERS.contains(&w));
            // A person named later in the same clause as another one, with no comma or
            // "and" between them, is an object ("X inspected the site with her colleague
            // Y"); after a comma a new clause may start ("After meeting X, Y said").
            let same_clause = k > 0 && {
                let previous = &persons[k - 1];
                let from = tokens.first_at_or_after(previous.range.end);
                let sentence_from = tokens.tokens.get(start).map_or(0, |t| t.start);
                previous.range.start >= sentence_from
                    && previous.range.end <= mention.range.start
                    && (from..first).all(|i| {
                        !matches!(tokens.punct(i), Some(',' | ';' | ':'))
                            && tokens.lower(i) != Some("and")
                    })
            };
            // "Nair said Alvarez learned faster than anyone she had trained": a person right
            // after a speech verb whose subject came before is the reported clause's subject;
            // the pronouns after it are as likely the speaker's.
            let reported = before > start + 1
                && tokens
                    .word(before - 1)
                    .is_some_and(|w| speakers::is_cue_verb(w) && w.starts_with(char::is_lowercase))
                && k > 0
                && persons[k - 1].range.start >= tokens.tokens[start].start;
            let subject = !pronoun_first
                && !object
                && !same_clause
                && !reported
                && !self.is_possessive(&mention.range);
            if !subject {
                continue;
            }
            self.subject_mentions.insert(mention.range.start);
            let next_mention = persons.get(k + 1).map_or(usize::MAX, |m| m.range.start);
            let mut i = tokens.first_at_or_after(mention.range.end);
            let mut ended_sentence = false;
            while let Some(token) = tokens.tokens.get(i) {
                if token.kind == Kind::Break || token.start >= next_mention {
                    break;
                }
                if let Some(mark) = tokens.punct(i) {
                    if matches!(mark, '“' | '”' | '"' | '«' | '»' | '„') {
                        // "X said, “… we lose.” He asked …": a quote that ends its sentence
                        // ends the subject's; the next may open with its pronoun.
                        let mut close = i;
                        while tokens
                            .tokens
                            .get(close + 1)
                            .is_some_and(|t| self.excluded(t.start) && t.kind != Kind::Break)
                        {
                            close += 1;
                        }
                        if close > i + 1
                            && matches!(tokens.punct(close - 1), Some('.' | '!' | '?'))
                            && tokens.punct(close).is_some_and(|m| m != '“')
                        {
                            i = close;
                            ended_sentence = true;
                        }
                        break;
                    }
                    if matches!(mark, '.' | '!' | '?') && !closes.contains(&token.start) {
                        ended_sentence = true;
                        break;
                    }
                }
                if let Some(w) = tokens.word(i) {
                    let lw = w.to_lowercase();
                    let own = lw == "her" && tokens.word(i + 1).is_some_and(|n| n == "own");
                    // "Danica R. complained about giving her son's new address": "her" before
                    // a word for a relative is possessive, never an object.
                    let relative = lw == "her"
                        && tokens.word(i + 1).is_some_and(|n| {
                            let n = tokens::strip_possessive(n).to_lowercase();
                            lexicon::RELATIVE_NOUNS.contains(&n.as_str())
                        });
                    if own || relative {
                        vote(Gender::Female);
                        break;
                    }
                    if matches!(lw.as_str(), "he" | "she" | "his" | "himself" | "herself") {
                        if let Some(g) = pronoun_gender(&lw) {
                            vote(g);
                        }
                        break;
                    }
                }
                i += 1;
            }
            if ended_sentence
                && let Some(next) = tokens.word(i + 1)
                && tokens.tokens[i + 1].start < next_mention
                && matches!(next, "He" | "She")
                && let Some(g) = pronoun_gender(next)
            {
                vote(g);
            }
        }
        let mut by_name: HashMap<String, [usize; 2]> = HashMap::new();
        for (range, [male, female]) in votes {
            let total = by_name.entry(tokens.text(range)).or_default();
            total[0] += male;
            total[1] += female;
        }
        for (name, [male, female]) in by_name {
            match (male > 0, female > 0) {
                (true, false) => {
                    self.genders.insert(name, Gender::Male);
                }
                (false, true) => {
                    self.genders.insert(name, Gender::Female);
                }
                _ => {}
            }
        }
    }

    /// A pronoun speaker resolved to a person is a gender cue for the rest of the article
    /// ("Wilmore agreed. “…,” he said." makes Wilmore male, so a later "she said" skips him),
    /// unless the person already has one.
    pub(super) fn learn_from_pronoun(&mut self, mention: &Mention, pronoun: &str) {
        if mention.label != vocab::PERSON {
            return;
        }
        if let Some(gender) = pronoun_gender(pronoun) {
            let name = self.canonical(mention);
            self.genders.entry(name).or_insert(gender);
        }
    }

    /// "Dana Kell and Mira Osei … “Q,” they said": the first of two people joined by "and"
    /// speaks for both (as a joint statement is given to the first named); any other
    /// mention is itself.
    fn first_of_pair(&self, mention: Mention) -> Mention {
        let tokens = self.tokens;
        let first = tokens.first_at_or_after(mention.range.start);
        if mention.label != vocab::PERSON || first < 2 || tokens.lower(first - 1) != Some("and") {
            return mention;
        }
        let and_start = tokens.tokens[first - 1].start;
        let upto = self.mentions.partition_point(|m| m.range.end <= and_start);
        match upto.checked_sub(1).map(|k| &self.mentions[k]) {
            Some(other)
                if other.label == vocab::PERSON
                    && tokens.first_at_or_after(other.range.end) == first - 1 =>
            {
                other.clone()
            }
            _ => mention,
        }
    }

    /// True when a word of the person's name `name` (three letters or more) is a word of the
    /// text in `range`, outside brackets (the writer's "(laughing, Roach added)" inside a
    /// quote names its speaker).
    fn names_in(&self, range: Range<usize>, name: &str) -> bool {
        let tokens = self.tokens;
        let first = tokens.first_at_or_after(range.start);
        let mut depth = 0usize;
        tokens.tokens[first..]
            .iter()
            .enumerate()
            .take_while(|(_, t)| t.end <= range.end)
            .any(|(k, _)| {
                match tokens.punct(first + k) {
                    Some('(' | '[') => depth += 1,
                    Some(')' | ']') => depth = depth.saturating_sub(1),
                    _ => {}
                }
                depth == 0
                    && tokens.word(first + k).is_some_and(|w| {
                        let w = tokens::strip_possessive(w);
                        w.chars().count() >= 3
                            && w.starts_with(char::is_uppercase)
                            && name.split_whitespace().any(|part| part == w)
                    })
            })
    }

    /// "“Q,” he continued" (or "added") right after a quote of `previous`: `previous` goes on
    /// speaking when no other person is named outside quotes between it and `before`, and the
    /// pronoun's gender does not rule them out.
    pub(super) fn continuing_speaker(
        &self,
        previous: &Speaker,
        before: usize,
        pronoun: &str,
    ) -> Option<Speaker> {
        let name = self.mention_at(&previous.range).map_or_else(
            || self.tokens.text(previous.range.clone()),
            |m| self.canonical(m),
        );
        // (Not the words of the previous speaker's own sentence: "said Lt. Gen. Bruce A.
        // Wright, a Desert Shield/Storm veteran".)
        let tokens = self.tokens;
        let sentence_end = (tokens.first_at_or_after(previous.range.end)..tokens.tokens.len())
            .find(|&k| speakers::ends_sentence_at(tokens, k))
            .map_or(usize::MAX, |k| tokens.tokens[k].start);
        let other_between = self
            .mentions
            .iter()
            .filter(|m| m.range.start >= sentence_end && m.range.end <= before)
            .any(|m| m.label == vocab::PERSON && self.canonical(m) != name);
        let gender_fits = pronoun_gender(pronoun)
            .is_none_or(|want| self.genders.get(&name).is_none_or(|&g| g == want));
        (!other_between && gender_fits && previous.range.end <= before).then(|| previous.clone())
    }

    /// Who "I" is outside quotes in an interview printed as questions and first-person
    /// answers ("How did you start?" on a line of its own, then "I said to Ben one day, “…”"):
    /// the person it is about, named first, when no one is mentioned as often outside quotes
    /// and they are mentioned at least three times. None otherwise: in an article with no
    /// question line (a first-person essay's "I" is its writer), or when a byline names a
    /// writer (who is not annotated).
    fn narrator(&self) -> Option<Mention> {
        if self.has_byline || !self.has_question_line() {
            return None;
        }
        let mut counts: HashMap<String, (usize, usize)> = HashMap::new();
        for (index, mention) in self.mentions.iter().enumerate() {
            if mention.label == vocab::PERSON {
                counts
                    .entry(self.canonical(mention))
                    .or_insert((0, index))
                    .0 += 1;
            }
        }
        let mut ranked: Vec<(usize, usize)> = counts.into_values().collect();
        ranked.sort_by_key(|&(count, first)| (std::cmp::Reverse(count), first));
        let (top, first) = *ranked.first()?;
        let second = ranked.get(1).map_or(0, |&(count, _)| count);
        let named_first = ranked.iter().all(|&(_, other)| other >= first);
        (top >= 3 && top > second && named_first).then(|| self.mentions[first].clone())
    }

    /// True when a line of the article, outside quotes, is one question of at most 25 words
    /// ("Who or what inspired you to choose your career?"): an interview's question.
    fn has_question_line(&self) -> bool {
        let tokens = self.tokens;
        tokens.lines().any(|Range { start, end }| {
            end > start + 1
                && tokens.punct(end - 1) == Some('?')
                && (start..end - 1).all(|k| !matches!(tokens.punct(k), Some('.' | '?' | '!')))
                && tokens.word(start).is_some_and(tokens::is_capitalised)
                && tokens.word_count(tokens.tokens[start].start..tokens.tokens[end - 1].end) <= 25
                && !self.excluded(tokens.tokens[start].start)
        })
    }

    /// The person a pronoun before offset `before` stands for. Candidates are the person
    /// mentions and nominal speakers before it, latest first. For `he`/`she` a person whose
    /// gender cues (see `learn_genders`) say otherwise, a possessive ("Okafor’s manager") and an
    /// institution ("the company") are skipped; within the quote's paragraph and the one
    /// before, a nominal speaker, a person whose cues match or the subject of a sentence wins
    /// over a closer person in an object position. Otherwise the latest candidate left.
    ///
    /// A person the quote itself names (`quote`, its content) is not who says it ("“Priya
    /// never gave up,” he said" is not Priya's).
    pub(super) fn antecedent(
        &mut self,
        before: usize,
        pronoun: &str,
        paragraphs: &Paragraphs,
        quote: Option<Range<usize>>,
    ) -> Option<Mention> {
        if pronoun == "I" {
            return self.narrator.get_or_init(|| self.narrator()).clone();
        }
        // Candidates from the quote's paragraph and the one before, latest first; the rules
        // below look no further, except for the latest allowed candidate of all.
        let Window {
            paragraph,
            start: window_start,
            from,
            upto,
        } = self.window_before(before, paragraphs);
        let source = |r: &Range<usize>| Mention {
            range: r.clone(),
            label: vocab::SOURCE,
            refers_to: None,
            rule: "speaker.nominal",
        };
        let mut sources: Vec<Mention> = self
            .sources
            .iter()
            .filter(|r| r.end <= before)
            .map(source)
            .collect();
        sources.sort_by_key(|m| std::cmp::Reverse(m.range.start));
        let (recent_sources, older_sources): (Vec<Mention>, Vec<Mention>) = sources
            .into_iter()
            .partition(|m| m.range.start >= window_start);
        let mut candidates: Vec<Mention> = self.mentions[from..upto].to_vec();
        candidates.extend(recent_sources);
        candidates.sort_by_key(|m| std::cmp::Reverse(m.range.start));
        // The candidates before the window, latest first.
        let mut older = {
            let mut mentions = self.mentions[..from].iter().rev().peekable();
            let mut sources = older_sources.into_iter().peekable();
            std::iter::from_fn(move || {
                let take_mention = match (mentions.peek(), sources.peek()) {
                    (Some(m), Some(s)) => m.range.start >= s.range.start,
                    (Some(_), None) => true,
                    (None, Some(_)) => false,
                    (None, None) => return None,
                };
                if take_mention {
                    mentions.next().cloned()
                } else {
                    sources.next()
                }
            })
        };
        let Some(want) = pronoun_gender(pronoun) else {
            let latest = candidates.into_iter().next().or_else(|| older.next())?;
            return Some(self.first_of_pair(latest));
        };
        let is_allowed = |m: &Mention| {
            if m.label == vocab::SOURCE {
                let text = self.tokens.text(m.range.clone()).to_lowercase();
                // ("one woman in Kansas City": the head is "woman", not "city".)
                let words: Vec<&str> = text.split_whitespace().collect();
                let head = nominal_head(&words).unwrap_or_default();
                // ("the Airmen and their families" is no "he": a plural head, or two
                // nominals joined by "and".)
                let plural =
                    (head.ends_with('s') && !head.ends_with("ss")) || words.contains(&"and");
                !lexicon::INSTITUTION_HEADS.contains(&head)
                    && !plural
                    && nominal_gender(head).is_none_or(|g| g == want)
            } else {
                let name = self.canonical(m);
                !self.is_possessive(&m.range)
                    && self.genders.get(&name).is_none_or(|&g| g == want)
                    && !quote
                        .as_ref()
                        .is_some_and(|q| self.names_in(q.clone(), &name))
            }
        };
        let mut allowed: Vec<Mention> = candidates.into_iter().filter(is_allowed).collect();
        if allowed.is_empty()
            && let Some(latest) = older.find(is_allowed)
        {
            allowed.push(latest);
        }
        let prefer = |m: &Mention| {
            m.label == vocab::SOURCE
                || self.subject_mentions.contains(&m.range.start)
                || self.genders.get(&self.canonical(m)) == Some(&want)
        };
        // "Sam Ortiz asked Lena Marsh to present the plan. “I would be glad to,” she said":
        // the one asked answers. (The latest candidate of the quote's paragraph, right after
        // "asked" or "invited".)
        if let Some(asked) = allowed.first()
            && paragraphs.of(asked.range.start) == paragraph
            && asked.label == vocab::PERSON
            && self
                .tokens
                .first_at_or_after(asked.range.start)
                .checked_sub(1)
                .and_then(|k| self.tokens.lower(k))
                .is_some_and(|w| matches!(w, "asked" | "invited"))
        {
            return Some(asked.clone());
        }
        // "Jones, who trained under Smith, said the Army gave him everything. “Q,” he said":
        // the subject of a speech verb in the quote's paragraph wins over a closer person in
        // an object position, whatever their cues.
        if let Some(speaking) = allowed
            .iter()
            .take_while(|m| paragraphs.of(m.range.start) == paragraph)
            .find(|m| {
                m.label == vocab::PERSON
                    && self.subject_mentions.contains(&m.range.start)
                    && self.subjects.contains(&m.range)
            })
            && allowed
                .iter()
                .take_while(|m| m.range.start > speaking.range.start)
                .all(|m| !self.subject_mentions.contains(&m.range.start))
        {
            return Some(speaking.clone());
        }
        if let Some(here) = allowed
            .iter()
            .take_while(|m| paragraphs.of(m.range.start) == paragraph)
            .find(|m| prefer(m))
        {
            return Some(here.clone());
        }
        // A paragraph that names someone and then goes on with sentences opening "She ..."
        // is about that person ("The council also heard from X, a lawyer. She said ...").
        let start = paragraphs.start(paragraph);
        let tokens = self.tokens;
        let first = tokens.first_at_or_after(start);
        let first_pronoun = tokens.tokens[first..]
            .iter()
            .enumerate()
            .map(|(k, t)| (first + k, t))
            .take_while(|(_, t)| t.start <= before)
            .filter(|(_, t)| !self.excluded(t.start))
            .find(|&(i, _)| {
                tokens.word(i).is_some_and(|w| {
                    pronoun_gender(w) == Some(want)
                        && lexicon::SUBJECT_PRONOUNS.contains(&w.to_lowercase().as_str())
                }) && i > 0
                    && matches!(tokens.punct(i - 1), Some('.' | '!' | '?'))
            })
            .map(|(_, t)| t.start);
        if let Some(first_pronoun) = first_pronoun
            && let Some(introduced) = allowed
                .iter()
                .find(|m| m.range.start >= start && m.range.end <= first_pronoun)
        {
            return Some(introduced.clone());
        }
        let preferred = allowed
            .iter()
            .take_while(|m| paragraphs.of(m.range.start) + 1 >= paragraph)
            .find(|m| {
                m.label == vocab::SOURCE
                    || self.subject_mentions.contains(&m.range.start)
                    || self.genders.get(&self.canonical(m)) == Some(&want)
            });
        if let Some(found) = preferred {
            return Some(found.clone());
        }
        // Nothing in the window but names that show no sign of a person (no gender, no
        // subject, never speaking: "help from Orbital Dynamics"): the person of this gender
        // named up to three paragraphs before the window, whom the text was about, goes on.
        let weak = |m: &Mention| {
            m.label == vocab::PERSON && {
                let name = self.canonical(m);
                !self.genders.contains_key(&name) && !self.speakers.contains(&name)
            }
        };
        if allowed.iter().all(weak)
            && let Some(earlier) = older
                .take_while(|m| paragraphs.of(m.range.start) + 4 >= paragraph)
                .find(|m| is_allowed(m) && self.genders.get(&self.canonical(m)) == Some(&want))
        {
            return Some(earlier);
        }
        allowed.first().cloned()
    }
}
