//! Taking over a pre-rendered page. The server sends every page with its content (built by
//! the `prerender` module with these same components), so it paints before the wasm
//! arrives. The app then mounts beside it, hidden, and once its own page is drawn it removes
//! the pre-rendered copy and shows itself in the same frame: the visitor sees no flash, no
//! shift and nothing twice, and keeps the focus and scroll position they had.

use leptos::{mount::mount_to, prelude::*};
use wasm_bindgen::JsCast;

/// The id of the element holding the pre-rendered page (see `prerender::PRERENDERED_ID`).
pub const PRERENDERED_ID: &str = "prerendered";

/// Mounts `app`: directly into the body for a page without a pre-rendered copy (the dev
/// server), else beside the copy, taking it over once drawn. `preload` (the page's chunks
/// being asked for) runs in a task of its own, before the mount's when the page was
/// pre-rendered (the dev server mounts at once: the loader then finds them asked for).
pub fn start<F, N>(app: F, preload: impl std::future::Future<Output = ()> + 'static)
where
    F: FnOnce() -> N + 'static,
    N: IntoView + 'static,
{
    // wasm-bindgen's own spawner: Leptos' (`leptos::task`) is set up by the mount, later, and
    // panics before it.
    set_timeout(move || wasm_bindgen_futures::spawn_local(preload), std::time::Duration::ZERO);
    let document = document();
    // A page that did not arrive pre-rendered (the dev server) is marked here instead.
    if let Some(root) = document.document_element() {
        let _ = root.class_list().add_1("js");
    }
    let (Some(prerendered), Some(body)) = (document.get_element_by_id(PRERENDERED_ID), document.body()) else {
        leptos::mount::mount_to_body(app);
        return;
    };
    let root = document.create_element("div").expect("a div").unchecked_into::<web_sys::HtmlElement>();
    root.set_id("app");
    root.set_class_name("app-root");
    root.set_hidden(true);
    body.append_child(&root).expect("the body takes a child");
    // In a task of its own, after the one that instantiated the wasm and the one that asked
    // for the page's chunks: short tasks keep a slow phone answering, where one long one would
    // not.
    set_timeout(
        move || {
            mount_to(root.clone(), app).forget();
            swap_when_drawn(prerendered, root);
        },
        std::time::Duration::ZERO,
    );
}

/// Checks once a frame (a frame is what a visitor sees) whether the app has drawn its page.
fn swap_when_drawn(prerendered: web_sys::Element, root: web_sys::HtmlElement) {
    request_animation_frame(move || {
        if is_drawn(&root) {
            swap(&prerendered, &root);
        } else {
            swap_when_drawn(prerendered, root);
        }
    });
}

/// Whether the app's page is there: its heading, or a failure it says out loud (a page that
/// waits for the directory has no heading until the directory comes), and nothing in it still
/// being built (`aria-busy`, see `components::in_turn`: only ever for a few tasks, or the
/// pre-rendered copy would stay).
fn is_drawn(root: &web_sys::HtmlElement) -> bool {
    let found = |selector| root.query_selector(selector).ok().flatten().is_some();
    found("main h1, main [role=alert]") && !found("main [aria-busy=true]")
}

fn swap(prerendered: &web_sys::Element, root: &web_sys::HtmlElement) {
    // Where the focus was in the copy, as a path of child positions: the app's page is built
    // the same way, so the same path leads to the same element.
    let focused = document().active_element().and_then(|active| path_within(prerendered, &active));
    prerendered.remove();
    root.set_hidden(false);
    if let Some(target) = focused.and_then(|path| follow(root, &path)) {
        if let Ok(target) = target.dyn_into::<web_sys::HtmlElement>() {
            let options = web_sys::FocusOptions::new();
            options.set_prevent_scroll(true);
            let _ = target.focus_with_options(&options);
        }
    }
}

/// The child positions from `ancestor` down to `element`; `None` when it is not inside.
fn path_within(ancestor: &web_sys::Element, element: &web_sys::Element) -> Option<Vec<u32>> {
    let mut path = Vec::new();
    let mut node = element.clone();
    while !node.is_same_node(Some(ancestor)) {
        let parent = node.parent_element()?;
        let children = parent.children();
        let index = (0..children.length()).find(|&i| children.item(i).is_some_and(|c| c.is_same_node(Some(&node))))?;
        path.push(index);
        node = parent;
    }
    path.reverse();
    Some(path)
}

fn follow(root: &web_sys::Element, path: &[u32]) -> Option<web_sys::Element> {
    path.iter().try_fold(root.clone(), |node, &i| node.children().item(i))
}
