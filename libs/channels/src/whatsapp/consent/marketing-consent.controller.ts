import { Body, Controller, Get, Param, ParseUUIDPipe, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  MarketingConsentView,
  putMarketingConsentRequest,
  PutMarketingConsentRequest,
} from '@switchboard/contracts';
import { requestBodySchema, ZodValidationPipe } from '@switchboard/engine';
import { RequirePermission } from '@switchboard/identity';
import { ContactConsentService } from './contact-consent.service';

@ApiTags('contacts')
@ApiBearerAuth()
@Controller('api/contacts')
export class MarketingConsentController {
  constructor(private readonly consent: ContactConsentService) {}

  @Get(':id/marketing-consent')
  @RequirePermission('conversations.read')
  @ApiOperation({
    summary:
      "The contact's marketing consent toward its WABA (granted unless stopped) and every change: Meta's user_preferences stop/resume and consent recorded through the API",
  })
  get(@Param('id', ParseUUIDPipe) id: string): Promise<MarketingConsentView> {
    return this.consent.get(id);
  }

  @Put(':id/marketing-consent')
  @RequirePermission('conversations.reply')
  @ApiBody({
    schema: requestBodySchema(putMarketingConsentRequest),
  })
  @ApiOperation({
    summary:
      'Record consent collected elsewhere (granted or stopped, with a note); it applies now and is audited. A stop blocks MARKETING templates to the contact',
  })
  put(
    @Param('id', ParseUUIDPipe) id: string,
    @Body(new ZodValidationPipe(putMarketingConsentRequest)) body: PutMarketingConsentRequest,
  ): Promise<MarketingConsentView> {
    return this.consent.put(id, body);
  }
}
