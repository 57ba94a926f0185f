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
  createRoutingRuleRequest,
  CreateRoutingRuleRequest,
  orderRoutingRulesRequest,
  OrderRoutingRulesRequest,
  RoutingRuleView,
  RoutingTestView,
  testRoutingRulesRequest,
  TestRoutingRulesRequest,
  updateRoutingRuleRequest,
  UpdateRoutingRuleRequest,
} from '@switchboard/contracts';
import { requestBodySchema } from '@switchboard/engine';
import { RequirePermission } from '@switchboard/identity';
import { RoutingRulesService } from './routing-rules.service';
import { UnprocessableZodPipe } from './unprocessable-zod.pipe';
import { RoutingRuleDto } from './routing-rule-responses.dto';

/** A department's routing rules: its plugin's and its admins', in the order they run. */
@ApiTags('routing')
@ApiBearerAuth()
@Controller('api')
export class RoutingRulesController {
  constructor(private readonly rules: RoutingRulesService) {}

  @Get('departments/:id/routing-rules')
  @RequirePermission('conversations.read')
  @ApiOperation({ summary: "The department's routing rules in the order they run (plugin rules included)" })
  @ApiOkResponse({ type: [RoutingRuleDto] })
  list(@Param('id', ParseUUIDPipe) id: string): Promise<RoutingRuleView[]> {
    return this.rules.list(id);
  }

  @Post('departments/:id/routing-rules')
  @RequirePermission('routing.manage')
  @ApiOperation({
    summary: 'Add a rule after the last one; 422 names an unknown field, a bad pattern or reference',
  })
  @ApiBody({ schema: requestBodySchema(createRoutingRuleRequest) })
  @ApiCreatedResponse({ type: RoutingRuleDto })
  create(
    @Param('id', ParseUUIDPipe) id: string,
    @Body(new UnprocessableZodPipe(createRoutingRuleRequest)) body: CreateRoutingRuleRequest,
  ): Promise<RoutingRuleView> {
    return this.rules.create(id, body);
  }

  @Put('departments/:id/routing-rules/order')
  @RequirePermission('routing.manage')
  @ApiOperation({ summary: 'Reorder the rules: every rule id of the department, in the new order' })
  @ApiBody({ schema: requestBodySchema(orderRoutingRulesRequest) })
  @ApiOkResponse({ type: [RoutingRuleDto] })
  order(
    @Param('id', ParseUUIDPipe) id: string,
    @Body(new UnprocessableZodPipe(orderRoutingRulesRequest)) body: OrderRoutingRulesRequest,
  ): Promise<RoutingRuleView[]> {
    return this.rules.order(id, body.ids);
  }

  @Post('departments/:id/routing-rules/test')
  @HttpCode(200)
  @RequirePermission('routing.manage')
  @ApiOperation({ summary: 'Dry run: which rules an opening message would match and what they would do' })
  @ApiBody({ schema: requestBodySchema(testRoutingRulesRequest) })
  test(
    @Param('id', ParseUUIDPipe) id: string,
    @Body(new UnprocessableZodPipe(testRoutingRulesRequest)) body: TestRoutingRulesRequest,
  ): Promise<RoutingTestView> {
    return this.rules.test(id, body);
  }

  @Put('routing-rules/:id')
  @RequirePermission('routing.manage')
  @ApiOperation({ summary: "Change a rule (a plugin's rule: enabled only)" })
  @ApiBody({ schema: requestBodySchema(updateRoutingRuleRequest) })
  @ApiOkResponse({ type: RoutingRuleDto })
  update(
    @Param('id', ParseUUIDPipe) id: string,
    @Body(new UnprocessableZodPipe(updateRoutingRuleRequest)) body: UpdateRoutingRuleRequest,
  ): Promise<RoutingRuleView> {
    return this.rules.update(id, body);
  }

  @Delete('routing-rules/:id')
  @HttpCode(204)
  @RequirePermission('routing.manage')
  @ApiOperation({ summary: "Delete an admin's rule (a plugin's rule can only be disabled)" })
  remove(@Param('id', ParseUUIDPipe) id: string): Promise<void> {
    return this.rules.remove(id);
  }
}
