import { ApiError, refreshSession } from '../../../api/client';
import { bodyOf, type BodyOf, type Outcome } from '../../../api/http';

/** One problem the api named: the field's path (`components.0.text`, `actions.assign.userId`) and what is wrong. */
export interface Problem {
  field: string;
  problem: string;
}

/**
 * A 4xx answer kept whole, so a form can put each named problem beside its field and show the rest (Meta's
 * code and message, a conflict) above the button. It is an ApiError, so the shared error text still reads it.
 */
export class Refusal extends ApiError {
  constructor(
    message: string,
    status: number,
    readonly problems: Problem[],
    readonly body: Record<string, unknown>,
  ) {
    super('http', message, status);
    this.name = 'Refusal';
  }
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

function problemsOf(body: Record<string, unknown>): Problem[] {
  const list = body.problems;
  if (!Array.isArray(list)) return [];
  // Objects from the validation pipe ({field, problem}); "path: problem" strings from reference checks.
  return list.flatMap((p): Problem[] => {
    if (isRecord(p) && typeof p.field === 'string' && typeof p.problem === 'string')
      return [{ field: p.field, problem: p.problem }];
    const split = typeof p === 'string' ? /^([\w.]+): (.+)$/s.exec(p) : null;
    return split ? [{ field: split[1], problem: split[2] }] : [];
  });
}

/** Runs a form's call (renewing the token once on 401); a 4xx other than 401 becomes a Refusal with its body. */
export async function submitted<O extends Outcome>(call: () => Promise<O>): Promise<BodyOf<O>> {
  let outcome = await call();
  if (outcome.response.status === 401 && (await refreshSession())) outcome = await call();
  const status = outcome.response.status;
  if (status >= 400 && status < 500 && status !== 401) {
    const body = isRecord(outcome.error) ? outcome.error : {};
    const message = typeof body.message === 'string' ? body.message : outcome.response.statusText;
    throw new Refusal(message, status, problemsOf(body), body);
  }
  return bodyOf(outcome);
}
