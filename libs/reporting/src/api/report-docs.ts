import { applyDecorators } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProduces, ApiQuery, ApiTags } from '@nestjs/swagger';
import { REPORT_MAX_RANGE_DAYS } from '@switchboard/contracts';

/**
 * A report route's OpenAPI description: its summary, its JSON answer, the range query, the groupings when it groups,
 * and more to say.
 */
export function ReportDocs(
  summary: string,
  answer: new () => object,
  groupBy?: readonly string[],
  more?: string,
): MethodDecorator {
  const decorators = [
    ApiTags('reports'),
    ApiBearerAuth(),
    ApiOperation({
      summary,
      description:
        `Scoped to the departments where the caller reads conversations (departmentId narrows it; another ` +
        `department's id yields nothing). 422 names the field for a missing, unparseable or reversed range, or one ` +
        `longer than ${REPORT_MAX_RANGE_DAYS} days. CSV with Accept: text/csv or format=csv.` +
        (more ? ` ${more}` : ''),
    }),
    ApiProduces('application/json', 'text/csv'),
    ApiOkResponse({ type: answer, description: 'JSON as here; CSV has the same figures, one row per line' }),
    ApiQuery({ name: 'from', required: true, description: 'ISO 8601 date-time, inclusive' }),
    ApiQuery({ name: 'to', required: true, description: 'ISO 8601 date-time, exclusive' }),
    ApiQuery({ name: 'departmentId', required: false, format: 'uuid' }),
    ApiQuery({ name: 'format', required: false, enum: ['json', 'csv'] }),
  ];
  if (groupBy) decorators.push(ApiQuery({ name: 'groupBy', required: false, enum: [...groupBy] }));
  return applyDecorators(...decorators);
}
