import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Patch,
  Post,
  Query,
} from '@nestjs/common';
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
  NumberAdminService,
  NumberArchiveService,
  NumberCredentialsService,
  NumberDeleteService,
  NumberHistory,
  NumberMoveService,
  NumberSwitchService,
  TemplateCreateService,
  TemplateQueryService,
  TemplateSyncService,
} from '@switchboard/channels';
import {
  createTemplateRequest,
  CreateTemplateRequest,
  listNumbersQuery,
  listTemplatesQuery,
  ListTemplatesQuery,
  ListNumbersQuery,
  moveNumberRequest,
  MoveNumberRequest,
  NumberEventView,
  NumberView,
  Page,
  registerNumberRequest,
  RegisterNumberRequest,
  rotateCredentialsRequest,
  RotateCredentialsRequest,
  TEMPLATE_STATUSES,
  TemplateSyncView,
  TemplateView,
} from '@switchboard/contracts';
import { requestBodySchema, ZodValidationPipe } from '@switchboard/engine';
import { RequirePermission } from '@switchboard/identity';
import { DepartmentAdminService } from '@switchboard/pipelines';
import {
  NumberDto,
  NumberPageDto,
  TemplateDto,
  TemplateListDto,
  TemplateSyncDto,
} from './number-responses.dto';

/** WhatsApp numbers: channels owns them, pipelines the departments they are bound to; composed here. */
@ApiTags('numbers')
@ApiBearerAuth()
@Controller('api/numbers')
export class NumbersController {
  constructor(
    private readonly numbers: NumberAdminService,
    private readonly departments: DepartmentAdminService,
    private readonly credentials: NumberCredentialsService,
    private readonly history: NumberHistory,
    private readonly mover: NumberMoveService,
    private readonly switches: NumberSwitchService,
    private readonly archives: NumberArchiveService,
    private readonly deletions: NumberDeleteService,
    private readonly templateSync: TemplateSyncService,
    private readonly templates: TemplateQueryService,
    private readonly templateCreate: TemplateCreateService,
  ) {}

  @Get()
  @RequirePermission('numbers.manage')
  @ApiOperation({
    summary: 'WhatsApp numbers you can see (members-only departments only where you are a member)',
  })
  @ApiOkResponse({ type: NumberPageDto })
  list(@Query(new ZodValidationPipe(listNumbersQuery)) q: ListNumbersQuery): Promise<Page<NumberView>> {
    return this.numbers.list(q);
  }

  @Get(':id')
  @RequirePermission('numbers.manage')
  @ApiOperation({
    summary: 'One WhatsApp number with what Graph last reported and its latest connection test',
  })
  @ApiOkResponse({ type: NumberDto })
  get(@Param('id', ParseUUIDPipe) id: string): Promise<NumberView> {
    return this.numbers.get(id);
  }

  @Post()
  @RequirePermission('numbers.manage')
  @ApiOperation({
    summary:
      'Register a number (secrets are write-only); refused with 422 and each failing check when the connection test fails',
  })
  @ApiBody({ schema: requestBodySchema(registerNumberRequest) })
  @ApiCreatedResponse({ type: NumberDto })
  register(
    @Body(new ZodValidationPipe(registerNumberRequest)) body: RegisterNumberRequest,
  ): Promise<NumberView> {
    return this.numbers.register(body, (tx, departmentId) => this.departments.lockOpen(tx, departmentId));
  }

  @Post(':id/connection-test')
  @HttpCode(200)
  @RequirePermission('numbers.manage')
  @ApiOperation({
    summary: "Run the connection test now and keep its results (each check with Meta's error)",
  })
  @ApiOkResponse({ type: NumberDto })
  testConnection(@Param('id', ParseUUIDPipe) id: string): Promise<NumberView> {
    return this.numbers.testConnection(id);
  }

  @Patch(':id/credentials')
  @RequirePermission('numbers.manage')
  @ApiOperation({
    summary:
      'Rotate the access token (checked against Graph first; a number Meta refused becomes active) or the app secret (the previous one is still accepted for whatsapp.appSecretOverlapMinutes)',
  })
  @ApiBody({ schema: requestBodySchema(rotateCredentialsRequest) })
  @ApiOkResponse({ type: NumberDto })
  rotate(
    @Param('id', ParseUUIDPipe) id: string,
    @Body(new ZodValidationPipe(rotateCredentialsRequest)) body: RotateCredentialsRequest,
  ): Promise<NumberView> {
    return this.credentials.rotate(id, body);
  }

  @Get(':id/events')
  @RequirePermission('numbers.manage')
  @ApiOperation({ summary: "The number's history (token refused by Meta, rotations), oldest first" })
  async events(@Param('id', ParseUUIDPipe) id: string): Promise<{ items: NumberEventView[] }> {
    await this.numbers.get(id);
    return { items: await this.history.of(id) };
  }

  @Post(':id/move')
  @HttpCode(200)
  @RequirePermission('numbers.manage')
  @ApiOperation({
    summary:
      'Bind the number to another department: new conversations open there, open ones stay until closed; refused (409) while it runs a department plugin',
  })
  @ApiBody({ schema: requestBodySchema(moveNumberRequest) })
  move(
    @Param('id', ParseUUIDPipe) id: string,
    @Body(new ZodValidationPipe(moveNumberRequest)) body: MoveNumberRequest,
  ): Promise<NumberView> {
    return this.mover.move(id, body, (tx, departmentId) => this.departments.lockOpen(tx, departmentId));
  }

  @Post(':id/disable')
  @HttpCode(200)
  @RequirePermission('numbers.manage')
  @ApiOperation({
    summary:
      "Disable the number: Meta's deliveries are still stored and acknowledged but held (status held), replies refused",
  })
  disable(@Param('id', ParseUUIDPipe) id: string): Promise<NumberView> {
    return this.switches.disable(id);
  }

  @Post(':id/enable')
  @HttpCode(200)
  @RequirePermission('numbers.manage')
  @ApiOperation({ summary: 'Enable the number again; its held deliveries are processed' })
  enable(@Param('id', ParseUUIDPipe) id: string): Promise<NumberView> {
    return this.switches.enable(id);
  }

  @Post(':id/archive')
  @HttpCode(200)
  @RequirePermission('numbers.manage')
  @ApiOperation({
    summary:
      'Archive the number: history and conversations are kept, it leaves the list (?archived=true lists it), replies are refused, deliveries are stored, acknowledged and held, and its phone_number_id cannot be registered again',
  })
  archive(@Param('id', ParseUUIDPipe) id: string): Promise<NumberView> {
    return this.archives.archive(id);
  }

  @Post(':id/unarchive')
  @HttpCode(200)
  @RequirePermission('numbers.manage')
  @ApiOperation({
    summary: 'Unarchive the number; its held deliveries are processed (unless it is also disabled)',
  })
  unarchive(@Param('id', ParseUUIDPipe) id: string): Promise<NumberView> {
    return this.archives.unarchive(id);
  }

  @Delete(':id')
  @HttpCode(204)
  @RequirePermission('numbers.manage')
  @ApiOperation({
    summary:
      'Delete a number that was never used, with its sealed secrets; 409 when it has conversations (archive it instead) or held deliveries',
  })
  remove(@Param('id', ParseUUIDPipe) id: string): Promise<void> {
    return this.deletions.delete(id);
  }

  @Post(':id/templates/sync')
  @HttpCode(200)
  @RequirePermission('numbers.manage')
  @ApiOperation({
    summary:
      "Copy the WABA's message templates from Meta (every page) with this number's token; templates Meta no longer lists are marked deleted. 502 with Meta's code when Meta refuses (nothing stored changes)",
  })
  @ApiOkResponse({ type: TemplateSyncDto })
  syncTemplates(@Param('id', ParseUUIDPipe) id: string): Promise<TemplateSyncView> {
    return this.templateSync.syncNumber(id);
  }

  @Post(':id/templates')
  @RequirePermission('numbers.manage')
  @ApiOperation({
    summary:
      "Create a template in the number's WABA through Meta (components in Meta's shape); stored as Meta answered (usually PENDING, reviewed later by webhook). Meta's refusal: 422 with its code and subcode, nothing stored; Meta unreachable: 502",
  })
  @ApiBody({ schema: requestBodySchema(createTemplateRequest) })
  @ApiCreatedResponse({ type: TemplateDto })
  createTemplate(
    @Param('id', ParseUUIDPipe) id: string,
    @Body(new ZodValidationPipe(createTemplateRequest)) body: CreateTemplateRequest,
  ): Promise<TemplateView> {
    return this.templateCreate.create(id, body);
  }

  @Get(':id/templates')
  @RequirePermission('conversations.read')
  @ApiOperation({
    summary:
      "The number's WABA templates as last synced (filters status, name) and the latest sync with its error",
  })
  @ApiQuery({ name: 'status', required: false, schema: { type: 'string', enum: [...TEMPLATE_STATUSES] } })
  @ApiQuery({ name: 'name', required: false, schema: { type: 'string', maxLength: 512 } })
  @ApiOkResponse({ type: TemplateListDto })
  listTemplates(
    @Param('id', ParseUUIDPipe) id: string,
    @Query(new ZodValidationPipe(listTemplatesQuery)) q: ListTemplatesQuery,
  ): Promise<{ items: TemplateView[]; sync: Omit<TemplateSyncView, 'listed' | 'markedDeleted'> | null }> {
    return this.templates.list(id, q);
  }
}
