// What the encoding controls (format, quality, size cap, name) share, whether they edit the
// recipe's one output or one row of its outputs list.
import type { OutputSettings } from '../../../common/pipeline';
import type { RowField } from '../lib/output-rows';

export type Encoding = Pick<OutputSettings, RowField>;

export interface EncodingProps {
  /** The controls' ids start with it: "output" for the recipe's output, or the row's id. */
  idBase: string;
  /** The spec check's path of these settings: "output" or "outputs.2". */
  field: string;
  value: Encoding;
  onChange<K extends RowField>(key: K, value: Encoding[K]): void;
}
