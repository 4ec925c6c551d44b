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
