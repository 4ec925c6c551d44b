// Parameter descriptions: each filter describes its parameters once, and the UI (controls),
// the CLI (flags) and the zod schema (validation) are all derived from these descriptions.
import { z } from 'zod';

interface ParamBase {
  label: string;
  /** Shown only when another parameter of the same filter has one of these values. */
  showWhen?: { param: string; in: readonly string[] };
}

export interface NumberParam extends ParamBase {
  type: 'number' | 'integer';
  min: number;
  max: number;
  step: number;
  default: number;
  unit?: string;
  /**
   * The window shows value × displayScale (opacity 0–1 as 0–100 %); stored values, the CLI and
   * the schema keep the registry's own scale.
   */
  displayScale?: number;
}
export interface BooleanParam extends ParamBase {
  type: 'boolean';
  default: boolean;
}
export interface EnumParam extends ParamBase {
  type: 'enum';
  options: readonly string[];
  default: string;
  /** What the window shows for each option; the option values themselves are the engine's. */
  optionLabels?: Readonly<Record<string, string>>;
  /** `position`: the options are the nine gravities, shown as a 3×3 grid. */
  control?: 'position';
}
/** `#rrggbb` or `#rrggbbaa`. */
export interface ColorParam extends ParamBase {
  type: 'color';
  default: string;
}
export interface StringParam extends ParamBase {
  type: 'string';
  default: string;
  maxLength: number;
}
/** A path to a file the filter reads (e.g. a watermark image); empty means "not chosen yet". */
export interface PathParam extends ParamBase {
  type: 'path';
  default: string;
}

export type ParamSpec = NumberParam | BooleanParam | EnumParam | ColorParam | StringParam | PathParam;

export type ParamValue<P> = P extends { type: 'number' | 'integer' }
  ? number
  : P extends { type: 'boolean' }
    ? boolean
    : P extends { type: 'enum'; options: readonly (infer O)[] }
      ? O
      : string;

export const HEX_COLOR = /^#(?:[0-9a-fA-F]{6}|[0-9a-fA-F]{8})$/;

/** Builds the zod validator for one parameter from its description. */
export function paramSchema(p: ParamSpec): z.ZodType {
  switch (p.type) {
    case 'number':
    case 'integer': {
      let n = z.number({ error: `Expected a number between ${p.min} and ${p.max}` });
      if (p.type === 'integer') n = n.int({ error: `Expected a whole number between ${p.min} and ${p.max}` });
      return n
        .min(p.min, { error: `Expected a number of at least ${p.min}` })
        .max(p.max, { error: `Expected a number of at most ${p.max}` })
        .default(p.default);
    }
    case 'boolean':
      return z.boolean({ error: 'Expected true or false' }).default(p.default);
    case 'enum':
      return z
        .enum(p.options as [string, ...string[]], { error: `Expected one of ${p.options.join(', ')}` })
        .default(p.default);
    case 'color':
      return z
        .string({ error: 'Expected a colour like #ff8800' })
        .regex(HEX_COLOR, { error: 'Expected a colour like #ff8800 or #ff880080' })
        .default(p.default);
    case 'string':
      return z
        .string({ error: 'Expected text' })
        .max(p.maxLength, { error: `Expected at most ${p.maxLength} characters` })
        .default(p.default);
    case 'path':
      return z
        .string({ error: 'Expected a file path' })
        .max(4096, { error: 'Expected a path of at most 4096 characters' })
        .refine((s) => !s.includes('\0'), { error: 'Expected a path without NUL characters' })
        .default(p.default);
  }
}
