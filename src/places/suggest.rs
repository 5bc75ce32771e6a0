//! Places suggested as the visitor types: asked for a moment after the last keystroke rather
//! than at every key, the call for an older text aborted (its answer would arrive after the
//! newer one's, or waste the server's time), and nothing asked for fewer than two characters
//! (the server would find nothing). When the server cannot answer, the field goes on as a
//! plain search and says so quietly (`Answer::failed`).

use groups_core::places::Place;
use leptos::prelude::*;

/// How long after the last keystroke the server is asked.
pub const DEBOUNCE_MS: u32 = 200;
/// Fewer characters than this find nothing: not worth a call.
pub const MIN_CHARS: usize = 2;
/// The longest query the server answers (`server::places::MAX_QUERY_CHARS`).
pub const QUERY_MAX_CHARS: usize = 200;

/// Whether `text` is worth asking the server about.
pub fn worth_asking(text: &str) -> bool {
    text.trim().chars().count() >= MIN_CHARS
}

/// The places suggested for a text.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Answer {
    /// The text they are for, trimmed.
    pub text: String,
    pub places: Vec<Place>,
    /// The server could not answer for this text.
    pub failed: bool,
}

impl Answer {
    /// Whether this is the answer for `text` (as the field has it now).
    pub fn is_for(&self, text: &str) -> bool {
        self.text == text.trim()
    }
}

/// The suggestions of one field.
#[derive(Clone, Copy)]
pub struct Suggestions {
    pub answer: RwSignal<Answer>,
    limit: usize,
    timer: StoredValue<Option<gloo_timers::callback::Timeout>, LocalStorage>,
    controller: StoredValue<Option<web_sys::AbortController>, LocalStorage>,
    /// Counts the texts asked about: an answer for an earlier one is dropped.
    asked: StoredValue<u64>,
}

impl Suggestions {
    /// Up to `limit` places per text.
    pub fn new(limit: usize) -> Suggestions {
        let suggestions = Suggestions {
            answer: RwSignal::new(Answer::default()),
            limit,
            timer: StoredValue::new_local(None),
            controller: StoredValue::new_local(None),
            asked: StoredValue::new(0),
        };
        on_cleanup(move || suggestions.cancel());
        suggestions
    }

    /// The visitor typed `text`: ask about it once they pause.
    pub fn ask(self, text: &str) {
        self.cancel();
        let text = text.trim().to_owned();
        if !worth_asking(&text) {
            self.answer.set(Answer { text, ..Answer::default() });
            return;
        }
        let timer = gloo_timers::callback::Timeout::new(DEBOUNCE_MS, move || self.fetch(text));
        self.timer.set_value(Some(timer));
    }

    /// Ask about `text` now, unless its answer is here already (Enter pressed before the pause
    /// was over).
    pub fn now(self, text: &str) {
        if self.answer.with_untracked(|a| a.is_for(text)) {
            return;
        }
        self.cancel();
        let text = text.trim().to_owned();
        if worth_asking(&text) {
            self.fetch(text);
        }
    }

    fn fetch(self, text: String) {
        let controller = web_sys::AbortController::new().ok();
        let signal = controller.as_ref().map(|c| c.signal());
        self.controller.set_value(controller);
        let number = self.asked.get_value();
        let limit = self.limit;
        leptos::task::spawn_local(async move {
            let result = super::api::search(&text, limit, signal.as_ref()).await;
            // Another text was typed since, or the field is gone: this answer is nobody's.
            if self.asked.try_get_value() != Some(number) {
                return;
            }
            let answer = match result {
                Ok(places) => Answer { text, places, failed: false },
                Err(_) => Answer { text, places: Vec::new(), failed: true },
            };
            self.answer.set(answer);
        });
    }

    /// Forgets the text asked about: its timer stops and its call is aborted.
    fn cancel(self) {
        self.timer.try_update_value(|timer| timer.take());
        if let Some(Some(controller)) = self.controller.try_update_value(|c| c.take()) {
            controller.abort();
        }
        self.asked.try_update_value(|n| *n += 1);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fewer_than_two_characters_are_never_sent() {
        assert!(!worth_asking(""));
        assert!(!worth_asking(" b "));
        assert!(!worth_asking("ü"));
        assert!(worth_asking("bu"));
        assert!(worth_asking("日本"));
        let answer = Answer { text: "leip".into(), ..Answer::default() };
        assert!(answer.is_for(" leip ") && !answer.is_for("leipz"));
    }
}
