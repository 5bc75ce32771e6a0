//! Groups' meetings: `/meetings.json` loaded once beside the directory, the pages and parts
//! that show them (`/meetings`, a group's next meetings, the home page's next ones) and the
//! browser's clock they are measured against. What a meeting looks like and which ones are
//! shown are `groups_core`'s (`markup`, `meetings`), the server's too.

pub mod clock;
pub mod failed;
pub mod home;
pub mod load;
pub mod page;
pub mod state;
