//! The RACI matrix: stages × people and teams with R, A, C, I in each cell — edited here
//! cell by cell (`DesignEdit::SetRaciLetter`), and shown read-only on the workflow's page
//! and the printable "How this workflow runs".

use leptos::prelude::*;

use super::widgets::{ProblemsAt, SECTION};
use super::Draft;
use crate::components::forms::{HINT, INPUT, LABEL};
use crate::domain::design::{raci_matrix, DesignEdit, RaciLetter, RaciMatrix};
use crate::domain::{Party, People, WorkflowDefinition};

/// The matrix read-only: the parties that hold a letter somewhere.
#[component]
pub fn RaciTable(def: WorkflowDefinition, people: People) -> impl IntoView {
    let matrix = raci_matrix(&def, &people).named_only();
    if matrix.parties.is_empty() {
        return view! { <p class="text-sm text-slate-600 dark:text-slate-400">"Nobody is named in any stage yet."</p> }.into_any();
    }
    view! {
        <div class="overflow-x-auto print:overflow-visible">
            <table class="min-w-full border-collapse text-sm">
                <caption class="sr-only">"Who is responsible (R), accountable (A), consulted (C) and informed (I) in each stage"</caption>
                <thead>
                    <tr>
                        <th scope="col" class="border-b border-slate-300 p-2 text-left dark:border-slate-700">"Stage"</th>
                        {matrix.parties.iter().map(|p| view! {
                            <th scope="col" class="border-b border-slate-300 p-2 text-left font-medium dark:border-slate-700">{p.name.clone()}</th>
                        }).collect_view()}
                    </tr>
                </thead>
                <tbody>
                    {(0..matrix.rows.len()).map(|r| view! {
                        <tr class="border-b border-slate-200 dark:border-slate-800">
                            <th scope="row" class="p-2 text-left font-medium">{matrix.rows[r].name.clone()}</th>
                            {(0..matrix.parties.len()).map(|c| view! { <td class="p-2 font-mono">{matrix.cell_text(r, c)}</td> }).collect_view()}
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
    .into_any()
}

/// Which columns of the full matrix to show: parties holding a letter, and those added.
fn shown_columns(matrix: &RaciMatrix, added: &[Party]) -> Vec<usize> {
    (0..matrix.parties.len())
        .filter(|&c| {
            matrix.rows.iter().any(|r| !r.cells[c].is_empty())
                || added.contains(&matrix.parties[c].party)
        })
        .collect()
}

/// The editable matrix of the designer.
#[component]
pub fn RaciEditor(draft: Draft) -> impl IntoView {
    let matrix = Memo::new(move |_| {
        draft
            .def
            .with(|d| draft.people.with_value(|p| raci_matrix(d, p)))
    });
    let added = RwSignal::new(Vec::<Party>::new());
    let columns = Memo::new(move |_| matrix.with(|m| added.with(|a| shown_columns(m, a))));
    let hidden = move || {
        matrix.with(|m| {
            let shown = columns.get();
            (0..m.parties.len())
                .filter(|c| !shown.contains(c))
                .map(|c| {
                    (
                        c,
                        m.parties[c].name.clone(),
                        matches!(m.parties[c].party, Party::Team(_)),
                    )
                })
                .collect::<Vec<_>>()
        })
    };
    let add_column = move |ev: leptos::ev::Event| {
        let Ok(c) = event_target_value(&ev).parse::<usize>() else {
            return;
        };
        if let Some(party) = matrix.with_untracked(|m| m.parties.get(c).map(|p| p.party.clone())) {
            added.update(|a| a.push(party));
        }
        super::approval::reset_select(&ev);
    };
    view! {
        <section aria-labelledby="raci-heading" class=SECTION>
            <h2 id="raci-heading" class="text-lg font-semibold">"Who does what (RACI)"</h2>
            <p class=HINT>"R does the work, A owns the outcome (and hears of escalations), C gives input, I is kept informed. Press a letter to give it or take it away."</p>
            {draft.editable.then(|| {
                view! {
                    <div class="mt-3 max-w-sm">
                        <label for="raci-add" class=LABEL>"Add a column"</label>
                        <select id="raci-add" class=INPUT on:change=add_column>
                            <option value="" selected>"Choose a person or a team…"</option>
                            {move || hidden().into_iter().map(|(c, name, team)| view! {
                                <option value=c.to_string()>{if team { format!("{name} (team)") } else { name }}</option>
                            }).collect_view()}
                        </select>
                    </div>
                }
            })}
            {move || columns.with(Vec::is_empty).then(|| view! { <p class="mt-3 text-sm text-slate-600 dark:text-slate-400">"Nobody is named in any stage yet."</p> })}
            <div class="mt-3 overflow-x-auto">
                <table class="min-w-full border-collapse text-sm">
                    <caption class="sr-only">"Who is responsible, accountable, consulted and informed in each stage"</caption>
                    <thead>
                        <tr>
                            <th scope="col" class="border-b border-slate-300 p-2 text-left dark:border-slate-700">"Stage"</th>
                            {move || matrix.with(|m| columns.get().into_iter().map(|c| view! {
                                <th scope="col" class="border-b border-slate-300 p-2 text-left font-medium dark:border-slate-700">{m.parties[c].name.clone()}</th>
                            }).collect_view())}
                        </tr>
                    </thead>
                    <tbody>
                        {move || matrix.with(|m| m.rows.iter().map(|row| {
                            let stage_name = row.name.clone();
                            let stage = row.stage.clone();
                            view! {
                                <tr class="border-b border-slate-200 dark:border-slate-800">
                                    <th scope="row" class="p-2 text-left font-medium">
                                        {stage_name.clone()}
                                        <ProblemsAt draft path=format!("stages.{stage}.raci")/>
                                    </th>
                                    {columns.get().into_iter().map(|c| {
                                        let party = m.parties[c].clone();
                                        let held = row.cells[c].clone();
                                        view! {
                                            <td class="p-1.5">
                                                <div class="flex gap-0.5" role="group" aria-label=format!("{} in {stage_name}", party.name)>
                                                    {RaciLetter::ALL.into_iter().map(|letter| {
                                                        let on = held.contains(&letter);
                                                        let (stage, who) = (stage.clone(), party.party.clone());
                                                        let label = format!("{} {} in {stage_name}", party.name, letter.word());
                                                        view! {
                                                            <button type="button" aria-pressed=on.to_string() aria-label=label.clone() title=label
                                                                disabled=!draft.editable
                                                                class=if on {
                                                                    "h-7 w-7 rounded bg-indigo-600 text-xs font-bold text-white dark:bg-indigo-500"
                                                                } else {
                                                                    "h-7 w-7 rounded border border-slate-300 text-xs text-slate-500 hover:bg-slate-100 dark:border-slate-700 dark:text-slate-400 dark:hover:bg-slate-800"
                                                                }
                                                                on:click=move |_| draft.apply(DesignEdit::SetRaciLetter { stage: stage.clone(), party: who.clone(), letter, on: !on })>
                                                                {letter.initial()}
                                                            </button>
                                                        }
                                                    }).collect_view()}
                                                </div>
                                            </td>
                                        }
                                    }).collect_view()}
                                </tr>
                            }
                        }).collect_view())}
                    </tbody>
                </table>
            </div>
        </section>
    }
    .into_any()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{Person, PersonId, Role, Stage};

    #[test]
    fn columns_are_the_named_parties_and_the_ones_added() {
        let people = People::new(vec![Person {
            id: PersonId(1),
            name: "Dana".into(),
            email: "d@example.com".into(),
            role: Role::Manager,
            teams: vec!["Design".into()],
        }]);
        let mut def = crate::domain::design::blank_workflow("Flow");
        let mut stage = Stage::new("brief", "Brief", "");
        stage.raci.accountable = vec![Party::Person(PersonId(1))];
        def.stages.push(stage);
        let matrix = raci_matrix(&def, &people);
        assert_eq!(matrix.parties.len(), 2, "the team and the person");
        assert_eq!(shown_columns(&matrix, &[]), vec![1]);
        assert_eq!(shown_columns(&matrix, &[Party::team("Design")]), vec![0, 1]);
    }
}
