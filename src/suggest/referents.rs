//! Looking back from a quote for who it is: the latest person or source in its paragraph
//! and the one before ([`Window`]), a paragraph's subject, the person written earlier (or
//! later) with a title a nominal speaker names ("the secretary", "the sergeant major"), the
//! organisation "the company" stands for. Part of [`People`], with `coref.rs` (who the
//! people are) and `pronouns.rs` (who a pronoun stands for).

use std::ops::Range;

use super::attribution::Attribution;
use super::coref::{Mention, People};
use super::speakers::{self, Form, Speaker};
use super::tokens::{self, Kind, Paragraphs};
use super::{lexicon, names, vocab};

/// Where candidates for a speaker or an antecedent are looked for: the paragraph of the
/// quote (`paragraph`), the first character of the one before (`start`), and the mentions
/// `from..upto` between there and the quote.
pub(super) struct Window {
    pub paragraph: usize,
    pub start: usize,
    pub from: usize,
    pub upto: usize,
}

impl People<'_> {
    /// The mentions (indices `from..upto`) that end before `before`, in its paragraph and the
    /// one before it: where a floating quote's speaker or a pronoun's antecedent is looked for.
    pub(super) fn window_before(&self, before: usize, paragraphs: &Paragraphs) -> Window {
        let paragraph = paragraphs.of(before);
        let start = paragraphs.start(paragraph.saturating_sub(1));
        let upto = self.mentions.partition_point(|m| m.range.end <= before);
        let from = self.mentions[..upto].partition_point(|m| m.range.start < start);
        Window {
            paragraph,
            start,
            from,
            upto,
        }
    }

    /// The speaker of a quote with no attribution and no attributed quote before it: the
    /// latest person or nominal source before `before` in its paragraph or the one before,
    /// a sentence's subject first ("Fire Chief X described the blaze to reporters." then
    /// “Q.”). Persons are given as the mention (a surname keeps its link).
    pub(super) fn floating_speaker(
        &self,
        before: usize,
        paragraphs: &Paragraphs,
    ) -> Option<Mention> {
        let Window {
            paragraph: _,
            start: window_start,
            from,
            upto,
        } = self.window_before(before, paragraphs);
        let mut candidates: Vec<Mention> = self.mentions[from..upto]
            .iter()
            .filter(|m| m.label == vocab::PERSON)
            .cloned()
            .collect();
        candidates.extend(
            self.sources
                .iter()
                .filter(|r| r.start >= window_start && r.end <= before)
                .map(|r| Mention {
                    range: r.clone(),
                    label: vocab::SOURCE,
                    refers_to: None,
                    rule: "speaker.nominal",
                }),
        );
        candidates.sort_by_key(|m| std::cmp::Reverse(m.range.start));
        candidates
            .iter()
            .find(|m| m.label == vocab::SOURCE || self.subject_mentions.contains(&m.range.start))
            .or(candidates.first())
            .cloned()
    }

    /// The latest person named as the subject of a sentence between `since` and `before`
    /// (outside quotes) in the paragraph of `before`: who an unattributed quote right after
    /// is about to speak ("“Q1,” Soto said. Asked about the deadline, Amin was blunt. “Q2.”").
    pub(super) fn paragraph_subject(
        &self,
        since: usize,
        before: usize,
        paragraphs: &Paragraphs,
    ) -> Option<Mention> {
        let paragraph_start = paragraphs.start(paragraphs.of(before));
        let from = if since >= paragraph_start {
            // After a quote in the same paragraph: from the end of the sentence that carries
            // its attribution ("“Q1,” said X, acting Y director. “Q2.”" names no new subject).
            let tokens = self.tokens;
            let first = tokens.first_at_or_after(since);
            tokens.tokens[first..]
                .iter()
                .enumerate()
                .take_while(|(_, t)| t.start < before)
                .find(|&(k, _)| matches!(tokens.punct(first + k), Some('.' | '!' | '?')))
                .map(|(_, t)| t.end)?
        } else {
            paragraph_start
        };
        let upto = self.mentions.partition_point(|m| m.range.end <= before);
        self.mentions[..upto]
            .iter()
            .rev()
            .take_while(|m| m.range.start >= from)
            .find(|m| m.label == vocab::PERSON && self.subject_mentions.contains(&m.range.start))
            .cloned()
    }

    /// The person "the Secretary" stands for: the latest full name before `before` written
    /// with that title ("Interior Secretary Ilse Brandt"), among the last few hundred
    /// mentions. `head` is the title in lower case.
    pub(super) fn titled_person_before(&self, head: &str, before: usize) -> Option<Range<usize>> {
        let last = head.rsplit(' ').next().unwrap_or(head);
        if !names::is_title(&title_case(last)) {
            return None;
        }
        let upto = self.mentions.partition_point(|m| m.range.start < before);
        self.mentions[..upto]
            .iter()
            .rev()
            .take(300)
            .filter(|m| m.label == vocab::PERSON && m.refers_to.is_none())
            .find(|m| self.written_with_title(m, head))
            .map(|m| m.range.clone())
    }

    /// The person "a senior intelligence advisor" turns out to be, named soon after it with
    /// the same title ("Gary Phillips, senior intelligence advisor, ..."): the first full name
    /// within about two paragraphs after `after` written with `head` (lower case).
    pub(super) fn titled_person_after(&self, head: &str, after: usize) -> Option<Range<usize>> {
        let last = head.rsplit(' ').next().unwrap_or(head);
        if !names::is_title(&title_case(last)) {
            return None;
        }
        let from = self.mentions.partition_point(|m| m.range.start < after);
        self.mentions[from..]
            .iter()
            .take_while(|m| m.range.start < after + 1500)
            .filter(|m| m.label == vocab::PERSON && m.refers_to.is_none())
            .find(|m| self.written_with_title(m, head))
            .map(|m| m.range.clone())
    }

    /// The person "the 45-year-old" stands for: the latest person written with that age
    /// ("Lena Ortiz, 45,") in the few paragraphs before `before`, else the latest person
    /// who was the subject of a sentence there. `head` is the nominal's last word.
    ///
    /// A hometown's "native" ("the Tacoma native") has no age: the latest subject.
    pub(super) fn aged_person_before(&self, head: &str, before: usize) -> Option<Range<usize>> {
        let age = match head {
            "native" => "",
            _ => head.strip_suffix("-year-old")?,
        };
        if head != "native" && (age.is_empty() || !age.chars().all(|c| c.is_ascii_digit())) {
            return None;
        }
        let tokens = self.tokens;
        let upto = self.mentions.partition_point(|m| m.range.start < before);
        let recent = || {
            self.mentions[..upto]
                .iter()
                .rev()
                .take_while(|m| m.range.start + 1500 >= before)
                .filter(|m| m.label == vocab::PERSON)
        };
        recent()
            .find(|m| {
                let after = tokens.first_at_or_after(m.range.end);
                !age.is_empty()
                    && tokens.punct(after) == Some(',')
                    && tokens.word(after + 1) == Some(age)
            })
            .or_else(|| recent().find(|m| self.subject_mentions.contains(&m.range.start)))
            .map(|m| {
                m.refers_to
                    .as_ref()
                    .map_or_else(|| m.range.clone(), |target| target.clone())
            })
    }

    /// The person "the chairman" stands for when no one was written with that title: the
    /// latest full name in the few hundred characters before `before` written with a rank or
    /// a title of any kind ("When Marine Gen. Peter Pace met the men, … the chairman
    /// continued"). `head` (lower case) must be a title itself.
    pub(super) fn ranked_person_before(&self, head: &str, before: usize) -> Option<Range<usize>> {
        // A title or a rank ("the chairman", "the general"), not an occupation or a role
        // ("the moderator" after "Chief Master Sgt. James McCoy" is someone else).
        let is_rank = lexicon::RANK_ABBREVIATIONS
            .iter()
            .any(|(_, long)| *long == head);
        if !(lexicon::TITLE_SET.contains(&title_case(head)) || is_rank) {
            return None;
        }
        let tokens = self.tokens;
        let upto = self.mentions.partition_point(|m| m.range.start < before);
        self.mentions[..upto]
            .iter()
            .rev()
            .take_while(|m| m.range.start + 600 >= before)
            .filter(|m| m.label == vocab::PERSON && m.refers_to.is_none())
            .find(|m| {
                let first = tokens.first_at_or_after(m.range.start);
                (first.saturating_sub(3)..first).any(|k| {
                    tokens
                        .word(k)
                        .is_some_and(|w| tokens::is_capitalised(w) && names::is_title(w))
                })
            })
            .map(|m| m.range.clone())
    }

    /// True when the mention is written with the title `head` (lower case): before the name,
    /// or in an apposition after it ("Jane Roe, the company's project director,").
    fn written_with_title(&self, m: &Mention, title: &str) -> bool {
        let tokens = self.tokens;
        let first = tokens.first_at_or_after(m.range.start);
        let after = tokens.first_at_or_after(m.range.end);
        // A title of two words ("vice president") must be written whole; a title of one is
        // not another office's ("President" of "Vice President Harris" is no president).
        let (modifier, head) = match title.split_once(' ') {
            Some((modifier, head)) => (Some(modifier), head),
            None => (None, title),
        };
        let is_head = |k: usize| {
            tokens
                .lower(k)
                .is_some_and(|w| w == head || expand_rank(w) == Some(head))
                && match modifier {
                    Some(modifier) => k > 0 && tokens.lower(k - 1) == Some(modifier),
                    None => {
                        k == 0
                            || !tokens
                                .lower(k - 1)
                                .is_some_and(|w| super::coref::TITLE_MODIFIERS.contains(&w))
                    }
                }
        };
        // The title before the name, not another person's before it ("between Mayor Ines
        // Barros and Councillor Peter Voss": Voss is no mayor).
        let upto = self
            .mentions
            .partition_point(|other| other.range.start < m.range.start);
        let previous_end = self.mentions[..upto]
            .iter()
            .rev()
            .take(3)
            .map(|other| other.range.end)
            .find(|&end| end <= m.range.start)
            .map_or(0, |end| tokens.first_at_or_after(end));
        // (Within the name's sentence: "… a ministry spokesperson said. Skyline Air's chief
        // executive" does not write Skyline Air with "spokesperson".)
        (first.saturating_sub(5).max(previous_end)..first)
            .rev()
            .take_while(|&k| !speakers::ends_sentence_at(tokens, k))
            .any(is_head)
            || (tokens.punct(after) == Some(',')
                && (after + 1..after + 10)
                    .take_while(|&k| {
                        // (Through "U.S." and "Gen.": the full stop of an abbreviation.)
                        tokens.word(k).is_some()
                            || (tokens.punct(k) == Some('.')
                                && (speakers::is_abbreviation(tokens, k)
                                    || tokens.word(k - 1).is_some_and(|w| w.contains('.'))))
                    })
                    .any(is_head))
    }

    /// The organisation "the <head>" stands for: the latest organisation name before `before`
    /// (outside quotes) whose name has the head word ("the union": "Quarry Workers Union"),
    /// or any but a public body's, for a generic head ("the company" is not the "Department
    /// of Transport" named after "Harlow Shipping Company").
    pub(super) fn organisation_before(&self, head: &str, before: usize) -> Option<Range<usize>> {
        let tokens = self.tokens;
        let generic = lexicon::GENERIC_ORG_HEADS.contains(&head);
        if !generic && !lexicon::INSTITUTION_HEADS.contains(&head) {
            return None;
        }
        let organisations = self.organisations.get_or_init(|| {
            let mut found = Vec::new();
            let mut index = 0;
            while index < tokens.tokens.len() {
                let token = tokens.tokens[index];
                if token.kind != Kind::Word || self.excluded(token.start) {
                    index += 1;
                    continue;
                }
                let name = self.names.name_at(tokens, index).or_else(|| {
                    speakers::after_the(tokens, index)
                        .then(|| names::organisation_at(tokens, index))
                        .flatten()
                });
                match name {
                    Some(name) => {
                        let is_org = name.is_org
                            || (speakers::after_the(tokens, name.first_token)
                                && name.word_count(tokens) >= 2
                                && speakers::ends_phrase(tokens, name.last_token));
                        let name = if is_org {
                            names::whole_organisation(tokens, name)
                        } else {
                            name
                        };
                        if is_org {
                            let text = tokens.text(name.range.clone()).to_lowercase();
                            found.push((name.range.clone(), text));
                        }
                        index = name.last_token + 1;
                    }
                    None => index += 1,
                }
            }
            found
        });
        let until = organisations.partition_point(|(range, _)| range.start < before);
        organisations[..until]
            .iter()
            .rev()
            .find(|(range, text)| {
                range.end <= before
                    && if generic {
                        // "the company" is no ministry, agency or court.
                        !text
                            .split_whitespace()
                            .any(|w| lexicon::PUBLIC_BODY_WORDS.contains(&w))
                    } else {
                        text.split_whitespace().any(|w| w == head)
                    }
            })
            .map(|(range, _)| range.clone())
    }

    /// The person (full name) an attribution stands for, when it can be told.
    pub(super) fn resolve(
        &mut self,
        attribution: &Attribution,
        paragraphs: &Paragraphs,
    ) -> Option<String> {
        let speaker = &attribution.speaker;
        match speaker.form {
            Form::Name => Some(self.mention_at(&speaker.range).map_or_else(
                || self.tokens.text(speaker.range.clone()),
                |m| self.canonical(m),
            )),
            Form::Nominal => Some(self.tokens.text(speaker.range.clone())),
            Form::Pronoun => {
                let pronoun = self.tokens.text(speaker.range.clone());
                let before = speaker.range.start.min(attribution.cue.start);
                self.antecedent(before, &pronoun, paragraphs, None)
                    .map(|m| self.canonical(&m))
            }
        }
    }

    /// Who answers the question of `asker` (asked in paragraph `question`): the latest other
    /// person named outside quotes in that paragraph or the two before ("X was asked about it
    /// on the radio by the presenter Y"), else the latest earlier speaker who is not the asker.
    pub(super) fn other_party(
        &mut self,
        asker: &Attribution,
        question: usize,
        history: &[Attribution],
        paragraphs: &Paragraphs,
    ) -> Option<Attribution> {
        let asker_name = self.resolve(asker, paragraphs)?;
        let from = paragraphs.start(question.saturating_sub(2).max(1));
        let to = paragraphs.start(question + 1).max(from);
        let to = if to <= from { usize::MAX } else { to };
        let named = self
            .mentions
            .iter()
            .filter(|m| m.label == vocab::PERSON && m.range.start >= from && m.range.end <= to)
            .filter(|m| self.canonical(m) != asker_name)
            .max_by_key(|m| m.range.start)
            .cloned();
        if let Some(mention) = named {
            return Some(Attribution {
                speaker: Speaker {
                    range: mention.range,
                    form: Form::Name,
                    is_org: false,
                    title: None,
                },
                cue: asker.cue.clone(),
                rule: "speaker.exchange",
            });
        }
        for earlier in history.iter().rev() {
            if earlier.speaker.is_org {
                continue;
            }
            if let Some(name) = self.resolve(earlier, paragraphs)
                && name != asker_name
            {
                return Some(earlier.clone());
            }
        }
        None
    }
}

/// The word a rank's abbreviation stands for ("sgt" "sergeant"), in lower case: "the sergeant
/// major said" after "Sgt. Maj. Bryan Roe", "the admiral" after "Adm. Roe".
fn expand_rank(abbreviation: &str) -> Option<&'static str> {
    lexicon::RANK_ABBREVIATIONS
        .iter()
        .find(|(short, _)| *short == abbreviation)
        .map(|(_, long)| *long)
}

/// "secretary" -> "Secretary".
fn title_case(word: &str) -> String {
    let mut chars = word.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_uppercase().chain(chars).collect()
    })
}
