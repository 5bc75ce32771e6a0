//! Entry point of the WebAssembly app: installs the panic hook and mounts [`App`].

use groups_portal::App;

fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(App);
}
