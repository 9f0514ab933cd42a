//! CoNLL-2003 style IOB2: one token and its tag per line (`token<TAB>tag`), a blank line
//! between sentences, and `-DOCSTART-<TAB>O` plus a blank line before each document.
//!
//! IOB2 cannot hold overlapping spans, relations, attributes or notes: the writer keeps a
//! set of non-overlapping spans (entity labels first, then earlier and longer spans) and
//! reports every other span, relation, attribute and note it left out. Sentences never split
//! inside a kept span, so each entity is one B- followed by I- tags.
//!
//! The reader rebuilds the text by joining a sentence's tokens with single spaces and the
//! sentences with line breaks; offsets are consistent with that text. It also accepts IOB1
//! (`I-` starting an entity, reported) and IOBES (`S-`, `E-`).

use crate::formats::read::ReadDocument;
use crate::formats::read::SetBuilder;
use crate::formats::read::{Outcome, Problem};
use crate::formats::registry::{
    CorpusWriter, DocumentExport, ExportOptions, LeftOut, OutFile, attributes_left_out,
    document_labels_left_out, exported_spans, non_overlapping,
};
use crate::formats::tokens::{self, covering_tokens};
use crate::model::set::AnnotationSet;

pub const FILE_NAME: &str = "corpus.conll";
pub const DOCSTART: &str = "-DOCSTART-";

pub struct Writer {
    options: ExportOptions,
    out: String,
}

impl Writer {
    pub fn new(options: ExportOptions) -> Self {
        Self {
            options,
            out: String::new(),
        }
    }
}

impl CorpusWriter for Writer {
    fn add(&mut self, _name: &str, set: &AnnotationSet) -> DocumentExport {
        let (candidates, mut left_out) = exported_spans(set, &self.options);
        let (kept, overlapping) = non_overlapping(set, &candidates);
        for span in overlapping {
            left_out.push(LeftOut::span(
                span,
                "overlaps a kept span; IOB2 cannot hold overlaps",
            ));
        }
        for relation in set.relations() {
            left_out.push(LeftOut::relation(
                relation,
                "CoNLL IOB2 cannot hold relations",
            ));
        }
        left_out.extend(attributes_left_out(&kept, "CoNLL IOB2"));
        left_out.extend(document_labels_left_out(set, "CoNLL IOB2"));
        let text = set.text().as_str();
        let forced: Vec<usize> = kept.iter().flat_map(|s| [s.start, s.end]).collect();
        let tokens = tokens::tokenize(text, &forced);
        let mut tags: Vec<Option<String>> = vec![None; tokens.len()];
        let mut written = 0;
        for span in &kept {
            match covering_tokens(&tokens, span.range()) {
                Some(range) => {
                    let mut first = true;
                    for i in range {
                        if tokens[i].is_space {
                            continue;
                        }
                        tags[i] = Some(format!("{}-{}", if first { "B" } else { "I" }, span.label));
                        first = false;
                    }
                    if first {
                        left_out.push(LeftOut::span(span, "covers only whitespace"));
                    } else {
                        written += 1;
                    }
                }
                None => left_out.push(LeftOut::span(span, "does not align with token boundaries")),
            }
        }
        let keep: Vec<_> = kept.iter().map(|s| s.range()).collect();
        let chars: Vec<char> = text.chars().collect();
        self.out.push_str(DOCSTART);
        self.out.push_str("\tO\n\n");
        for sentence in tokens::sentences(text, &tokens, &keep) {
            let mut any = false;
            for i in sentence {
                let token = &tokens[i];
                if token.is_space {
                    continue;
                }
                self.out.extend(&chars[token.range()]);
                self.out.push('\t');
                self.out.push_str(tags[i].as_deref().unwrap_or("O"));
                self.out.push('\n');
                any = true;
            }
            if any {
                self.out.push('\n');
            }
        }
        DocumentExport {
            files: Vec::new(),
            spans_written: written,
            relations_written: 0,
            left_out,
            notes: Vec::new(),
        }
    }

    fn finish(self: Box<Self>) -> Vec<OutFile> {
        vec![OutFile::new(FILE_NAME, self.out.into_bytes())]
    }
}

struct Entity {
    label: String,
    start: usize,
    end: usize,
    line: usize,
}

/// Read CoNLL IOB2 (or IOB1/IOBES) into one set per `-DOCSTART-` document (one set when the
/// file has none). Token in the first column, tag in the last.
pub fn read(file: &str, conll: &str) -> (Vec<ReadDocument>, Vec<Problem>) {
    let mut documents = Vec::new();
    let mut file_problems = Vec::new();
    let mut text = String::new();
    let mut text_chars = 0;
    let mut entities: Vec<Entity> = Vec::new();
    let mut open: Option<Entity> = None;
    let mut warnings: Vec<(usize, Outcome, String)> = Vec::new();
    let mut sentence_has_tokens = false;
    let mut doc_first_line = 1;

    let flush = |text: &mut String,
                 text_chars: &mut usize,
                 entities: &mut Vec<Entity>,
                 warnings: &mut Vec<(usize, Outcome, String)>,
                 first_line: usize,
                 documents: &mut Vec<ReadDocument>| {
        if text.is_empty() && entities.is_empty() {
            warnings.clear();
            return;
        }
        let origin = format!("{file} (document from line {first_line})");
        let mut builder = SetBuilder::new(text, &origin);
        for (line, outcome, message) in warnings.drain(..) {
            builder.problem(&format!("line {line}"), outcome, message);
        }
        for entity in entities.drain(..) {
            builder.add_span(
                &format!("line {}", entity.line),
                &entity.label,
                entity.start,
                entity.end,
                None,
            );
        }
        let (set, problems) = builder.finish();
        documents.push(ReadDocument {
            name: None,
            set,
            problems,
            notes: Vec::new(),
        });
        text.clear();
        *text_chars = 0;
    };

    for (i, raw_line) in conll.lines().enumerate() {
        let line_no = i + 1;
        let line = raw_line.trim_end_matches('\r');
        let columns: Vec<&str> = line.split(['\t', ' ']).filter(|c| !c.is_empty()).collect();
        if columns.is_empty() {
            if let Some(entity) = open.take() {
                entities.push(entity);
            }
            if sentence_has_tokens {
                text.push('\n');
                text_chars += 1;
                sentence_has_tokens = false;
            }
            continue;
        }
        if columns[0] == DOCSTART {
            if let Some(entity) = open.take() {
                entities.push(entity);
            }
            if text.ends_with('\n') {
                // keep the final line break of the document's last sentence
            }
            flush(
                &mut text,
                &mut text_chars,
                &mut entities,
                &mut warnings,
                doc_first_line,
                &mut documents,
            );
            doc_first_line = line_no;
            sentence_has_tokens = false;
            continue;
        }
        if columns.len() < 2 {
            warnings.push((
                line_no,
                Outcome::Repaired,
                format!(
                    "{} has no tag column; read as a token tagged O",
                    crate::formats::visible::quote(line)
                ),
            ));
        }
        let token = columns[0];
        let tag = if columns.len() >= 2 {
            columns[columns.len() - 1]
        } else {
            "O"
        };
        if sentence_has_tokens {
            text.push(' ');
            text_chars += 1;
        }
        let start = text_chars;
        text.push_str(token);
        text_chars += token.chars().count();
        let end = text_chars;
        sentence_has_tokens = true;
        let (prefix, label) = match tag.split_once('-') {
            Some((p, l)) if matches!(p, "B" | "I" | "E" | "S" | "L" | "U") && !l.is_empty() => {
                (p, l)
            }
            _ if tag == "O" => ("O", ""),
            _ => {
                // The token's tag names no entity Newsmark can read: what it marked is lost.
                warnings.push((
                    line_no,
                    Outcome::LeftOut,
                    format!("tag {tag:?} is not O, B-X, I-X, E-X or S-X; read as O"),
                ));
                ("O", "")
            }
        };
        match prefix {
            "O" => {
                if let Some(entity) = open.take() {
                    entities.push(entity);
                }
            }
            "B" | "S" | "U" => {
                if let Some(entity) = open.take() {
                    entities.push(entity);
                }
                let entity = Entity {
                    label: label.to_string(),
                    start,
                    end,
                    line: line_no,
                };
                if prefix == "B" {
                    open = Some(entity);
                } else {
                    entities.push(entity);
                }
            }
            _ => {
                // I, E, L: continue an open entity of the same label, else start one.
                match open.as_mut() {
                    Some(entity) if entity.label == label => entity.end = end,
                    _ => {
                        if let Some(entity) = open.take() {
                            entities.push(entity);
                        }
                        warnings.push((line_no, Outcome::Repaired, format!("{tag} does not continue a {label} entity; it starts one (IOB1 style)")));
                        open = Some(Entity {
                            label: label.to_string(),
                            start,
                            end,
                            line: line_no,
                        });
                    }
                }
                if matches!(prefix, "E" | "L")
                    && let Some(entity) = open.take()
                {
                    entities.push(entity);
                }
            }
        }
    }
    if let Some(entity) = open.take() {
        entities.push(entity);
    }
    if sentence_has_tokens {
        text.push('\n');
    }
    flush(
        &mut text,
        &mut text_chars,
        &mut entities,
        &mut warnings,
        doc_first_line,
        &mut documents,
    );
    if documents.is_empty() {
        file_problems.push(Problem {
            outcome: Outcome::LeftOut,
            item: file.to_string(),
            message: "holds no tokens; nothing imported".into(),
        });
    }
    if !documents.is_empty() {
        // Said once per file: a round trip through CoNLL does not give the article back.
        file_problems.push(Problem {
            outcome: Outcome::Repaired,
            item: file.to_string(),
            message: "CoNLL holds tokens, not the article: the text was rebuilt from them (one \
                      space between tokens, a line per sentence), so the offsets are the rebuilt \
                      text's. `newsmark reanchor SET ARTICLE -o SET` moves the labels onto the \
                      original article"
                .into(),
        });
    }
    (documents, file_problems)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::formats::registry::fixtures;

    #[test]
    fn writes_iob2_and_reports_overlaps_and_relations() {
        let set = fixtures::sample();
        let mut writer: Box<dyn CorpusWriter> = Box::new(Writer::new(ExportOptions::default()));
        let report = writer.add("fixture", &set);
        let conll = String::from_utf8(writer.finish()[0].bytes.clone()).expect("utf8");
        assert!(
            conll.starts_with("-DOCSTART-\tO\n\n„\tO\nWir\tB-QUOTE\n"),
            "{conll}"
        );
        assert!(
            conll.contains("Ana\tB-PERSON\nLúcia\tI-PERSON\nFerreira\tI-PERSON\n👍\tO\n"),
            "{conll}"
        );
        assert!(
            conll.contains("€\tB-MONEY\n4.2\tI-MONEY\nbillion\tI-MONEY\n"),
            "{conll}"
        );
        let reasons: Vec<String> = report.left_out.iter().map(ToString::to_string).collect();
        let has = |s: &str| reasons.iter().any(|r| r.contains(s));
        assert!(has("span 7 PERSON"), "{reasons:?}"); // "Ana Lúcia" inside "Ana Lúcia Ferreira"
        assert!(has("span 4 CLAIM"), "{reasons:?}");
        assert!(has("relation 1 said_by"), "{reasons:?}");
        // No I- tag without a B- or I- of the same label before it.
        let mut previous = "O".to_string();
        for line in conll.lines().filter(|l| !l.is_empty()) {
            let tag = line.rsplit('\t').next().expect("tag");
            if let Some(label) = tag.strip_prefix("I-") {
                assert!(previous.ends_with(label), "{line}");
            }
            previous = tag.to_string();
        }
        let (docs, _) = read("c.conll", &conll);
        assert_eq!(docs.len(), 1);
        let set2 = &docs[0].set;
        assert_eq!(set2.span_count(), report.spans_written);
        let texts: Vec<&str> = set2.spans_ordered().map(|s| set2.span_text(s)).collect();
        assert!(
            texts.contains(&"Ana Lúcia Ferreira") && texts.contains(&"€ 4.2 billion"),
            "{texts:?}"
        );
    }

    #[test]
    fn reads_iob1_and_iobes_with_reports() {
        let conll = "EU\tI-ORG\nsaid\tO\n\nNew\tB-GPE\nYork\tE-GPE\nx\tS-ORG\nbad\tQ\n";
        let (docs, file_problems) = read("c.conll", conll);
        let set = &docs[0].set;
        assert_eq!(set.text().as_str(), "EU said\nNew York x bad\n");
        // The file says once that its text is rebuilt, not the article's; nothing is left out.
        let [note] = file_problems.as_slice() else {
            panic!("{file_problems:?}")
        };
        assert!(
            note.message.contains("text was rebuilt") && !note.leaves_out(),
            "{note}"
        );
        let spans: Vec<(&str, &str)> = set
            .spans_ordered()
            .map(|s| (s.label.as_str(), set.span_text(s)))
            .collect();
        assert_eq!(spans, [("ORG", "EU"), ("GPE", "New York"), ("ORG", "x")]);
        assert_eq!(docs[0].problems.len(), 2, "{:?}", docs[0].problems);
    }
}
