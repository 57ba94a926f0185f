import { Body, Controller, Get, Param, ParseUUIDPipe, Patch, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { BoardQuery, boardQuery, BoardView, PipelineView } from '@switchboard/contracts';
import { requestBodySchema, ZodValidationPipe } from '@switchboard/engine';
import { RequirePermission } from '@switchboard/identity';
import { z } from 'zod';
import { BoardDto } from '../cards/card-responses.dto';
import { CardQueryService } from '../cards/card-query.service';
import { ApiQueryOf } from './api-query-of';
import { PipelineAdminService } from './pipeline-admin.service';
import {
  adjustFieldRequest,
  AdjustFieldRequest,
  adjustStageRequest,
  AdjustStageRequest,
} from './pipeline-adjustment.request';
import { PipelineDto } from './pipeline-responses.dto';

const listPipelinesQuery = z.strictObject({ departmentId: z.uuid().optional() });

@ApiTags('pipelines')
@ApiBearerAuth()
@Controller('api/pipelines')
export class PipelinesController {
  constructor(
    private readonly query: CardQueryService,
    private readonly admin: PipelineAdminService,
  ) {}

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

  @Patch(':id/stages/:stageKey')
  @RequirePermission('departments.manage')
  @ApiOperation({
    summary:
      "Adjust a stage over its plugin's values (name, color, wipLimit: null = no limit, requiredFields: keys of the pipeline's current fields); reset: attributes back to the plugin's. Unknown stage: 404",
  })
  @ApiBody({ schema: requestBodySchema(adjustStageRequest) })
  @ApiOkResponse({ type: PipelineDto })
  adjustStage(
    @Param('id', ParseUUIDPipe) id: string,
    @Param('stageKey') stageKey: string,
    @Body(new ZodValidationPipe(adjustStageRequest)) body: AdjustStageRequest,
  ): Promise<PipelineView> {
    return this.admin.adjustStage(id, stageKey, body);
  }

  @Patch(':id/fields/:fieldKey')
  @RequirePermission('departments.manage')
  @ApiOperation({
    summary:
      "Set a field's label over its plugin's, or reset: [\"label\"] back to the plugin's. Unknown field: 404",
  })
  @ApiBody({ schema: requestBodySchema(adjustFieldRequest) })
  @ApiOkResponse({ type: PipelineDto })
  adjustField(
    @Param('id', ParseUUIDPipe) id: string,
    @Param('fieldKey') fieldKey: string,
    @Body(new ZodValidationPipe(adjustFieldRequest)) body: AdjustFieldRequest,
  ): Promise<PipelineView> {
    return this.admin.adjustField(id, fieldKey, body);
  }
}
