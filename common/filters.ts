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
/** The nine positions as a person reads them on the 3×3 grid. */
const GRAVITY_LABELS = {
  northwest: 'Top left',
  north: 'Top',
  northeast: 'Top right',
  west: 'Left',
  center: 'Centre',
  east: 'Right',
  southwest: 'Bottom left',
  south: 'Bottom',
  southeast: 'Bottom right',
} as const satisfies Record<(typeof GRAVITIES)[number], string>;
const POSITION = {
  type: 'enum',
  label: 'Position',
  options: GRAVITIES,
  optionLabels: GRAVITY_LABELS,
  control: 'position',
} as const;
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
        optionLabels: {
          box: 'Fit in a box',
          width: 'Width',
          height: 'Height',
          longEdge: 'Long edge',
          percent: 'Percentage',
        },
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
        optionLabels: {
          inside: 'Fit inside',
          contain: 'Fit inside with bars',
          cover: 'Fill and crop',
          fill: 'Stretch',
          outside: 'Cover at least',
        },
        default: 'inside',
        showWhen: { param: 'by', in: ['box'] },
      },
      withoutEnlargement: { type: 'boolean', label: 'Never enlarge', default: true },
      kernel: {
        type: 'enum',
        label: 'Scaling method',
        options: ['lanczos3', 'lanczos2', 'mitchell', 'cubic', 'linear', 'nearest'],
        optionLabels: {
          lanczos3: 'Best quality (Lanczos)',
          lanczos2: 'Lanczos (faster)',
          mitchell: 'Mitchell',
          cubic: 'Bicubic',
          linear: 'Bilinear',
          nearest: 'Nearest (pixel art)',
        },
        default: 'lanczos3',
      },
      background: {
        type: 'color',
        label: 'Bar colour',
        default: '#000000',
        showWhen: { param: 'fit', in: ['contain'] },
      },
    },
  },
  crop: {
    label: 'Crop',
    description: 'Cut out a rectangle, or cut to a size keeping the most interesting part.',
    params: {
      mode: {
        type: 'enum',
        label: 'Mode',
        options: ['rectangle', 'attention', 'entropy', 'center'],
        optionLabels: {
          rectangle: 'Rectangle',
          attention: 'Most interesting part',
          entropy: 'Most detail',
          center: 'Centre',
        },
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
    description: 'Mirror the image top to bottom, left to right, or both.',
    params: {
      direction: {
        type: 'enum',
        label: 'Direction',
        options: ['vertical', 'horizontal', 'both'],
        optionLabels: { vertical: 'Top to bottom', horizontal: 'Left to right', both: 'Both' },
        default: 'horizontal',
      },
    },
  },
  sharpen: {
    label: 'Sharpen',
    description: 'Crisper detail. Precise lets you set the radius and strength; fast is quicker and fixed.',
    params: {
      mode: {
        type: 'enum',
        label: 'Mode',
        options: ['precise', 'fast'],
        optionLabels: { precise: 'Precise', fast: 'Fast' },
        default: 'precise',
      },
      sigma: {
        type: 'number',
        label: 'Radius',
        min: 0.3,
        max: 10,
        unit: 'px',
        step: 0.1,
        default: 1,
        showWhen: { param: 'mode', in: ['precise'] },
      },
      flat: {
        type: 'number',
        label: 'Strength in flat areas',
        min: 0,
        max: 10,
        step: 0.1,
        default: 1,
        showWhen: { param: 'mode', in: ['precise'] },
      },
      jagged: {
        type: 'number',
        label: 'Strength on edges',
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
    description: 'Soften the whole image.',
    params: {
      sigma: { type: 'number', label: 'Radius', min: 0.3, max: 1000, step: 0.1, unit: 'px', default: 2 },
    },
  },
  denoise: {
    label: 'Denoise',
    description: 'Remove speckle noise, keeping edges sharp.',
    params: {
      size: { type: 'integer', label: 'Strength', min: 3, max: 15, step: 2, unit: 'px', default: 3 },
    },
  },
  modulate: {
    label: 'Brightness / saturation / hue',
    description: 'Make the image brighter or darker, more or less colourful, or shift its colours.',
    params: {
      brightness: { type: 'number', label: 'Brightness', min: 0, max: 5, step: 0.05, unit: '×', default: 1 },
      saturation: { type: 'number', label: 'Saturation', min: 0, max: 5, step: 0.05, unit: '×', default: 1 },
      hue: { type: 'integer', label: 'Hue', min: -360, max: 360, step: 1, unit: '°', default: 0 },
    },
  },
  gamma: {
    label: 'Gamma',
    description: 'Brighten or darken the mid-tones, keeping black and white.',
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
    description: 'Stretch the contrast so the darkest pixels become black and the lightest white.',
    params: {
      lower: { type: 'number', label: 'Black point', min: 0, max: 99, step: 1, unit: '%', default: 1 },
      upper: { type: 'number', label: 'White point', min: 1, max: 100, step: 1, unit: '%', default: 99 },
    },
  },
  clahe: {
    label: 'Local contrast',
    description: 'Bring out detail in shadows and highlights, region by region.',
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
    description: 'Cut away plain borders that match the colour of the top-left corner.',
    params: {
      threshold: { type: 'number', label: 'Tolerance', min: 0, max: 255, step: 1, default: 10 },
    },
  },
  watermark: {
    label: 'Watermark image',
    description: 'Overlay an image (e.g. a logo), scaled relative to the image width.',
    params: {
      path: { type: 'path', label: 'Watermark file', default: '' },
      gravity: { ...POSITION, default: 'southeast' },
      opacity: {
        type: 'number',
        label: 'Opacity',
        min: 0,
        max: 1,
        step: 0.05,
        unit: '%',
        displayScale: 100,
        default: 0.5,
      },
      scale: {
        type: 'number',
        label: 'Width, share of the image',
        min: 0.01,
        max: 1,
        step: 0.01,
        unit: '%',
        displayScale: 100,
        default: 0.2,
      },
    },
  },
  text: {
    label: 'Text overlay',
    description: 'Write a line of text on the image.',
    params: {
      text: { type: 'string', label: 'Text', maxLength: 500, default: '© Pixmill' },
      size: { type: 'integer', label: 'Size', min: 4, max: 1000, step: 1, unit: 'px', default: 48 },
      color: { type: 'color', label: 'Colour', default: '#ffffff' },
      gravity: { ...POSITION, default: 'southeast' },
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
