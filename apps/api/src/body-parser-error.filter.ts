import { ArgumentsHost, Catch, HttpException } from '@nestjs/common';
import { BaseExceptionFilter, HttpAdapterHost } from '@nestjs/core';
import { Response } from 'express';

interface ParserError {
  type?: string;
  status?: number;
  message?: string;
}

const isParserError = (e: unknown): e is ParserError =>
  typeof e === 'object' &&
  e !== null &&
  typeof (e as ParserError).type === 'string' &&
  (e as ParserError).type!.startsWith('entity.');

/** Body-parser failures (oversize, malformed JSON) answered as JSON errors that name the problem. */
@Catch()
export class BodyParserErrorFilter extends BaseExceptionFilter {
  constructor(adapter: HttpAdapterHost['httpAdapter']) {
    super(adapter);
  }

  override catch(exception: unknown, host: ArgumentsHost): void {
    if (exception instanceof HttpException || !isParserError(exception)) return super.catch(exception, host);
    const res = host.switchToHttp().getResponse<Response>();
    const status = exception.status ?? 400;
    let message = exception.message ?? 'bad request body';
    if (exception.type === 'entity.too.large') {
      message = 'request body exceeds 1 MB';
    } else if (exception.type === 'entity.parse.failed') {
      message = `malformed JSON body: ${exception.message}`;
    }
    res
      .status(status)
      .json({ statusCode: status, error: status === 413 ? 'Payload Too Large' : 'Bad Request', message });
  }
}
