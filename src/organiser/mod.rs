//! `/my-request`: the organiser's private page, opened by the link the form's confirmation
//! shows (`/my-request#GR-XXXX-XXXX.KEY`). It follows the request (its state, the staff's
//! message, withdrawing it, deleting one's details) and manages the listed group it became.
//! The key stays in the fragment and travels only in the bodies of POSTs (`api`).

pub mod api;
pub mod change_request;
pub mod confirm;
pub mod edit;
pub mod edit_form;
pub mod kept_edit;
pub mod manage;
pub mod message;
pub mod page;
pub mod point_field;
pub mod request_draft;
pub mod request_view;
