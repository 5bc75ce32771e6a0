//! The map's boxes as they will be, with the world already drawn, while the map itself is on
//! its way: the map then draws over the same picture, and nothing below it moves.

use groups_core::markup::WORLD_SVG;
use leptos::prelude::*;

/// A map's stand-in. `status` says what is awaited (announced politely); without one the
/// stand-in is silent (it shows for a frame only).
#[component]
pub fn MapPlaceholder(
    #[prop(optional)] status: Option<&'static str>,
    /// More classes for the box (`js-only` where the server's own map shows without script).
    #[prop(optional)]
    class: &'static str,
) -> impl IntoView {
    view! {
        <div class=format!("map {class}") role=status.map(|_| "status")>
            // As tall as the map's buttons, which take this place.
            <div class="map-tools"><span class="map-tools-status">{status}</span></div>
            <div class="map-canvas"><img class="map-world" src=WORLD_SVG alt="" draggable="false" /></div>
        </div>
    }
}
