//! Light, dark, or whatever the system says: switchable, and remembered in the browser.

use leptos::prelude::*;

/// The theme a person chose.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Theme {
    /// Follow the operating system's setting.
    System,
    /// Always light.
    Light,
    /// Always dark.
    Dark,
}

impl Theme {
    /// The value stored in `localStorage`.
    pub fn key(self) -> &'static str {
        match self {
            Theme::System => "system",
            Theme::Light => "light",
            Theme::Dark => "dark",
        }
    }

    /// Reads a stored key; anything unknown means `System`.
    pub fn from_key(key: &str) -> Self {
        match key {
            "light" => Theme::Light,
            "dark" => Theme::Dark,
            _ => Theme::System,
        }
    }

    /// The next theme when the switch is pressed.
    pub fn next(self) -> Self {
        match self {
            Theme::System => Theme::Light,
            Theme::Light => Theme::Dark,
            Theme::Dark => Theme::System,
        }
    }

    /// How the switch names this theme.
    pub fn label(self) -> &'static str {
        match self {
            Theme::System => "System",
            Theme::Light => "Light",
            Theme::Dark => "Dark",
        }
    }
}

/// A button that cycles System → Light → Dark and remembers the choice.
#[component]
pub fn ThemeSwitch() -> impl IntoView {
    let theme = RwSignal::new(Theme::System);
    // Only the browser knows what was stored; this runs after hydration.
    Effect::new(move |_| {
        if let Some(stored) = browser::load() {
            theme.set(stored);
        }
    });
    let switch = move |_| {
        let next = theme.get_untracked().next();
        theme.set(next);
        browser::save_and_apply(next);
    };
    view! {
        <button
            type="button"
            on:click=switch
            aria-label=move || format!("Theme: {}", theme.get().label())
            title="Switch between system, light and dark theme"
            class="inline-flex items-center gap-2 rounded-md border border-slate-300 px-2.5 py-1.5 sm:px-3 text-sm hover:bg-slate-100 dark:border-slate-700 dark:hover:bg-slate-800"
        >
            <span aria-hidden="true">
                {move || match theme.get() {
                    Theme::System => "◐",
                    Theme::Light => "☀",
                    Theme::Dark => "☾",
                }}
            </span>
            // The icon says it on narrow screens; the button's name always does.
            <span class="hidden sm:inline">{move || theme.get().label()}</span>
        </button>
    }
}

#[cfg(feature = "hydrate")]
mod browser {
    use super::Theme;

    /// Also read by `public/theme.js`, before the first paint.
    const STORAGE_KEY: &str = "baton-theme";

    fn storage() -> Option<web_sys::Storage> {
        web_sys::window()?.local_storage().ok()?
    }

    pub fn load() -> Option<Theme> {
        storage()?
            .get_item(STORAGE_KEY)
            .ok()?
            .map(|k| Theme::from_key(&k))
    }

    pub fn save_and_apply(theme: Theme) {
        if let Some(s) = storage() {
            let _ = s.set_item(STORAGE_KEY, theme.key());
        }
        let Some(window) = web_sys::window() else {
            return;
        };
        let system_dark = window
            .match_media("(prefers-color-scheme: dark)")
            .ok()
            .flatten()
            .map(|m| m.matches())
            .unwrap_or(false);
        let dark = theme == Theme::Dark || (theme == Theme::System && system_dark);
        if let Some(root) = window.document().and_then(|d| d.document_element()) {
            let _ = root.class_list().toggle_with_force("dark", dark);
            let _ = root.set_attribute("data-theme", theme.key());
        }
    }
}

#[cfg(not(feature = "hydrate"))]
mod browser {
    use super::Theme;

    pub fn load() -> Option<Theme> {
        None
    }

    pub fn save_and_apply(_theme: Theme) {}
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_switch_cycles_through_all_three_themes() {
        let mut t = Theme::System;
        let mut seen = vec![t];
        for _ in 0..3 {
            t = t.next();
            seen.push(t);
        }
        assert_eq!(
            seen,
            vec![Theme::System, Theme::Light, Theme::Dark, Theme::System]
        );
    }

    #[test]
    fn stored_keys_round_trip_and_unknown_means_system() {
        for t in [Theme::System, Theme::Light, Theme::Dark] {
            assert_eq!(Theme::from_key(t.key()), t);
        }
        assert_eq!(Theme::from_key("sepia"), Theme::System);
    }
}
