// A form as data and a pure reducer over its state: fields are text (with optional choices
// that ←/→ cycle through) or fixed; every keystroke re-checks the whole form, and a field's
// reason shows once the field was edited or a submit was tried.

import type { ApplyOptions, Applied } from '../../actions/runner.js';
import type { Change } from '../../actions/change.js';

export interface FieldSpec {
  id: string;
  label: string;
  /** Values ←/→ cycle through; typing is still allowed unless `choicesOnly`. */
  choices?: readonly string[];
  choicesOnly?: boolean;
  /** Shown, not editable (the identity of what an edit form changes). */
  fixed?: boolean;
  /** A short note shown beside the field. */
  hint?: string;
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

export function initialFormState(spec: FormSpec): FormState {
  const focus = Math.max(0, spec.fields.findIndex((field) => !field.fixed));
  return { values: spec.initial, focus, touched: new Set(), submitted: false };
}

function editable(spec: FormSpec): number[] {
  return spec.fields.flatMap((field, index) => (field.fixed ? [] : [index]));
}

function setValue(state: FormState, id: string, value: string): FormState {
  if (state.values[id] === value) return state;
  return { ...state, values: { ...state.values, [id]: value }, touched: new Set(state.touched).add(id) };
}

export function formReducer(spec: FormSpec, state: FormState, action: FormAction): FormState {
  const field = spec.fields[state.focus];
  const value = field === undefined ? '' : (state.values[field.id] ?? '');
  switch (action.type) {
    case 'type':
      if (field === undefined || field.fixed || field.choicesOnly) return state;
      return setValue(state, field.id, value + action.text.replace(/[\r\n\t]/g, ''));
    case 'backspace':
      if (field === undefined || field.fixed || field.choicesOnly) return state;
      return setValue(state, field.id, value.slice(0, -1));
    case 'clear':
      if (field === undefined || field.fixed || field.choicesOnly) return state;
      return setValue(state, field.id, '');
    case 'next':
    case 'previous': {
      const order = editable(spec);
      if (order.length === 0) return state;
      const at = Math.max(0, order.indexOf(state.focus));
      const step = action.type === 'next' ? 1 : -1;
      const focus = order[(at + step + order.length) % order.length] ?? state.focus;
      return focus === state.focus ? state : { ...state, focus };
    }
    case 'cycle': {
      const choices = field?.choices;
      if (field === undefined || field.fixed || choices === undefined || choices.length === 0) return state;
      const at = choices.indexOf(value);
      const next = at === -1 ? (action.step === 1 ? 0 : choices.length - 1) : (at + action.step + choices.length) % choices.length;
      return setValue(state, field.id, choices[next] ?? value);
    }
    case 'submit':
      return state.submitted ? state : { ...state, submitted: true };
  }
}

/** The reason to show beside a field now (edited, or after a submit was tried). */
export function visibleError(state: FormState, check: FormCheck, id: string): string | null {
  if (!state.submitted && !state.touched.has(id)) return null;
  return check.errors[id] ?? null;
}
