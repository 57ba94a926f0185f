import { BadRequestException, PipeTransform, UnprocessableEntityException } from '@nestjs/common';
import { ZodValidationPipe } from '@switchboard/engine';
import { ZodType } from 'zod';

/** The engine's zod pipe, answering 422 (a rule that cannot be applied as written), naming each path. */
export class UnprocessableZodPipe<T> implements PipeTransform<unknown, T> {
  private readonly inner: ZodValidationPipe<T>;

  constructor(schema: ZodType<T>) {
    this.inner = new ZodValidationPipe(schema);
  }

  transform(value: unknown): T {
    try {
      return this.inner.transform(value);
    } catch (e) {
      if (!(e instanceof BadRequestException)) throw e;
      const body = e.getResponse() as Record<string, unknown>;
      throw new UnprocessableEntityException({ ...body, statusCode: 422, error: 'Unprocessable Entity' });
    }
  }
}
