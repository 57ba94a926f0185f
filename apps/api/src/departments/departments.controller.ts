import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiQuery,
  ApiTags,
} from '@nestjs/swagger';
import {
  createDepartmentRequest,
  CreateDepartmentRequest,
  DepartmentView,
  listDepartmentsQuery,
  ListDepartmentsQuery,
  Page,
  updateDepartmentRequest,
  UpdateDepartmentRequest,
} from '@switchboard/contracts';
import { requestBodySchema, ZodValidationPipe } from '@switchboard/engine';
import { RequirePermission } from '@switchboard/identity';
import { DepartmentAdminService } from '@switchboard/pipelines';
import { DepartmentDto, DepartmentPageDto } from './department-responses.dto';
import { DepartmentViews } from './department-views.service';

@ApiTags('departments')
@ApiBearerAuth()
@Controller('api/departments')
export class DepartmentsController {
  constructor(
    private readonly departments: DepartmentAdminService,
    private readonly views: DepartmentViews,
  ) {}

  @Get()
  @RequirePermission('departments.manage')
  @ApiOperation({
    summary:
      'Departments you can see (members-only ones only where you are a member), with numbers and plugin',
  })
  @ApiQuery({ name: 'limit', required: false, schema: { type: 'integer', minimum: 1, maximum: 200 } })
  @ApiQuery({ name: 'cursor', required: false, schema: { type: 'string' } })
  @ApiOkResponse({ type: DepartmentPageDto })
  async list(
    @Query(new ZodValidationPipe(listDepartmentsQuery)) q: ListDepartmentsQuery,
  ): Promise<Page<DepartmentView>> {
    const page = await this.departments.list(q);
    return { items: await this.views.of(page.items), nextCursor: page.nextCursor };
  }

  @Get(':id')
  @RequirePermission('departments.manage')
  @ApiOperation({ summary: 'One department with its numbers and plugin' })
  @ApiOkResponse({ type: DepartmentDto })
  async get(@Param('id', ParseUUIDPipe) id: string): Promise<DepartmentView> {
    return (await this.views.of([await this.departments.get(id)]))[0];
  }

  @Post()
  @RequirePermission('departments.manage')
  @ApiOperation({ summary: 'Create a department (key: a unique lowercase slug) with its default pipeline' })
  @ApiBody({ schema: requestBodySchema(createDepartmentRequest) })
  @ApiCreatedResponse({ type: DepartmentDto })
  async create(
    @Body(new ZodValidationPipe(createDepartmentRequest)) body: CreateDepartmentRequest,
  ): Promise<DepartmentView> {
    return (await this.views.of([await this.departments.create(body)]))[0];
  }

  @Patch(':id')
  @RequirePermission('departments.manage')
  @ApiOperation({
    summary:
      "Rename, set the members-only flag (it then stands over the department plugin's), or set business hours (null: the plugin's, else Mon–Fri 09–18 UTC)",
  })
  @ApiBody({ schema: requestBodySchema(updateDepartmentRequest) })
  @ApiOkResponse({ type: DepartmentDto })
  async update(
    @Param('id', ParseUUIDPipe) id: string,
    @Body(new ZodValidationPipe(updateDepartmentRequest)) body: UpdateDepartmentRequest,
  ): Promise<DepartmentView> {
    return (await this.views.of([await this.departments.update(id, body)]))[0];
  }

  @Post(':id/archive')
  @HttpCode(200)
  @RequirePermission('departments.manage')
  @ApiOperation({ summary: 'Archive a department; refused (409) while WhatsApp numbers are bound to it' })
  @ApiOkResponse({ type: DepartmentDto })
  async archive(@Param('id', ParseUUIDPipe) id: string): Promise<DepartmentView> {
    return (await this.views.of([await this.departments.archive(id, this.views.boundNumbers)]))[0];
  }
}
