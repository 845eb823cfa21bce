// A form as data and a pure reducer over its state: fields are text (with optional choices
// that ←/→ cycle through) or fixed, and may be shown only when other values make them matter;
// every keystroke re-checks the whole form, and a field's reason shows once the field was
// edited or a submit was tried.

import type { ApplyOptions, Applied } from '../../actions/runner.js';
import type { Change } from '../../actions/change.js';

export interface FieldSpec {
  id: string;
  label: string;
  /** Values ←/→ cycle through (they may follow other values); typing is still allowed unless `choicesOnly`. */
  choices?: readonly string[] | ((values: FieldValues) => readonly string[]);
  choicesOnly?: boolean;
  /** When absent or true the field is drawn and takes focus; a hidden field's value is kept but unused. */
  shown?(values: FieldValues): boolean;
  /** Shown, not editable (the identity of what an edit form changes). */
  fixed?: boolean;
  /** How an empty value is drawn, e.g. "none" (the value stays empty, so typing starts afresh). */
  emptyText?: string;
  /** A short note shown beside the focused field (it may follow other values). */
  hint?: string | ((values: FieldValues) => string);
}

export type FieldValues = Readonly<Record<string, string>>;

export interface FormCheck {
  /** One plain reason per refused field. */
  errors: Readonly<Record<string, string>>;
  /** The change to apply, when nothing is refused. */
  change: Change | null;
}

export interface FormSpec {
  title: string;
  fields: readonly FieldSpec[];
  initial: FieldValues;
  check(values: FieldValues): FormCheck;
  /** What the form opened with, so a table changed meanwhile fails clearly. */
  expect?: ApplyOptions['expect'];
  /** The row the change acts on (shown as pending while it runs). */
  targetId: string | null;
  /** Values that follow an edit of field `id` (e.g. a port a choice fixes); given and returning all values. */
  follow?(values: FieldValues, id: string): FieldValues;
  /** After a successful apply (e.g. remember a drained server's weight). */
  onApplied?(applied: Applied): Promise<void> | void;
}

export interface FormState {
  values: FieldValues;
  focus: number;
  touched: ReadonlySet<string>;
  submitted: boolean;
}

export type FormAction =
  | { type: 'type'; text: string }
  | { type: 'backspace' }
  | { type: 'clear' }
  | { type: 'next' }
  | { type: 'previous' }
  | { type: 'cycle'; step: 1 | -1 }
  | { type: 'submit' };

export function isShown(field: FieldSpec, values: FieldValues): boolean {
  return field.shown?.(values) ?? true;
}

export function choicesOf(field: FieldSpec, values: FieldValues): readonly string[] | undefined {
  return typeof field.choices === 'function' ? field.choices(values) : field.choices;
}

export function hintOf(field: FieldSpec, values: FieldValues): string | undefined {
  return typeof field.hint === 'function' ? field.hint(values) : field.hint;
}

export function initialFormState(spec: FormSpec): FormState {
  const focus = Math.max(0, spec.fields.findIndex((field) => !field.fixed && isShown(field, spec.initial)));
  return { values: spec.initial, focus, touched: new Set(), submitted: false };
}

/** Indexes of the fields Tab stops at now: shown and not fixed. */
function editable(spec: FormSpec, values: FieldValues): number[] {
  return spec.fields.flatMap((field, index) => (field.fixed || !isShown(field, values) ? [] : [index]));
}

/** The next (or previous) stop from `focus`, wrapping; works when `focus` itself is hidden. */
function step(order: readonly number[], focus: number, forward: boolean): number {
  if (forward) return order.find((index) => index > focus) ?? order[0] ?? focus;
  return order.findLast((index) => index < focus) ?? order.at(-1) ?? focus;
}

function setValue(spec: FormSpec, state: FormState, id: string, value: string): FormState {
  if (state.values[id] === value) return state;
  const values = { ...state.values, [id]: value };
  // Only the edited field counts as touched: a value that followed shows no reason unasked.
  return { ...state, values: spec.follow?.(values, id) ?? values, touched: new Set(state.touched).add(id) };
}

export function formReducer(spec: FormSpec, state: FormState, action: FormAction): FormState {
  const focused = spec.fields[state.focus];
  // A field hidden by another value takes no keys (it cannot be focused then, but be sure).
  const field = focused !== undefined && isShown(focused, state.values) ? focused : undefined;
  const value = field === undefined ? '' : (state.values[field.id] ?? '');
  switch (action.type) {
    case 'type':
      if (field === undefined || field.fixed || field.choicesOnly) return state;
      return setValue(spec, state, field.id, value + action.text.replace(/[\r\n\t]/g, ''));
    case 'backspace':
      if (field === undefined || field.fixed || field.choicesOnly) return state;
      return setValue(spec, state, field.id, value.slice(0, -1));
    case 'clear':
      if (field === undefined || field.fixed || field.choicesOnly) return state;
      return setValue(spec, state, field.id, '');
    case 'next':
    case 'previous': {
      const focus = step(editable(spec, state.values), state.focus, action.type === 'next');
      return focus === state.focus ? state : { ...state, focus };
    }
    case 'cycle': {
      const choices = field === undefined ? undefined : choicesOf(field, state.values);
      if (field === undefined || field.fixed || choices === undefined || choices.length === 0) return state;
      const at = choices.indexOf(value);
      const next = at === -1 ? (action.step === 1 ? 0 : choices.length - 1) : (at + action.step + choices.length) % choices.length;
      return setValue(spec, state, field.id, choices[next] ?? value);
    }
    case 'submit': {
      // A refused submit takes the focus to the first reason, which may be scrolled out of view.
      const errors = spec.check(state.values).errors;
      const refused = editable(spec, state.values).find((index) => errors[spec.fields[index]?.id ?? ''] !== undefined);
      const focus = refused ?? state.focus;
      return state.submitted && focus === state.focus ? state : { ...state, submitted: true, focus };
    }
  }
}

/** The reason to show beside a field now (edited, or after a submit was tried). */
export function visibleError(state: FormState, check: FormCheck, id: string): string | null {
  if (!state.submitted && !state.touched.has(id)) return null;
  return check.errors[id] ?? null;
}
