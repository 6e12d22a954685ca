// A hand-entered record must be one: a body with none of the form's fields (an unrelated JSON object)
// is refused instead of screening an empty record as if the patient had no data.
import { EligoError } from '../../core/problems.ts';
import { manualRecordSchema } from '../../core/patient/manual.ts';

export function requireRecognisedForm(body: unknown): void {
  const fields = Object.keys(manualRecordSchema.shape);
  const given = body !== null && typeof body === 'object' && !Array.isArray(body) ? Object.keys(body) : [];
  if (given.some((key) => fields.includes(key))) return;
  throw EligoError.of('invalid', {
    code: 'unrecognised_record',
    field: '(body)',
    value: given.length > 0 ? given.slice(0, 5).join(', ') : undefined,
    expected: `a hand-entered record with at least one of ${fields.join(', ')}`,
  });
}
