import { BadRequestException, UnprocessableEntityException } from '@nestjs/common';
import { ZodValidationPipe } from '@switchboard/engine';

/**
 * The engine's zod pipe, answering 422 (a rule that cannot be applied as written), naming each path.
 * It extends the engine's pipe, so whatever reads a route's schema from its pipe (the authorization walk) finds it.
 */
export class UnprocessableZodPipe<T> extends ZodValidationPipe<T> {
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
