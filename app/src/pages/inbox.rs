//! `/inbox`: everything waiting on the signed-in person, most urgent first.

use leptos::prelude::*;
use leptos_meta::Title;

use super::PageHeader;
use crate::components::inbox::InboxList;

/// `/inbox`: approvals owed, work waiting, feedback to act on, escalations.
#[component]
pub fn InboxPage() -> impl IntoView {
    view! {
        <Title text="Inbox"/>
        <PageHeader
            title="Inbox"
            subtitle="Approvals you owe, items waiting on you, feedback on your work and escalations — most urgent first."
        />
        <InboxList/>
    }
}
