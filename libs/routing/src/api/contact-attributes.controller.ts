import { Body, Controller, Get, Param, ParseUUIDPipe, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  ContactAttributesView,
  setContactAttributesRequest,
  SetContactAttributesRequest,
} from '@switchboard/contracts';
import { ContactAttributesService } from '@switchboard/conversations';
import { requestBodySchema } from '@switchboard/engine';
import { RequirePermission } from '@switchboard/identity';
import { UnprocessableZodPipe } from './unprocessable-zod.pipe';

/** A contact's custom attributes, which routing rules test (contact.attributes). */
@ApiTags('contacts')
@ApiBearerAuth()
@Controller('api/contacts/:id/attributes')
export class ContactAttributesController {
  constructor(private readonly attributes: ContactAttributesService) {}

  @Get()
  @RequirePermission('conversations.read')
  @ApiOperation({ summary: "A contact's custom attributes" })
  get(@Param('id', ParseUUIDPipe) id: string): Promise<ContactAttributesView> {
    return this.attributes.get(id);
  }

  @Put()
  @RequirePermission('conversations.reply')
  @ApiOperation({
    summary: "Replace a contact's custom attributes (≤ 50 keys, string/number/boolean values)",
  })
  @ApiBody({ schema: requestBodySchema(setContactAttributesRequest) })
  set(
    @Param('id', ParseUUIDPipe) id: string,
    @Body(new UnprocessableZodPipe(setContactAttributesRequest)) body: SetContactAttributesRequest,
  ): Promise<ContactAttributesView> {
    return this.attributes.set(id, body.attributes);
  }
}
