import { BadRequestException, ConflictException, HttpException } from '@nestjs/common';

/**
 * A refusal about one field of the body, shaped like the validation pipe's (`problems` with the field's path), so a
 * form puts it beside that field; `code` tells clients which refusal it is without reading the words.
 */
export function fieldRefusal(status: 400 | 409, field: string, problem: string, code: string): HttpException {
  const body = {
    statusCode: status,
    error: status === 400 ? 'Bad Request' : 'Conflict',
    message: `${field}: ${problem}`,
    code,
    problems: [{ field, problem }],
  };
  return status === 400 ? new BadRequestException(body) : new ConflictException(body);
}
