// The filter registry: every filter Pixmill offers and its parameters, described once.
import type { ParamSpec, ParamValue } from './params.js';

export interface FilterSpec {
  label: string;
  description: string;
  params: Record<string, ParamSpec>;
}

const GRAVITIES = [
  'center',
  'north',
  'northeast',
  'east',
  'southeast',
  'south',
  'southwest',
  'west',
  'northwest',
] as const;
const SIDE = { type: 'integer', min: 1, max: 65535, step: 1, unit: 'px' } as const;

export const FILTERS = {
  resize: {
    label: 'Resize',
    description: 'Scale to a box, a width, a height, a long edge or a percentage.',
    params: {
      by: {
        type: 'enum',
        label: 'Resize by',
        options: ['box', 'width', 'height', 'longEdge', 'percent'],
        default: 'box',
      },
      width: { ...SIDE, label: 'Width', default: 1600, showWhen: { param: 'by', in: ['box', 'width'] } },
      height: { ...SIDE, label: 'Height', default: 1600, showWhen: { param: 'by', in: ['box', 'height'] } },
      longEdge: { ...SIDE, label: 'Long edge', default: 1600, showWhen: { param: 'by', in: ['longEdge'] } },
      percent: {
        type: 'number',
        label: 'Scale',
        min: 1,
        max: 1000,
        step: 1,
        unit: '%',
        default: 50,
        showWhen: { param: 'by', in: ['percent'] },
      },
      fit: {
        type: 'enum',
        label: 'Fit',
        options: ['inside', 'contain', 'cover', 'fill', 'outside'],
        default: 'inside',
        showWhen: { param: 'by', in: ['box'] },
      },
      withoutEnlargement: { type: 'boolean', label: 'Never enlarge', default: true },
      kernel: {
        type: 'enum',
        label: 'Kernel',
        options: ['lanczos3', 'lanczos2', 'mitchell', 'cubic', 'linear', 'nearest'],
        default: 'lanczos3',
      },
      background: {
        type: 'color',
        label: 'Letterbox colour',
        default: '#000000',
        showWhen: { param: 'fit', in: ['contain'] },
      },
    },
  },
  crop: {
    label: 'Crop',
    description: 'Cut out a rectangle, or fill a size keeping the most interesting part (smart crop).',
    params: {
      mode: {
        type: 'enum',
        label: 'Mode',
        options: ['rectangle', 'attention', 'entropy', 'center'],
        default: 'rectangle',
      },
      left: {
        type: 'integer',
        label: 'Left',
        min: 0,
        max: 65535,
        step: 1,
        unit: 'px',
        default: 0,
        showWhen: { param: 'mode', in: ['rectangle'] },
      },
      top: {
        type: 'integer',
        label: 'Top',
        min: 0,
        max: 65535,
        step: 1,
        unit: 'px',
        default: 0,
        showWhen: { param: 'mode', in: ['rectangle'] },
      },
      width: { ...SIDE, label: 'Width', default: 1080 },
      height: { ...SIDE, label: 'Height', default: 1080 },
    },
  },
  rotate: {
    label: 'Rotate',
    description: 'Rotate by any angle; corners uncovered by the rotation are filled with the background colour.',
    params: {
      angle: { type: 'number', label: 'Angle', min: -360, max: 360, step: 1, unit: '°', default: 90 },
      background: { type: 'color', label: 'Background', default: '#000000' },
    },
  },
  flip: {
    label: 'Flip',
    description: 'Mirror vertically (flip), horizontally (flop) or both.',
    params: {
      direction: {
        type: 'enum',
        label: 'Direction',
        options: ['vertical', 'horizontal', 'both'],
        default: 'horizontal',
      },
    },
  },
  sharpen: {
    label: 'Sharpen',
    description:
      'Unsharp mask. Precise sharpens the lightness channel with a Gaussian of the given sigma; fast uses a cheaper fixed 3×3 kernel.',
    params: {
      mode: { type: 'enum', label: 'Mode', options: ['precise', 'fast'], default: 'precise' },
      sigma: {
        type: 'number',
        label: 'Radius (sigma)',
        min: 0.3,
        max: 10,
        step: 0.1,
        default: 1,
        showWhen: { param: 'mode', in: ['precise'] },
      },
      flat: {
        type: 'number',
        label: 'Flat areas',
        min: 0,
        max: 10,
        step: 0.1,
        default: 1,
        showWhen: { param: 'mode', in: ['precise'] },
      },
      jagged: {
        type: 'number',
        label: 'Edges',
        min: 0,
        max: 10,
        step: 0.1,
        default: 2,
        showWhen: { param: 'mode', in: ['precise'] },
      },
    },
  },
  blur: {
    label: 'Blur',
    description: 'Gaussian blur.',
    params: {
      sigma: { type: 'number', label: 'Radius (sigma)', min: 0.3, max: 1000, step: 0.1, default: 2 },
    },
  },
  denoise: {
    label: 'Denoise',
    description: 'Median filter: removes speckle noise, keeps edges.',
    params: {
      size: { type: 'integer', label: 'Window', min: 3, max: 15, step: 2, unit: 'px', default: 3 },
    },
  },
  modulate: {
    label: 'Brightness / saturation / hue',
    description: 'Multiply brightness and saturation, rotate the hue.',
    params: {
      brightness: { type: 'number', label: 'Brightness', min: 0, max: 5, step: 0.05, unit: '×', default: 1 },
      saturation: { type: 'number', label: 'Saturation', min: 0, max: 5, step: 0.05, unit: '×', default: 1 },
      hue: { type: 'integer', label: 'Hue', min: -360, max: 360, step: 1, unit: '°', default: 0 },
    },
  },
  gamma: {
    label: 'Gamma',
    description: 'Gamma correction.',
    params: {
      gamma: { type: 'number', label: 'Gamma', min: 1, max: 3, step: 0.1, default: 2.2 },
    },
  },
  grayscale: {
    label: 'Grayscale',
    description: 'Convert to shades of grey.',
    params: {},
  },
  tint: {
    label: 'Tint',
    description: 'Tint with a colour, keeping lightness.',
    params: {
      color: { type: 'color', label: 'Colour', default: '#704214' },
    },
  },
  normalise: {
    label: 'Normalise',
    description: 'Stretch contrast so the darkest and lightest percentiles reach black and white.',
    params: {
      lower: { type: 'number', label: 'Lower percentile', min: 0, max: 99, step: 1, unit: '%', default: 1 },
      upper: { type: 'number', label: 'Upper percentile', min: 1, max: 100, step: 1, unit: '%', default: 99 },
    },
  },
  clahe: {
    label: 'Local contrast (CLAHE)',
    description: 'Contrast-limited adaptive histogram equalisation: brings out detail in shadows and highlights.',
    params: {
      width: { type: 'integer', label: 'Region width', min: 1, max: 10000, step: 1, unit: 'px', default: 64 },
      height: { type: 'integer', label: 'Region height', min: 1, max: 10000, step: 1, unit: 'px', default: 64 },
      maxSlope: { type: 'integer', label: 'Contrast limit', min: 0, max: 100, step: 1, default: 3 },
    },
  },
  negate: {
    label: 'Negate',
    description: 'Invert colours.',
    params: {
      alpha: { type: 'boolean', label: 'Invert transparency too', default: false },
    },
  },
  threshold: {
    label: 'Threshold',
    description: 'Pixels brighter than the level become white, the rest black.',
    params: {
      level: { type: 'integer', label: 'Level', min: 0, max: 255, step: 1, default: 128 },
    },
  },
  border: {
    label: 'Border',
    description: 'Add a border of a solid colour on every side.',
    params: {
      size: { type: 'integer', label: 'Size', min: 1, max: 10000, step: 1, unit: 'px', default: 20 },
      color: { type: 'color', label: 'Colour', default: '#ffffff' },
    },
  },
  trim: {
    label: 'Trim',
    description: 'Remove edges that match the top-left pixel colour.',
    params: {
      threshold: { type: 'number', label: 'Tolerance', min: 0, max: 255, step: 1, default: 10 },
    },
  },
  watermark: {
    label: 'Watermark image',
    description: 'Overlay an image (e.g. a logo), scaled relative to the image width.',
    params: {
      path: { type: 'path', label: 'Watermark file', default: '' },
      gravity: { type: 'enum', label: 'Position', options: GRAVITIES, default: 'southeast' },
      opacity: { type: 'number', label: 'Opacity', min: 0, max: 1, step: 0.05, default: 0.5 },
      scale: { type: 'number', label: 'Width relative to image', min: 0.01, max: 1, step: 0.01, default: 0.2 },
    },
  },
  text: {
    label: 'Text overlay',
    description: 'Write a line of text on the image.',
    params: {
      text: { type: 'string', label: 'Text', maxLength: 500, default: '© Pixmill' },
      size: { type: 'integer', label: 'Size', min: 4, max: 1000, step: 1, unit: 'px', default: 48 },
      color: { type: 'color', label: 'Colour', default: '#ffffff' },
      gravity: { type: 'enum', label: 'Position', options: GRAVITIES, default: 'southeast' },
    },
  },
} as const satisfies Record<string, FilterSpec>;

export type FilterOp = keyof typeof FILTERS;
export const FILTER_OPS = Object.keys(FILTERS) as FilterOp[];

/** The parameter values of one filter, typed from its description. */
export type ParamsOf<Op extends FilterOp> = {
  -readonly [K in keyof (typeof FILTERS)[Op]['params']]: ParamValue<(typeof FILTERS)[Op]['params'][K]>;
};

/** Default parameter values of a filter, from its description. */
export function defaultParams<Op extends FilterOp>(op: Op): ParamsOf<Op> {
  const params: Record<string, ParamSpec> = FILTERS[op].params;
  return Object.fromEntries(Object.entries(params).map(([k, p]) => [k, p.default])) as ParamsOf<Op>;
}
