//! The request as its organiser sees it: its state and dates, the staff's message, what was
//! sent, and what they can do now (withdraw while it waits; delete their details once it is
//! declined or withdrawn).

use groups_core::{
    answer::RequestStatus,
    organiser::OrganiserView,
    regions::country,
    request::{GroupDetails, GroupRequest},
};
use leptos::prelude::*;

use crate::shell::focus::focus_by_id;

use super::{
    change_request::ChangeRequest,
    confirm::ConfirmAction,
    edit_form::Draft,
    kept_edit,
    message::{paragraphs, Piece},
    page::Organiser,
    request_draft::RequestDraft,
};

/// A sentence for each state.
pub fn explained(status: RequestStatus) -> &'static str {
    match status {
        RequestStatus::Pending => {
            "Waiting for the staff's decision. Until then you can correct what you sent, or withdraw it."
        }
        RequestStatus::Approved => "Your group is in the directory.",
        RequestStatus::Declined => "The staff did not list the group; their message, if they wrote one, says why.",
        RequestStatus::Withdrawn => "At your request; the staff will not review it.",
    }
}

#[component]
pub fn RequestState(view: OrganiserView, page: Organiser) -> impl IntoView {
    let status = view.status.unwrap_or(RequestStatus::Pending);
    let busy = Signal::from(page.busy);
    let withdraw = view.can_withdraw().then(|| {
        view! {
            <ConfirmAction
                label="Withdraw this request"
                question="Withdraw this request? The staff will not review it, and it cannot be sent again: a new request would be needed."
                yes="Yes, withdraw it"
                on_confirm=Callback::new(move |()| page.act("/withdraw", "Your request is withdrawn."))
                busy
                danger=true
            />
        }
    });
    let erase = view.can_erase().then(|| {
        view! {
            <p>
                "We keep a declined or withdrawn request for 12 months, then delete it. You can have it deleted now: "
                "your names and addresses, what you sent and its history go at once, and this link stops working."
            </p>
            <ConfirmAction
                label="Delete my details now"
                question="Delete this request and your details now? This cannot be undone."
                yes="Yes, delete them"
                on_confirm=Callback::new(move |()| page.finish("/erase"))
                busy
                danger=true
            />
        }
    });
    view! {
        <section class="request-state" aria-labelledby="state-title">
            <h2 id="state-title">"Request " {view.subject.clone()}</h2>
            <dl class="facts">
                <dt>"State"</dt>
                <dd class="state">
                    {match &view.closed {
                        Some(day) => format!("Closed: the group was taken off the directory on {day}."),
                        None => format!("{}: {}", status.label(), explained(status)),
                    }}
                </dd>
                {view.received.clone().map(|day| view! { <dt>"Sent"</dt> <dd>{day}</dd> })}
                {view.decided.clone().map(|day| view! { <dt>"Decided"</dt> <dd>{day}</dd> })}
            </dl>
            {view.message.clone().map(|message| {
                view! {
                    <div class="staff-message">
                        <h3>"The staff’s message"</h3>
                        <StaffMessage message />
                    </div>
                }
            })}
            {withdraw}
            {erase}
        </section>
    }
}

/// The staff's message: its paragraphs and line breaks as written, its web addresses links,
/// each paragraph in its own direction.
#[component]
fn StaffMessage(message: String) -> impl IntoView {
    paragraphs(&message)
        .into_iter()
        .map(|pieces| {
            let pieces = pieces
                .into_iter()
                .map(|piece| match piece {
                    Piece::Text(text) => text.into_any(),
                    Piece::Link(address) => {
                        let text = address.clone();
                        view! { <a href=address rel="noopener noreferrer">{text}</a> }.into_any()
                    }
                    Piece::Break => view! { <br /> }.into_any(),
                })
                .collect_view();
            view! { <p dir="auto">{pieces}</p> }
        })
        .collect_view()
}

/// What the organiser sent, as it is stored now; while it waits, "Change what you sent"
/// opens the form that corrects it in place.
#[component]
pub fn WhatWasSent(request: GroupRequest, page: Organiser, pending: bool) -> impl IntoView {
    // An edit kept from before a reload opens the form again.
    let kept = kept_edit::key(<RequestDraft as Draft>::FORM, &page.subject());
    let editing = RwSignal::new(pending && kept_edit::load::<RequestDraft, GroupDetails>(&kept).is_some());
    let group = request.group.clone();
    let open = move |_| {
        editing.set(true);
        request_animation_frame(|| {
            focus_by_id("group-name", false);
        });
    };
    let cancel = Callback::new(move |()| {
        editing.set(false);
        page.said.set(None);
        request_animation_frame(|| {
            focus_by_id(CHANGE_ID, false);
        });
    });
    view! {
        <section class="sent" aria-labelledby="sent-title">
            <h2 id="sent-title">"What you sent"</h2>
            {move || if editing.get() {
                view! { <ChangeRequest group=group.clone() page on_cancel=cancel /> }.into_any()
            } else {
                view! {
                    <SentFacts request=request.clone() />
                    {pending.then(|| view! {
                        <button type="button" class="button secondary" id=CHANGE_ID on:click=open>"Change what you sent"</button>
                    })}
                }
                .into_any()
            }}
        </section>
    }
}

/// The button that opens the form, where focus returns when it is cancelled.
const CHANGE_ID: &str = "change-request";

#[component]
fn SentFacts(request: GroupRequest) -> impl IntoView {
    let g = request.group;
    let place = match country(&g.country) {
        Some(c) if g.city.is_empty() => c.name.to_owned(),
        Some(c) => format!("{}, {}", g.city, c.name),
        None => g.city.clone(),
    };
    view! {
        <dl class="facts">
            <dt>"Group"</dt>
            <dd dir="auto">{g.name}</dd>
            <dt>"Where"</dt>
            <dd dir="auto">{place}</dd>
            <dt>"Description"</dt>
            <dd dir="auto">{g.description}</dd>
            {(!g.links.is_empty()).then(|| view! {
                <dt>"Links"</dt>
                <dd>
                    <ul>
                        {g.links.into_iter().map(|l| view! { <li>{l.kind.label()} ": " <span class="url">{l.url}</span></li> }).collect_view()}
                    </ul>
                </dd>
            })}
            <dt>"Organisers"</dt>
            <dd>
                <ul>
                    {request.organizers.into_iter().map(|o| view! { <li dir="auto">{o.name} " (" {o.email} ")"</li> }).collect_view()}
                </ul>
            </dd>
        </dl>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_state_is_explained() {
        for status in RequestStatus::ALL {
            assert!(explained(status).ends_with('.'));
        }
    }
}
