//! The request as its organiser sees it: its state and dates, the staff's message, what was
//! sent, and what they can do now (withdraw while it waits; delete their details once it is
//! declined or withdrawn).

use groups_core::{
    answer::RequestStatus,
    organiser::OrganiserView,
    regions::country,
    request::{GroupDetails, GroupRequest},
};
use groups_i18n::{around, catalogue::fill, t, tf, Msg};
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

/// Each state's name and the sentence that says what it means, in the page's language.
pub fn explained(status: RequestStatus) -> String {
    let (name, meaning) = match status {
        RequestStatus::Pending => (Msg::OrganiserStatusPending, Msg::OrganiserExplainedPending),
        RequestStatus::Approved => (Msg::OrganiserStatusApproved, Msg::OrganiserExplainedApproved),
        RequestStatus::Declined => (Msg::OrganiserStatusDeclined, Msg::OrganiserExplainedDeclined),
        RequestStatus::Withdrawn => (Msg::OrganiserStatusWithdrawn, Msg::OrganiserExplainedWithdrawn),
    };
    tf(Msg::OrganiserStatusLine, &[("status", t(name)), ("explained", t(meaning))])
}

#[component]
pub fn RequestState(view: OrganiserView, page: Organiser) -> impl IntoView {
    let status = view.status.unwrap_or(RequestStatus::Pending);
    let busy = Signal::from(page.busy);
    let withdraw = view.can_withdraw().then(|| {
        view! {
            <ConfirmAction
                label=t(Msg::OrganiserWithdraw)
                question=t(Msg::OrganiserWithdrawQuestion)
                yes=t(Msg::OrganiserWithdrawYes)
                on_confirm=Callback::new(move |()| page.act("/withdraw", t(Msg::OrganiserWithdrawn)))
                busy
                danger=true
            />
        }
    });
    let erase = view.can_erase().then(|| {
        view! {
            <p>{t(Msg::OrganiserEraseText)}</p>
            <ConfirmAction
                label=t(Msg::OrganiserErase)
                question=t(Msg::OrganiserEraseQuestion)
                yes=t(Msg::OrganiserEraseYes)
                on_confirm=Callback::new(move |()| page.finish("/erase", t(Msg::OrganiserErased)))
                busy
                danger=true
            />
        }
    });
    view! {
        <section class="request-state" aria-labelledby="state-title">
            <h2 id="state-title">{tf(Msg::OrganiserRequest, &[("reference", &view.subject)])}</h2>
            <dl class="facts">
                <dt>{t(Msg::OrganiserState)}</dt>
                <dd class="state">
                    {match view.closed {
                        Some(day) => tf(Msg::OrganiserClosed, &[("date", &day.long())]),
                        None => explained(status),
                    }}
                </dd>
                {view.received.map(|day| view! { <dt>{t(Msg::OrganiserSent)}</dt> <dd>{day.long()}</dd> })}
                {view.decided.map(|day| view! { <dt>{t(Msg::OrganiserDecided)}</dt> <dd>{day.long()}</dd> })}
            </dl>
            {view.message.clone().map(|message| {
                view! {
                    <div class="staff-message">
                        <h3>{t(Msg::OrganiserStaffMessage)}</h3>
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
            <h2 id="sent-title">{t(Msg::OrganiserWhatYouSent)}</h2>
            {move || if editing.get() {
                view! { <ChangeRequest group=group.clone() page on_cancel=cancel /> }.into_any()
            } else {
                view! {
                    <SentFacts request=request.clone() />
                    {pending.then(|| view! {
                        <button type="button" class="button secondary" id=CHANGE_ID on:click=open>{t(Msg::OrganiserChangeSent)}</button>
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
        Some(c) => groups_core::directory::once_each(&[&g.city, c.local_name()]),
        None => g.city.clone(),
    };
    view! {
        <dl class="facts">
            <dt>{t(Msg::OrganiserGroup)}</dt>
            <dd dir="auto">{g.name}</dd>
            <dt>{t(Msg::OrganiserWhere)}</dt>
            <dd dir="auto">{place}</dd>
            <dt>{t(Msg::OrganiserDescription)}</dt>
            <dd dir="auto">{g.description}</dd>
            {(!g.links.is_empty()).then(|| view! {
                <dt>{t(Msg::GroupLinks)}</dt>
                <dd>
                    <ul>
                        {g.links.into_iter().map(|l| {
                            let (before, after) = around(t(Msg::OrganiserLink), "url");
                            let before = fill(before, &[("kind", l.kind.name())]);
                            view! { <li>{before} <span class="url" translate="no">{l.url}</span> {after.to_owned()}</li> }
                        }).collect_view()}
                    </ul>
                </dd>
            })}
            <dt>{t(Msg::OrganiserOrganisers)}</dt>
            <dd>
                <ul>
                    {request.organizers.into_iter().map(|o| {
                        let said = tf(Msg::OrganiserPerson, &[("name", &o.name), ("email", &o.email)]);
                        view! { <li dir="auto">{said}</li> }
                    }).collect_view()}
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
