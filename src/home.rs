//! `/`: what the portal is and where to go next.

use leptos::prelude::*;

use std::sync::Arc;

use crate::{
    directory::{
        filter::{region_counts, Filter},
        model::Directory,
        state::WithDirectory,
    },
    map::view::GroupMap,
    pages::lookup as content,
    shell::{site::TAGLINE, title::PageTitle},
};

/// The pages newcomers need first, in the order they need them.
pub const FIRST_READS: &[&str] =
    &["what-are-user-groups", "organizer-tips", "official-group-process", "code-of-conduct"];

/// The home page.
#[component]
pub fn HomePage() -> impl IntoView {
    let reads = FIRST_READS.iter().filter_map(|path| content::find(path));
    view! {
        // The home page's title is the site name alone.
        <PageTitle text="" />
        <div class="page home">
            <h1>"Find an OpenStack user group near you"</h1>
            <p class="lead">{TAGLINE}</p>
            <ul class="cta-list">
                <li>
                    <a class="cta" href="/groups">"Browse the groups"</a>
                </li>
                <li>
                    <a class="cta secondary" href="/new-group">"Start a group"</a>
                </li>
            </ul>
            <section aria-labelledby="by-region">
                <h2 id="by-region">"Groups by region"</h2>
                <WithDirectory render={|directory: Arc<Directory>| view! { <RegionShortcuts directory /> }} />
            </section>
            <section aria-labelledby="first-reads">
                <h2 id="first-reads">"New to user groups?"</h2>
                <ul class="link-list">
                    {reads
                        .map(|page| view! { <li><a href=page.href>{page.title}</a></li> })
                        .collect_view()}
                </ul>
            </section>
        </div>
    }
}

/// A link per region to the directory filtered to it, with its number of groups, and the
/// map of every group.
#[component]
fn RegionShortcuts(directory: Arc<Directory>) -> impl IntoView {
    let all: Vec<usize> = (0..directory.groups.len()).collect();
    view! {
        <GroupMap directory=directory.clone() shown=Signal::stored(all) />
        <ul class="region-list">
            {region_counts(&directory.groups)
                .into_iter()
                .map(|(region, count)| {
                    let href = Filter { region: Some(region), ..Default::default() }.href();
                    let groups = if count == 1 { "group" } else { "groups" };
                    view! {
                        <li>
                            <a href=href>{region.name()}</a>
                            <span class="count">{format!("{count} {groups}")}</span>
                        </li>
                    }
                })
                .collect_view()}
        </ul>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_first_read_is_a_real_page() {
        for path in FIRST_READS {
            assert!(content::find(path).is_some(), "{path}");
        }
    }
}
