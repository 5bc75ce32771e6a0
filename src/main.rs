//! Entry point of the WebAssembly app: installs the panic hook, takes the address's language,
//! asks for the opened page's chunks, and mounts [`App`], taking over the pre-rendered page
//! when the server sent one.

use groups_portal::{
    shell::{languages, takeover},
    App,
};
use leptos::prelude::window;

fn main() {
    console_error_panic_hook::set_once();
    languages::start();
    let path = window().location().pathname().unwrap_or_default();
    takeover::start(App, groups_portal::preload_page(path));
}
