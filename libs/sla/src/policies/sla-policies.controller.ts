import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Post, Put } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import {
  createSlaPolicyRequest,
  CreateSlaPolicyRequest,
  orderSlaPoliciesRequest,
  OrderSlaPoliciesRequest,
  SlaPolicyView,
  updateSlaPolicyRequest,
  UpdateSlaPolicyRequest,
} from '@switchboard/contracts';
import { requestBodySchema } from '@switchboard/engine';
import { RequirePermission } from '@switchboard/identity';
import { UnprocessableZodPipe } from '@switchboard/routing';
import { SlaPoliciesService } from './sla-policies.service';
import { SlaPolicyDto } from './sla-policy-responses.dto';

/** A department's SLA policies: its plugin's and its admins', in the order they are tried. */
@ApiTags('sla')
@ApiBearerAuth()
@Controller('api')
export class SlaPoliciesController {
  constructor(private readonly policies: SlaPoliciesService) {}

  @Get('departments/:id/sla-policies')
  @RequirePermission('routing.manage')
  @ApiOperation({
    summary: "The department's SLA policies in the order they are tried (plugin policies included)",
  })
  @ApiOkResponse({ type: [SlaPolicyDto] })
  list(@Param('id', ParseUUIDPipe) id: string): Promise<SlaPolicyView[]> {
    return this.policies.list(id);
  }

  @Post('departments/:id/sla-policies')
  @RequirePermission('routing.manage')
  @ApiOperation({
    summary:
      'Add a policy after the last one; 422 names the field: a warning not before its deadline, no target, an unknown number, stage or escalation user',
  })
  @ApiBody({ schema: requestBodySchema(createSlaPolicyRequest) })
  @ApiCreatedResponse({ type: SlaPolicyDto })
  create(
    @Param('id', ParseUUIDPipe) id: string,
    @Body(new UnprocessableZodPipe(createSlaPolicyRequest)) body: CreateSlaPolicyRequest,
  ): Promise<SlaPolicyView> {
    return this.policies.create(id, body);
  }

  @Put('departments/:id/sla-policies/order')
  @RequirePermission('routing.manage')
  @ApiOperation({
    summary: 'Reorder the policies: these ids first, in this order; the others follow as they were',
  })
  @ApiBody({ schema: requestBodySchema(orderSlaPoliciesRequest) })
  @ApiOkResponse({ type: [SlaPolicyDto] })
  order(
    @Param('id', ParseUUIDPipe) id: string,
    @Body(new UnprocessableZodPipe(orderSlaPoliciesRequest)) body: OrderSlaPoliciesRequest,
  ): Promise<SlaPolicyView[]> {
    return this.policies.order(id, body.ids);
  }

  @Get('sla-policies/:id')
  @RequirePermission('routing.manage')
  @ApiOperation({ summary: 'One SLA policy' })
  @ApiOkResponse({ type: SlaPolicyDto })
  get(@Param('id', ParseUUIDPipe) id: string): Promise<SlaPolicyView> {
    return this.policies.get(id);
  }

  @Put('sla-policies/:id')
  @RequirePermission('routing.manage')
  @ApiOperation({
    summary: "Change a policy: the fields given replace the stored ones (a plugin's policy: enabled only)",
  })
  @ApiBody({ schema: requestBodySchema(updateSlaPolicyRequest) })
  @ApiOkResponse({ type: SlaPolicyDto })
  update(
    @Param('id', ParseUUIDPipe) id: string,
    @Body(new UnprocessableZodPipe(updateSlaPolicyRequest)) body: UpdateSlaPolicyRequest,
  ): Promise<SlaPolicyView> {
    return this.policies.update(id, body);
  }

  @Delete('sla-policies/:id')
  @HttpCode(204)
  @RequirePermission('routing.manage')
  @ApiOperation({ summary: "Delete an admin's policy (a plugin's policy can only be disabled)" })
  remove(@Param('id', ParseUUIDPipe) id: string): Promise<void> {
    return this.policies.remove(id);
  }
}
