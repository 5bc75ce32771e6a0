//! What the shell offers the parts of the app that arrive later, in wasm chunks of their own
//! (see `tools/split-wasm.sh`): a place for their app-wide state, and a count of the pages
//! still arriving, which focus waits for and the page's progress shows (`frame::RouteProgress`). Those parts are the route table's lazy views (each
//! route's `lazy`): the pages `/groups`, `/groups/<slug>`, `/meetings`, `/new-group` and
//! `/my-request`, each declared with `lazy_route!`, and the home page's map with its counts
//! and its next meetings (`home::home_part_view`, called with `split_call!`).
//!
//! The shell and the content pages are in the main module, so none of this may name a type
//! of the lazy parts: they bring their own state and keep it here.

use std::future::Future;

use leptos::prelude::*;

/// Calls a view function marked `#[cfg_attr(feature = "split", leptos::lazy)]`, from an
/// `async` block. In a split build that first loads the function's chunk (once per page
/// load: the loader remembers it); in an eager build it is a plain call.
macro_rules! split_call {
    ($view:path $(, $arg:expr)* $(,)?) => {{
        #[cfg(feature = "split")]
        let view = $view($($arg),*).await;
        #[cfg(not(feature = "split"))]
        let view = $view($($arg),*);
        view
    }};
}
pub(crate) use split_call;

/// Declares a route whose view comes in a wasm chunk of its own in a split build: `$route`,
/// for the router's `Lazy::<$route>`, and `$split`, the split point, a function showing
/// `<$page />` (it and everything only it uses leave the main module; the chunk is named
/// after it, `split_<$split>_…`). `$preload` is the function `#[lazy]` makes beside it,
/// `__preload_<$split>`, which loads its chunks without calling it (`LazyRoute::preload`).
macro_rules! lazy_route {
    ($(#[$doc:meta])* $route:ident, $split:ident, $preload:ident, $page:ident) => {
        $(#[$doc])*
        pub struct $route;

        impl ::leptos_router::LazyRoute for $route {
            fn data() -> Self {
                $route
            }

            async fn view(_: Self) -> ::leptos::prelude::AnyView {
                $crate::shell::lazy::arriving(async { $crate::shell::lazy::split_call!($split) }).await
            }

            async fn preload() {
                #[cfg(feature = "split")]
                $preload().await;
            }
        }

        /// The split point of the route's view.
        #[cfg_attr(feature = "split", ::leptos::lazy)]
        pub fn $split() -> ::leptos::prelude::AnyView {
            ::leptos::prelude::IntoAny::into_any(::leptos::prelude::view! { <$page /> })
        }
    };
}
pub(crate) use lazy_route;

/// The app's own reactive owner, where lazy parts keep state that must outlive the page that
/// first needed it (the directory, loaded once for every page that shows groups).
#[derive(Clone)]
pub struct AppScope(Owner);

/// How many route views are waiting for their chunk. Until it is zero, the page shown is
/// still the one the visitor left.
#[derive(Clone, Copy)]
pub struct Arriving(RwSignal<usize>);

/// Provides [`AppScope`] (the current owner: call from the app's root) and [`Arriving`].
pub fn provide() {
    provide_context(AppScope(Owner::current().expect("the app renders under an owner")));
    provide_context(Arriving(RwSignal::new(0)));
}

impl AppScope {
    /// The value of type `T` kept for the whole app, made by `make` (under the app's owner,
    /// so that it lives as long as the app) the first time anyone asks for it.
    pub fn use_or_provide<T: Clone + Send + Sync + 'static>(make: impl FnOnce() -> T) -> T {
        if let Some(value) = use_context::<T>() {
            return value;
        }
        let scope = expect_context::<AppScope>();
        scope.0.with(|| {
            let value = make();
            provide_context(value.clone());
            value
        })
    }
}

impl Arriving {
    /// Whether a route's view is still on its way.
    pub fn pending(self) -> Signal<bool> {
        Signal::derive(move || self.0.get() > 0)
    }
}

/// Runs `view` (a route's view being loaded) counted in [`Arriving`], when the app has it.
pub async fn arriving<T>(view: impl Future<Output = T>) -> T {
    let _counted = use_context::<Arriving>().map(Counted::new);
    view.await
}

/// One route's view counted in [`Arriving`] while it lives: a view the router gives up on (the
/// visitor went elsewhere before its chunk came) must not leave the page busy for ever.
struct Counted(RwSignal<usize>);

impl Counted {
    fn new(Arriving(count): Arriving) -> Counted {
        count.try_update(|n| *n += 1);
        Counted(count)
    }
}

impl Drop for Counted {
    fn drop(&mut self) {
        self.0.try_update(|n| *n = n.saturating_sub(1));
    }
}
