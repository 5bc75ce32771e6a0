//! Small pieces shared by several features' views.

pub mod choice;
pub mod copy;
pub mod dom;
pub mod in_turn;
pub mod noscript;
pub mod sentence;
