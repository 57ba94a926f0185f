import { Controller, Get, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { BoardQuery, boardQuery, BoardView, PipelineView } from '@switchboard/contracts';
import { ZodValidationPipe } from '@switchboard/engine';
import { RequirePermission } from '@switchboard/identity';
import { z } from 'zod';
import { BoardDto } from '../cards/card-responses.dto';
import { CardQueryService } from '../cards/card-query.service';
import { ApiQueryOf } from './api-query-of';
import { PipelineDto } from './pipeline-responses.dto';

const listPipelinesQuery = z.strictObject({ departmentId: z.uuid().optional() });

@ApiTags('pipelines')
@ApiBearerAuth()
@Controller('api/pipelines')
export class PipelinesController {
  constructor(private readonly query: CardQueryService) {}

  @Get()
  @RequirePermission('conversations.read')
  @ApiOperation({ summary: 'Pipelines of the departments you can see, with stages (in order) and fields' })
  @ApiQueryOf(listPipelinesQuery)
  @ApiOkResponse({ type: [PipelineDto] })
  list(
    @Query(new ZodValidationPipe(listPipelinesQuery)) q: z.infer<typeof listPipelinesQuery>,
  ): Promise<PipelineView[]> {
    return this.query.listPipelines(q.departmentId);
  }

  @Get(':id')
  @RequirePermission('conversations.read')
  @ApiOperation({ summary: 'One pipeline with stages and fields' })
  @ApiOkResponse({ type: PipelineDto })
  get(@Param('id', ParseUUIDPipe) id: string): Promise<PipelineView> {
    return this.query.pipeline(id);
  }

  @Get(':id/board')
  @RequirePermission('conversations.read')
  @ApiOperation({
    summary:
      'The board: every stage with its card count and first cards; q searches; assignee, label, priority filter',
  })
  @ApiQueryOf(boardQuery)
  @ApiOkResponse({ type: BoardDto })
  board(
    @Param('id', ParseUUIDPipe) id: string,
    @Query(new ZodValidationPipe(boardQuery)) q: BoardQuery,
  ): Promise<BoardView> {
    return this.query.board(id, q);
  }
}
