//! Entry point of the WebAssembly app: installs the panic hook and mounts [`App`], taking over
//! the pre-rendered page when the server sent one.

use groups_portal::{shell::takeover, App};

fn main() {
    console_error_panic_hook::set_once();
    takeover::start(App);
}
