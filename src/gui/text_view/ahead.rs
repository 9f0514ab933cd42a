//! Laying out ahead: right-to-left blocks just beyond the view are laid out on a thread of
//! their own, so that scrolling finds them ready instead of laying one out in the frame.
//!
//! The thread never touches egui (no context, no fonts, no lock): it keeps a copy of the
//! view's shape cache, fed with the words the view shapes (shared `Arc`s, not copies), and
//! lays out a block only from it ([`layout_bidi_cached`]). A block with words not shaped yet
//! is answered with those words: the frame shapes them through egui (as it would have had to
//! when laying the block out itself) and asks once more; if words are still missing, the
//! block is left to the frame. Answers are taken at the start of the next frame; those asked
//! before the atlas or the document changed (an older epoch), or for another style, are
//! dropped.

use std::collections::HashSet;
use std::ops::Range;
use std::sync::Arc;
use std::sync::mpsc::{Receiver, Sender, channel};

use super::BidiKey;
use super::block_layout::{BidiLayout, BidiStyle, layout_bidi_cached, shape_tokens};
use super::shaping::{Fresh, ShapeCache};
use crate::model::AnnotationSet;
use crate::model::bidi;

/// Blocks beyond the view asked for in each direction (at 400 px a frame the view enters one
/// or two new blocks a frame).
pub(super) const BLOCKS_AHEAD: usize = 8;

enum Message {
    /// Words the view shaped since the last message.
    Words(Fresh),
    Layout {
        epoch: u64,
        block: usize,
        text: String,
        style: BidiStyle,
        key: BidiKey,
    },
}

/// A block laid out on the thread, or the tokens (range, right to left) it lacked.
pub(super) struct Done {
    pub block: usize,
    pub key: BidiKey,
    pub style: BidiStyle,
    pub layout: Result<BidiLayout, Vec<(Range<usize>, bool)>>,
}

/// The view's ends of the channels to and from the thread: answers come with their epoch.
type Channels = (Sender<Message>, Receiver<(u64, Done)>);

/// The view's side of the layout thread (started when first needed, ended when dropped).
#[derive(Default)]
pub(super) struct Ahead {
    worker: Option<Channels>,
    /// The thread could not be started: the frame lays out everything, as before.
    unavailable: bool,
    epoch: u64,
    /// Blocks asked for in this epoch and not answered yet.
    pending: HashSet<usize>,
    /// Blocks asked for again after their missing words were shaped (asked once more only).
    retried: HashSet<usize>,
}

impl Ahead {
    /// Forget what was asked: answers to it will be dropped (a new atlas, document or style).
    pub fn invalidate(&mut self) {
        self.epoch += 1;
        self.pending.clear();
        self.retried.clear();
    }

    /// Blocks asked for and not answered yet.
    pub fn pending(&self) -> usize {
        self.pending.len()
    }

    pub fn is_pending(&self, block: usize) -> bool {
        self.pending.contains(&block)
    }

    /// Ask for `block` (its `text`) to be laid out in `style`, giving the thread the words
    /// `shapes` shaped since the last request first.
    pub fn request(
        &mut self,
        shapes: &mut ShapeCache,
        block: usize,
        text: String,
        style: BidiStyle,
        key: BidiKey,
    ) {
        if self.unavailable || self.pending.contains(&block) {
            return;
        }
        if self.worker.is_none() {
            let (to_worker, from_view) = channel();
            let (to_view, from_worker) = channel();
            let started = std::thread::Builder::new()
                .name("newsmark-layout-ahead".into())
                .spawn(move || work(from_view, to_view));
            if started.is_err() {
                self.unavailable = true;
                return;
            }
            self.worker = Some((to_worker, from_worker));
        }
        let Some((to_worker, _)) = &self.worker else {
            return;
        };
        let fresh = shapes.take_fresh();
        let sent = (!fresh.cleared && fresh.tokens.is_empty())
            || to_worker.send(Message::Words(fresh)).is_ok();
        let sent = sent
            && to_worker
                .send(Message::Layout {
                    epoch: self.epoch,
                    block,
                    text,
                    style,
                    key,
                })
                .is_ok();
        if sent {
            self.pending.insert(block);
        } else {
            // The thread is gone (it cannot fail but by panicking): lay out in the frame.
            self.worker = None;
            self.unavailable = true;
        }
    }

    /// The blocks laid out since the last call, of this epoch.
    pub fn done(&mut self) -> Vec<Done> {
        let mut done = Vec::new();
        let Some((_, from_worker)) = &self.worker else {
            return done;
        };
        while let Ok((epoch, answer)) = from_worker.try_recv() {
            if epoch == self.epoch {
                self.pending.remove(&answer.block);
                done.push(answer);
            }
        }
        done
    }
}

/// The thread: keep the copy of the shape cache up to date and lay out what is asked, until
/// the view is dropped.
fn work(from_view: Receiver<Message>, to_view: Sender<(u64, Done)>) {
    let mut shapes = ShapeCache::default();
    while let Ok(message) = from_view.recv() {
        match message {
            Message::Words(fresh) => shapes.adopt(fresh),
            Message::Layout {
                epoch,
                block,
                text,
                style,
                key,
            } => {
                let layout = layout_bidi_cached(&text, &style, &mut shapes);
                let done = Done {
                    block,
                    key,
                    style,
                    layout,
                };
                if to_view.send((epoch, done)).is_err() {
                    return;
                }
            }
        }
    }
}

impl super::TextView {
    /// Take the blocks the thread laid out into the cache of laid-out blocks (at the start of
    /// a frame, after [`Self::check_atlas`] dropped what a new atlas made stale). For a block
    /// that lacked words: shape them and ask again (once).
    pub(super) fn take_ahead(&mut self, ui: &egui::Ui, set: &AnnotationSet) {
        for done in self.ahead.done() {
            let layout = match done.layout {
                Ok(layout) => layout,
                Err(missing) => {
                    let text = set.text();
                    let Some(bytes) = text.blocks().get(done.block).map(|b| b.bytes.clone()) else {
                        continue;
                    };
                    if self.bidi_cache.contains_key(&done.block)
                        || !self.ahead.retried.insert(done.block)
                    {
                        continue;
                    }
                    let block_text = &text.as_str()[bytes];
                    let ctx = ui.ctx().clone();
                    shape_tokens(
                        block_text,
                        &done.style,
                        &mut self.shapes,
                        &mut |job| ctx.fonts_mut(|f| f.layout_job(job)),
                        &missing,
                    );
                    self.stats.bidi_words_shaped_ahead += missing.len();
                    self.ahead.request(
                        &mut self.shapes,
                        done.block,
                        block_text.to_string(),
                        done.style,
                        done.key,
                    );
                    continue;
                }
            };
            if matches!(self.bidi_cache.get(&done.block), Some((key, _)) if *key == done.key) {
                continue; // the frame needed it first
            }
            let near = self.anchor.block;
            self.keep_bidi(done.block, done.key, Arc::new(layout), near);
            self.stats.bidi_blocks_ahead += 1;
        }
    }

    /// Ask the thread for the right-to-left blocks just beyond the view that are not laid
    /// out yet: below it first, then above. (A block kept for another style is left to the
    /// frame, as it would be without the thread.)
    pub(super) fn lay_out_ahead(&mut self, ui: &egui::Ui, set: &AnnotationSet, wrap: f32) {
        let (Some(first), Some(last)) = (self.visible.first(), self.visible.last()) else {
            return;
        };
        let text = set.text();
        let blocks = text.blocks();
        let below = (last.index + 1..blocks.len()).take(BLOCKS_AHEAD);
        let above = (first.index.saturating_sub(BLOCKS_AHEAD)..first.index).rev();
        for block in below.chain(above) {
            if self.bidi_cache.contains_key(&block) || self.ahead.is_pending(block) {
                continue;
            }
            let block_text = &text.as_str()[blocks[block].bytes.clone()];
            if !bidi::has_rtl(block_text) {
                continue;
            }
            let (key, style) = self.bidi_style(ui, set, block, wrap);
            self.ahead
                .request(&mut self.shapes, block, block_text.to_string(), style, key);
        }
    }
}
