// A subject's identifying details, checked before they are stored (apart from the screening).
import type { SubjectIdentity } from '../model.ts';
import { EligoError } from '../../core/problems.ts';
import { checkDate, checkText, optionalText } from './subject-access.ts';

/** The birth date checked like any date, but never echoed back (it identifies the patient). */
function birthDateOf(value: unknown, now: Date): string {
  try {
    return checkDate(value, 'identity.birthDate', now);
  } catch (error) {
    const first = (error as EligoError).problems[0];
    throw EligoError.of('invalid', { code: first.code, field: first.field, expected: first.expected });
  }
}

export function checkIdentity(identity: unknown, now: Date): SubjectIdentity {
  if (typeof identity !== 'object' || identity === null) throw EligoError.of('invalid', { code: 'required', field: 'identity', expected: 'the patient\'s name and hospital number' });
  const given = identity as Record<string, unknown>;
  const phone = optionalText(given.phone, 'identity.phone', 40, true);
  if (phone !== null && !/^\+?[0-9 ()-]{5,40}$/.test(phone)) throw EligoError.of('invalid', { code: 'invalid_phone', field: 'identity.phone', expected: 'a phone number: digits, spaces, ( ) - and an optional leading +' });
  return {
    name: checkText(given.name, 'identity.name', 200, true),
    hospitalNumber: checkText(given.hospitalNumber, 'identity.hospitalNumber', 64, true),
    birthDate: given.birthDate === undefined || given.birthDate === null ? null : birthDateOf(given.birthDate, now),
    phone,
  };
}
