//! Entry point of the WebAssembly app: installs the panic hook, takes the address's language,
//! and mounts [`App`], taking over the pre-rendered page when the server sent one.

use groups_portal::{
    shell::{languages, takeover},
    App,
};

fn main() {
    console_error_panic_hook::set_once();
    languages::start();
    takeover::start(App);
}
