//! One file per page.

mod automations;
mod board;
mod calendar;
mod campaigns;
mod designer;
mod how_it_runs;
mod imports;
mod inbox;
mod insights;
mod intake;
mod integrations;
mod invite;
mod item;
mod login;
mod new_item;
mod not_found;
mod notifications;
mod password_reset;
mod people;
mod profile;
mod sends;
mod settings;
mod tokens;
mod unsubscribe;
mod workflow;
mod workflow_board;
mod workflows;

pub use automations::{AutomationsPage, NewRulePage, RulePage};
pub use board::BoardPage;
pub use calendar::CalendarPage;
pub use campaigns::{CampaignPage, CampaignsPage};
pub use designer::{DesignerPage, NewDesignPage};
pub use how_it_runs::HowItRunsPage;
pub use imports::{CsvImportPage, ImportsPage, TrelloImportPage};
pub use inbox::InboxPage;
pub use insights::InsightsPage;
pub use intake::{IntakePage, PublicFormPage};
pub use integrations::IntegrationsPage;
pub use invite::InvitePage;
pub use item::ItemPage;
pub use login::LoginPage;
pub use new_item::NewItemPage;
pub use not_found::NotFound;
pub use notifications::NotificationsPage;
pub use password_reset::{ForgotPage, ResetPage};
pub use people::PeoplePage;
pub use profile::ProfilePage;
pub use sends::SendsPage;
pub use settings::SettingsPage;
pub use tokens::TokensPage;
pub use unsubscribe::UnsubscribePage;
pub use workflow::WorkflowPageView;
pub use workflow_board::WorkflowBoardPage;
pub use workflows::WorkflowsPage;

use leptos::prelude::*;

/// The heading block at the top of a page.
#[component]
pub fn PageHeader(title: &'static str, #[prop(into)] subtitle: String) -> impl IntoView {
    view! {
        <div class="mb-6">
            <h1 class="text-2xl font-semibold tracking-tight">{title}</h1>
            <p class="mt-1 text-sm text-slate-600 dark:text-slate-400">{subtitle}</p>
        </div>
    }
}
