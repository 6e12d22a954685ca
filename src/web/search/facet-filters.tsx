// The filter panel: each facet lists the values present in the current results with their counts.
// Selected values stay listed even when the current results leave them at zero, so they can be unticked.
import { useId, useState, type FormEvent } from 'react';
import type { FacetCount, FacetName, SearchResponse } from '../api/types.ts';
import { useT } from '../i18n/i18n.tsx';
import type { EnumGroup, Translator } from '../i18n/translate.ts';
import { clearFilters, hasFilters, toggleValue, withChanges, type MultiValueFilter, type SearchState } from './search-state.ts';

const VISIBLE_VALUES = 6;

interface FiltersProps {
  state: SearchState;
  facets?: SearchResponse['facets'];
  onChange(next: SearchState): void;
}

export function FacetFilters({ state, facets, onChange }: FiltersProps) {
  const t = useT();
  const [open, setOpen] = useState(false);
  const panelId = useId();
  const multi = (name: MultiValueFilter & FacetName, label: Parameters<Translator>[0], group: EnumGroup) => (
    <CheckboxFacet
      key={name}
      legend={t(label)}
      counts={facets?.[name] ?? []}
      selected={state[name]}
      display={(value) => t.enumValue(group, value)}
      onToggle={(value) => onChange(withChanges(state, { [name]: toggleValue(state[name], value) }))}
    />
  );
  return (
    <aside className={`filters${open ? ' is-open' : ''}`} aria-labelledby={`${panelId}-heading`}>
      <div className="filters-header">
        <h2 id={`${panelId}-heading`}>{t('search.filters')}</h2>
        <button type="button" className="button button-secondary filters-toggle" aria-expanded={open} aria-controls={panelId} onClick={() => setOpen(!open)}>
          {open ? t('search.hideFilters') : t('search.showFilters')}
        </button>
      </div>
      <div className="filters-body" id={panelId}>
        {hasFilters(state) ? (
          <button type="button" className="button button-link" onClick={() => onChange(clearFilters(state))}>
            {t('search.clearFilters')}
          </button>
        ) : null}
        {multi('status', 'search.facet.status', 'status')}
        {multi('phase', 'search.facet.phase', 'phase')}
        {multi('studyType', 'search.facet.studyType', 'studyType')}
        <SexFacet state={state} counts={facets?.sex} onChange={onChange} />
        <AgeFilter state={state} onChange={onChange} />
        {multi('interventionType', 'search.facet.interventionType', 'interventionType')}
        <ChoiceFacet name="country" legend={t('search.facet.country')} counts={facets?.country ?? []} state={state} onChange={onChange} />
        <ChoiceFacet name="sponsor" legend={t('search.facet.sponsor')} counts={facets?.sponsor ?? []} state={state} onChange={onChange} />
      </div>
    </aside>
  );
}

function withSelected(counts: readonly FacetCount[], selected: readonly string[]): FacetCount[] {
  const listed = new Set(counts.map((c) => c.value));
  return [...counts, ...selected.filter((value) => !listed.has(value)).map((value) => ({ value, count: 0 }))];
}

function CheckboxFacet(props: {
  legend: string;
  counts: readonly FacetCount[];
  selected: readonly string[];
  display(value: string): string;
  onToggle(value: string): void;
}) {
  const t = useT();
  const [expanded, setExpanded] = useState(false);
  const values = withSelected(props.counts, props.selected);
  if (values.length === 0) return null;
  const shown = expanded ? values : values.slice(0, VISIBLE_VALUES);
  return (
    <fieldset className="facet">
      <legend>{props.legend}</legend>
      <ul>
        {shown.map(({ value, count }) => (
          <li key={value}>
            <label className="facet-option">
              <input type="checkbox" checked={props.selected.includes(value)} onChange={() => props.onToggle(value)} />
              <span className="facet-label">{props.display(value)}</span>
              <FacetCountText count={count} />
            </label>
          </li>
        ))}
      </ul>
      <MoreToggle total={values.length} expanded={expanded} onToggle={() => setExpanded(!expanded)} />
    </fieldset>
  );
}

/** The number is shown; screen readers hear "3 trials" instead of a bare number. */
function FacetCountText({ count }: { count: number }) {
  const t = useT();
  return (
    <span className="facet-count">
      <span aria-hidden="true">{t.number(count)}</span>
      <span className="visually-hidden">{t.plural('search.facetCount', count)}</span>
    </span>
  );
}

function MoreToggle({ total, expanded, onToggle }: { total: number; expanded: boolean; onToggle(): void }) {
  const t = useT();
  if (total <= VISIBLE_VALUES) return null;
  return (
    <button type="button" className="button button-link facet-more" aria-expanded={expanded} onClick={onToggle}>
      {expanded ? t('search.facet.fewer') : t('search.facet.more', { count: total })}
    </button>
  );
}

/** Country and sponsor take one value each: a radio list of the commonest values, plus "Any". */
function ChoiceFacet(props: { name: 'country' | 'sponsor'; legend: string; counts: readonly FacetCount[]; state: SearchState; onChange(next: SearchState): void }) {
  const t = useT();
  const [expanded, setExpanded] = useState(false);
  const groupName = useId();
  const current = props.state[props.name];
  const values = withSelected(props.counts, current ? [current] : []);
  if (values.length === 0) return null;
  const shown = expanded ? values : values.slice(0, VISIBLE_VALUES);
  const choose = (value: string) => props.onChange(withChanges(props.state, { [props.name]: value }));
  return (
    <fieldset className="facet">
      <legend>{props.legend}</legend>
      <ul>
        <li>
          <label className="facet-option">
            <input type="radio" name={groupName} checked={current === ''} onChange={() => choose('')} />
            <span className="facet-label">{t('search.any')}</span>
          </label>
        </li>
        {shown.map(({ value, count }) => (
          <li key={value}>
            <label className="facet-option">
              <input type="radio" name={groupName} checked={current === value} onChange={() => choose(value)} />
              <span className="facet-label">{value}</span>
              <FacetCountText count={count} />
            </label>
          </li>
        ))}
      </ul>
      <MoreToggle total={values.length} expanded={expanded} onToggle={() => setExpanded(!expanded)} />
    </fieldset>
  );
}

/** The API's sex filter means "open to": a trial for ALL counts under both Female and Male. */
function SexFacet({ state, counts, onChange }: { state: SearchState; counts?: readonly FacetCount[]; onChange(next: SearchState): void }) {
  const t = useT();
  const groupName = useId();
  const countOf = (value: string) => counts?.find((c) => c.value === value)?.count ?? 0;
  const options = [
    { value: '', label: t('search.sexAny'), count: null },
    { value: 'FEMALE', label: t('search.sexFemale'), count: countOf('ALL') + countOf('FEMALE') },
    { value: 'MALE', label: t('search.sexMale'), count: countOf('ALL') + countOf('MALE') },
  ];
  return (
    <fieldset className="facet">
      <legend>{t('search.facet.sex')}</legend>
      <ul>
        {options.map((option) => (
          <li key={option.value || 'any'}>
            <label className="facet-option">
              <input type="radio" name={groupName} checked={state.sex === option.value} onChange={() => onChange(withChanges(state, { sex: option.value }))} />
              <span className="facet-label">{option.label}</span>
              {option.count === null || counts === undefined || state.sex !== '' ? null : (
                <FacetCountText count={option.count} />
              )}
            </label>
          </li>
        ))}
      </ul>
    </fieldset>
  );
}

function AgeFilter({ state, onChange }: { state: SearchState; onChange(next: SearchState): void }) {
  const t = useT();
  const inputId = useId();
  const [draft, setDraft] = useState(state.age);
  const [shownFor, setShownFor] = useState(state.age);
  // The URL can change the age (back button, a shared link); the draft follows it.
  if (shownFor !== state.age) {
    setShownFor(state.age);
    setDraft(state.age);
  }
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onChange(withChanges(state, { age: draft.trim() }));
  };
  return (
    <form className="facet facet-age" onSubmit={submit}>
      <label htmlFor={inputId} className="facet-legend">{t('search.age')}</label>
      <p className="hint" id={`${inputId}-hint`}>{t('search.ageHint')}</p>
      <div className="inline-field">
        <input id={inputId} type="number" inputMode="decimal" min={0} max={120} step="any" value={draft} aria-describedby={`${inputId}-hint`} onChange={(e) => setDraft(e.target.value)} />
        <button type="submit" className="button button-secondary">{t('search.apply')}</button>
        {state.age !== '' ? (
          <button type="button" className="button button-link" onClick={() => onChange(withChanges(state, { age: '' }))}>{t('search.clearFilter')}</button>
        ) : null}
      </div>
    </form>
  );
}
