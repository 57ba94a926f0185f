import { Body, Controller, HttpCode, Param, ParseUUIDPipe, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AssigneeView, setAssigneeRequest, SetAssigneeRequest } from '@switchboard/contracts';
import { requestBodySchema, ZodValidationPipe } from '@switchboard/engine';
import { RequirePermission } from '@switchboard/identity';
import { AssignmentService } from '../assign/assignment.service';

/** Taking a conversation from the queue, and a supervisor's manual assignment. */
@ApiTags('assignment')
@ApiBearerAuth()
@Controller('api/conversations/:id')
export class ConversationAssignmentController {
  constructor(private readonly assignment: AssignmentService) {}

  @Post('claim')
  @HttpCode(200)
  @RequirePermission('conversations.reply')
  @ApiOperation({
    summary: 'Claim a waiting conversation (409 already_owned naming the owner, 409 over_capacity)',
  })
  claim(@Param('id', ParseUUIDPipe) id: string): Promise<AssigneeView> {
    return this.assignment.claim(id);
  }

  @Put('assignee')
  @RequirePermission('conversations.assign')
  @ApiOperation({
    summary: 'Assign to an agent of the department, or null to return it to the queue',
  })
  @ApiBody({ schema: requestBodySchema(setAssigneeRequest) })
  setAssignee(
    @Param('id', ParseUUIDPipe) id: string,
    @Body(new ZodValidationPipe(setAssigneeRequest)) body: SetAssigneeRequest,
  ): Promise<AssigneeView> {
    return this.assignment.setAssignee(id, body.userId);
  }
}
