// Turning what a control holds into a parameter value, and back.
import { HEX_COLOR, type ParamSpec } from '../../../common/params';

/** A number field's text: empty or unparsable becomes NaN, which the spec check reports by field. */
export function parseNumberField(text: string): number {
  const trimmed = text.trim();
  return trimmed === '' ? Number.NaN : Number(trimmed);
}

export function numberFieldText(value: unknown): string {
  return typeof value === 'number' && Number.isFinite(value) ? String(value) : '';
}

/** `<input type=color>` speaks #rrggbb only: split off the alpha so it survives a colour change. */
export function splitColor(value: string): { rgb: string; alpha: string } {
  if (!HEX_COLOR.test(value)) return { rgb: '#000000', alpha: '' };
  return { rgb: value.slice(0, 7).toLowerCase(), alpha: value.slice(7).toLowerCase() };
}

export function joinColor(rgb: string, alpha: string): string {
  return `${rgb.toLowerCase()}${alpha}`;
}

/** Whether a parameter's control is shown, given the other values of its step (its showWhen). */
export function isParamVisible(spec: ParamSpec, values: Readonly<Record<string, unknown>>): boolean {
  if (!spec.showWhen) return true;
  const other = values[spec.showWhen.param];
  return typeof other === 'string' && spec.showWhen.in.includes(other);
}

const NUMBER = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 2, useGrouping: 'min2' });

/** A stored number as the window shows it (opacity 0.5 → 50): the registry's displayScale, rounded for floats. */
export function toDisplay(spec: ParamSpec, value: number): number {
  if (spec.type !== 'number' && spec.type !== 'integer') return value;
  const scale = spec.displayScale ?? 1;
  return scale === 1 || !Number.isFinite(value) ? value : Math.round(value * scale * 1e6) / 1e6;
}

export function fromDisplay(spec: ParamSpec, value: number): number {
  if (spec.type !== 'number' && spec.type !== 'integer') return value;
  const scale = spec.displayScale ?? 1;
  return scale === 1 || !Number.isFinite(value) ? value : Math.round((value / scale) * 1e9) / 1e9;
}

/** "1,600 px", "50 %", "90°", "1.2×": a number with its unit, as the window writes it. */
export function withUnit(value: number, unit: string | undefined): string {
  // A field being typed into may hold no number yet; the summary says so rather than "NaN".
  const text = Number.isFinite(value) ? NUMBER.format(value) : '–';
  if (!unit) return text;
  return unit === '°' || unit === '×' ? `${text}${unit}` : `${text} ${unit}`;
}

/** A parameter's value in words: its option label, or its number with the unit. */
export function displayText(spec: ParamSpec, value: unknown): string {
  switch (spec.type) {
    case 'number':
    case 'integer':
      return typeof value === 'number' ? withUnit(toDisplay(spec, value), spec.unit) : '';
    case 'enum':
      return optionLabel(spec, String(value));
    case 'boolean':
      return value ? 'on' : 'off';
    default:
      return String(value ?? '');
  }
}

export function optionLabel(spec: ParamSpec, option: string): string {
  return spec.type === 'enum' ? (spec.optionLabels?.[option] ?? option) : option;
}
