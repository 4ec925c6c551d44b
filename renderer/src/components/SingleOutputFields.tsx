// The recipe's one output: format (or a shoot-out), quality (fixed or a target), size cap and name.
import { useAppStore } from '../store';
import type { EncodingProps } from './encoding-props';
import { FormatField } from './FormatField';
import { PatternField } from './PatternField';
import { QualityField } from './QualityField';
import { SizeCapField } from './SizeCapField';

/** The prefix of outputControlId: these controls are the output's own (output-format, output-quality, …). */
const ID_BASE = 'output';

export function SingleOutputFields() {
  const output = useAppStore((s) => s.output);
  const setOutput = useAppStore((s) => s.setOutput);
  const props: EncodingProps = { idBase: ID_BASE, field: 'output', value: output, onChange: setOutput };
  return (
    <>
      <FormatField {...props} />
      <QualityField {...props} />
      <SizeCapField {...props} />
      <PatternField
        idBase={ID_BASE}
        field="output"
        pattern={output.pattern}
        format={output.format}
        pickFormat={output.pickFormat}
        onChange={(p) => setOutput('pattern', p)}
      />
    </>
  );
}
