//! Small pieces shared by several features' views.

pub mod dom;
pub mod noscript;
