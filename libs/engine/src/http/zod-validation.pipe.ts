import { BadRequestException, PipeTransform } from '@nestjs/common';
import { ZodType } from 'zod';

/** Names from the request (unknown keys, record keys) are echoed at most this long. */
const MAX_ECHO = 60;
const shorten = (name: string) => (name.length > MAX_ECHO ? `${name.slice(0, MAX_ECHO)}…` : name);

/** Validates a body/query with a zod schema; 400 names each bad field and why. Unknown keys are refused. */
export class ZodValidationPipe<T> implements PipeTransform<unknown, T> {
  constructor(private readonly schema: ZodType<T>) {}

  transform(value: unknown): T {
    const result = this.schema.safeParse(value);
    if (result.success) return result.data;
    const problems = result.error.issues.map((i) => ({
      field: i.path.map((p) => shorten(String(p))).join('.') || '(body)',
      problem:
        i.code === 'unrecognized_keys'
          ? `unknown field(s): ${i.keys.slice(0, 20).map(shorten).join(', ')}`
          : i.message,
    }));
    throw new BadRequestException({
      statusCode: 400,
      error: 'Bad Request',
      message: problems.map((p) => `${p.field}: ${p.problem}`).join('; '),
      problems,
    });
  }
}
