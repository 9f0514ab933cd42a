//! The annotation schema: span labels, relation types, attributes and document labels.
//!
//! A schema is plain data. The default one lives in `assets/schema.default.json`; a project or
//! user file can replace it, and every saved set carries its own copy.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// The schema shipped with Newsmark (OntoNotes entity labels plus quotes, cues and claims).
pub const DEFAULT_SCHEMA_JSON: &str = include_str!("../../assets/schema.default.json");

/// What a label is for. Drives the quote and claim features and exports.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, PartialOrd, Ord)]
#[serde(rename_all = "lowercase")]
pub enum LabelKind {
    Entity,
    Quote,
    Claim,
    Other,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LabelDef {
    pub name: String,
    pub kind: LabelKind,
    /// `#rrggbb`.
    pub color: String,
    /// One character typed to apply the label, e.g. `"p"`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hotkey: Option<String>,
    #[serde(default)]
    pub description: String,
    /// Disabled labels stay valid in sets but are not offered in the palette.
    #[serde(default = "yes", skip_serializing_if = "is_true")]
    pub enabled: bool,
    /// Attributes a span with this label may carry.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub attributes: Vec<AttributeDef>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AttributeDef {
    pub name: String,
    #[serde(flatten)]
    pub value_type: AttributeType,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "lowercase")]
pub enum AttributeType {
    Choice { values: Vec<String> },
    Flag,
    Text,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RelationDef {
    pub name: String,
    /// Labels the relation may start from.
    pub from: Vec<String>,
    /// Labels the relation may point to; empty means any label.
    #[serde(default)]
    pub to: Vec<String>,
    #[serde(default)]
    pub description: String,
    /// `#rrggbb`; absent: the default of [`crate::model::vocab::relation::DEFAULT_COLORS`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub color: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DocumentLabelDef {
    pub name: String,
    #[serde(flatten)]
    pub value_type: AttributeType,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Schema {
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub name: String,
    pub labels: Vec<LabelDef>,
    #[serde(default)]
    pub relations: Vec<RelationDef>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub document_labels: Vec<DocumentLabelDef>,
}

#[derive(Debug, thiserror::Error)]
pub enum SchemaError {
    #[error("not a valid schema: {0}")]
    Json(#[from] serde_json::Error),
    #[error("label {0:?} is declared twice")]
    DuplicateLabel(String),
    #[error("labels {0:?} and {1:?} share the hotkey {2:?}")]
    DuplicateHotkey(String, String, String),
    #[error("label {0:?} has colour {1:?}; colours are written #rrggbb")]
    BadColor(String, String),
    #[error("label name {0:?} must be non-empty and without whitespace")]
    BadName(String),
    #[error("relation {0:?} names unknown label {1:?}")]
    UnknownRelationLabel(String, String),
}

fn yes() -> bool {
    true
}

fn is_true(value: &bool) -> bool {
    *value
}

impl Default for Schema {
    fn default() -> Self {
        // The embedded default is checked by a test; fall back to an empty schema rather than
        // panic should it ever be broken.
        Self::from_json(DEFAULT_SCHEMA_JSON).unwrap_or(Self {
            name: String::new(),
            labels: Vec::new(),
            relations: Vec::new(),
            document_labels: Vec::new(),
        })
    }
}

impl Schema {
    /// Parse and check a schema file.
    pub fn from_json(json: &str) -> Result<Self, SchemaError> {
        let schema: Schema = serde_json::from_str(json)?;
        schema.check()?;
        Ok(schema)
    }

    /// Check names, colours, hotkeys and relation labels.
    pub fn check(&self) -> Result<(), SchemaError> {
        let mut names = BTreeMap::new();
        let mut hotkeys: BTreeMap<String, &str> = BTreeMap::new();
        for label in &self.labels {
            if label.name.is_empty() || label.name.chars().any(char::is_whitespace) {
                return Err(SchemaError::BadName(label.name.clone()));
            }
            if names.insert(label.name.as_str(), ()).is_some() {
                return Err(SchemaError::DuplicateLabel(label.name.clone()));
            }
            if parse_hex_color(&label.color).is_none() {
                return Err(SchemaError::BadColor(
                    label.name.clone(),
                    label.color.clone(),
                ));
            }
            if let Some(key) = &label.hotkey
                && let Some(other) = hotkeys.insert(key.to_lowercase(), &label.name)
            {
                return Err(SchemaError::DuplicateHotkey(
                    other.to_string(),
                    label.name.clone(),
                    key.clone(),
                ));
            }
        }
        for relation in &self.relations {
            for label in relation.from.iter().chain(&relation.to) {
                if !names.contains_key(label.as_str()) {
                    return Err(SchemaError::UnknownRelationLabel(
                        relation.name.clone(),
                        label.clone(),
                    ));
                }
            }
        }
        Ok(())
    }

    pub fn label(&self, name: &str) -> Option<&LabelDef> {
        self.labels.iter().find(|l| l.name == name)
    }

    /// The document label named `name`, if the schema defines it.
    pub fn document_label(&self, name: &str) -> Option<&DocumentLabelDef> {
        self.document_labels.iter().find(|d| d.name == name)
    }

    pub fn label_index(&self, name: &str) -> Option<usize> {
        self.labels.iter().position(|l| l.name == name)
    }

    pub fn label_for_hotkey(&self, key: &str) -> Option<&LabelDef> {
        let key = key.to_lowercase();
        self.labels.iter().find(|l| {
            l.enabled && l.hotkey.as_deref().map(str::to_lowercase).as_deref() == Some(key.as_str())
        })
    }

    pub fn relation(&self, name: &str) -> Option<&RelationDef> {
        self.relations.iter().find(|r| r.name == name)
    }

    /// A link type's colour: the schema's, else the default for that type
    /// ([`crate::model::vocab::relation::DEFAULT_COLORS`]), else one shared colour.
    pub fn relation_color(&self, name: &str) -> (u8, u8, u8) {
        use super::vocab::relation::{DEFAULT_COLORS, OTHER_COLOR};
        self.relation(name)
            .and_then(|r| r.color.as_deref())
            .and_then(parse_hex_color)
            .or_else(|| {
                DEFAULT_COLORS
                    .iter()
                    .find(|(n, _)| *n == name)
                    .and_then(|(_, c)| parse_hex_color(c))
            })
            .or_else(|| parse_hex_color(OTHER_COLOR))
            .unwrap_or((0x2c, 0xa0, 0x2c))
    }

    /// Why a relation `name` from a `from_label` span to a `to_label` span is not allowed, if
    /// it is not.
    pub fn relation_refusal(&self, name: &str, from_label: &str, to_label: &str) -> Option<String> {
        let Some(def) = self.relation(name) else {
            return Some(format!("the schema has no relation type {name:?}"));
        };
        if !def.from.iter().any(|l| l == from_label) {
            return Some(format!(
                "{name} must start from {}, not {from_label}",
                def.from.join(" or ")
            ));
        }
        if !def.to.is_empty() && !def.to.iter().any(|l| l == to_label) {
            return Some(format!(
                "{name} must point to {}, not {to_label}",
                def.to.join(" or ")
            ));
        }
        None
    }

    /// Add a label not in the schema (found in a loaded set), grey and without hotkey.
    pub fn add_unknown_label(&mut self, name: &str) {
        if self.label(name).is_none() {
            self.labels.push(LabelDef {
                name: name.to_string(),
                kind: LabelKind::Other,
                color: "#9e9e9e".to_string(),
                hotkey: None,
                description: "Not in the schema: added when the set was loaded.".to_string(),
                enabled: true,
                attributes: Vec::new(),
            });
        }
    }
}

/// `#rrggbb` to (r, g, b).
pub fn parse_hex_color(color: &str) -> Option<(u8, u8, u8)> {
    let hex = color.strip_prefix('#')?;
    if hex.len() != 6 || !hex.is_ascii() {
        return None;
    }
    let channel = |i: usize| u8::from_str_radix(&hex[i..i + 2], 16).ok();
    Some((channel(0)?, channel(2)?, channel(4)?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_schema_is_valid_and_complete() {
        let schema = Schema::from_json(DEFAULT_SCHEMA_JSON).expect("default schema");
        for name in [
            "PERSON",
            "ORG",
            "GPE",
            "LOC",
            "FAC",
            "NORP",
            "EVENT",
            "LAW",
            "PRODUCT",
            "WORK_OF_ART",
            "DATE",
            "TIME",
            "MONEY",
            "PERCENT",
            "QUANTITY",
            "QUOTE",
            "CLAIM",
        ] {
            let label = schema
                .label(name)
                .unwrap_or_else(|| panic!("{name} missing"));
            assert!(label.enabled, "{name} enabled");
            assert!(label.hotkey.is_some(), "{name} has a hotkey");
        }
        for name in ["CARDINAL", "ORDINAL", "LANGUAGE"] {
            assert!(
                !schema.label(name).expect(name).enabled,
                "{name} ships disabled"
            );
        }
        assert_eq!(
            schema.label("QUOTE").map(|l| l.kind),
            Some(LabelKind::Quote)
        );
        assert_eq!(
            schema.label("CLAIM").map(|l| l.kind),
            Some(LabelKind::Claim)
        );
        assert!(
            schema
                .relation_refusal("said_by", "QUOTE", "PERSON")
                .is_none()
        );
        assert!(
            schema
                .relation_refusal("said_by", "PERSON", "QUOTE")
                .is_some()
        );
        assert_eq!(
            schema.label_for_hotkey("P").map(|l| l.name.as_str()),
            Some("PERSON")
        );
    }

    #[test]
    fn bad_schemas_are_refused_with_reasons() {
        let dup = r##"{"labels":[{"name":"A","kind":"entity","color":"#000000","hotkey":"a"},
            {"name":"B","kind":"entity","color":"#000000","hotkey":"A"}]}"##;
        assert!(matches!(
            Schema::from_json(dup),
            Err(SchemaError::DuplicateHotkey(..))
        ));
        let color = r#"{"labels":[{"name":"A","kind":"entity","color":"red"}]}"#;
        assert!(matches!(
            Schema::from_json(color),
            Err(SchemaError::BadColor(..))
        ));
        assert!(matches!(
            Schema::from_json("[1,"),
            Err(SchemaError::Json(_))
        ));
    }
}
