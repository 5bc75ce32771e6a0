//! "Tell me when a group starts near me" (issue #28), the app's side: the sign-up form shown
//! where the directory finds no group near a place (`form`: its view; `state`: its signals and
//! sending; `rules`: the body and its checks, pure; `sending`: what each answer means, pure;
//! `kept`: what was typed, kept in the tab), and the count of people who asked near a place
//! (`count`), which the new-group form shows too. The rules, the sentence and the wire types
//! are `groups_core::interest`, the server's.
//!
//! The form is part of the directory's chunk. As a split point of its own it saved the
//! directory's first visit 24.5 KB brotli, but it cut the chunks the other pages share into
//! more, smaller files, and `/`, `/meetings`, `/groups/<slug>` and `/my-request` grew by 3 to
//! 9 KB each; in the directory's chunk they stay as they were (`cargo xtask size`, 6 December
//! 2026).

pub mod count;
pub mod form;
pub mod kept;
pub mod rules;
pub mod sending;
pub mod state;
