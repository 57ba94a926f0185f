import { BadRequestException, UnprocessableEntityException } from '@nestjs/common';
import { ZodValidationPipe } from '@switchboard/engine';

/**
 * The engine's zod pipe answering 422 naming each field (a missing, unparseable, reversed or unbounded range). It
 * extends the engine's pipe, so the authorization walk finds the route's schema.
 */
export class UnprocessableQueryPipe<T> extends ZodValidationPipe<T> {
  override transform(value: unknown): T {
    try {
      return super.transform(value);
    } catch (e) {
      if (!(e instanceof BadRequestException)) throw e;
      const body = e.getResponse() as Record<string, unknown>;
      throw new UnprocessableEntityException({ ...body, statusCode: 422, error: 'Unprocessable Entity' });
    }
  }
}
