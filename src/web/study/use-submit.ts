// One submission of a study form: busy while the request runs, the API's error kept for the form to
// show (the field it names is marked invalid), the result handed on when it succeeds.
import { useState, type FormEvent } from 'react';

export function useSubmit<T>(run: () => Promise<T>, onDone: (value: T) => void) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Error | null>(null);
  const submit = async (event?: FormEvent) => {
    event?.preventDefault();
    setBusy(true);
    setError(null);
    try {
      onDone(await run());
    } catch (caught) {
      setError(caught instanceof Error ? caught : new Error(String(caught)));
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, submit };
}
