//! The pure core's data: text, schema, spans and relations, the set, edits and history.
//! No I/O and no UI here.

pub mod attribution;
pub mod bidi;
pub mod curation; // team: a gold set's curation record
pub mod edit;
pub mod find;
pub mod history;
pub mod index;
pub mod reanchor;
pub mod schema;
pub mod schema_edit;
pub mod set;
pub mod span;
pub mod text;
pub mod vocab;
pub mod words;

pub use edit::{Edit, EditError, apply};
pub use history::History;
pub use schema::{LabelDef, LabelKind, Schema};
pub use set::{AnnotationSet, Document, Metadata, Rejected, Status};
pub use span::{Relation, RelationId, Review, Span, SpanId};
pub use text::Text;
