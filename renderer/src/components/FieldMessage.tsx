// The spec check's message, shown beside the control whose field it names.
import { useFieldError } from '../store/use-spec-check';

export function FieldMessage({ field, id }: { field: string; id?: string }) {
  const message = useFieldError(field);
  if (!message) return null;
  return (
    <p className="field-message" role="alert" id={id}>
      {message}
    </p>
  );
}
